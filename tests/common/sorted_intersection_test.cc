// Tests for FirstCommonId (common/sorted_intersection.h) against a plain
// merge, on random ascending arrays of several densities and from every
// pair of start indexes of small ones.
#include "common/sorted_intersection.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

// Ascending ids with gaps of 1 to max_gap.
std::vector<uint32_t> RandomIds(size_t size, uint32_t max_gap, std::mt19937& rng) {
  std::vector<uint32_t> ids;
  uint32_t id = std::uniform_int_distribution<uint32_t>(0, max_gap)(rng);
  for (size_t n = 0; n < size; ++n) {
    ids.push_back(id);
    id += std::uniform_int_distribution<uint32_t>(1, max_gap)(rng);
  }
  return ids;
}

// The smallest id of both a[from_a...] and b[from_b...], or none (-1).
int64_t FirstCommonByMerge(const std::vector<uint32_t>& a, size_t from_a,
                           const std::vector<uint32_t>& b, size_t from_b) {
  while (from_a < a.size() && from_b < b.size()) {
    if (a[from_a] == b[from_b]) return a[from_a];
    if (a[from_a] < b[from_b]) {
      ++from_a;
    } else {
      ++from_b;
    }
  }
  return -1;
}

void ExpectAgreesWithMerge(const std::vector<uint32_t>& a, uint32_t from_a,
                           const std::vector<uint32_t>& b, uint32_t from_b) {
  const int64_t expected = FirstCommonByMerge(a, from_a, b, from_b);
  uint32_t i = from_a;
  uint32_t j = from_b;
  const bool found = FirstCommonId(a, &i, b, &j);
  ASSERT_EQ(found, expected >= 0) << "from " << from_a << ", " << from_b;
  if (found) {
    ASSERT_LT(i, a.size());
    ASSERT_LT(j, b.size());
    EXPECT_EQ(a[i], expected);
    EXPECT_EQ(b[j], expected);
    return;
  }
  // One side is used up, and none of its ids is in the other array.
  ASSERT_TRUE(i == a.size() || j == b.size());
  const std::vector<uint32_t>& used_up = i == a.size() ? a : b;
  const std::vector<uint32_t>& other = i == a.size() ? b : a;
  const uint32_t used_from = i == a.size() ? from_a : from_b;
  const uint32_t other_from = i == a.size() ? from_b : from_a;
  for (size_t k = used_from; k < used_up.size(); ++k) {
    for (size_t m = other_from; m < other.size(); ++m) ASSERT_NE(used_up[k], other[m]);
  }
}

TEST(FirstCommonId, EmptyAndDisjoint) {
  const std::vector<uint32_t> none;
  const std::vector<uint32_t> odd = {1, 3, 5, 7, 9, 11, 13, 15, 17};
  const std::vector<uint32_t> even = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18};
  ExpectAgreesWithMerge(none, 0, odd, 0);
  ExpectAgreesWithMerge(odd, 0, none, 0);
  ExpectAgreesWithMerge(odd, 0, even, 0);
  ExpectAgreesWithMerge(even, 3, odd, 5);
}

TEST(FirstCommonId, FindsTheSmallestOfSeveralCommonIds) {
  const std::vector<uint32_t> a = {2, 4, 6, 9, 12, 15, 20, 30};
  const std::vector<uint32_t> b = {1, 3, 5, 7, 9, 12, 20, 30, 40};
  uint32_t i = 0;
  uint32_t j = 0;
  ASSERT_TRUE(FirstCommonId(a, &i, b, &j));
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(j, 4u);
  // From just past it, the next one.
  ++i;
  ++j;
  ASSERT_TRUE(FirstCommonId(a, &i, b, &j));
  EXPECT_EQ(a[i], 12u);
}

TEST(FirstCommonId, EveryStartOfSmallArrays) {
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    const std::vector<uint32_t> a = RandomIds(1 + rng() % 20, 1 + rng() % 6, rng);
    const std::vector<uint32_t> b = RandomIds(1 + rng() % 20, 1 + rng() % 6, rng);
    for (uint32_t from_a = 0; from_a <= a.size(); ++from_a) {
      for (uint32_t from_b = 0; from_b <= b.size(); ++from_b) {
        ExpectAgreesWithMerge(a, from_a, b, from_b);
      }
    }
  }
}

TEST(FirstCommonId, BlocksOfEveryDensityRatio) {
  std::mt19937 rng(11);
  for (uint32_t gap_a : {1u, 2u, 5u, 40u}) {
    for (uint32_t gap_b : {1u, 3u, 8u, 100u}) {
      for (int round = 0; round < 30; ++round) {
        const std::vector<uint32_t> a = RandomIds(128, gap_a, rng);
        const std::vector<uint32_t> b = RandomIds(128, gap_b, rng);
        ExpectAgreesWithMerge(a, static_cast<uint32_t>(rng() % 128), b,
                              static_cast<uint32_t>(rng() % 128));
        ExpectAgreesWithMerge(a, 0, b, 0);
      }
    }
  }
}

}  // namespace
}  // namespace syndex
