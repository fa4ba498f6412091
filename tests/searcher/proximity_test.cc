// Tests of searcher/proximity.h: the BM25TP bonus, by hand and by its
// effect on ranking.
#include "searcher/proximity.h"

#include <cmath>
#include <vector>

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

}  // namespace
}  // namespace syndex
