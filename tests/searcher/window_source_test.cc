// Tests for searcher/window_source.h over small segments, one passage per
// document (passage i is document i's text):
//  * sloppy phrases: gaps, swaps (cost 2), a reversal of 3 words (cost 4),
//    each at the largest slop that fails and the smallest that matches;
//  * NEAR: any order, the boundary N;
//  * words repeated in the pattern, which need distinct positions;
//  * frequencies: 1 / (1 + cost) per counted match, and which matches count
//    (the window that ends soonest, then the next wholly after it);
//  * the movement contract (Next, Seek, the sticky end) and cost();
//  * slop 0 against PhraseSource on random texts, ids and frequencies;
//  * a brute-force reference (every choice of positions, the enumeration
//    rule of the header followed literally) against WindowSource on a few
//    hundred random passages over a three-word vocabulary.
//
// Expected costs are worked out in comments as the spread of the implied
// starts s = position - offset (the header's definition).
#include "searcher/window_source.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "common/format.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/frequency_sources.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using Entries = std::vector<std::pair<uint32_t, Frequency>>;

// A segment whose passage i holds texts[i] (each a document with no title).
class TextSegment {
 public:
  explicit TextSegment(const std::vector<std::string>& texts) {
    std::vector<RawDocument> docs;
    for (size_t i = 0; i < texts.size(); ++i) {
      RawDocument doc;
      doc.id = StrCat("d", i);
      doc.text = texts[i];
      doc.origin = "test";
      docs.push_back(std::move(doc));
    }
    const testing::Corpus corpus = testing::AnalyzeDocuments(std::move(docs));
    auto segment = testing::BuildSegment(dir_.path(), "seg000001", corpus);
    EXPECT_TRUE(segment.ok()) << segment.status();
    if (!segment.ok()) return;
    segment_ = std::move(*segment);
    // Passage ids are document ids only if every text is one passage.
    EXPECT_EQ(segment_->passages().size(), texts.size());
  }

  // A cursor over `word`'s postings; at the end if the segment lacks it.
  PostingsCursor Cursor(const std::string& word) const {
    const auto info = segment_->dictionary().Find(format::Field::kBody, word);
    return info ? segment_->Cursor(*info) : PostingsCursor();
  }
  std::vector<PostingsCursor> Cursors(const std::vector<std::string>& words) const {
    std::vector<PostingsCursor> cursors;
    for (const std::string& word : words) cursors.push_back(Cursor(word));
    return cursors;
  }

  // "words"~slop, with offsets 0, 1, ...
  WindowSource Sloppy(const std::vector<std::string>& words, uint32_t slop) const {
    return WindowSource(Cursors(words), Consecutive(words.size()),
                        WindowOptions::SloppyPhrase(slop));
  }
  // words[0] NEAR/n words[1] ...
  WindowSource Near(const std::vector<std::string>& words, uint32_t n) const {
    return WindowSource(Cursors(words), std::vector<Position>(words.size(), 0),
                        WindowOptions::Near(words.size(), n));
  }

  static std::vector<Position> Consecutive(size_t k) {
    std::vector<Position> offsets(k);
    for (size_t i = 0; i < k; ++i) offsets[i] = static_cast<Position>(i);
    return offsets;
  }

 private:
  testing::ScratchDir dir_{"syndex_window"};
  std::unique_ptr<Segment> segment_;
};

Entries Drain(FrequencySource& source) {
  Entries out;
  for (; source.id() != kEndId; source.Next()) out.emplace_back(source.id(), source.frequency());
  return out;
}

// Drains `source` expecting exactly `expected`, frequencies to float precision.
void ExpectEntries(FrequencySource& source, const Entries& expected) {
  const Entries got = Drain(source);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, expected[i].first) << "entry " << i;
    EXPECT_FLOAT_EQ(got[i].second, expected[i].second) << "entry " << i;
  }
}

// ------------------------------------------------------------ sloppy phrases

TEST(WindowSource, ExactPhraseCostsNothing) {
  TextSegment s({"a b", "b a", "a x b", "x a b x"});
  WindowSource phrase = s.Sloppy({"a", "b"}, 0);
  ExpectEntries(phrase, {{0, 1.0f}, {3, 1.0f}});
}

