// File: searcher/latency_summary.h
//
// Latency percentiles for `searcher --timings`, by the nearest-rank method:
// the p-th percentile of n values is the ceil(p * n)-th smallest (at least
// the first). It is always one of the measured values, never an
// interpolation between two, so the p99 of 300 queries is the time the
// 297th fastest query really took. (bench/e2e/percentile.h computes the same
// for the race; the searcher does not depend on bench/.)
//
// Example:
//   const LatencySummary s = SummarizeLatencies(milliseconds_per_query);
//   std::printf("p50 %.3f ms, p99 %.3f ms\n", s.p50, s.p99);
#ifndef SYNDEX_SEARCHER_LATENCY_SUMMARY_H_
#define SYNDEX_SEARCHER_LATENCY_SUMMARY_H_

#include <cstddef>
#include <vector>

namespace syndex {

// NearestRankPercentile() returns the ceil(p * n)-th smallest of `values`
// (1-based, at least the first), p in [0, 1]: p = 0.5 of {1, 2, 3, 4} is 2,
// p = 0.99 of 1..100 is 99, p = 1 is the maximum. 0 if `values` is empty.
// p below 0 counts as 0 and above 1 as 1.
double NearestRankPercentile(std::vector<double> values, double p);

// One latency per query, summed up; every field is in the unit of the
// latencies, and 0 when there are none.
struct LatencySummary {
  size_t count = 0;
  double p50 = 0, p95 = 0, p99 = 0;  // nearest-rank percentiles
  double mean = 0;
  double max = 0;
};

// SummarizeLatencies() returns the summary of `latencies`, in any order.
LatencySummary SummarizeLatencies(std::vector<double> latencies);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_LATENCY_SUMMARY_H_
