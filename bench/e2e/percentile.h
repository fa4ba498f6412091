// File: bench/e2e/percentile.h
//
// Latency percentiles of the end-to-end race (bench/e2e/race_main.cc), by
// the nearest-rank method: the p-th percentile of n values is the
// ceil(p * n)-th smallest (at least the first). It always returns one of the
// measured values, never an interpolation between two, so a p99 over 300
// queries is the 297th fastest query, a time some query really took.
//
// Example:
//   const LatencySummary s = SummarizeLatencies(seconds_per_query);
//   std::printf("p50 %.3f ms, %.0f QPS\n", 1e3 * s.p50, s.qps);
#ifndef SYNDEX_BENCH_E2E_PERCENTILE_H_
#define SYNDEX_BENCH_E2E_PERCENTILE_H_

#include <cstddef>
#include <vector>

#include "searcher/latency_summary.h"

namespace syndex::race {

// The nearest-rank percentile of searcher/latency_summary.h, which
// `searcher --timings` reports too, so that both count alike.
using ::syndex::NearestRankPercentile;

// What the race reports of one engine on one query class. Times in seconds.
struct LatencySummary {
  size_t count = 0;  // queries timed
  double p50 = 0, p95 = 0, p99 = 0;
  double mean = 0;
  // Queries per second on one thread: 1 / mean (0 if nothing was timed).
  double qps = 0;
};

// SummarizeLatencies() returns the summary of one latency per query.
LatencySummary SummarizeLatencies(const std::vector<double>& seconds);

// Median() returns the middle value (the upper one of an even count), for
// the median of a query's rounds; 0 if `values` is empty.
double Median(std::vector<double> values);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_PERCENTILE_H_