TEST(WindowSource, EachGapCostsOne) {
  // "a x b": starts a 0, b 2 - 1 = 1, spread 1. "a x x b": spread 2.
  TextSegment s({"a x b", "a x x b"});
  WindowSource slop0 = s.Sloppy({"a", "b"}, 0);
  ExpectEntries(slop0, {});
  WindowSource slop1 = s.Sloppy({"a", "b"}, 1);
  ExpectEntries(slop1, {{0, 1.0f / 2}});
  WindowSource slop2 = s.Sloppy({"a", "b"}, 2);
  ExpectEntries(slop2, {{0, 1.0f / 2}, {1, 1.0f / 3}});
}

TEST(WindowSource, SwappedPairCostsTwo) {
  // "b a": starts a 1, b 0 - 1 = -1, spread 2.
  TextSegment s({"b a"});
  WindowSource slop1 = s.Sloppy({"a", "b"}, 1);
  ExpectEntries(slop1, {});
  WindowSource slop2 = s.Sloppy({"a", "b"}, 2);
  ExpectEntries(slop2, {{0, 1.0f / 3}});
}

TEST(WindowSource, SwapInsideALongerPhraseCostsTwo) {
  // "a c b" for "a b c": starts a 0, b 2 - 1 = 1, c 1 - 2 = -1, spread 2.
  TextSegment s({"a c b"});
  WindowSource slop1 = s.Sloppy({"a", "b", "c"}, 1);
  ExpectEntries(slop1, {});
  WindowSource slop2 = s.Sloppy({"a", "b", "c"}, 2);
  ExpectEntries(slop2, {{0, 1.0f / 3}});
}

TEST(WindowSource, ReversalOfThreeWordsCostsFour) {
  // "c b a" for "a b c": starts a 2, b 1 - 1 = 0, c 0 - 2 = -2, spread 4.
  TextSegment s({"c b a"});
  WindowSource slop3 = s.Sloppy({"a", "b", "c"}, 3);
  ExpectEntries(slop3, {});
  WindowSource slop4 = s.Sloppy({"a", "b", "c"}, 4);
  ExpectEntries(slop4, {{0, 1.0f / 5}});
}

TEST(WindowSource, PhraseOffsetsWithAGap) {
  // Offsets {0, 2} (a ? b): "a x b" is exact; "a b" has starts a 0,
  // b 1 - 2 = -1, spread 1.
  TextSegment s({"a x b", "a b"});
  WindowSource exact(s.Cursors({"a", "b"}), {0, 2}, WindowOptions::SloppyPhrase(0));
  ExpectEntries(exact, {{0, 1.0f}});
  WindowSource slop1(s.Cursors({"a", "b"}), {0, 2}, WindowOptions::SloppyPhrase(1));
  ExpectEntries(slop1, {{0, 1.0f}, {1, 1.0f / 2}});
}

// ------------------------------------------------------------ NEAR

TEST(WindowSource, NearInAnyOrder) {
  TextSegment s({"a b", "b a", "a x b", "b x x a"});
  // NEAR/0: adjacent, either order.
  WindowSource near0 = s.Near({"a", "b"}, 0);
  ExpectEntries(near0, {{0, 1.0f}, {1, 1.0f}});
  // NEAR/1: one word between costs 1; two words between do not match.
  WindowSource near1 = s.Near({"a", "b"}, 1);
  ExpectEntries(near1, {{0, 1.0f}, {1, 1.0f}, {2, 1.0f / 2}});
  WindowSource near2 = s.Near({"a", "b"}, 2);
  ExpectEntries(near2, {{0, 1.0f}, {1, 1.0f}, {2, 1.0f / 2}, {3, 1.0f / 3}});
}

TEST(WindowSource, NearOfThreeWordsCountsTheWordsBetween) {
  // "c x a b": the matched words span positions 0..3, one other word.
  TextSegment s({"c x a b", "b a c"});
  WindowSource near0 = s.Near({"a", "b", "c"}, 0);
  ExpectEntries(near0, {{1, 1.0f}});
  WindowSource near1 = s.Near({"a", "b", "c"}, 1);
  ExpectEntries(near1, {{0, 1.0f / 2}, {1, 1.0f}});
}

// ------------------------------------------------------------ repeated words

