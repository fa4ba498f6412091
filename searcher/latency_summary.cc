#include "searcher/latency_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace syndex {
namespace {

// The nearest-rank percentile p of `sorted` (ascending, not empty).
double PercentileOfSorted(const std::vector<double>& sorted, double p) {
  p = std::clamp(p, 0.0, 1.0);
  // ceil of a product such as 0.95 * 100 can land on 95.00000000000001;
  // the small tolerance keeps the rank at 95 as the definition means.
  const double exact = p * static_cast<double>(sorted.size());
  const size_t rank =
      std::clamp<size_t>(static_cast<size_t>(std::ceil(exact - 1e-9)), 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

double NearestRankPercentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return PercentileOfSorted(values, p);
}

LatencySummary SummarizeLatencies(std::vector<double> latencies) {
  LatencySummary s;
  s.count = latencies.size();
  if (latencies.empty()) return s;
  std::sort(latencies.begin(), latencies.end());
  s.p50 = PercentileOfSorted(latencies, 0.50);
  s.p95 = PercentileOfSorted(latencies, 0.95);
  s.p99 = PercentileOfSorted(latencies, 0.99);
  s.mean = std::accumulate(latencies.begin(), latencies.end(), 0.0) /
           static_cast<double>(latencies.size());
  s.max = latencies.back();
  return s;
}

}  // namespace syndex
