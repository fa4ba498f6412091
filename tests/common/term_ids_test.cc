// Tests for TermIds (common/term_ids.h) and for the ids the analyzer hands
// out with its stems (Analyzer::SetTermIds).
#include "common/term_ids.h"

#include <string>
#include <vector>

#include "common/analyzer.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

TEST(TermIds, NumbersTermsInOrderOfFirstAppearance) {
  TermIds ids;
  EXPECT_EQ(ids.Intern("cost"), 0u);
  EXPECT_EQ(ids.Intern("swift"), 1u);
  EXPECT_EQ(ids.Intern("cost"), 0u);
  EXPECT_EQ(ids.Intern(""), 2u);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.TermOf(1), "swift");
  EXPECT_EQ(ids.TermOf(2), "");
}

// Many terms, long and short: the views the map holds must survive the
// deque and the map growing.
TEST(TermIds, TermsStayValidAsTheTableGrows) {
  TermIds ids;
  std::vector<std::string> terms;
  for (int i = 0; i < 20000; ++i) {
    terms.push_back(i % 3 == 0 ? std::string(40, 'a') + std::to_string(i) : std::to_string(i));
    ASSERT_EQ(ids.Intern(terms.back()), static_cast<uint32_t>(i));
  }
  for (uint32_t i = 0; i < terms.size(); ++i) {
    ASSERT_EQ(ids.TermOf(i), terms[i]);
    ASSERT_EQ(ids.Intern(terms[i]), i);
  }
  EXPECT_GT(ids.memory_usage(), 20000u * 16);
}

std::vector<Token> Analyze(Analyzer& analyzer, std::string_view text) {
  std::vector<Token> tokens;
  analyzer.Analyze(text, 0, &tokens);
  return tokens;
}

TEST(AnalyzerTermIds, EveryTokenGetsItsStemsId) {
  Analyzer analyzer;
  EXPECT_EQ(Analyze(analyzer, "costs")[0].term_id, kNoTermId);  // none asked for
  TermIds ids;
  analyzer.SetTermIds(&ids);
  // Stemmed words (cached or not), numbers and protected words alike.
  const std::vector<Token> tokens =
      Analyze(analyzer, "Swift costs, severe COSTS and several costs in 2014; 2014 costing");
  ASSERT_EQ(tokens.size(), 11u);
  for (const Token& token : tokens) {
    ASSERT_NE(token.term_id, kNoTermId) << token.term;
    EXPECT_EQ(ids.TermOf(token.term_id), token.term);
  }
  EXPECT_EQ(tokens[1].term_id, tokens[3].term_id);   // costs, COSTS
  EXPECT_EQ(tokens[1].term_id, tokens[10].term_id);  // costing: the same stem
  EXPECT_EQ(tokens[8].term_id, tokens[9].term_id);   // 2014 twice
  EXPECT_NE(tokens[2].term_id, tokens[5].term_id);   // severe, several
}

// Cached stems keep their ids only for the TermIds that gave them.
TEST(AnalyzerTermIds, AnotherTableRenumbers) {
  Analyzer analyzer;
  TermIds first;
  analyzer.SetTermIds(&first);
  Analyze(analyzer, "alpha beta gamma");
  TermIds second;
  analyzer.SetTermIds(&second);
  const std::vector<Token> tokens = Analyze(analyzer, "gamma alpha");
  EXPECT_EQ(tokens[0].term_id, 0u);
  EXPECT_EQ(tokens[1].term_id, 1u);
  EXPECT_EQ(second.TermOf(0), tokens[0].term);
  analyzer.SetTermIds(nullptr);
  EXPECT_EQ(Analyze(analyzer, "gamma")[0].term_id, kNoTermId);
}

}  // namespace
}  // namespace syndex
