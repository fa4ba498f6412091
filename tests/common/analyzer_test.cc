#include "common/analyzer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tests/testing/files.h"

namespace syndex {
namespace {

using testing::ReadSeed;

constexpr const char* kSeeds[] = {"000_ee24dc4fe73d1ef1.txt", "001_3d5b00776bf0b082.txt",
                                  "002_67a2dd574633ebd7.txt", "003_aa27b1c8d01db12e.txt",
                                  "004_7b0deed04a0dd729.txt"};

std::vector<Token> AnalyzeText(std::string_view text, Position first_position = 0) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  analyzer.Analyze(text, first_position, &tokens);
  return tokens;
}

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& token : AnalyzeText(text)) terms.push_back(token.term);
  return terms;
}

std::vector<std::string> Normalized(std::string_view text) {
  Analyzer analyzer;
  return analyzer.NormalizedWords(text);
}

using Strings = std::vector<std::string>;

// Checks that a token with `term` covers exactly `surface`, found in `text`
// at its first occurrence at or after `from`.
::testing::AssertionResult HasToken(std::string_view text, const std::vector<Token>& tokens,
                                    std::string_view surface, std::string_view term,
                                    size_t from = 0) {
  const size_t offset = text.find(surface, from);
  if (offset == std::string_view::npos) return ::testing::AssertionFailure() << "no " << surface;
  for (const Token& token : tokens) {
    if (token.start != offset) continue;
    if (token.end != offset + surface.size() || token.term != term) {
      return ::testing::AssertionFailure()
             << "token at " << offset << " is " << token.term << " [" << token.start << ","
             << token.end << "), want " << term << " over '" << surface << "'";
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "no token starts at " << offset << " ('" << surface << "')";
}

TEST(Analyzer, HeaderExample) {
  const std::vector<Token> tokens = AnalyzeText("“Swift and severe costs”");
  ASSERT_EQ(tokens.size(), 4u);
  const char* terms[] = {"swift", "and", "sever", "cost"};
  const uint32_t starts[] = {3, 9, 13, 20};  // “ is 3 bytes
  const uint32_t ends[] = {8, 12, 19, 25};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(tokens[i].term, terms[i]);
    EXPECT_EQ(tokens[i].start, starts[i]);
    EXPECT_EQ(tokens[i].end, ends[i]);
    EXPECT_EQ(tokens[i].position, i);
  }
}

TEST(Analyzer, EmptyAndWordlessInput) {
  EXPECT_TRUE(AnalyzeText("").empty());
  EXPECT_TRUE(AnalyzeText(" \n\t“”—–-/.,'’").empty());
  EXPECT_TRUE(Normalized("").empty());
}

TEST(Analyzer, PositionsStartAtFirstPositionAndAppend) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  analyzer.Analyze("Kremlin says", 7, &tokens);
  analyzer.Analyze("no breakthrough", 2, &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].position, 7u);
  EXPECT_EQ(tokens[1].position, 8u);
  EXPECT_EQ(tokens[2].position, 2u);
  EXPECT_EQ(tokens[3].term, "breakthrough");
  EXPECT_EQ(tokens[3].position, 3u);
}

TEST(Analyzer, SeedCurlyQuotesStayOutsideWords) {
  const std::string text = ReadSeed("004_7b0deed04a0dd729.txt");
  const std::vector<Token> tokens = AnalyzeText(text);
  // The title quotes with ‘ ’, the body with “ ”.
  const size_t title = text.find("‘swift and severe costs’");
  ASSERT_NE(title, std::string::npos);
  EXPECT_TRUE(HasToken(text, tokens, "swift", "swift", title));
  EXPECT_TRUE(HasToken(text, tokens, "severe", "sever", title));
  EXPECT_TRUE(HasToken(text, tokens, "costs", "cost", title));
  const size_t body = text.find("“swift and severe costs”");
  ASSERT_NE(body, std::string::npos);
  EXPECT_TRUE(HasToken(text, tokens, "swift", "swift", body));
  EXPECT_TRUE(HasToken(text, tokens, "costs", "cost", body));
  EXPECT_TRUE(HasToken(text, tokens, "deescalate", "deescal"));
  EXPECT_TRUE(HasToken(text, tokens, "100,000", "100000"));
}

TEST(Analyzer, SeedPossessivesAndSingleQuotes) {
  const std::string text = ReadSeed("000_ee24dc4fe73d1ef1.txt");
  const std::vector<Token> tokens = AnalyzeText(text);
  // "denounces US’s ‘peak hysteria’."
  const size_t at = text.find("US’s ‘peak hysteria’.");
  ASSERT_NE(at, std::string::npos);
  EXPECT_TRUE(HasToken(text, tokens, "US’s", "us", at));
  EXPECT_TRUE(HasToken(text, tokens, "peak", "peak", at));
  EXPECT_TRUE(HasToken(text, tokens, "hysteria", "hysteria", at));
  EXPECT_TRUE(HasToken(text, tokens, "Russia’s", "russia"));
  EXPECT_TRUE(HasToken(text, tokens, "Zelenskyy", "zelenskyy"));
  EXPECT_TRUE(HasToken(text, tokens, "Kyiv", "kyiv"));
  EXPECT_TRUE(HasToken(text, tokens, "100,000", "100000"));
  // Hyphens split: "Biden-Putin" in the title.
  EXPECT_TRUE(HasToken(text, tokens, "Biden", "biden"));
  EXPECT_TRUE(HasToken(text, tokens, "Putin", "putin", text.find("Biden-Putin")));
}

