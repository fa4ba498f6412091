// Tests of common/word_pairs.h: the pair words are terms as the analyzer
// makes them (else no pair would ever be indexed or looked up), and pair
// terms are the two words with a space.
#include "common/word_pairs.h"

#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/token.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

TEST(WordPairs, EveryPairWordIsItsOwnTerm) {
  Analyzer analyzer;
  ASSERT_FALSE(PairWords().empty());
  for (const std::string_view word : PairWords()) {
    std::vector<Token> tokens;
    analyzer.Analyze(word, 0, &tokens);
    ASSERT_EQ(tokens.size(), 1u) << word;
    EXPECT_EQ(tokens[0].term, word);
    EXPECT_TRUE(IsPairWord(word)) << word;
  }
}

TEST(WordPairs, OtherTermsAreNotPairWords) {
  for (const std::string_view term : {"", "th", "there", "statement", "the ", "of the", "thes",
                                      "would ", "A", "wo"}) {
    EXPECT_FALSE(IsPairWord(term)) << "'" << term << "'";
  }
  EXPECT_FALSE(IsPairWord(std::string_view("a\0", 2)));  // a pair word's bytes, then more
}

TEST(WordPairs, PairTermIsBothWordsWithASpace) {
  EXPECT_EQ(PairTerm("of", "the"), "of the");
  EXPECT_EQ(PairTerm("a", "a"), "a a");
}

}  // namespace
}  // namespace syndex
