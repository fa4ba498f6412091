// The `syndex_eval` program: scores a TREC run against relevance judgments as
// trec_eval does (bench/eval/ranking_metrics.h).
//
//   syndex_eval QRELS RUN [--per-query] [--json]
//
// Exit status: 0 on success, 1 on an unreadable or malformed file or when no
// query has a relevant judgment, 2 on bad usage.
#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "bench/eval/ranking_metrics.h"
#include "common/command_line.h"
#include "common/json_string.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::eval {
namespace {

constexpr char kUsage[] =
    "usage: syndex_eval QRELS RUN [--per-query] [--json]\n"
    "Scores RUN, a TREC run (qid Q0 docid rank score tag), against QRELS, BEIR qrels\n"
    "(TSV with the header query-id<TAB>corpus-id<TAB>score) or TREC qrels (qid 0 docid\n"
    "rel), as trec_eval does: nDCG@10, MAP, Recall@100, MRR@10 and P@10, averaged over\n"
    "the queries with a relevant document (grade > 0). Each query's documents are\n"
    "ranked by score, equal scores by doc id descending; the rank column is ignored.\n"
    "A judged query missing from RUN scores 0; RUN's unjudged queries are ignored.\n"
    "  --per-query  also print each query's scores\n"
    "  --json       print one JSON object instead of a table\n";

// A printed row: a query, or the totals and means of all of them.
struct Row {
  std::string label;
  size_t relevant = 0, retrieved = 0, relevant_retrieved = 0;
  Scores scores;
};

Row QueryRow(const std::string& query, const QueryMetrics& m) {
  return {query, m.relevant, m.retrieved, m.relevant_retrieved, m.scores};
}

Row MeanRow(const Evaluation& e) {
  Row row;
  row.label = "all";
  for (const auto& [query, m] : e.per_query) {
    row.relevant += m.relevant;
    row.retrieved += m.retrieved;
    row.relevant_retrieved += m.relevant_retrieved;
  }
  row.scores = e.mean;
  return row;
}

std::vector<Row> RowsOf(const Evaluation& e, bool per_query) {
  std::vector<Row> rows;
  if (per_query) {
    for (const auto& [query, m] : e.per_query) rows.push_back(QueryRow(query, m));
  }
  rows.push_back(MeanRow(e));
  return rows;
}

std::string QueriesLine(const Evaluation& e) {
  return absl::StrFormat(
      "queries: %d judged (%d missing from the run, scored 0), %d unjudged in "
      "the run (ignored)\n",
      e.per_query.size(), e.missing_from_run, e.ignored_run_queries);
}

std::string FormatTable(const Evaluation& e, bool per_query) {
  const std::vector<Row> rows = RowsOf(e, per_query);
  int width = 5;
  for (const Row& row : rows) width = std::max(width, static_cast<int>(row.label.size()));
  std::string out = QueriesLine(e);
  out += absl::StrFormat("%-*s %9s %9s %8s %8s %8s %11s %8s %8s\n", width, "query", "relevant",
                         "retrieved", "rel_ret", "nDCG@10", "MAP", "Recall@100", "MRR@10", "P@10");
  for (const Row& r : rows) {
    const Scores& s = r.scores;
    out += absl::StrFormat("%-*s %9d %9d %8d %8.4f %8.4f %11.4f %8.4f %8.4f\n", width, r.label,
                           r.relevant, r.retrieved, r.relevant_retrieved, s.ndcg_at_10,
                           s.average_precision, s.recall_at_100, s.reciprocal_rank_at_10,
                           s.precision_at_10);
  }
  return out;
}

// The scores as JSON members: "ndcg@10": 0.5, "map": ...
std::string JsonScores(const Scores& s) {
  return absl::StrFormat(
      "\"ndcg@10\": %.10g, \"map\": %.10g, \"recall@100\": %.10g, \"mrr@10\": %.10g, "
      "\"p@10\": %.10g",
      s.ndcg_at_10, s.average_precision, s.recall_at_100, s.reciprocal_rank_at_10,
      s.precision_at_10);
}

std::string JsonQuery(const std::string& query, const QueryMetrics& m) {
  std::string out = "{\"query\": ";
  AppendJsonString(query, &out);
  out += absl::StrFormat(", \"relevant\": %d, \"retrieved\": %d, \"relevant_retrieved\": %d, ",
                         m.relevant, m.retrieved, m.relevant_retrieved);
  return out + JsonScores(m.scores) + "}";
}

// {"queries": 3, "missing_from_run": 1, "ignored_run_queries": 0,
//  "mean": {"ndcg@10": ...}, "per_query": [{"query": "1", ...}, ...]}
std::string FormatJson(const Evaluation& e, bool per_query) {
  std::string out =
      absl::StrFormat("{\"queries\": %d, \"missing_from_run\": %d, \"ignored_run_queries\": %d",
                      e.per_query.size(), e.missing_from_run, e.ignored_run_queries);
  out += ", \"mean\": {" + JsonScores(e.mean) + "}";
  if (per_query) {
    out += ", \"per_query\": [";
    bool first = true;
    for (const auto& [query, m] : e.per_query) {
      if (!std::exchange(first, false)) out += ", ";
      out += JsonQuery(query, m);
    }
    out += "]";
  }
  return out + "}\n";
}

absl::Status EvaluateFiles(const CommandLine& cl) {
  const std::string& qrels_path = cl.positional()[0];
  ASSIGN_OR_RETURN(const Qrels qrels, ReadQrels(qrels_path));
  ASSIGN_OR_RETURN(const Rankings run, ReadRun(cl.positional()[1]));
  const Evaluation e = Evaluate(qrels, run);
  if (e.per_query.empty()) {
    return absl::InvalidArgumentError(StrCat(qrels_path, ": no query has a relevant judgment"));
  }
  if (e.missing_from_run == e.per_query.size()) {
    std::cerr << "syndex_eval: warning: the run answers none of the " << e.per_query.size()
              << " judged queries; do the query ids match?\n";
  }
  std::cout << (cl.Has("json") ? FormatJson(e, cl.Has("per-query"))
                               : FormatTable(e, cl.Has("per-query")));
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  CommandLine cl({{"per-query", false}, {"json", false}, {"help", false}}, {{"h", "help"}});
  absl::Status status = cl.Parse(argc, argv, 1);
  if (status.ok() && cl.Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (status.ok() && cl.positional().size() != 2) {
    status = absl::InvalidArgumentError(
        StrCat("expected 2 arguments (QRELS RUN), got ", cl.positional().size()));
  }
  if (!status.ok()) {
    std::cerr << "syndex_eval: " << status.message() << "\n" << kUsage;
    return 2;
  }
  status = EvaluateFiles(cl);
  if (!status.ok()) {
    std::cerr << "syndex_eval: error: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex::eval

int main(int argc, char** argv) { return syndex::eval::Main(argc, argv); }
