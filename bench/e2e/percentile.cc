#include "bench/e2e/percentile.h"

#include <algorithm>
#include <cmath>

namespace syndex::race {

LatencySummary SummarizeLatencies(const std::vector<double>& seconds) {
  const ::syndex::LatencySummary summary = ::syndex::SummarizeLatencies(seconds);
  LatencySummary s;
  s.count = summary.count;
  s.p50 = summary.p50;
  s.p95 = summary.p95;
  s.p99 = summary.p99;
  s.mean = summary.mean;
  s.qps = s.mean > 0 ? 1 / s.mean : 0;
  return s;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace syndex::race
