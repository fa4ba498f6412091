#include "common/internal/word_segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace syndex::analysis_internal {
namespace {

using Strings = std::vector<std::string>;

// The bytes of each word, with a '*' appended to acronyms.
Strings Segment(std::string_view text) {
  Strings words;
  WordSegmenter segmenter(text);
  for (Word word; segmenter.Next(&word);) {
    words.emplace_back(text.substr(word.start, word.end - word.start));
    if (word.acronym) words.back() += '*';
  }
  return words;
}

TEST(WordSegmenter, EmptyAndWordlessText) {
  EXPECT_TRUE(Segment("").empty());
  EXPECT_TRUE(Segment(" \n“”—–-/.,'’\u00AD\x80").empty());
}

TEST(WordSegmenter, DashesSlashesAndSymbolsSplit) {
  EXPECT_EQ(Segment("Biden-Putin June/July a—b c–d e_f x@y.com #tag"),
            (Strings{"Biden", "Putin", "June", "July", "a", "b", "c", "d", "e", "f", "x", "y",
                     "com", "tag"}));
}

TEST(WordSegmenter, JoinersNeedTheRightNeighbours) {
  // Apostrophes between letters; '.' and ',' between digits; nothing else.
  EXPECT_EQ(Segment("don’t Kyivʼs 1990’s 5.93 1,750, 5.x a.5 cocoa,sugar ‘quoted’ 'plain'"),
            (Strings{"don’t", "Kyivʼs", "1990", "s", "5.93", "1,750", "5", "x", "a", "5", "cocoa",
                     "sugar", "quoted", "plain"}));
}

TEST(WordSegmenter, DottedAcronymsKeepTheirFinalPeriod) {
  EXPECT_EQ(Segment("U.S.-based U.S e.g. A. Smith U.Sa U.S.A."),
            (Strings{"U.S.*", "based", "U.S*", "e.g.*", "A", "Smith", "U", "Sa", "U.S.A.*"}));
  // Digits and glued words end the acronym before them.
  EXPECT_EQ(Segment("U.S.1 U.S.Army"), (Strings{"U.S.*", "1", "U.S.*", "Army"}));
}

TEST(WordSegmenter, MarksAndFormatCharactersStayInside) {
  // A combining accent after a letter, a soft hyphen between letters; a
  // soft hyphen at either end of a word is a separator.
  EXPECT_EQ(Segment("Elyse\u0301e. inter\u00ADnational \u00ADstray\u00AD café’s"),
            (Strings{"Elyse\u0301e", "inter\u00ADnational", "stray", "café’s"}));
  EXPECT_EQ(Segment("cafe\u0301’s"), Strings{"cafe\u0301’s"});
}

TEST(WordSegmenter, InvalidBytesSeparateWords) {
  EXPECT_EQ(Segment("ab\x80"
                    "cd\xE2\x80"
                    "ef\xC0\xAF"
                    "gh\xED\xA0\x80"
                    "ij"),
            (Strings{"ab", "cd", "ef", "gh", "ij"}));
  // A truncated sequence at the very end.
  EXPECT_EQ(Segment("Kyiv\xF0\x9F\x98"), Strings{"Kyiv"});
}

TEST(WordSegmenter, ClassifiesNonAsciiCodePoints) {
  EXPECT_EQ(ClassifyNonAscii(0x00E9), CharClass::kLetter);      // é
  EXPECT_EQ(ClassifyNonAscii(0x0416), CharClass::kLetter);      // Ж
  EXPECT_EQ(ClassifyNonAscii(0x0301), CharClass::kMark);        // combining acute
  EXPECT_EQ(ClassifyNonAscii(0x0663), CharClass::kDigit);       // Arabic-Indic 3
  EXPECT_EQ(ClassifyNonAscii(0x00B2), CharClass::kDigit);       // superscript 2 (No)
  EXPECT_EQ(ClassifyNonAscii(0x02BC), CharClass::kApostrophe);  // Lm, but an apostrophe
  EXPECT_EQ(ClassifyNonAscii(0x2014), CharClass::kSeparator);   // em dash
  EXPECT_EQ(ClassifyNonAscii(0x00A0), CharClass::kSeparator);   // no-break space
  EXPECT_EQ(ClassifyNonAscii(0x00AD), CharClass::kIgnorable);   // soft hyphen
}

}  // namespace
}  // namespace syndex::analysis_internal
