#include "bench/e2e/percentile.h"

#include <algorithm>
#include <cmath>

namespace syndex::race {

double NearestRankPercentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  p = std::clamp(p, 0.0, 1.0);
  // ceil of a product such as 0.95 * 100 can land on 95.00000000000001;
  // the small tolerance keeps the rank at 95 as the definition means.
  const double exact = p * static_cast<double>(values.size());
  size_t rank = static_cast<size_t>(std::ceil(exact - 1e-9));
  rank = std::clamp<size_t>(rank, 1, values.size());
  std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
  return values[rank - 1];
}

LatencySummary SummarizeLatencies(const std::vector<double>& seconds) {
  LatencySummary s;
  s.count = seconds.size();
  if (seconds.empty()) return s;
  s.p50 = NearestRankPercentile(seconds, 0.50);
  s.p95 = NearestRankPercentile(seconds, 0.95);
  s.p99 = NearestRankPercentile(seconds, 0.99);
  double sum = 0;
  for (double x : seconds) sum += x;
  s.mean = sum / static_cast<double>(seconds.size());
  s.qps = s.mean > 0 ? 1 / s.mean : 0;
  return s;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace syndex::race
