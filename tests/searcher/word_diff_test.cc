// Tests for searcher/word_diff.h: the rendering of `git diff --word-diff`
// on real variants of syndicated sentences (the White House statement of
// 12 February 2022 as quoted by Al Jazeera and The Independent, and two
// outlets' ledes of the same wire story); runs of changed words merged into
// one marker; white space folded; empty texts; the fallback for texts too
// long to compare word by word; and, on random texts, that the diff gives
// back both texts and keeps a longest common subsequence of their words.
#include "searcher/word_diff.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

// The Independent (corpus/004) and Al Jazeera (corpus/000).
constexpr char kIndependent[] =
    "The White House said: “President Biden was clear that, if Russia undertakes a further "
    "invasion of Ukraine, the United States together with our allies and partners will respond "
    "decisively and impose swift and severe costs on Russia.";
constexpr char kAlJazeera[] =
    "“If Russia undertakes a further invasion of Ukraine, the United States together with our "
    "Allies and partners will respond decisively and impose swift and severe costs on Russia,” "
    "Biden told Putin, according to a White House press release.";

TEST(WordDiff, QuotedStatementInTwoOutlets) {
  EXPECT_EQ(WordDiff(kIndependent, kAlJazeera),
            "[-The White House said: “President Biden was clear that, if-]{+“If+} Russia "
            "undertakes a further invasion of Ukraine, the United States together with our "
            "[-allies-]{+Allies+} and partners will respond decisively and impose swift and "
            "severe costs on [-Russia.-]{+Russia,” Biden told Putin, according to a White House "
            "press release.+}");
}

TEST(WordDiff, TheOtherDirectionSwapsTheMarkers) {
  EXPECT_EQ(WordDiff(kAlJazeera, kIndependent),
            "[-“If-]{+The White House said: “President Biden was clear that, if+} Russia "
            "undertakes a further invasion of Ukraine, the United States together with our "
            "[-Allies-]{+allies+} and partners will respond decisively and impose swift and "
            "severe costs on [-Russia,” Biden told Putin, according to a White House press "
            "release.-]{+Russia.+}");
}

TEST(WordDiff, EditedWireLede) {
  EXPECT_EQ(
      WordDiff("President Joe Biden called Vladimir Putin on Saturday to warn him of “swift and "
               "severe costs” if Russia invades Ukraine, in an apparent last-ditch attempt to "
               "avoid military conflict in eastern Europe.",
               "President Joe Biden warned Vladimir Putin on Saturday of “swift and severe costs” "
               "if Russia invades Ukraine, in a last-ditch attempt to avoid a military conflict in "
               "Europe."),
      "President Joe Biden [-called-]{+warned+} Vladimir Putin on Saturday [-to warn him-] of "
      "“swift and severe costs” if Russia invades Ukraine, in [-an apparent-]{+a+} last-ditch "
      "attempt to avoid {+a+} military conflict in [-eastern-] Europe.");
}

TEST(WordDiff, HeaderExample) {
  EXPECT_EQ(WordDiff("impose swift and severe costs on Russia", "impose severe costs on Moscow"),
            "impose [-swift and-] severe costs on [-Russia-]{+Moscow+}");
}

TEST(WordDiff, ConsecutiveChangesAreOneMarker) {
  EXPECT_EQ(WordDiff("a b c d", "a x y d"), "a [-b c-]{+x y+} d");
  EXPECT_EQ(WordDiff("a b c d e", "a x c y e"), "a [-b-]{+x+} c [-d-]{+y+} e");
  EXPECT_EQ(WordDiff("one two three", "zero one two three four"),
            "{+zero+} one two three {+four+}");
  EXPECT_EQ(WordDiff("one two three four", "one four"), "one [-two three-] four");
}

TEST(WordDiff, CaseAndPunctuationAreEdits) {
  EXPECT_EQ(WordDiff("Moscow faces costs.", "moscow faces costs"),
            "[-Moscow-]{+moscow+} faces [-costs.-]{+costs+}");
}

TEST(WordDiff, WhiteSpaceIsFoldedAndNotAnEdit) {
  EXPECT_EQ(WordDiff("swift  and\nsevere\tcosts ", " swift and severe costs"),
            "swift and severe costs");
  EXPECT_EQ(WordDiff("swift and\n\nsevere", "swift or\r\nsevere"), "swift [-and-]{+or+} severe");
}

