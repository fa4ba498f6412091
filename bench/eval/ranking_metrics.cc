#include "bench/eval/ranking_metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "common/file_contents.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::eval {
namespace {

constexpr std::string_view kBeirHeader = "query-id\tcorpus-id\tscore";
constexpr std::string_view kBlanks = " \t\r\v\f";

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(kBlanks);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kBlanks) - begin + 1);
}

// Calls `parse` on each line of `text` that is not blank, with its 1-based
// number; an error it returns is prefixed with "name:number: ".
absl::Status ForEachLine(std::string_view text, std::string_view name,
                         const std::function<absl::Status(std::string_view, size_t)>& parse) {
  size_t number = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = Trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    if (line.empty()) continue;
    if (absl::Status status = parse(line, number); !status.ok()) {
      return absl::Status(status.code(), StrCat(name, ":", number, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string_view> SplitOnWhitespace(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t begin = line.find_first_not_of(kBlanks); begin != std::string_view::npos;
       begin = line.find_first_not_of(kBlanks, begin)) {
    const size_t end = std::min(line.find_first_of(kBlanks, begin), line.size());
    fields.push_back(line.substr(begin, end - begin));
    begin = end;
  }
  return fields;
}

// Fields between tabs, each trimmed; empty fields are kept (and rejected by
// the caller).
std::vector<std::string_view> SplitOnTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const size_t tab = line.find('\t');
    fields.push_back(Trim(line.substr(0, tab)));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

template <typename Number>
bool ParseNumber(std::string_view field, Number* value) {
  const char* end = field.data() + field.size();
  const auto [ptr, error] = std::from_chars(field.data(), end, *value);
  return error == std::errc() && ptr == end;
}

// One line of qrels.
struct Judgment {
  std::string_view query, doc;
  int grade = 0;
};

absl::StatusOr<Judgment> ParseBeirJudgment(std::string_view line) {
  const std::vector<std::string_view> f = SplitOnTabs(line);
  if (f.size() != 3 || f[0].empty() || f[1].empty() || f[2].empty()) {
    return absl::InvalidArgumentError(StrCat(
        "expected 3 tab-separated fields (query-id, corpus-id, score), found \"", line, "\""));
  }
  Judgment j{f[0], f[1]};
  if (!ParseNumber(f[2], &j.grade)) {
    return absl::InvalidArgumentError(StrCat("score \"", f[2], "\" is not an integer"));
  }
  return j;
}

absl::StatusOr<Judgment> ParseTrecJudgment(std::string_view line) {
  const std::vector<std::string_view> f = SplitOnWhitespace(line);
  if (f.size() != 4) {
    // A BEIR file without its header has three fields a line.
    const std::string_view hint =
        f.size() == 3 ? " (BEIR qrels start with the header query-id<TAB>corpus-id<TAB>score)" : "";
    return absl::InvalidArgumentError(
        StrCat("expected 4 fields (qid 0 docid rel), found ", f.size(), hint));
  }
  Judgment j{f[0], f[2]};
  if (!ParseNumber(f[3], &j.grade)) {
    return absl::InvalidArgumentError(StrCat("relevance \"", f[3], "\" is not an integer"));
  }
  return j;
}

absl::Status AddJudgment(const Judgment& j, Qrels* qrels) {
  if (!(*qrels)[std::string(j.query)].emplace(j.doc, j.grade).second) {
    return absl::InvalidArgumentError(
        StrCat("document \"", j.doc, "\" is judged twice for query \"", j.query, "\""));
  }
  return absl::OkStatus();
}

// One line of a run.
struct Retrieved {
  std::string doc;
  double score;
};

absl::StatusOr<std::pair<std::string_view, Retrieved>> ParseRunLine(std::string_view line) {
  const std::vector<std::string_view> f = SplitOnWhitespace(line);
  if (f.size() != 6) {
    return absl::InvalidArgumentError(
        StrCat("expected 6 fields (qid Q0 docid rank score tag), found ", f.size()));
  }
  Retrieved r{std::string(f[2]), 0};
  if (!ParseNumber(f[4], &r.score) || !std::isfinite(r.score)) {
    return absl::InvalidArgumentError(StrCat("score \"", f[4], "\" is not a finite number"));
  }
  return std::make_pair(f[0], std::move(r));
}

// A query's documents as read, and the line where each was listed.
struct RunQuery {
  std::vector<Retrieved> docs;
  absl::flat_hash_map<std::string, size_t> line_of;
};

absl::Status AddRetrieved(std::string_view line, size_t number,
                          std::map<std::string, RunQuery>* queries) {
  ASSIGN_OR_RETURN(auto parsed, ParseRunLine(line));
  auto& [query, retrieved] = parsed;
  RunQuery& q = (*queries)[std::string(query)];
  const auto [it, inserted] = q.line_of.emplace(retrieved.doc, number);
  if (!inserted) {
    return absl::InvalidArgumentError(StrCat("document \"", retrieved.doc,
                                             "\" is listed twice for query \"", query,
                                             "\" (first on line ", it->second, ")"));
  }
  q.docs.push_back(std::move(retrieved));
  return absl::OkStatus();
}

// trec_eval's order: score descending, then doc id descending (strcmp).
std::vector<std::string> Rank(std::vector<Retrieved> docs) {
  std::sort(docs.begin(), docs.end(), [](const Retrieved& a, const Retrieved& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.doc > b.doc;
  });
  std::vector<std::string> ranking;
  ranking.reserve(docs.size());
  for (Retrieved& r : docs) ranking.push_back(std::move(r.doc));
  return ranking;
}

int GradeOf(const Grades& grades, const std::string& doc) {
  const auto it = grades.find(doc);
  return it == grades.end() ? 0 : it->second;
}

size_t CountRelevant(const Grades& grades) {
  return std::count_if(grades.begin(), grades.end(), [](const auto& g) { return g.second > 0; });
}

// The discount of the document at 0-based `index` (rank index + 1).
double Discount(size_t index) { return 1.0 / std::log2(static_cast<double>(index) + 2.0); }

double Dcg(const Grades& grades, const std::vector<std::string>& ranking) {
  double dcg = 0;
  for (size_t i = 0; i < std::min(ranking.size(), kNdcgDepth); ++i) {
    dcg += std::max(GradeOf(grades, ranking[i]), 0) * Discount(i);
  }
  return dcg;
}

// The DCG of the relevant documents ranked by grade, highest first.
double IdealDcg(const Grades& grades) {
  std::vector<int> gains;
  for (const auto& [doc, grade] : grades) {
    if (grade > 0) gains.push_back(grade);
  }
  std::sort(gains.begin(), gains.end(), std::greater<int>());
  double dcg = 0;
  for (size_t i = 0; i < std::min(gains.size(), kNdcgDepth); ++i) dcg += gains[i] * Discount(i);
  return dcg;
}

// The 0-based ranks of the relevant documents of `ranking`, in order.
std::vector<size_t> RelevantRanks(const Grades& grades, const std::vector<std::string>& ranking) {
  std::vector<size_t> ranks;
  for (size_t i = 0; i < ranking.size(); ++i) {
    if (GradeOf(grades, ranking[i]) > 0) ranks.push_back(i);
  }
  return ranks;
}

size_t CountBelow(const std::vector<size_t>& ranks, size_t depth) {
  return std::lower_bound(ranks.begin(), ranks.end(), depth) - ranks.begin();
}

double AveragePrecision(const std::vector<size_t>& ranks, size_t relevant) {
  double sum = 0;
  for (size_t j = 0; j < ranks.size(); ++j) sum += (j + 1.0) / (ranks[j] + 1.0);
  return sum / static_cast<double>(relevant);
}

void Accumulate(const Scores& s, Scores* total) {
  total->ndcg_at_10 += s.ndcg_at_10;
  total->average_precision += s.average_precision;
  total->recall_at_100 += s.recall_at_100;
  total->reciprocal_rank_at_10 += s.reciprocal_rank_at_10;
  total->precision_at_10 += s.precision_at_10;
}

Scores MeanOf(const std::map<std::string, QueryMetrics>& per_query) {
  Scores mean;
  if (per_query.empty()) return mean;
  for (const auto& [query, metrics] : per_query) Accumulate(metrics.scores, &mean);
  const double n = static_cast<double>(per_query.size());
  mean.ndcg_at_10 /= n;
  mean.average_precision /= n;
  mean.recall_at_100 /= n;
  mean.reciprocal_rank_at_10 /= n;
  mean.precision_at_10 /= n;
  return mean;
}

}  // namespace

absl::StatusOr<Qrels> ParseQrels(std::string_view text, std::string_view name) {
  Qrels qrels;
  bool first = true, beir = false;
  RETURN_IF_ERROR(ForEachLine(text, name, [&](std::string_view line, size_t) -> absl::Status {
    if (std::exchange(first, false) && line == kBeirHeader) {
      beir = true;
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(const Judgment j, beir ? ParseBeirJudgment(line) : ParseTrecJudgment(line));
    return AddJudgment(j, &qrels);
  }));
  return qrels;
}

absl::StatusOr<Qrels> ReadQrels(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadFileContents(path));
  return ParseQrels(text, path);
}

absl::StatusOr<Rankings> ParseRun(std::string_view text, std::string_view name) {
  std::map<std::string, RunQuery> queries;
  RETURN_IF_ERROR(ForEachLine(text, name, [&](std::string_view line, size_t number) {
    return AddRetrieved(line, number, &queries);
  }));
  Rankings run;
  for (auto& [query, q] : queries) run.emplace(query, Rank(std::move(q.docs)));
  return run;
}

absl::StatusOr<Rankings> ReadRun(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadFileContents(path));
  return ParseRun(text, path);
}

QueryMetrics ScoreQuery(const Grades& grades, const std::vector<std::string>& ranking) {
  QueryMetrics m;
  m.relevant = CountRelevant(grades);
  m.retrieved = ranking.size();
  if (m.relevant == 0) return m;
  const std::vector<size_t> ranks = RelevantRanks(grades, ranking);
  const double relevant = static_cast<double>(m.relevant);
  m.relevant_retrieved = ranks.size();
  m.scores.ndcg_at_10 = Dcg(grades, ranking) / IdealDcg(grades);
  m.scores.average_precision = AveragePrecision(ranks, m.relevant);
  m.scores.recall_at_100 = CountBelow(ranks, kRecallDepth) / relevant;
  if (!ranks.empty() && ranks[0] < kReciprocalRankDepth) {
    m.scores.reciprocal_rank_at_10 = 1.0 / (ranks[0] + 1.0);
  }
  m.scores.precision_at_10 =
      CountBelow(ranks, kPrecisionDepth) / static_cast<double>(kPrecisionDepth);
  return m;
}

Evaluation Evaluate(const Qrels& qrels, const Rankings& run) {
  static const std::vector<std::string> kNothing;
  Evaluation e;
  for (const auto& [query, grades] : qrels) {
    if (CountRelevant(grades) == 0) continue;
    const auto it = run.find(query);
    if (it == run.end()) ++e.missing_from_run;
    e.per_query.emplace(query, ScoreQuery(grades, it == run.end() ? kNothing : it->second));
  }
  for (const auto& [query, ranking] : run) {
    if (!e.per_query.contains(query)) ++e.ignored_run_queries;
  }
  e.mean = MeanOf(e.per_query);
  return e;
}

}  // namespace syndex::eval
