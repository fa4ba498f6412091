#include "common/internal/sentence_boundary.h"

#include <gtest/gtest.h>

namespace syndex::analysis_internal {
namespace {

TEST(SentenceBoundary, EndsWithTerminalPunctuation) {
  EXPECT_TRUE(IsSentenceBoundary("tense.", "The"));
  EXPECT_TRUE(IsSentenceBoundary("now?", "Putin"));
  EXPECT_TRUE(IsSentenceBoundary("war!", "But"));
  EXPECT_FALSE(IsSentenceBoundary("tense,", "The"));
  EXPECT_FALSE(IsSentenceBoundary("tense", "The"));
}

TEST(SentenceBoundary, ClosingQuotesAndBracketsMayFollow) {
  EXPECT_TRUE(IsSentenceBoundary("costs.”", "The"));
  EXPECT_TRUE(IsSentenceBoundary("hysteria.’", "It"));
  EXPECT_TRUE(IsSentenceBoundary("said.\")", "It"));
  EXPECT_TRUE(IsSentenceBoundary("AFP].", "It"));
  EXPECT_FALSE(IsSentenceBoundary("”", "The"));  // nothing but closers
}

TEST(SentenceBoundary, NextWordMustLookLikeASentenceStart) {
  EXPECT_TRUE(IsSentenceBoundary("year.", "2022"));
  EXPECT_TRUE(IsSentenceBoundary("said.", "“We"));
  EXPECT_TRUE(IsSentenceBoundary("said.", "‘Any"));
  EXPECT_TRUE(IsSentenceBoundary("said.", "Élysée"));  // non-ASCII capital
  EXPECT_FALSE(IsSentenceBoundary("said.", "we"));
  EXPECT_FALSE(IsSentenceBoundary("said.", "(see"));
  EXPECT_FALSE(IsSentenceBoundary("said.", "élysée"));
}

TEST(SentenceBoundary, AbbreviationsInitialsAndAcronymsDoNotEnd) {
  EXPECT_FALSE(IsSentenceBoundary("Mr.", "Putin"));
  EXPECT_FALSE(IsSentenceBoundary("Mrs.", "Truss"));
  EXPECT_FALSE(IsSentenceBoundary("(Dr.", "Smith"));
  EXPECT_FALSE(IsSentenceBoundary("St.", "Petersburg"));
  EXPECT_FALSE(IsSentenceBoundary("Feb.", "20"));
  EXPECT_FALSE(IsSentenceBoundary("F.", "Kennedy"));
  EXPECT_FALSE(IsSentenceBoundary("U.S.", "President"));
  EXPECT_FALSE(IsSentenceBoundary("“U.K.", "Officials"));
  // Not abbreviations: a lower-case initial, a company suffix, a short word.
  EXPECT_TRUE(IsSentenceBoundary("x.", "The"));
  EXPECT_TRUE(IsSentenceBoundary("Inc.", "The"));
  EXPECT_TRUE(IsSentenceBoundary("US.", "The"));
}

}  // namespace
}  // namespace syndex::analysis_internal
