#include "bench/e2e/query_timer.h"

#include <chrono>

#include "common/status_macros.h"

namespace syndex::race {
namespace {

using Clock = std::chrono::steady_clock;

// The untimed pass: results per query and queries without any.
absl::Status WarmUp(QueryRunner* runner, QueryClass c, const std::vector<WordQuery>& queries,
                    ClassTiming* timing) {
  size_t results = 0;
  for (const WordQuery& query : queries) {
    ASSIGN_OR_RETURN(const size_t n, runner->Run(c, query));
    results += n;
    if (n == 0) ++timing->empty;
  }
  timing->mean_results = queries.empty() ? 0 : double(results) / queries.size();
  return absl::OkStatus();
}

// One timed pass, appending each query's seconds to runs[q].
absl::Status TimedPass(QueryRunner* runner, QueryClass c, const std::vector<WordQuery>& queries,
                       std::vector<std::vector<double>>* runs) {
  for (size_t q = 0; q < queries.size(); ++q) {
    const auto start = Clock::now();
    const absl::StatusOr<size_t> n = runner->Run(c, queries[q]);
    (*runs)[q].push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (!n.ok()) return n.status();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<ClassTiming>> TimeQueries(const std::vector<QueryRunner*>& runners,
                                                     QueryClass c,
                                                     const std::vector<WordQuery>& queries,
                                                     size_t rounds) {
  std::vector<ClassTiming> timings(runners.size());
  for (size_t r = 0; r < runners.size(); ++r) {
    RETURN_IF_ERROR(WarmUp(runners[r], c, queries, &timings[r]));
  }
  // runs[runner][query]: the query's seconds, one per round.
  std::vector<std::vector<std::vector<double>>> runs(
      runners.size(), std::vector<std::vector<double>>(queries.size()));
  for (size_t round = 0; round < rounds; ++round) {
    for (size_t turn = 0; turn < runners.size(); ++turn) {
      const size_t r = (round + turn) % runners.size();
      RETURN_IF_ERROR(TimedPass(runners[r], c, queries, &runs[r]));
    }
  }
  for (size_t r = 0; r < runners.size(); ++r) {
    std::vector<double> latencies;
    latencies.reserve(queries.size());
    for (const std::vector<double>& query_runs : runs[r]) latencies.push_back(Median(query_runs));
    timings[r].latency = SummarizeLatencies(latencies);
  }
  return timings;
}

}  // namespace syndex::race
