// File: bench/e2e/query_timer.h
//
// Times engines on one class of race queries: single-threaded, warm, and
// interleaved. First every engine runs every query once untimed (the pages
// of its index that the queries touch are then in the page cache and its
// own caches are filled, as on a server that has been answering for a
// while). Then `rounds` rounds each time one pass over the queries per
// engine, the engines taking turns (the first engine of a round is the
// next one each round), with std::chrono::steady_clock around
// QueryRunner::Run. A query's latency is the median of its rounds.
//
// Why interleaved: this machine's speed drifts by up to half over minutes.
// Timing one engine's whole class and then the next let that drift land
// on one engine only, and one run's ratio could be twice another's. Passes
// that alternate within each round see the same machine, and the median
// of three or more rounds drops a pass that a hiccup hit.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<ClassTiming> t,
//                    TimeQueries({syndex.get(), xapian.get()}, QueryClass::kOr, queries, 3));
//   std::printf("p50 %.3f ms\n", 1e3 * t[0].latency.p50);
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

// TimeQueries() runs `queries` of class `c` on each of `runners` as the
// file comment says, and returns their timings in the same order.
// REQUIRES: each runner Supports(c), rounds >= 1. The first failing
// query's error, if any.
[[nodiscard]] absl::StatusOr<std::vector<ClassTiming>> TimeQueries(
    const std::vector<QueryRunner*>& runners, QueryClass c, const std::vector<WordQuery>& queries,
    size_t rounds);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_QUERY_TIMER_H_