TEST(WindowSource, RepeatedWordNeedsTwoPositions) {
  TextSegment s({"a b", "a b a", "a x", "a a"});
  // "a b a" needs two a's, whatever the slop.
  WindowSource phrase = s.Sloppy({"a", "b", "a"}, 0);
  ExpectEntries(phrase, {{1, 1.0f}});
  WindowSource sloppy = s.Sloppy({"a", "b", "a"}, 10);
  ExpectEntries(sloppy, {{1, 1.0f}});
  WindowSource near = s.Near({"a", "a"}, 5);
  ExpectEntries(near, {{1, 1.0f / 2}, {3, 1.0f}});
}

TEST(WindowSource, RepeatedWordTakesTheTightestAssignment) {
  // "a b a" over "a a b": slot 0 (offset 0) and slot 2 (offset 2) share the
  // a's at 0 and 1; b's start is 2 - 1 = 1. Slot 0 at 0, slot 2 at 1: starts
  // {0, 1, -1}, spread 2. Slot 0 at 1, slot 2 at 0: {1, 1, -2}, spread 3.
  TextSegment s({"a a b"});
  WindowSource slop1 = s.Sloppy({"a", "b", "a"}, 1);
  ExpectEntries(slop1, {});
  WindowSource slop2 = s.Sloppy({"a", "b", "a"}, 2);
  ExpectEntries(slop2, {{0, 1.0f / 3}});
}

TEST(WindowSource, SelfOverlappingExactPhraseCountsLikePhraseSource) {
  // "a a" occurs at 0 and at 1 in "a a a"; PhraseSource counts both.
  TextSegment s({"a a a"});
  WindowSource window = s.Sloppy({"a", "a"}, 0);
  ExpectEntries(window, {{0, 2.0f}});
  PhraseSource phrase(s.Cursors({"a", "a"}), {0, 1});
  ExpectEntries(phrase, {{0, 2.0f}});
}

// ------------------------------------------------------------ frequencies

TEST(WindowSource, HeaderExample) {
  // Starts swift {0, 3}, costs {1, 3}: [0, 1] costs 1, then [3, 3] costs 0.
  TextSegment s({"swift x costs swift costs"});
  WindowSource phrase = s.Sloppy({"swift", "cost"}, 1);
  ExpectEntries(phrase, {{0, 1.0f / 2 + 1.0f}});
}

TEST(WindowSource, CountedMatchesDoNotShareAPosition) {
  // NEAR: "a b a b" holds two disjoint matches; in "a b a" the second a
  // would need the b already counted.
  TextSegment s({"a b a b", "a b a"});
  WindowSource near = s.Near({"a", "b"}, 2);
  ExpectEntries(near, {{0, 2.0f}, {1, 1.0f}});
  WindowSource sloppy = s.Sloppy({"a", "b"}, 2);
  ExpectEntries(sloppy, {{0, 2.0f}, {1, 1.0f}});
}

TEST(WindowSource, TheWindowThatEndsSoonestIsCounted) {
  // "b a x b" for "a b"~2: starts a {1}, b {-1, 2}. The window ending at 1
  // (b at 0, a at 1, spread 2) ends before the cheaper one ending at 2 (a at
  // 1, b at 3, spread 1), and they share the a: 1/3 is counted, not 1/2.
  TextSegment s({"b a x b"});
  WindowSource phrase = s.Sloppy({"a", "b"}, 2);
  ExpectEntries(phrase, {{0, 1.0f / 3}});
}

TEST(WindowSource, TheTightestWindowWithTheSameEndIsCounted) {
  // "b a b" for "a b"~2: starts a {1}, b {-1, 1}; both windows end at 1,
  // [-1, 1] costs 2 and [1, 1] nothing.
  TextSegment s({"b a b"});
  WindowSource phrase = s.Sloppy({"a", "b"}, 2);
  ExpectEntries(phrase, {{0, 1.0f}});
}

TEST(WindowSource, SpreadBelowTheFreeSpreadCostsNothing) {
  // free_spread 3 over "a b" (NEAR-style offsets): spread 1, so cost
  // max(0, 1 - 3) = 0, never negative; each match still counts at most 1.
  TextSegment s({"a b", "a x x x x b"});
  WindowSource generous(s.Cursors({"a", "b"}), {0, 0}, WindowOptions{/*max_cost=*/0, 3});
  ExpectEntries(generous, {{0, 1.0f}});
}

