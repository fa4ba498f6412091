// Tests for searcher/bm25.h: idf and the per-unit score against values
// worked out by hand from the formulas in the header comment,
//   score = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avglen))
//   idf   = ln(1 + (N - df + 0.5) / (df + 0.5)),
// and the effect of each parameter (b, k1, boost, PlusIdf); fractional
// frequencies (sloppy matches), and whole ones scoring as integers did.
#include "searcher/bm25.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace syndex {
namespace {

constexpr double kTolerance = 1e-6;

// The parameters the examples below were worked out by hand for.
constexpr Bm25Params kHandParams{0.9, 0.4};

TEST(Bm25, DefaultParamsAreTheEvaluatedOnes) {
  // docs/EVALUATION.md: chosen on SciFact, CISI, NPL and MRPC.
  Bm25Params params;
  EXPECT_DOUBLE_EQ(params.k1, 1.5);
  EXPECT_DOUBLE_EQ(params.b, 0.6);
}

TEST(Bm25, IdfOfTwoInTen) {
  // N = 10, df = 2: ln(1 + 8.5 / 2.5) = ln(4.4) = 1.481604...
  Bm25 bm25(kHandParams, 10, 5.0);
  EXPECT_NEAR(bm25.Idf(2), std::log(4.4), kTolerance);
  EXPECT_NEAR(bm25.Idf(2), 1.4816045, 1e-6);
}

TEST(Bm25, IdfOfATermInEveryUnitIsSmallButPositive) {
  // N = df = 10: ln(1 + 0.5 / 10.5) = ln(22 / 21) = 0.046520...
  Bm25 bm25(kHandParams, 10, 5.0);
  EXPECT_NEAR(bm25.Idf(10), std::log(22.0 / 21.0), kTolerance);
  EXPECT_GT(bm25.Idf(10), 0);
}

TEST(Bm25, IdfFallsAsDocFreqRises) {
  Bm25 bm25(kHandParams, 1000, 5.0);
  EXPECT_GT(bm25.Idf(1), bm25.Idf(2));
  EXPECT_GT(bm25.Idf(2), bm25.Idf(500));
  EXPECT_GT(bm25.Idf(500), bm25.Idf(1000));
}

TEST(Bm25, ScoreAtAverageLength) {
  // len == avglen: the length factor is 1, so the denominator is tf + k1:
  // ln(4.4) * 2 * 1.9 / (2 + 0.9) = 1.481604 * 1.310345 = 1.941413...
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_NEAR(w.Of(2, 20), std::log(4.4) * 2 * 1.9 / 2.9, 1e-5);
  EXPECT_NEAR(w.Of(2, 20), 1.9414128, 1e-5);
}

TEST(Bm25, ScoreOfTwiceTheAverageLength) {
  // len = 2 * avglen, b = 0.4: k1 * (0.6 + 0.8) = 1.26;
  // ln(4.4) * 1 * 1.9 / (1 + 1.26) = 1.481604 * 0.840708 = 1.245595...
  Bm25 bm25(kHandParams, 10, 20.0);
  EXPECT_NEAR(bm25.Weight(2).Of(1, 40), std::log(4.4) * 1.9 / 2.26, 1e-5);
}

TEST(Bm25, LongerUnitsScoreLower) {
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_GT(w.Of(1, 5), w.Of(1, 20));
  EXPECT_GT(w.Of(1, 20), w.Of(1, 80));
}

// LongestUnitReaching is where Of(tf, length) falls below a score: the
// units up to it reach the score, one token longer does not.
TEST(Bm25, LongestUnitReachingIsWhereTheScoreFallsBelow) {
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  for (const float tf : {1.0f, 2.0f, 5.0f}) {
    for (const int length : {1, 7, 20, 55}) {
      const Score min = w.Of(tf, length);
      const double longest = w.LongestUnitReaching(tf, min);
      EXPECT_NEAR(longest, length, 1e-3) << "tf " << tf << " length " << length;
      EXPECT_GE(w.Of(tf, length), min);
      EXPECT_LT(w.Of(tf, length + 1), min);
    }
  }
  // Beyond anything the term can score: no length reaches it.
  EXPECT_LT(w.LongestUnitReaching(1, w.UpperBound(std::numeric_limits<float>::infinity(), 0)), 0);
  // With b = 0 length does not count: every length, or none.
  const TermWeight flat = Bm25({0.9, 0.0}, 10, 20.0).Weight(2);
  EXPECT_TRUE(std::isinf(flat.LongestUnitReaching(2, flat.Of(2, 30))));
  EXPECT_LT(flat.LongestUnitReaching(1, flat.Of(2, 30)), 0);
}

TEST(Bm25, MoreOccurrencesScoreHigherButSaturate) {
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_GT(w.Of(2, 20), w.Of(1, 20));
  EXPECT_GT(w.Of(50, 20), w.Of(2, 20));
  // The limit as tf grows is idf * (k1 + 1).
  EXPECT_LT(w.Of(1000, 20), std::log(4.4) * 1.9);
  EXPECT_NEAR(w.Of(1000000, 20), std::log(4.4) * 1.9, 1e-4);
}

TEST(Bm25, FractionalFrequency) {
  // A sloppy match counts 1 / (1 + cost). At len == avglen the denominator
  // is tf + k1: tf = 1/2 gives ln(4.4) * 0.5 * 1.9 / 1.4 = 1.005375...
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_NEAR(w.Of(0.5f, 20), std::log(4.4) * 0.5 * 1.9 / 1.4, 1e-5);
  EXPECT_NEAR(w.Of(0.5f, 20), 1.0053745, 1e-5);
  // tf = 1.5 (an exact match and a cost-1 match): 1.5 * 1.9 / 2.4.
  EXPECT_NEAR(w.Of(1.5f, 20), std::log(4.4) * 1.5 * 1.9 / 2.4, 1e-5);
  EXPECT_LT(w.Of(1.0f / 3, 20), w.Of(0.5f, 20));
  EXPECT_LT(w.Of(0.5f, 20), w.Of(1, 20));
  EXPECT_LT(w.Of(1, 20), w.Of(1.5f, 20));
  EXPECT_LT(w.Of(1.5f, 20), w.Of(2, 20));
}

TEST(Bm25, WholeFrequenciesScoreExactlyAsIntegers) {
  // Before frequencies were floats, tf was a uint32_t promoted to double;
  // a float holding the same whole number promotes to the same double.
  const double idf = std::log(4.4), k1 = 0.9, b = 0.4, average = 20.0;
  const TermWeight w(idf, k1, b, average, /*boost=*/1.0);
  for (uint32_t tf = 1; tf <= 1000; ++tf) {
    for (uint32_t length : {1u, 20u, 333u}) {
      const double norm = k1 * (1 - b + b * length * (1 / average));
      const Score expected = static_cast<Score>(idf * tf * (k1 + 1) / (tf + norm));
      ASSERT_EQ(w.Of(static_cast<float>(tf), length), expected) << tf << " " << length;
    }
  }
}

TEST(Bm25, BZeroIgnoresLength) {
  // b = 0: the denominator is tf + k1 whatever the length:
  // ln(4.4) * 3 * 1.9 / 3.9.
  Bm25 bm25(Bm25Params{0.9, 0.0}, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_FLOAT_EQ(w.Of(3, 1), w.Of(3, 20));
  EXPECT_FLOAT_EQ(w.Of(3, 1), w.Of(3, 5000));
  EXPECT_NEAR(w.Of(3, 5000), std::log(4.4) * 3 * 1.9 / 3.9, 1e-5);
}

TEST(Bm25, BOneNormalizesFully) {
  // b = 1, len = 2 * avglen: k1 * 2 = 1.8; tf = 2: 2 * 1.9 / 3.8 = 1, so
  // the score is exactly the idf.
  Bm25 bm25(Bm25Params{0.9, 1.0}, 10, 20.0);
  EXPECT_NEAR(bm25.Weight(2).Of(2, 40), std::log(4.4), 1e-5);
}

TEST(Bm25, KOneZeroIgnoresTermFrequency) {
  // k1 = 0: tf * 1 / tf = 1, the score is the idf for any tf and length.
  Bm25 bm25(Bm25Params{0.0, 0.4}, 10, 20.0);
  const TermWeight w = bm25.Weight(2);
  EXPECT_NEAR(w.Of(1, 3), std::log(4.4), 1e-5);
  EXPECT_NEAR(w.Of(7, 300), std::log(4.4), 1e-5);
}

TEST(Bm25, LargerKOneSaturatesLater) {
  // b = 0, tf = 3. k1 = 2: 3 * 3 / (3 + 2) = 1.8; k1 = 0.5: 3 * 1.5 / 3.5 = 1.285714.
  Bm25 slow(Bm25Params{2.0, 0.0}, 10, 20.0);
  Bm25 fast(Bm25Params{0.5, 0.0}, 10, 20.0);
  EXPECT_NEAR(slow.Weight(2).Of(3, 20), std::log(4.4) * 1.8, 1e-5);
  EXPECT_NEAR(fast.Weight(2).Of(3, 20), std::log(4.4) * 4.5 / 3.5, 1e-5);
  // Both give idf at tf = 1, len = avglen: 1 * (k1 + 1) / (1 + k1).
  EXPECT_NEAR(slow.Weight(2).Of(1, 20), std::log(4.4), 1e-5);
  EXPECT_NEAR(fast.Weight(2).Of(1, 20), std::log(4.4), 1e-5);
}

TEST(Bm25, BoostScalesTheScore) {
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight plain = bm25.Weight(2);
  const TermWeight boosted = bm25.Weight(2, 2.5);
  EXPECT_NEAR(boosted.idf(), 2.5 * std::log(4.4), kTolerance);
  EXPECT_NEAR(boosted.Of(2, 30), 2.5 * plain.Of(2, 30), 1e-5);
  EXPECT_NEAR(bm25.Weight(2, 0.0).Of(2, 30), 0.0, kTolerance);
}

TEST(Bm25, PlusIdfSumsTheIdfs) {
  // A phrase of a df=2 word and a df=5 word in N=10:
  // ln(4.4) + ln(1 + 5.5 / 5.5) = ln(4.4) + ln(2).
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight phrase = bm25.Weight(2).PlusIdf(bm25.Weight(5));
  EXPECT_NEAR(phrase.idf(), std::log(4.4) + std::log(2.0), kTolerance);
  // The frequency part is unchanged: at len == avglen, tf = 1, it is 1.
  EXPECT_NEAR(phrase.Of(1, 20), std::log(4.4) + std::log(2.0), 1e-5);
  // Adding the same word twice ("the cat the") counts its idf twice.
  const TermWeight repeated = bm25.Weight(5).PlusIdf(bm25.Weight(2)).PlusIdf(bm25.Weight(5));
  EXPECT_NEAR(repeated.idf(), 2 * std::log(2.0) + std::log(4.4), kTolerance);
}

TEST(Bm25, PlusIdfKeepsTheBoosts) {
  Bm25 bm25(kHandParams, 10, 20.0);
  const TermWeight sum = bm25.Weight(2, 2.0).PlusIdf(bm25.Weight(5, 3.0));
  EXPECT_NEAR(sum.idf(), 2 * std::log(4.4) + 3 * std::log(2.0), kTolerance);
}

TEST(Bm25, ZeroAverageLengthMeansNoLengthTerm) {
  // inverse average 0: the denominator is tf + k1 * (1 - b) = 1 + 0.54.
  const TermWeight w(/*idf=*/1.0, /*k1=*/0.9, /*b=*/0.4, /*average_length=*/0, /*boost=*/1.0);
  EXPECT_NEAR(w.Of(1, 0), 1.9 / 1.54, 1e-6);
  EXPECT_NEAR(w.Of(1, 1000), 1.9 / 1.54, 1e-6);
}

TEST(Bm25, DefaultTermWeightScoresZero) {
  const TermWeight w;
  EXPECT_EQ(w.idf(), 0);
}

TEST(Bm25, ParamsAreKept) {
  Bm25 bm25(Bm25Params{1.2, 0.75}, 10, 20.0);
  EXPECT_DOUBLE_EQ(bm25.params().k1, 1.2);
  EXPECT_DOUBLE_EQ(bm25.params().b, 0.75);
  // k1 = 1.2, b = 0.75, len = avglen, tf = 1: 2.2 / 2.2 = 1.
  EXPECT_NEAR(bm25.Weight(2).Of(1, 20), std::log(4.4), 1e-5);
}

}  // namespace
}  // namespace syndex
