// File: bench/eval/ranking_metrics.h
//
// Scores ranked retrieval runs against relevance judgments the way trec_eval
// (and pytrec_eval, which BEIR uses) computes them, so that syndex's numbers
// on SciFact, CISI and NPL can be compared with published ones.
//
// Inputs:
//   - qrels, in BEIR TSV form (a header line "query-id<TAB>corpus-id<TAB>score",
//     then one judgment a line) or TREC form ("qid 0 docid rel"). A grade > 0
//     is relevant (higher is more relevant); a grade <= 0 is judged not
//     relevant.
//   - a TREC run ("qid Q0 docid rank score tag"). As in trec_eval, the rank
//     column is ignored: each query's documents are ordered by score,
//     highest first, and equal scores by document id in descending byte
//     order (strcmp), so "d9" comes before "d10" and "b" before "a".
//
// Metrics per query (trec_eval's names in brackets):
//   - nDCG@10 [ndcg_cut_10]: DCG = sum of grade / log2(rank + 1) over the
//     first 10 ranks, divided by the DCG of the ideal ranking, which lists
//     every relevant document of the query's judgments by grade, highest
//     first (cut at 10 as well).
//   - AP [map]: the sum of the precision at the rank of each relevant document
//     retrieved (anywhere in the run), divided by the number of relevant
//     documents.
//   - Recall@100 [recall_100]: relevant documents in the first 100 ranks,
//     divided by the number of relevant documents.
//   - MRR@10 (BEIR's MRR@10): 1 / the rank of the first relevant document if
//     it is within the first 10 ranks, else 0.
//   - P@10 [P_10]: relevant documents in the first 10 ranks, divided by 10
//     (also when fewer than 10 documents were retrieved).
//
// Means are taken over the judged queries: those with at least one relevant
// document in the qrels. A judged query that the run does not answer scores
// 0 on every metric (trec_eval -c; BEIR's retrievers answer every query, so
// it agrees). Run queries without a relevant judgment are ignored.
//
// Example:
//   ASSIGN_OR_RETURN(Qrels qrels, ReadQrels("scifact/qrels/test.tsv"));
//   ASSIGN_OR_RETURN(Rankings run, ReadRun("run.trec"));
//   Evaluation e = Evaluate(qrels, run);
//   std::printf("nDCG@10 %.4f over %zu queries\n", e.mean.ndcg_at_10, e.per_query.size());
#ifndef SYNDEX_BENCH_EVAL_RANKING_METRICS_H_
#define SYNDEX_BENCH_EVAL_RANKING_METRICS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace syndex::eval {

// The grades of one query's judged documents: doc id -> grade.
using Grades = std::map<std::string, int>;

// Relevance judgments: query id -> its judged documents.
using Qrels = std::map<std::string, Grades>;

// A run: query id -> doc ids, best first (ordered as described above).
// (Not named Run, which GoogleTest's Test::Run would hide inside tests.)
using Rankings = std::map<std::string, std::vector<std::string>>;

// The cut-offs of the metrics.
inline constexpr size_t kNdcgDepth = 10;
inline constexpr size_t kRecallDepth = 100;
inline constexpr size_t kReciprocalRankDepth = 10;
inline constexpr size_t kPrecisionDepth = 10;

// ParseQrels()
//
// Parses qrels from `text`; `name` (a path) only labels errors. The form is
// BEIR TSV if the first line is the header "query-id<TAB>corpus-id<TAB>score"
// (each later line then has three tab-separated fields), TREC otherwise (four
// whitespace-separated fields, the second ignored). Grades are integers. Blank
// lines are skipped and a trailing '\r' is ignored. Returns InvalidArgument
// naming `name` and the line for a malformed line, a grade that is not an
// integer, or a document judged twice for one query.
[[nodiscard]] absl::StatusOr<Qrels> ParseQrels(std::string_view text, std::string_view name);

// ReadQrels()
//
// ParseQrels() on the contents of the file at `path`. A file that cannot be
// read is NotFound, PermissionDenied or Unavailable, naming the path.
[[nodiscard]] absl::StatusOr<Qrels> ReadQrels(const std::string& path);

// ParseRun()
//
// Parses a TREC run from `text` (six whitespace-separated fields a line;
// `name` labels errors) and orders each query's documents by score, highest
// first, equal scores by doc id descending. Blank lines are skipped. Returns
// InvalidArgument naming `name` and the line for a malformed line, a score
// that is not a finite number, or a document listed twice for one query.
[[nodiscard]] absl::StatusOr<Rankings> ParseRun(std::string_view text, std::string_view name);

// ReadRun()
//
// ParseRun() on the contents of the file at `path`; I/O errors as ReadQrels().
[[nodiscard]] absl::StatusOr<Rankings> ReadRun(const std::string& path);

// The scores of one query, or their means over queries. Each is in [0, 1].
struct Scores {
  double ndcg_at_10 = 0;
  double average_precision = 0;
  double recall_at_100 = 0;
  double reciprocal_rank_at_10 = 0;
  double precision_at_10 = 0;
};

// One judged query's scores and the counts behind them.
struct QueryMetrics {
  Scores scores;
  size_t relevant = 0;            // documents judged relevant (grade > 0)
  size_t retrieved = 0;           // documents in the run; 0 if the run lacks the query
  size_t relevant_retrieved = 0;  // relevant documents anywhere in the run
};

// ScoreQuery()
//
// Scores `ranking` (doc ids, best first, no duplicates) against `grades`.
// Documents without a judgment are not relevant. All scores are 0 when no
// document of `grades` is relevant.
QueryMetrics ScoreQuery(const Grades& grades, const std::vector<std::string>& ranking);

// The result of scoring a run.
struct Evaluation {
  // Every judged query (at least one relevant document), by query id.
  std::map<std::string, QueryMetrics> per_query;
  // The mean of each score over per_query; all 0 if per_query is empty.
  Scores mean;
  // Judged queries that the run does not answer (scored 0, in per_query).
  size_t missing_from_run = 0;
  // Run queries without a relevant judgment (not in per_query or the means).
  size_t ignored_run_queries = 0;
};

// Evaluate()
//
// Scores every judged query of `qrels` on `run` and averages.
Evaluation Evaluate(const Qrels& qrels, const Rankings& run);

}  // namespace syndex::eval

#endif  // SYNDEX_BENCH_EVAL_RANKING_METRICS_H_
