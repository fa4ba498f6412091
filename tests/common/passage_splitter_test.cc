#include "common/passage_splitter.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/testing/files.h"

namespace syndex {
namespace {

using testing::ReadSeed;

std::vector<std::string> Passages(std::string_view text,
                                  const PassageOptions& options = PassageOptions{}) {
  std::vector<std::string> passages;
  for (const PassageSpan& span : SplitPassages(text, options)) {
    passages.emplace_back(text.substr(span.start, span.end - span.start));
  }
  return passages;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// `count` words "w1 w2 ..." without punctuation: one sentence.
std::string Filler(int count, const char* prefix = "w") {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    if (i > 1) out += ' ';
    out += prefix;
    out += std::to_string(i);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(PassageSplitter, EmptyAndBlankText) {
  EXPECT_TRUE(SplitPassages("", PassageOptions{}).empty());
  EXPECT_TRUE(SplitPassages(" \n\n\t\r\n  \n", PassageOptions{}).empty());
}

TEST(PassageSplitter, BlankLinesSeparateParagraphs) {
  // The second paragraph spans two lines; leading space is trimmed.
  EXPECT_EQ(Passages("One.\n\n  Two a\nTwo b \n \t\nThree"),
            (Strings{"One.", "Two a\nTwo b", "Three"}));
}

TEST(PassageSplitter, WindowsLineEndings) {
  EXPECT_EQ(Passages("One\r\n\r\nTwo\r\nmore\r\n"), (Strings{"One", "Two\r\nmore"}));
}

TEST(PassageSplitter, SeedWithBlankLines) {
  const std::string text = ReadSeed("000_ee24dc4fe73d1ef1.txt");
  const Strings passages = Passages(text);
  // 36 non-blank lines; only the photo caption's two lines share a paragraph.
  ASSERT_EQ(passages.size(), 35u);
  EXPECT_EQ(passages[0], "Russia-Ukraine crisis: Biden-Putin talks yield no breakthrough");
  EXPECT_EQ(passages[2],
            "This combination of files pictures show US Joe Biden and Russian President "
            "Vladimir Putin\nPutin has slammed Western claims of an imminent military threat "
            "[File: Jim Watson and Grigory Dukor/AFP]");
  EXPECT_EQ(passages.back(), "Source: Al Jazeera and news agencies");
}

TEST(PassageSplitter, SeedWithOneParagraphPerLine) {
  const std::string text = ReadSeed("002_67a2dd574633ebd7.txt");
  Strings lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 42u);
  // No line is over 150 words, so each line is exactly one passage.
  EXPECT_EQ(Passages(text), lines);
}

TEST(PassageSplitter, SeedCaptionAndDateline) {
  const Strings passages = Passages(ReadSeed("003_aa27b1c8d01db12e.txt"));
  ASSERT_EQ(passages.size(), 29u);  // 30 non-blank lines, one pair joined
  EXPECT_TRUE(passages[3].starts_with("FILE PHOTO: U. S.  President"));
  EXPECT_TRUE(passages[3].ends_with("\nPowered by automated translation"));
  EXPECT_EQ(passages.back(), "Updated: December 30, 2021, 11:49 PM");
}

TEST(PassageSplitter, ReutersIndentedParagraphs) {
  // The start of Reuters-21578 article 1: hard-wrapped, paragraphs indented.
  const std::string text =
      "Showers continued throughout the week in\n"
      "the Bahia cocoa zone, alleviating the drought since early\n"
      "January and improving prospects for the coming temporao,\n"
      "although normal humidity levels have not been restored,\n"
      "Comissaria Smith said in its weekly review.\n"
      "    The dry period means the temporao will be late this year.\n"
      "    Arrivals for the week ended February 22 were 155,221 bags\n"
      "of 60 kilos making a cumulative total for the season of 5.93\n"
      "mln against 5.81 at the same stage last year.\n"
      " Reuter";
  const Strings passages = Passages(text);
  ASSERT_EQ(passages.size(), 4u);
  EXPECT_TRUE(passages[0].starts_with("Showers continued"));
  EXPECT_TRUE(passages[0].ends_with("\nComissaria Smith said in its weekly review."));
  EXPECT_EQ(passages[1], "The dry period means the temporao will be late this year.");
  EXPECT_EQ(passages[2],
            "Arrivals for the week ended February 22 were 155,221 bags\n"
            "of 60 kilos making a cumulative total for the season of 5.93\n"
            "mln against 5.81 at the same stage last year.");
  EXPECT_EQ(passages[3], "Reuter");
}

TEST(PassageSplitter, IndentationBreaksEvenWithABlankLine) {
  // Wire copy indents every paragraph and may hold a stray blank line (here
  // before the Reuters trailer): both break.
  const std::string text = "First line\n    indented para\n\n Reuter";
  EXPECT_EQ(Passages(text), (Strings{"First line", "indented para", "Reuter"}));
}

TEST(PassageSplitter, BlankLinesWithoutIndentationJoinWrappedLines) {
  const std::string text = "First line\nwrapped on\n\nSecond para";
  EXPECT_EQ(Passages(text), (Strings{"First line\nwrapped on", "Second para"}));
}

TEST(PassageSplitter, OuterBlankLinesAndFirstLineIndentSelectNothing) {
  EXPECT_EQ(Passages("\n\nA\nB\n\n"), (Strings{"A", "B"}));
  EXPECT_EQ(Passages("    Title\nline two\nline three"),
            (Strings{"Title", "line two", "line three"}));
}

TEST(PassageSplitter, LongParagraphIsCutAfterTargetAtSentenceEnds) {
  // 60 sentences of 12 words: 720 words, no blank line.
  std::string text;
  for (int i = 0; i < 60; ++i)
    text +=
        "Sentence number " + std::to_string(i) + " has nine more words in it right here today. ";
  const Strings passages = Passages(text);
  // The first sentence end at or after 80 words is after 7 sentences (84
  // words): 8 pieces of 84, then 4 sentences (48 words, not a stub).
  ASSERT_EQ(passages.size(), 9u);
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(Words(passages[i]).size(), 84u) << i;
    EXPECT_TRUE(passages[i].starts_with("Sentence number " + std::to_string(7 * i) + " "));
    EXPECT_TRUE(passages[i].ends_with("today."));
  }
  EXPECT_EQ(Words(passages[8]).size(), 48u);
}

TEST(PassageSplitter, AbbreviationsDoNotEndSentences) {
  const std::string text = Filler(80) +
                           " met Mr. Putin, the U.S. Navy, Dr. Smith, John F. Kennedy and "
                           "St. Petersburg on Feb. 20 today. Then " +
                           Filler(59) + " end.";
  const Strings passages = Passages(text);
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_TRUE(passages[0].ends_with("Feb. 20 today."));
  EXPECT_TRUE(passages[1].starts_with("Then w1 "));
}

TEST(PassageSplitter, SentenceEndsWithQuotesQuestionsAndNumbers) {
  const PassageOptions options{.max_words = 4, .target_words = 2};
  // Each cut is at a sentence end: closing quote, '?', before a digit, before
  // an opening quote. "b." before a lower-case word is not an end.
  EXPECT_EQ(Passages("He said “costs.” The end? 5 more. “Quote here.", options),
            (Strings{"He said “costs.”", "The end?", "5 more.", "“Quote here."}));
  EXPECT_EQ(Passages("a b. c d e f g", PassageOptions{.max_words = 4, .target_words = 2}),
            (Strings{"a b. c d", "e f g"}));
}

TEST(PassageSplitter, SentenceLongerThanMaxIsCutAtWords) {
  const Strings passages = Passages(Filler(400));
  ASSERT_EQ(passages.size(), 3u);
  EXPECT_EQ(Words(passages[0]).size(), 150u);
  EXPECT_EQ(Words(passages[1]).size(), 150u);
  EXPECT_TRUE(passages[1].starts_with("w151 "));
  EXPECT_EQ(Words(passages[2]).size(), 100u);
}

TEST(PassageSplitter, MaxWordsCutsAtLastSentenceEndSeen) {
  // A 3-word sentence, then a 30-word one, with max 10 and target 6: the
  // first cut falls at the sentence end, later ones at word boundaries.
  const std::string text = "Aa bb cc. " + Filler(30, "W") + ".";
  const PassageOptions options{.max_words = 10, .target_words = 6};
  const Strings passages = Passages(text, options);
  ASSERT_EQ(passages.size(), 4u);
  EXPECT_EQ(passages[0], "Aa bb cc.");
  EXPECT_EQ(passages[1], Filler(10, "W"));
  EXPECT_TRUE(passages[2].starts_with("W11 "));
  EXPECT_EQ(passages[3], "W21 W22 W23 W24 W25 W26 W27 W28 W29 W30.");
}

TEST(PassageSplitter, ShortFinalPieceJoinsThePreviousOne) {
  const PassageOptions options{.max_words = 10, .target_words = 6};
  // Sentences of 6, 6 and 2 words: the 2-word stub (< 3) joins the second.
  EXPECT_EQ(Passages("Aa bb cc dd ee ff. Gg hh ii jj kk ll. Mm nn.", options),
            (Strings{"Aa bb cc dd ee ff.", "Gg hh ii jj kk ll. Mm nn."}));
  // Sentences of 6, 6 and 3 words: 3 is not under 6 / 2, so it stays.
  EXPECT_EQ(Passages("Aa bb cc dd ee ff. Gg hh ii jj kk ll. Mm nn oo.", options),
            (Strings{"Aa bb cc dd ee ff.", "Gg hh ii jj kk ll.", "Mm nn oo."}));
}

TEST(PassageSplitter, HugeRealParagraphRespectsMaxWords) {
  // All five seeds glued into one paragraph of several thousand words.
  std::string text;
  for (const char* seed :
       {"000_ee24dc4fe73d1ef1.txt", "001_3d5b00776bf0b082.txt", "002_67a2dd574633ebd7.txt",
        "003_aa27b1c8d01db12e.txt", "004_7b0deed04a0dd729.txt"}) {
    for (char c : ReadSeed(seed)) text.push_back(c == '\n' ? ' ' : c);
    text.push_back(' ');
  }
  const std::vector<PassageSpan> spans = SplitPassages(text, PassageOptions{});
  const Strings all_words = Words(text);
  ASSERT_GT(all_words.size(), 4000u);
  ASSERT_GE(spans.size(), all_words.size() / 150);
  Strings rejoined;
  uint32_t previous_end = 0;
  for (const PassageSpan& span : spans) {
    ASSERT_LE(previous_end, span.start);
    ASSERT_LT(span.start, span.end);
    const Strings words = Words(std::string_view(text).substr(span.start, span.end - span.start));
    EXPECT_LE(words.size(), 150u);
    rejoined.insert(rejoined.end(), words.begin(), words.end());
    previous_end = span.end;
  }
  EXPECT_EQ(rejoined, all_words);  // nothing lost, nothing duplicated
}

TEST(PassageSplitter, RandomTextNeverBreaksInvariants) {
  const std::vector<std::string> pieces = {"a",      "Mr",   "U.S", " ",        " ", "\n",
                                           "\n    ", "\n\n", "\t",  ".",        "?", "”",
                                           "“",      "A",    "7",   "\xE2\x80", "\r"};
  const PassageOptions options{.max_words = 5, .target_words = 3};
  std::mt19937 random(20220212);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int i = round % 60; i > 0; --i) text += pieces[pick(random)];
    uint32_t previous_end = 0;
    for (const PassageSpan& span : SplitPassages(text, options)) {
      ASSERT_LE(previous_end, span.start) << text;
      ASSERT_LT(span.start, span.end) << text;
      ASSERT_LE(span.end, text.size()) << text;
      const std::string_view passage(text.data() + span.start, span.end - span.start);
      ASSERT_FALSE(std::isspace(static_cast<unsigned char>(passage.front()))) << text;
      ASSERT_FALSE(std::isspace(static_cast<unsigned char>(passage.back()))) << text;
      ASSERT_LE(Words(passage).size(), 5u) << text;
      previous_end = span.end;
    }
  }
}

TEST(PassageSplitter, ZeroOptionsStillTerminate) {
  const PassageOptions options{.max_words = 0, .target_words = 0};
  EXPECT_EQ(Passages("a b c", options), (Strings{"a", "b", "c"}));
}

}  // namespace
}  // namespace syndex
