// Tests of searcher/proximity.h: the BM25TP bonus, by hand and by its
// effect on ranking.
#include "searcher/proximity.h"

#include <cmath>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/searcher.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;

constexpr double kK1 = 0.9, kB = 0.4;

// K of BM25TP for a unit of `length` when the average is `average`.
double K(double length, double average) { return kK1 * (1 - kB + kB * length / average); }

double Saturate(double acc, double length, double average) {
  return acc * (kK1 + 1) / (acc + K(length, average));
}

TEST(ProximityScorer, AdjacentPairByHand) {
  // Terms 0 (idf 2) and 1 (idf 0.5) adjacent: acc0 = 0.5, acc1 = 2;
  // bonus = min(1, 2) * S(0.5) + min(1, 0.5) * S(2).
  ProximityScorer scorer({2.0, 0.5}, {1.0, 10}, {kK1, kB}, 10);
  const std::vector<Occurrence> occurrences = {{0, 3, 0}, {0, 4, 1}};
  const double expected = Saturate(0.5, 10, 10) + 0.5 * Saturate(2, 10, 10);
  EXPECT_NEAR(scorer.Bonus(occurrences, 10), expected, 1e-5);
}

TEST(ProximityScorer, DistanceCountsByItsSquare) {
  ProximityScorer scorer({1.0, 1.0}, {1.0, 10}, {kK1, kB}, 10);
  const std::vector<Occurrence> two_apart = {{0, 3, 0}, {0, 5, 1}};
  EXPECT_NEAR(scorer.Bonus(two_apart, 10), 2 * Saturate(0.25, 10, 10), 1e-5);
}

TEST(ProximityScorer, OnlyNeighboursOfDifferentTermsInOnePassageCount) {
  ProximityScorer scorer({1.0, 1.0}, {1.0, 10}, {kK1, kB}, 10);
  // Same term twice; then the two terms in different passages.
  EXPECT_EQ(scorer.Bonus(std::vector<Occurrence>{{0, 1, 0}, {0, 2, 0}}, 10), 0);
  EXPECT_EQ(scorer.Bonus(std::vector<Occurrence>{{0, 9, 0}, {1, 0, 1}}, 10), 0);
  // a b a: two pairs, each at distance 1, both counted.
  const std::vector<Occurrence> aba = {{0, 1, 0}, {0, 2, 1}, {0, 3, 0}};
  EXPECT_NEAR(scorer.Bonus(aba, 10), 2 * Saturate(2, 10, 10), 1e-5);
  EXPECT_EQ(scorer.Pairs(aba).size(), 2u);
}

TEST(ProximityScorer, MaxDistanceAndWeight) {
  ProximityScorer near({1.0, 1.0}, {2.0, 3}, {kK1, kB}, 10);
  EXPECT_EQ(near.Bonus(std::vector<Occurrence>{{0, 0, 0}, {0, 4, 1}}, 10), 0);
  EXPECT_NEAR(near.Bonus(std::vector<Occurrence>{{0, 0, 0}, {0, 3, 1}}, 10),
              2 * 2 * Saturate(1.0 / 9, 10, 10), 1e-5);
  ProximityScorer off({1.0, 1.0}, {0.0, 10}, {kK1, kB}, 10);
  EXPECT_FALSE(off.enabled());
  ProximityScorer one_term({1.0}, {1.0, 10}, {kK1, kB}, 10);
  EXPECT_FALSE(one_term.enabled());
}

// Two passages with the same words and lengths; only the distance between
// the query words differs.
TEST(Proximity, CloserWordsRankFirstAndTheBonusIsTheDifference) {
  search_testing::ScratchDir dir;
  const std::vector<RawDocument> docs = {Doc("far", "", "severe weather and rising costs here"),
                                         Doc("near", "", "weather and rising severe costs here"),
                                         Doc("other", "", "nothing to see in this passage")};
  ASSERT_TRUE(search_testing::WriteIndex(dir.path(), docs).ok());
  auto index = IndexReader::Open(dir.path());
  ASSERT_TRUE(index.ok()) << index.status();
  Searcher searcher(index->get());
  SearchOptions options;
  options.group = false;
  options.bm25 = {kK1, kB};
  options.proximity.weight = 0;
  auto plain = searcher.Search("severe costs", options);
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->hits.size(), 2u);
  EXPECT_EQ(plain->hits[0].score, plain->hits[1].score);
  options.proximity.weight = 1;
  auto near = searcher.Search("severe costs", options);
  ASSERT_TRUE(near.ok());
  ASSERT_EQ(near->hits.size(), 2u);
  const auto& passages = (*index)->segments()[0]->passages();
  EXPECT_EQ((*index)->segments()[0]->documents().Meta(passages.Get(near->hits[0].unit).doc).id,
            "near");
  // far: distance 4 → acc = idf/16 each; near: distance 1 → acc = idf.
  const double average = (*index)->stats().average_passage_length();
  const double idf = std::log(1 + (3 - 2 + 0.5) / (2 + 0.5));
  EXPECT_NEAR(near->hits[0].score - plain->hits[0].score,
              2 * std::min(1.0, idf) * Saturate(idf, 6, average), 1e-4);
  EXPECT_NEAR(near->hits[1].score - plain->hits[1].score,
              2 * std::min(1.0, idf) * Saturate(idf / 16, 6, average), 1e-4);
}

