// File: bench/e2e/query_timer.h
//
// Times one engine on one class of race queries: single-threaded, warm.
// First every query runs once untimed (the pages of the index it touches
// are then in the page cache and the engine's own caches are filled, as on
// a server that has been answering for a while); then `rounds` passes time
// every query, in the same order each pass, with std::chrono::steady_clock
// around QueryRunner::Run. A query's latency is the median of its rounds.
// Passes, rather than a query's rounds back to back, so that no query is
// timed right after itself.
//
// Example:
//   ASSIGN_OR_RETURN(ClassTiming t, TimeQueries(runner.get(), QueryClass::kOr, queries, 1));
//   std::printf("p50 %.3f ms\n", 1e3 * t.latency.p50);
#ifndef SYNDEX_BENCH_E2E_QUERY_TIMER_H_
#define SYNDEX_BENCH_E2E_QUERY_TIMER_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/e2e/percentile.h"
#include "bench/e2e/query_sets.h"
#include "bench/e2e/race_engine.h"

namespace syndex::race {

struct ClassTiming {
  LatencySummary latency;
  double mean_results = 0;  // results returned per query (at most 10)
  size_t empty = 0;         // queries with no result
};

// TimeQueries() runs `queries` of class `c` on `runner` as the file comment
// says. REQUIRES: runner->Supports(c), rounds >= 1. The first failing query's
// error, if any.
[[nodiscard]] absl::StatusOr<ClassTiming> TimeQueries(QueryRunner* runner, QueryClass c,
                                                      const std::vector<WordQuery>& queries,
                                                      size_t rounds);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_QUERY_TIMER_H_
