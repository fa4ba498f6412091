// Tests for searcher/snippet.h: short passages are shown whole; long ones
// as a window around the first highlight, cut at word boundaries with "…"
// where text was left out; white space folded; both highlight styles; and
// the window never splits a UTF-8 character, whatever the script.
#include "searcher/snippet.h"

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/str_cat.h"
#include "common/utf8.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

constexpr std::string_view kEllipsis = "…";

std::string Brackets(std::string_view text, const std::vector<ByteRange>& highlights,
                     size_t max_bytes = 320) {
  return RenderSnippet(text, highlights, HighlightStyle::kBrackets, max_bytes);
}

// "w00 w01 ... w99": word i is bytes [4i, 4i + 3), 399 bytes in all.
std::string NumberedWords(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    char word[8];
    std::snprintf(word, sizeof word, "%sw%02d", i ? " " : "", i);
    text += word;
  }
  return text;
}

ByteRange Word(uint32_t i) { return {4 * i, 4 * i + 3}; }

// The snippet without its "…" marks and highlight brackets.
std::string Visible(std::string snippet) {
  std::string out;
  if (snippet.starts_with(StrCat(kEllipsis, " "))) snippet.erase(0, kEllipsis.size() + 1);
  if (snippet.ends_with(StrCat(" ", kEllipsis)))
    snippet.resize(snippet.size() - kEllipsis.size() - 1);
  for (char c : snippet) {
    if (c != '[' && c != ']') out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------- short

TEST(Snippet, ShortPassageIsShownWholeWithBrackets) {
  EXPECT_EQ(Brackets("impose swift and severe costs", {{7, 12}}),
            "impose [swift] and severe costs");
}

TEST(Snippet, AnsiStyleMarksInBold) {
  EXPECT_EQ(RenderSnippet("impose swift and severe costs", {{7, 12}}, HighlightStyle::kAnsi),
            "impose \x1b[1mswift\x1b[0m and severe costs");
}

TEST(Snippet, HighlightsAtBothEnds) {
  EXPECT_EQ(Brackets("swift costs", {{0, 5}, {6, 11}}), "[swift] [costs]");
}

TEST(Snippet, HighlightCoversPartOfAWord) {
  // A highlight is a token's range, which may sit inside punctuation.
  EXPECT_EQ(Brackets("(swift), costs", {{1, 6}}), "([swift]), costs");
}

TEST(Snippet, NoHighlights) { EXPECT_EQ(Brackets("a b c", {}), "a b c"); }

TEST(Snippet, EmptyText) { EXPECT_EQ(Brackets("", {}), ""); }

TEST(Snippet, WhiteSpaceRunsAreFoldedAndEndsTrimmed) {
  // "swift" is bytes [9, 14) of the text.
  const std::string text = "  impose\tswift\n\n and   severe \r\n costs  ";
  ASSERT_EQ(text.substr(9, 5), "swift");
  EXPECT_EQ(Brackets(text, {{9, 14}}), "impose [swift] and severe costs");
}

TEST(Snippet, WhiteSpaceNextToAHighlightIsFolded) {
  const std::string text = "a \n\n swift \n\n b";
  ASSERT_EQ(text.substr(5, 5), "swift");
  EXPECT_EQ(Brackets(text, {{5, 10}}), "a [swift] b");
  EXPECT_EQ(RenderSnippet(text, {{5, 10}}, HighlightStyle::kAnsi), "a \x1b[1mswift\x1b[0m b");
}

TEST(Snippet, TextOfExactlyMaxBytesIsWhole) {
  const std::string text = NumberedWords(10);  // 39 bytes
  EXPECT_EQ(Brackets(text, {Word(5)}, 39), "w00 w01 w02 w03 w04 [w05] w06 w07 w08 w09");
}

// ---------------------------------------------------------------- windows

TEST(Snippet, LongPassageIsWindowedAroundTheFirstHighlight) {
  // 399 bytes, 40 allowed, highlight w50 at byte 200. The window starts a
  // quarter of the budget (10 bytes) before it, at 190 inside w47, moves on
  // to the next word start (w48, byte 192) and ends at the last word end
  // before 192 + 40 = 232 (w57 ends at 231).
  EXPECT_EQ(Brackets(NumberedWords(100), {Word(50)}, 40),
            "… w48 w49 [w50] w51 w52 w53 w54 w55 w56 w57 …");
}

TEST(Snippet, LaterHighlightsInsideTheWindowAreMarked) {
  EXPECT_EQ(Brackets(NumberedWords(100), {Word(50), Word(52), Word(90)}, 40),
            "… w48 w49 [w50] w51 [w52] w53 w54 w55 w56 w57 …");
}

TEST(Snippet, HighlightNearTheStartShowsTheStart) {
  // w02 is at byte 8 < 10, so the window starts at 0: no leading "…".
  EXPECT_EQ(Brackets(NumberedWords(100), {Word(2)}, 40),
            "w00 w01 [w02] w03 w04 w05 w06 w07 w08 w09 …");
}

TEST(Snippet, HighlightNearTheEndShowsTheEnd) {
  // w99 at 396: the window cannot start after 399 - 40 = 359, the space
  // after w89, so it starts at w90; nothing is cut at the end.
  EXPECT_EQ(Brackets(NumberedWords(100), {Word(99)}, 40),
            "… w90 w91 w92 w93 w94 w95 w96 w97 w98 [w99]");
}

TEST(Snippet, NoHighlightShowsTheStartOfALongPassage) {
  EXPECT_EQ(Brackets(NumberedWords(100), {}, 40), "w00 w01 w02 w03 w04 w05 w06 w07 w08 w09 …");
}

TEST(Snippet, DefaultBudgetIs320Bytes) {
  // 100 words of 4 bytes: 399 > 320, so the snippet is cut; a highlight at
  // w00 keeps the start, and the window ends at the last word end at or
  // before byte 320 (w79 ends at 319).
  const std::string snippet = Brackets(NumberedWords(100), {Word(0)});
  EXPECT_TRUE(snippet.starts_with("[w00] w01"));
  EXPECT_TRUE(snippet.ends_with("w78 w79 …")) << snippet;
}

TEST(Snippet, WindowFoldsWhiteSpaceToo) {
  // w00..w99 with every space doubled into "\n\n": the folded output is
  // still single-spaced.
  std::string text;
  for (int i = 0; i < 100; ++i) text += StrCat(i ? "\n\n" : "", "w", i / 10, i % 10);
  const std::string snippet = Brackets(text, {{5 * 50, 5 * 50 + 3}}, 40);
  EXPECT_NE(snippet.find("[w50]"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find('\n'), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("  "), std::string::npos) << snippet;
  EXPECT_TRUE(snippet.starts_with("… w")) << snippet;
  EXPECT_TRUE(snippet.ends_with(" …")) << snippet;
}

// ---------------------------------------------------------------- UTF-8

TEST(Snippet, AccentedWordsAreNeverCut) {
  // "été" is 5 bytes (é is 2), so word i is [6i, 6i + 5): with 100 words
  // the raw cut points land inside characters unless the window snaps to
  // word boundaries.
  std::string text;
  for (int i = 0; i < 100; ++i) text += i ? " été" : "été";
  for (size_t max : {31, 32, 33, 40, 41}) {
    const std::string snippet = Brackets(text, {{300, 305}}, max);
    EXPECT_TRUE(IsValidUtf8(snippet)) << max << ": " << snippet;
    EXPECT_NE(snippet.find("[été]"), std::string::npos) << max << ": " << snippet;
  }
}

TEST(Snippet, TextWithoutSpacesIsNotCutInsideACharacter) {
  // 200 × "東" (3 bytes each) and no space: there is no word boundary to
  // snap to, so the window must still end on a character boundary.
  std::string text;
  for (int i = 0; i < 200; ++i) text += "東";
  const std::string snippet = Brackets(text, {{0, 3}});
  EXPECT_TRUE(IsValidUtf8(snippet)) << snippet;
  EXPECT_TRUE(snippet.starts_with("[東]東")) << snippet;
  EXPECT_LE(Visible(snippet).size(), 320u);
}

TEST(Snippet, TextWithoutSpacesKeepsAHighlightInTheMiddle) {
  // The highlight is character 100 (byte 300); the window must hold it even
  // though no space precedes it.
  std::string text;
  for (int i = 0; i < 200; ++i) text += i == 100 ? "猫" : "東";
  const std::string snippet = Brackets(text, {{300, 303}});
  EXPECT_TRUE(IsValidUtf8(snippet)) << snippet;
  EXPECT_NE(snippet.find("東[猫]東"), std::string::npos) << snippet;
  EXPECT_TRUE(snippet.starts_with("… 東")) << snippet;
  EXPECT_TRUE(snippet.ends_with("東 …")) << snippet;
  EXPECT_LE(Visible(snippet).size(), 320u);
}

TEST(Snippet, LongWordBeforeTheHighlightDoesNotHideIt) {
  // A 200-byte run without spaces (a URL, say) right before the highlight.
  const std::string text = StrCat(std::string(300, 'x'), " ", std::string(200, 'u'), "-cat tail");
  const uint32_t cat = 300 + 1 + 200 + 1;
  ASSERT_EQ(text.substr(cat, 3), "cat");
  const std::string snippet = Brackets(text, {{cat, cat + 3}}, 100);
  EXPECT_NE(snippet.find("[cat]"), std::string::npos) << snippet;
  EXPECT_TRUE(IsValidUtf8(snippet));
}

// Random texts of ASCII, accented, CJK and emoji words, with or without
// spaces, highlighted at analyzer tokens: every snippet is valid UTF-8,
// fits the budget, and shows the first highlight.
TEST(Snippet, RandomTextsKeepUtf8AndTheFirstHighlight) {
  static const std::vector<std::string> words = {"cat", "éléphant",   "東京", "naïve", "😀x",
                                                 "a",   "Зеленський", "ß",    "x"};
  std::mt19937 rng(20240601);
  Analyzer analyzer;
  for (int round = 0; round < 2000; ++round) {
    const bool spaces = rng() % 3 != 0;
    const size_t n = 1 + rng() % 80;
    std::string text;
    for (size_t i = 0; i < n; ++i) {
      if (i && spaces) text += rng() % 5 == 0 ? "\n\n" : " ";
      text += words[rng() % words.size()];
    }
    std::vector<Token> tokens;
    analyzer.Analyze(text, 0, &tokens);
    std::vector<ByteRange> highlights;
    for (const Token& t : tokens) {
      if (rng() % 6 == 0) highlights.emplace_back(t.start, t.end);
    }
    const size_t max = 24 + rng() % 100;
    const std::string snippet = Brackets(text, highlights, max);
    SCOPED_TRACE(StrCat("text=", text, " max=", max, " snippet=", snippet));
    ASSERT_TRUE(IsValidUtf8(snippet));
    EXPECT_LE(Visible(snippet).size(), max);
    if (text.size() <= max) {
      EXPECT_EQ(snippet.find(kEllipsis), std::string::npos);
    }
    if (!highlights.empty() && highlights.front().second - highlights.front().first <= max / 2) {
      const ByteRange first = highlights.front();
      const std::string marked =
          StrCat("[", std::string_view(text).substr(first.first, first.second - first.first), "]");
      EXPECT_NE(snippet.find(marked), std::string::npos);
    }
    if (spaces && max >= 40) {
      // Cut at word boundaries: every word shown is a whole word of the text.
      std::string visible = Visible(snippet);
      size_t start = 0;
      while (start < visible.size()) {
        size_t end = visible.find(' ', start);
        if (end == std::string::npos) end = visible.size();
        const std::string shown = visible.substr(start, end - start);
        bool whole = false;
        for (const std::string& w : words) whole = whole || w == shown;
        EXPECT_TRUE(whole) << "\"" << shown << "\" is not a whole word";
        start = end + 1;
      }
    }
  }
}

}  // namespace
}  // namespace syndex