TEST(WindowSource, OneSlotCountsEveryPosition) {
  TextSegment s({"a x a a", "x"});
  WindowSource one(s.Cursors({"a"}), {0}, WindowOptions::SloppyPhrase(0));
  ExpectEntries(one, {{0, 3.0f}});
}

// ------------------------------------------------------------ movement contract

TEST(WindowSource, NextSeekAndTheEnd) {
  TextSegment s({"a b", "b a", "a x b", "x", "a x x x b", "b x a"});
  WindowSource near = s.Near({"a", "b"}, 1);
  EXPECT_EQ(near.id(), 0u);
  near.Seek(0);  // the current id: nothing
  EXPECT_EQ(near.id(), 0u);
  near.Seek(2);
  EXPECT_EQ(near.id(), 2u);
  EXPECT_FLOAT_EQ(near.frequency(), 1.0f / 2);
  near.Seek(1);  // backwards: nothing
  EXPECT_EQ(near.id(), 2u);
  near.Seek(3);  // 3 lacks a, 4 has both words but too far apart
  EXPECT_EQ(near.id(), 5u);
  EXPECT_FLOAT_EQ(near.frequency(), 1.0f / 2);
  near.Next();
  EXPECT_EQ(near.id(), kEndId);
  near.Next();
  near.Seek(2);
  near.Seek(100);
  EXPECT_EQ(near.id(), kEndId);
}

TEST(WindowSource, SeekPastTheLastPassage) {
  TextSegment s({"a b", "a b"});
  WindowSource phrase = s.Sloppy({"a", "b"}, 0);
  phrase.Seek(kEndId - 1);
  EXPECT_EQ(phrase.id(), kEndId);
}

TEST(WindowSource, AMissingWordMatchesNothing) {
  TextSegment s({"a b"});
  WindowSource phrase = s.Sloppy({"a", "nowhere"}, 5);
  EXPECT_EQ(phrase.id(), kEndId);
  EXPECT_EQ(phrase.cost(), 0u);
}

TEST(WindowSource, CostIsTheRarestWordsPassageCount) {
  TextSegment s({"a b", "a", "a b", "a"});
  WindowSource phrase = s.Sloppy({"a", "b"}, 0);
  EXPECT_EQ(phrase.cost(), 2u);
}

// ------------------------------------------------------------ randomized

// Random passages of 1..max_length words drawn from `vocabulary`.
std::vector<std::string> RandomTexts(std::mt19937_64& rng,
                                     const std::vector<std::string>& vocabulary, size_t count,
                                     size_t max_length) {
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    const size_t length = 1 + rng() % max_length;
    std::string text;
    for (size_t w = 0; w < length; ++w)
      StrAppend(&text, w ? " " : "", vocabulary[rng() % vocabulary.size()]);
    texts.push_back(std::move(text));
  }
  return texts;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t space = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

TEST(WindowSource, SlopZeroIsPhraseSource) {
  std::mt19937_64 rng(20240917);
  const std::vector<std::string> vocabulary = {"a", "b", "c"};
  TextSegment s(RandomTexts(rng, vocabulary, 300, 10));
  size_t matched = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const size_t k = 2 + rng() % 3;
    std::vector<std::string> words;
    std::vector<Position> offsets;
    for (size_t i = 0; i < k; ++i) {
      words.push_back(vocabulary[rng() % vocabulary.size()]);
      // Mostly consecutive; sometimes a gap, as a phrase with a skipped word.
      offsets.push_back(i == 0 ? 0 : offsets.back() + 1 + (rng() % 4 == 0));
    }
    PhraseSource phrase(s.Cursors(words), offsets);
    WindowSource window(s.Cursors(words), offsets, WindowOptions::SloppyPhrase(0));
    const Entries expected = Drain(phrase);
    SCOPED_TRACE(StrCat("trial ", trial));
    ExpectEntries(window, expected);
    matched += expected.size();
  }
  EXPECT_GT(matched, 500u);  // the check is not vacuous
}

// A pattern for the reference: words at offsets, with options.
struct Pattern {
  std::vector<std::string> words;
  std::vector<Position> offsets;
  WindowOptions options;
};

struct Window {
  int64_t end = 0, cost = 0;
};

// The header's enumeration followed literally, by trying every choice of
// distinct positions: the match with every start > floor that ends soonest,
// of those the cheapest.
class Reference {
 public:
  Reference(const std::vector<std::string>& tokens, const Pattern& pattern)
      : tokens_(tokens), pattern_(pattern), used_(tokens.size()) {}