TEST(Analyzer, SeedDiacriticsAndTrailer) {
  const std::string text = ReadSeed("001_3d5b00776bf0b082.txt");
  const std::vector<Token> tokens = AnalyzeText(text);
  EXPECT_TRUE(HasToken(text, tokens, "Elysée", "elyse"));  // 7 bytes: é is 2
  EXPECT_TRUE(HasToken(text, tokens, "Notify", "notifi", text.find("Notify of")));
  EXPECT_TRUE(HasToken(text, tokens, "of", "of", text.find("Notify of")));
  EXPECT_TRUE(HasToken(text, tokens, "130,000", "130000"));
}

TEST(Analyzer, SeedDottedAcronymsIncludeTheirFinalPeriod) {
  const std::string text = ReadSeed("002_67a2dd574633ebd7.txt");
  const std::vector<Token> tokens = AnalyzeText(text);
  const size_t at = text.find("The U.S. and U.K. say");
  ASSERT_NE(at, std::string::npos);
  EXPECT_TRUE(HasToken(text, tokens, "U.S.", "us", at));
  EXPECT_TRUE(HasToken(text, tokens, "U.K.", "uk", at));
  EXPECT_TRUE(HasToken(text, tokens, "and", "and", at));
  // "Feb. 20." is a word, a number and no acronym.
  EXPECT_TRUE(HasToken(text, tokens, "Feb", "feb"));
  EXPECT_TRUE(HasToken(text, tokens, "20", "20", text.find("Feb. 20.")));
}

TEST(Analyzer, SeedHyphenatedWordsSplit) {
  const std::string text = ReadSeed("003_aa27b1c8d01db12e.txt");
  const std::vector<Token> tokens = AnalyzeText(text);
  const size_t at = text.find("de-escalate tension");
  EXPECT_TRUE(HasToken(text, tokens, "de", "de", at));
  EXPECT_TRUE(HasToken(text, tokens, "escalate", "escal", at));
  EXPECT_TRUE(HasToken(text, tokens, "2014", "2014"));
  // "U. S." with a space is two initials, not an acronym.
  const size_t spaced = text.find("U. S.");
  EXPECT_TRUE(HasToken(text, tokens, "U", "u", spaced));
  EXPECT_TRUE(HasToken(text, tokens, "S", "s", spaced + 2));
}

// Every token of every seed covers a word whose own analysis is that token,
// tokens are ordered and disjoint, and the query path (NormalizedWords, then
// Stem) produces the same terms as Analyze.
TEST(Analyzer, SeedTokensAreConsistent) {
  Analyzer analyzer;
  for (const char* seed : kSeeds) {
    SCOPED_TRACE(seed);
    const std::string text = ReadSeed(seed);
    const std::vector<Token> tokens = AnalyzeText(text);
    ASSERT_GT(tokens.size(), 500u);
    const std::vector<std::string> words = analyzer.NormalizedWords(text);
    ASSERT_EQ(words.size(), tokens.size());
    uint32_t previous_end = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      ASSERT_LE(previous_end, token.start);
      ASSERT_LT(token.start, token.end);
      ASSERT_LE(token.end, text.size());
      EXPECT_EQ(token.position, i);
      EXPECT_EQ(analyzer.Stem(words[i]), token.term);
      const std::vector<Token> alone =
          AnalyzeText(std::string_view(text).substr(token.start, token.end - token.start));
      ASSERT_EQ(alone.size(), 1u) << token.term;
      EXPECT_EQ(alone[0].term, token.term);
      previous_end = token.end;
    }
  }
}

TEST(Analyzer, InvalidUtf8SeparatesWords) {
  // Lone continuation byte, truncated ’, overlong '/', byte 0xFF.
  const std::string text =
      "abc\x80"
      "def Rus\xE2\x80"
      "sia x\xC0\xAFy z\xFFw";
  const std::vector<Token> tokens = AnalyzeText(text);
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].term, "abc");
  EXPECT_EQ(tokens[1].term, "def");
  EXPECT_EQ(tokens[1].start, 4u);
  EXPECT_EQ(tokens[1].end, 7u);
  EXPECT_EQ(tokens[2].term, "rus");
  EXPECT_EQ(tokens[3].term, "sia");
  EXPECT_EQ(tokens[3].start, 13u);  // "Rus" is 8-10, E2 80 is 11-12
  EXPECT_EQ(tokens[4].term, "x");
  EXPECT_EQ(tokens[5].term, "y");
  EXPECT_EQ(tokens[7].term, "w");
  EXPECT_EQ(tokens[7].position, 7u);
}

