// Tests of common/block_impacts.h: the two impact pairs a postings block
// keeps cover every posting, and are tighter than the single pair where a
// block mixes short units with low tfs and long units with high tfs.
#include "common/block_impacts.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

// BM25's tf part at k1 = 1.2, b = 0.75, average length 20: parameters the
// writer did not choose for, which every bound must still hold under.
double Bm25Part(const Impact& i) {
  if (i.tf == kUnboundedTf) return 2.2;
  return i.tf * 2.2 / (i.tf + 1.2 * (0.25 + 0.75 * i.length / 20.0));
}

TEST(BlockImpacts, HeadlineAndLongParagraphGetAPairEach) {
  // A 6-word headline with the word once, a 200-word paragraph with it 4 times.
  const std::vector<TermFreq> tfs = {1, 4, 1};
  const std::vector<uint32_t> lengths = {6, 200, 40};
  const BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
  EXPECT_EQ(impacts.low.tf, 1u);
  EXPECT_EQ(impacts.low.length, 6u);
  EXPECT_EQ(impacts.high.tf, 4u);
  EXPECT_EQ(impacts.high.length, 200u);
  // The single pair claims a 6-word unit with tf 4, which no unit is.
  const BlockImpacts single = SinglePairImpacts(4, 6);
  EXPECT_LT(std::max(Bm25Part(impacts.low), Bm25Part(impacts.high)),
            std::max(Bm25Part(single.low), Bm25Part(single.high)));
}

TEST(BlockImpacts, OnePostingIsItsOwnPair) {
  const std::vector<TermFreq> tfs = {3};
  const std::vector<uint32_t> lengths = {17};
  const BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
  EXPECT_EQ(impacts.low.tf, 3u);
  EXPECT_EQ(impacts.low.length, 17u);
  EXPECT_EQ(impacts.high.tf, 3u);
  EXPECT_EQ(impacts.high.length, 17u);
}

TEST(BlockImpacts, WhenTheShortestHasTheLargestTfOnePairIsExact) {
  const std::vector<TermFreq> tfs = {1, 5, 2};
  const std::vector<uint32_t> lengths = {50, 8, 30};
  const BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
  for (const Impact& i : {impacts.low, impacts.high}) {
    EXPECT_LE(Bm25Part(i), Bm25Part({5, 8}) + 1e-12);
  }
  EXPECT_TRUE(impacts.Covers(5, 8));
}

TEST(BlockImpacts, HugeTfsAndLengthsAreClampedSafely) {
  const std::vector<TermFreq> tfs = {70000, 1};
  const std::vector<uint32_t> lengths = {100000, 70000};
  const BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
  EXPECT_TRUE(impacts.Covers(70000, 100000));
  EXPECT_TRUE(impacts.Covers(1, 70000));
  EXPECT_EQ(std::max(impacts.low.tf, impacts.high.tf), kUnboundedTf);
  EXPECT_LE(std::min(impacts.low.length, impacts.high.length), kMaxStoredLength);
  const BlockImpacts single = SinglePairImpacts(1u << 20, 1u << 20);
  EXPECT_EQ(single.low.tf, kUnboundedTf);
  EXPECT_EQ(single.low.length, kMaxStoredLength);
}

TEST(BlockImpacts, CoversIsFalseOutsideBothPairs) {
  const BlockImpacts impacts = {{1, 6}, {4, 200}};
  EXPECT_TRUE(impacts.Covers(1, 6));
  EXPECT_TRUE(impacts.Covers(4, 250));
  EXPECT_FALSE(impacts.Covers(2, 100));  // tf above low's, length below high's
  EXPECT_FALSE(impacts.Covers(5, 300));
  EXPECT_FALSE(impacts.Covers(1, 5));
}

// Random blocks: both pairs cover every posting, and the larger bound is
// never above the single pair's under any parameters (the single pair is
// one of the splits the writer weighs, and each pair is dominated by it).
TEST(BlockImpacts, RandomBlocksAreCoveredAndNoLooserThanOnePair) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    const size_t n = 1 + rng() % 128;
    std::vector<TermFreq> tfs(n);
    std::vector<uint32_t> lengths(n);
    TermFreq max_tf = 0;
    uint32_t min_length = UINT32_MAX;
    for (size_t i = 0; i < n; ++i) {
      tfs[i] = 1 + (rng() % 4 == 0 ? rng() % 9 : 0);
      lengths[i] = tfs[i] + rng() % 300;
      max_tf = std::max(max_tf, tfs[i]);
      min_length = std::min(min_length, lengths[i]);
    }
    const BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
    for (size_t i = 0; i < n; ++i) {
      ASSERT_TRUE(impacts.Covers(tfs[i], lengths[i])) << "round " << round << " posting " << i;
    }
    const Impact single = {max_tf, min_length};
    EXPECT_LE(Bm25Part(impacts.low), Bm25Part(single) + 1e-12);
    EXPECT_LE(Bm25Part(impacts.high), Bm25Part(single) + 1e-12);
  }
}

}  // namespace
}  // namespace syndex