  double Frequency() {
    double frequency = 0;
    int64_t floor = std::numeric_limits<int64_t>::min();
    while (const std::optional<Window> best = Best(floor)) {
      frequency += 1.0 / static_cast<double>(1 + best->cost);
      floor = best->end;
    }
    return frequency;
  }

 private:
  std::optional<Window> Best(int64_t floor) {
    floor_ = floor;
    best_.reset();
    starts_.clear();
    Choose(0);
    return best_;
  }

  void Choose(size_t slot) {
    if (slot == pattern_.words.size()) return Consider();
    for (size_t p = 0; p < tokens_.size(); ++p) {
      if (used_[p] || tokens_[p] != pattern_.words[slot]) continue;
      const int64_t start = static_cast<int64_t>(p) - pattern_.offsets[slot];
      if (start <= floor_) continue;
      used_[p] = true;
      starts_.push_back(start);
      Choose(slot + 1);
      starts_.pop_back();
      used_[p] = false;
    }
  }

  void Consider() {
    const auto [low, high] = std::minmax_element(starts_.begin(), starts_.end());
    const int64_t spread = *high - *low;
    const int64_t cost = std::max<int64_t>(0, spread - pattern_.options.free_spread);
    if (cost > pattern_.options.max_cost) return;
    if (!best_ || *high < best_->end || (*high == best_->end && cost < best_->cost)) {
      best_ = Window{*high, cost};
    }
  }

  const std::vector<std::string>& tokens_;
  const Pattern& pattern_;
  std::vector<bool> used_;
  std::vector<int64_t> starts_;
  int64_t floor_ = 0;
  std::optional<Window> best_;
};

std::string Describe(const Pattern& p) {
  std::string out;
  for (size_t i = 0; i < p.words.size(); ++i) StrAppend(&out, p.words[i], "@", p.offsets[i], " ");
  return StrCat(out, "max cost ", p.options.max_cost, ", free spread ", p.options.free_spread);
}

// A sloppy phrase, a NEAR, or (one time in five) any options at all.
Pattern RandomPattern(std::mt19937_64& rng, const std::vector<std::string>& vocabulary) {
  Pattern p;
  const size_t k = 1 + rng() % 4;
  const bool near = rng() % 2 == 0;
  for (size_t i = 0; i < k; ++i) {
    p.words.push_back(vocabulary[rng() % vocabulary.size()]);
    p.offsets.push_back(near ? 0 : static_cast<Position>(i));
  }
  const uint32_t n = static_cast<uint32_t>(rng() % 5);
  p.options = near ? WindowOptions::Near(k, n) : WindowOptions::SloppyPhrase(n);
  if (rng() % 5 == 0) p.options.free_spread = static_cast<uint32_t>(rng() % 5);
  return p;
}

TEST(WindowSource, AgreesWithBruteForce) {
  std::mt19937_64 rng(77031);
  const std::vector<std::string> vocabulary = {"a", "b", "c"};
  const std::vector<std::string> texts = RandomTexts(rng, vocabulary, 300, 9);
  TextSegment s(texts);
  std::vector<std::vector<std::string>> tokens;
  for (const std::string& text : texts) tokens.push_back(Split(text));
  size_t matches = 0, misses = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const Pattern pattern = RandomPattern(rng, vocabulary);
    WindowSource source(s.Cursors(pattern.words), pattern.offsets, pattern.options);
    std::map<uint32_t, Frequency> got;
    for (const auto& [id, frequency] : Drain(source)) got[id] = frequency;
    for (uint32_t passage = 0; passage < texts.size(); ++passage) {
      const double expected = Reference(tokens[passage], pattern).Frequency();
      const auto it = got.find(passage);
      SCOPED_TRACE(StrCat("trial ", trial, ": \"", texts[passage], "\" for ", Describe(pattern)));
      ASSERT_EQ(it != got.end(), expected > 0);  // the match decision
      if (expected > 0) {
        EXPECT_NEAR(it->second, expected, 1e-5);
        ++matches;
      } else {
        ++misses;
      }
    }
  }
  // Both outcomes occur often, so neither side is vacuous.
  EXPECT_GT(matches, 5000u);
  EXPECT_GT(misses, 5000u);
}

}  // namespace
}  // namespace syndex
