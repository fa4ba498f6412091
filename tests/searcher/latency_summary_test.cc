// Tests for searcher/latency_summary.h: nearest-rank percentiles (always a
// measured value, the ceil(p * n)-th smallest), the mean and the maximum,
// on values whose answers are worked out by hand.
#include "searcher/latency_summary.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

// 1, 2, ..., n in a shuffled order (the summary must not need them sorted).
std::vector<double> Shuffled(int n) {
  std::vector<double> values;
  for (int i = 1; i <= n; ++i) values.push_back(i);
  std::mt19937 random(42);
  std::shuffle(values.begin(), values.end(), random);
  return values;
}

TEST(LatencySummary, NothingMeasuredIsAllZero) {
  const LatencySummary s = SummarizeLatencies({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.p50, 0);
  EXPECT_EQ(s.p95, 0);
  EXPECT_EQ(s.p99, 0);
  EXPECT_EQ(s.mean, 0);
  EXPECT_EQ(s.max, 0);
  EXPECT_EQ(NearestRankPercentile({}, 0.5), 0);
}

TEST(LatencySummary, OneValueIsEveryPercentile) {
  const LatencySummary s = SummarizeLatencies({7.5});
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.p50, 7.5);
  EXPECT_EQ(s.p95, 7.5);
  EXPECT_EQ(s.p99, 7.5);
  EXPECT_EQ(s.mean, 7.5);
  EXPECT_EQ(s.max, 7.5);
}

TEST(LatencySummary, FourValues) {
  // p50: ceil(0.5 * 4) = 2nd smallest; p95: ceil(3.8) = 4th; p99: ceil(3.96) = 4th.
  const LatencySummary s = SummarizeLatencies({4, 1, 3, 2});
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.p50, 2);
  EXPECT_EQ(s.p95, 4);
  EXPECT_EQ(s.p99, 4);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_EQ(s.max, 4);
}

TEST(LatencySummary, FiveUnsortedValues) {
  // p50: ceil(2.5) = 3rd smallest of {1, 2, 3, 4, 10}; the mean is 20 / 5.
  const LatencySummary s = SummarizeLatencies({10, 1, 4, 2, 3});
  EXPECT_EQ(s.p50, 3);
  EXPECT_EQ(s.p95, 10);
  EXPECT_EQ(s.p99, 10);
  EXPECT_DOUBLE_EQ(s.mean, 4);
  EXPECT_EQ(s.max, 10);
}

TEST(LatencySummary, OneToAHundred) {
  const LatencySummary s = SummarizeLatencies(Shuffled(100));
  EXPECT_EQ(s.count, 100u);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p95, 95);
  EXPECT_EQ(s.p99, 99);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
  EXPECT_EQ(s.max, 100);
}

TEST(LatencySummary, RankOnAWholeNumberIsNotRoundedUp) {
  // 0.95 * 20 and 0.99 * 300 are whole in decimal (19 and 297) but not
  // always in binary floating point; the rank must stay 19 and 297.
  EXPECT_EQ(SummarizeLatencies(Shuffled(20)).p95, 19);
  EXPECT_EQ(SummarizeLatencies(Shuffled(20)).p99, 20);  // ceil(19.8)
  EXPECT_EQ(SummarizeLatencies(Shuffled(300)).p99, 297);
  EXPECT_EQ(SummarizeLatencies(Shuffled(300)).p95, 285);
  EXPECT_EQ(SummarizeLatencies(Shuffled(300)).p50, 150);
}

TEST(LatencySummary, PercentileIsAlwaysAMeasuredValue) {
  // Interpolation would give 2.5 for the median of {1, 2, 3, 4} and 15
  // between 10 and 20; nearest rank gives values that were measured.
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4}, 0.5), 2);
  EXPECT_EQ(NearestRankPercentile({20, 10}, 0.5), 10);
  EXPECT_EQ(NearestRankPercentile({20, 10}, 0.51), 20);
}

TEST(LatencySummary, PercentileBounds) {
  const std::vector<double> values = {3, 9, 1, 5};
  EXPECT_EQ(NearestRankPercentile(values, 0), 1);  // at least the first
  EXPECT_EQ(NearestRankPercentile(values, 1), 9);
  EXPECT_EQ(NearestRankPercentile(values, -0.5), 1);
  EXPECT_EQ(NearestRankPercentile(values, 2), 9);
  EXPECT_EQ(NearestRankPercentile(values, 0.25), 1);  // ceil(1) = 1st
  EXPECT_EQ(NearestRankPercentile(values, 0.26), 3);  // ceil(1.04) = 2nd
}

}  // namespace
}  // namespace syndex