// Random strings built from the pieces the segmenter treats specially,
// valid or not, must never crash or yield a malformed token.
TEST(Analyzer, RandomTextNeverBreaksInvariants) {
  const std::vector<std::string> pieces = {"a",        "Z",
                                           "1",        " ",
                                           ".",        ",",
                                           "'",        "’",
                                           "‘",        "ʼ",
                                           "-",        "é",
                                           "e\u0301",  "\u0301",
                                           "\u00AD",   "ß",
                                           "ﬁ",        "\x80",
                                           "\xE2\x80", "\xC0\xAF",
                                           "\xFF",     "\xF0\x9F\x98\x80"};
  std::mt19937 random(20220212);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  Analyzer analyzer;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int i = round % 40; i > 0; --i) text += pieces[pick(random)];
    std::vector<Token> tokens;
    analyzer.Analyze(text, 0, &tokens);
    uint32_t previous_end = 0;
    for (const Token& token : tokens) {
      ASSERT_LE(previous_end, token.start) << text;
      ASSERT_LT(token.start, token.end) << text;
      ASSERT_LE(token.end, text.size()) << text;
      ASSERT_FALSE(token.term.empty()) << text;
      ASSERT_LE(token.term.size(), 64u) << text;
      previous_end = token.end;
    }
  }
}

TEST(Analyzer, NumbersKeepDecimalPointsAndDropGroupCommas) {
  const std::string text = "season of 5.93\nmln against 5.81, at 1,750 to 2.27 times; 1980s";
  EXPECT_EQ(Terms(text), (Strings{"season", "of", "5.93", "mln", "against", "5.81", "at", "1750",
                                  "to", "2.27", "time", "1980s"}));
  // A comma or period next to a letter is punctuation.
  EXPECT_EQ(Terms("cocoa,sugar 5.x a.5"), (Strings{"cocoa", "sugar", "5", "x", "a", "5"}));
}

TEST(Analyzer, TermsWithDigitsAreNotStemmed) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.Stem("1980s"), "1980s");  // the stemmer would say 1980
  EXPECT_EQ(analyzer.Stem("covid19s"), "covid19s");
  EXPECT_EQ(analyzer.Stem("costs"), "cost");
  EXPECT_EQ(analyzer.Stem("russia's"), "russia");
  EXPECT_EQ(analyzer.Stem(""), "");
}

TEST(Analyzer, ApostrophesJoinLettersOnly) {
  // ’, ʼ and ' fold to the same term; ‘ ’ used as quotes stay outside.
  EXPECT_EQ(Normalized("don’t donʼt don't ‘quoted’ 'plain'"),
            (Strings{"don't", "don't", "don't", "quoted", "plain"}));
  EXPECT_EQ(Terms("O'Connell’s"), Strings{"o'connel"});
  EXPECT_EQ(Terms("1990’s"), (Strings{"1990", "s"}));  // needs letters on both sides
}

TEST(Analyzer, DottedAcronymsLoseTheirPeriods) {
  // Byte ranges are checked in word_segmenter_test.cc.
  EXPECT_EQ(Normalized("U.S. U.K. e.g. U.S.A U.S"), (Strings{"us", "uk", "eg", "usa", "us"}));
  EXPECT_EQ(Terms("U.S.-based"), (Strings{"us", "base"}));
}

TEST(Analyzer, UnicodeNormalization) {
  // Ǆ: compatibility-decomposed to D Z + caron, case-folded, caron stripped.
  // The soft hyphen is deleted, not a word break.
  EXPECT_EQ(Normalized("ELYSÉE Elyse\u0301e ﬁnance Straße ＫＬＭ Ǆ inter\u00ADnational"),
            (Strings{"elysee", "elysee", "finance", "strasse", "klm", "dz", "international"}));
}

TEST(Analyzer, OverlongTermsAreDroppedWithoutAPosition) {
  const std::string long_word(65, 'x');
  const std::string max_word(64, 'b');  // no suffix for the stemmer
  const std::vector<Token> tokens = AnalyzeText("a " + long_word + " b " + max_word);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "a");
  EXPECT_EQ(tokens[1].term, "b");
  EXPECT_EQ(tokens[1].position, 1u);
  EXPECT_EQ(tokens[1].start, 68u);
  EXPECT_EQ(tokens[2].term, max_word);
  EXPECT_EQ(tokens[2].position, 2u);
}

TEST(Analyzer, TermsAreTheTermsOfAnalyze) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.Terms("“Swift and severe costs,” Biden said."),
            (std::vector<std::string>{"swift", "and", "sever", "cost", "biden", "said"}));
  EXPECT_TRUE(analyzer.Terms("— … —").empty());
}

}  // namespace
TEST(Analyzer, SeveralIsNotStemmedLikeSevere) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.Stem("severe"), "sever");
  EXPECT_EQ(analyzer.Stem("several"), "several");
  std::vector<Token> tokens;
  analyzer.Analyze("several costs", 0, &tokens);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].term, "several");
}

}  // namespace syndex
