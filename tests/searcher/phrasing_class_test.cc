// Tests of searcher/phrasing_class.h: the class of a passage from the
// positions of the phrase's words and synonyms in it.
#include "searcher/phrasing_class.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

// ~"swift and severe costs": terms 0 swift, 1 and, 2 sever, 3 cost; the
// synonyms serious (4, of severe) and consequence (5, of costs).
PhrasingPattern SwiftAndSevereCosts() {
  PhrasingPattern p;
  p.words = {{"swift", "swift", 0, true, 0},
             {"and", "and", 1, false, 1},
             {"sever", "severe", 2, true, 2},
             {"cost", "costs", 3, true, 3}};
  p.synonyms = {{"serious", "serious", 2, 4}, {"consequ", "consequences", 3, 5}};
  p.terms = {"swift", "and", "sever", "cost", "serious", "consequ"};
  return p;
}

// The passage holding `terms` at `positions` (same length), classified.
PassagePhrasing Classify(const std::vector<uint32_t>& terms, const std::vector<Position>& positions,
                         PhrasingParams params = {}) {
  const PhrasingPattern pattern = SwiftAndSevereCosts();
  std::vector<Occurrence> occurrences;
  std::vector<bool> present(pattern.terms.size(), false);
  for (size_t i = 0; i < terms.size(); ++i) {
    occurrences.push_back({0, positions[i], terms[i]});
    present[terms[i]] = true;
  }
  std::sort(occurrences.begin(), occurrences.end());
  return ClassifyPassage(pattern, params, present, occurrences);
}

TEST(PhrasingClass, WholePhraseIsInflectedUntilTheTextIsChecked) {
  // "impose swift and severe costs": the text decides exact or inflected.
  PassagePhrasing p = Classify({0, 1, 2, 3}, {1, 2, 3, 4});
  EXPECT_EQ(p.phrasing_class, PhrasingClass::kInflected);
  EXPECT_EQ(p.phrase_starts, std::vector<Position>{1});
  EXPECT_DOUBLE_EQ(p.coverage, 3);
}

TEST(PhrasingClass, InsertedWordMakesItGapped) {
  // "swift and very severe costs"
  EXPECT_EQ(Classify({0, 1, 2, 3}, {0, 1, 3, 4}).phrasing_class, PhrasingClass::kGapped);
}

TEST(PhrasingClass, MissingStopwordIsGappedNotExact) {
  // "swift, severe costs": every content word, in order, "and" left out.
  EXPECT_EQ(Classify({0, 2, 3}, {0, 1, 2}).phrasing_class, PhrasingClass::kGapped);
}

TEST(PhrasingClass, GapLimitSeparatesGappedFromPartial) {
  // swift at 0, severe costs at 5, 6: 3 words inserted where "and" stood.
  EXPECT_EQ(Classify({0, 2, 3}, {0, 5, 6}).phrasing_class, PhrasingClass::kGapped);
  // One more inserted word is over the default gap of 3.
  EXPECT_EQ(Classify({0, 2, 3}, {0, 6, 7}).phrasing_class, PhrasingClass::kPartial);
  PhrasingParams wide;
  wide.max_gap = 4;
  EXPECT_EQ(Classify({0, 2, 3}, {0, 6, 7}, wide).phrasing_class, PhrasingClass::kGapped);
}

TEST(PhrasingClass, OutOfOrderIsReordered) {
  // "costs, swift and severe"
  EXPECT_EQ(Classify({3, 0, 1, 2}, {0, 1, 2, 3}).phrasing_class, PhrasingClass::kReordered);
}

TEST(PhrasingClass, ScatteredWholeCoverageIsPartial) {
  PassagePhrasing p = Classify({3, 0, 2}, {0, 20, 40});
  EXPECT_EQ(p.phrasing_class, PhrasingClass::kPartial);
  EXPECT_DOUBLE_EQ(p.coverage, 3);
}

TEST(PhrasingClass, SomeWordsArePartialWithTheirCoverage) {
  PassagePhrasing p = Classify({2, 3}, {0, 1});  // "severe costs"
  EXPECT_EQ(p.phrasing_class, PhrasingClass::kPartial);
  EXPECT_DOUBLE_EQ(p.coverage, 2);
  // A synonym covers its word at the synonym weight: "serious costs".
  p = Classify({4, 3}, {0, 1});
  EXPECT_EQ(p.phrasing_class, PhrasingClass::kPartial);
  EXPECT_DOUBLE_EQ(p.coverage, 1.5);
}

TEST(PhrasingClass, SynonymsAloneAreSynonymOnly) {
  PassagePhrasing p = Classify({4, 5}, {0, 1});  // "serious consequences"
  EXPECT_EQ(p.phrasing_class, PhrasingClass::kSynonymOnly);
  EXPECT_DOUBLE_EQ(p.coverage, 1);
}

TEST(PhrasingClass, StopwordAloneIsNone) {
  EXPECT_EQ(Classify({1}, {0}).phrasing_class, PhrasingClass::kNone);
}

TEST(PhrasingClass, TiersOrderClassesThenCoverage) {
  EXPECT_GT(PhrasingTier(PhrasingClass::kExact, 3), PhrasingTier(PhrasingClass::kInflected, 3));
  EXPECT_GT(PhrasingTier(PhrasingClass::kReordered, 3), PhrasingTier(PhrasingClass::kPartial, 3));
  EXPECT_GT(PhrasingTier(PhrasingClass::kPartial, 2), PhrasingTier(PhrasingClass::kPartial, 1.5));
  EXPECT_GT(PhrasingTier(PhrasingClass::kPartial, 0.5),
            PhrasingTier(PhrasingClass::kSynonymOnly, 3));
  const uint32_t tier = PhrasingTier(PhrasingClass::kGapped, 2.5);
  EXPECT_EQ(ClassOfTier(tier), PhrasingClass::kGapped);
  EXPECT_DOUBLE_EQ(CoverageOfTier(tier), 2.5);
}

TEST(PhrasingClass, NeedsPositionsOnlyWithEveryContentWord) {
  const PhrasingPattern p = SwiftAndSevereCosts();
  EXPECT_TRUE(NeedsPositions(p, {true, false, true, true, false, false}));
  EXPECT_FALSE(NeedsPositions(p, {true, true, true, false, true, true}));
}

TEST(PhrasingClass, Names) {
  EXPECT_EQ(PhrasingClassName(PhrasingClass::kExact), "exact");
  EXPECT_EQ(PhrasingClassName(PhrasingClass::kSynonymOnly), "synonym-only");
  EXPECT_EQ(PhrasingClassName(PhrasingClass::kNone), "none");
}

}  // namespace
}  // namespace syndex
