#include "bench/e2e/query_timer.h"

#include <chrono>

#include "common/status_macros.h"

namespace syndex::race {

absl::StatusOr<ClassTiming> TimeQueries(QueryRunner* runner, QueryClass c,
                                        const std::vector<WordQuery>& queries, size_t rounds) {
  using Clock = std::chrono::steady_clock;
  ClassTiming timing;
  size_t results = 0;
  for (const WordQuery& query : queries) {  // the untimed pass
    ASSIGN_OR_RETURN(const size_t n, runner->Run(c, query));
    results += n;
    if (n == 0) ++timing.empty;
  }
  timing.mean_results = queries.empty() ? 0 : double(results) / queries.size();
  std::vector<std::vector<double>> runs(queries.size());
  for (size_t round = 0; round < rounds; ++round) {
    for (size_t q = 0; q < queries.size(); ++q) {
      const auto start = Clock::now();
      const absl::StatusOr<size_t> n = runner->Run(c, queries[q]);
      runs[q].push_back(std::chrono::duration<double>(Clock::now() - start).count());
      if (!n.ok()) return n.status();
    }
  }
  std::vector<double> latencies;
  latencies.reserve(queries.size());
  for (const std::vector<double>& r : runs) latencies.push_back(Median(r));
  timing.latency = SummarizeLatencies(latencies);
  return timing;
}

}  // namespace syndex::race