TEST(WordDiff, EmptyTexts) {
  EXPECT_EQ(WordDiff("", ""), "");
  EXPECT_EQ(WordDiff("  \n", ""), "");
  EXPECT_EQ(WordDiff("", "swift costs"), "{+swift costs+}");
  EXPECT_EQ(WordDiff("swift costs", " "), "[-swift costs-]");
}

TEST(WordDiff, Utf8WordsStayWhole) {
  EXPECT_EQ(WordDiff("l’Élysée a réagi", "l’Élysée n’a pas réagi"),
            "l’Élysée [-a-]{+n’a pas+} réagi");
}

TEST(WordDiff, TooLongToCompareShowsTheMiddleAsOneChange) {
  // 1,500 words against the same words shifted by one: 2.25 M pairs once
  // the (absent) common start and end are set aside.
  std::string from, to;
  for (int i = 0; i < 1500; ++i) {
    StrAppend(&from, i ? " " : "", "w", i);
    StrAppend(&to, i ? " " : "", "w", i + 1);
  }
  StrAppend(&from, " end");
  StrAppend(&to, " end");
  const std::string diff = WordDiff(from, to);
  EXPECT_TRUE(diff.starts_with("[-w0 w1 w2 ")) << diff.substr(0, 100);
  EXPECT_NE(diff.find(" w1499-]{+w1 w2 "), std::string::npos);
  EXPECT_TRUE(diff.ends_with(" w1500+} end")) << diff.substr(diff.size() - 100);
  // A long text with a small edit is still compared word by word.
  std::string edited = from;
  edited.replace(edited.find(" w700 "), 6, " w700x ");
  EXPECT_NE(WordDiff(from, edited).find(" w699 [-w700-]{+w700x+} w701 "), std::string::npos);
}

// ---------------------------------------------------------------- random

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

size_t Lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

// The two texts a diff describes, and how many words it keeps. The words
// of the random texts hold no bracket or brace, so markers are unambiguous.
struct Parsed {
  std::vector<std::string> from, to;
  size_t kept = 0;
};

Parsed Parse(std::string_view diff) {
  Parsed p;
  size_t i = 0;
  auto take = [&](std::string_view open, std::string_view close, std::vector<std::string>* out) {
    if (diff.substr(i, open.size()) != open) return false;
    const size_t end = diff.find(close, i + open.size());
    EXPECT_NE(end, std::string_view::npos) << diff;
    for (std::string& w : Split(diff.substr(i + open.size(), end - i - open.size()))) {
      out->push_back(std::move(w));
    }
    i = end + close.size();
    return true;
  };
  bool after_change = false;
  while (i < diff.size()) {
    if (diff[i] == ' ') {
      ++i;
      continue;
    }
    const bool removed = take("[-", "-]", &p.from);
    const bool added = take("{+", "+}", &p.to);
    if (removed || added) {
      // Changed words next to each other are one change.
      EXPECT_FALSE(after_change) << diff;
      after_change = true;
      continue;
    }
    after_change = false;
    const size_t end = std::min(diff.find(' ', i), diff.size());
    const std::string word(diff.substr(i, end - i));
    p.from.push_back(word);
    p.to.push_back(word);
    ++p.kept;
    i = end;
  }
  return p;
}

TEST(WordDiff, RandomTextsComeBackWholeAlongALongestCommonSubsequence) {
  std::mt19937 rng(20220212);
  const std::vector<std::string> vocabulary = {"swift",  "and", "severe", "costs", "on",
                                               "Russia", "the", "White",  "House"};
  auto random_text = [&](size_t max_words) {
    std::string text;
    const size_t n = std::uniform_int_distribution<size_t>(0, max_words)(rng);
    for (size_t i = 0; i < n; ++i) {
      StrAppend(&text, i ? " " : "", vocabulary[rng() % vocabulary.size()]);
    }
    return text;
  };
  for (int round = 0; round < 2000; ++round) {
    const std::string from = random_text(14), to = random_text(14);
    const std::string diff = WordDiff(from, to);
    const Parsed parsed = Parse(diff);
    EXPECT_EQ(parsed.from, Split(from)) << from << " -> " << to << ": " << diff;
    EXPECT_EQ(parsed.to, Split(to)) << from << " -> " << to << ": " << diff;
    EXPECT_EQ(parsed.kept, Lcs(Split(from), Split(to))) << from << " -> " << to << ": " << diff;
  }
}

}  // namespace
}  // namespace syndex