TEST(ProximityScorer, BoundIsAtLeastTheBonus) {
  ProximityScorer scorer({2.0, 0.5, 3.0}, {1.0, 10}, {kK1, kB}, 5);
  constexpr uint32_t kUnknown = UnitPositions::kUnknownFrequency;
  // Dense: every occurrence has two neighbours at distance 1.
  std::vector<Occurrence> dense;
  for (Position p = 0; p < 60; ++p) dense.push_back({0, p, p % 3});
  const std::vector<uint32_t> dense_tfs = {20, 20, 20};
  EXPECT_LE(scorer.Bonus(dense, 60), scorer.BonusBound(dense_tfs, 60));
  EXPECT_GT(scorer.Bonus(dense, 60), scorer.BonusBound(dense_tfs, 60) / 2);  // not loose
  // One adjacent pair: the bound is the bonus.
  const std::vector<Occurrence> pair = {{0, 3, 0}, {0, 4, 1}};
  const std::vector<uint32_t> pair_tfs = {1, 1, 0};
  EXPECT_NEAR(scorer.Bonus(pair, 8), scorer.BonusBound(pair_tfs, 8), 1e-6);
  EXPECT_LE(scorer.Bonus(pair, 8), scorer.BonusBound(pair_tfs, 8));
  // Unknown frequencies bound by saturation alone.
  const std::vector<uint32_t> unknown = {kUnknown, kUnknown, 0};
  EXPECT_NEAR(scorer.BonusBound(unknown, 8), (1.0 + 0.5) * (kK1 + 1), 1e-5);
  EXPECT_EQ(scorer.BonusBound(std::vector<uint32_t>{4, 0, 0}, 8), 0);  // one term, no pairs
}

// Each term's share bounds what it adds: a unit's bonus is at most the
// sum of the shares of the terms it holds (what pruning charges them).
TEST(ProximityScorer, SharesOfThePresentTermsBoundTheBonus) {
  ProximityScorer scorer({2.0, 0.5, 3.0}, {1.0, 10}, {kK1, kB}, 5);
  const std::vector<double> shares = scorer.BonusShares();
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_NEAR(shares[0], 1.0 * (kK1 + 1), 1e-6);  // min(1, idf) * (k1 + 1) * weight
  EXPECT_NEAR(shares[1], 0.5 * (kK1 + 1), 1e-6);
  // Terms 0 and 1 only, densely interleaved at distance 1 in a short unit.
  std::vector<Occurrence> dense;
  for (Position p = 0; p < 40; ++p) dense.push_back({0, p, p % 2});
  EXPECT_LE(scorer.Bonus(dense, 40), shares[0] + shares[1]);
  EXPECT_GT(scorer.Bonus(dense, 40), (shares[0] + shares[1]) / 2);  // not loose
  // With the weight at 0, proximity is off and nothing is charged.
  ProximityScorer off({2.0, 0.5}, {0.0, 10}, {kK1, kB}, 5);
  EXPECT_EQ(off.BonusShares(), (std::vector<double>{0, 0}));
}

// The searcher skips units that cannot enter its top k even with the
// largest bonus; the k best must be the first k of the whole ranking.
TEST(Proximity, SkippingHopelessUnitsKeepsTheRanking) {
  search_testing::ScratchDir dir;
  const std::vector<std::string> words = {"severe", "costs",  "swift",  "weather",
                                          "rising", "market", "sharply"};
  std::vector<RawDocument> docs;
  uint64_t state = 12345;
  auto next = [&state] {
    return (state = state * 6364136223846793005u + 1442695040888963407u) >> 33;
  };
  for (int i = 0; i < 300; ++i) {
    std::string text;
    const size_t length = 3 + next() % 25;
    for (size_t j = 0; j < length; ++j)
      StrAppend(&text, j ? " " : "", words[next() % words.size()]);
    docs.push_back(Doc(StrCat("d", i), "", text));
  }
  ASSERT_TRUE(search_testing::WriteIndex(dir.path(), docs).ok());
  auto index = IndexReader::Open(dir.path());
  ASSERT_TRUE(index.ok()) << index.status();
  Searcher searcher(index->get());
  for (const char* query : {"severe costs", "swift severe costs", "market rising sharply weather",
                            "~\"swift and severe costs\"", "\"rising market\" sharply"}) {
    for (Unit unit : {Unit::kPassage, Unit::kDocument}) {
      SearchOptions options;
      options.group = false;
      options.unit = unit;
      options.k = docs.size();
      auto all = searcher.Search(query, options);
      ASSERT_TRUE(all.ok()) << all.status();
      ASSERT_GT(all->hits.size(), 20u) << query;
      for (size_t k : {1, 3, 10, 20}) {
        options.k = k;
        auto top = searcher.Search(query, options);
        ASSERT_TRUE(top.ok());
        ASSERT_EQ(top->hits.size(), k);
        for (size_t i = 0; i < k; ++i) {
          EXPECT_TRUE(SameHit(top->hits[i], all->hits[i])) << query << " k=" << k << " rank " << i;
        }
      }
    }
  }
}

}  // namespace
}  // namespace syndex
