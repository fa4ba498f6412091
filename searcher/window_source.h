// File: searcher/window_source.h
//
// WindowSource: the passages where a few words occur close together, for
// sloppy phrases ("a b c"~N) and NEAR (a NEAR/N b c), with a frequency that
// counts each match as 1 / (1 + cost).
//
// The pattern has k slots; slot i is a term (a cursor) and an offset. A word
// of slot i at position p implies that the pattern starts at
// s = p - offset[i] (signed). A match picks one position per slot, no
// position serving two slots (so "a b a" needs two a's), and its
//
//   spread = max(s) - min(s),   cost = max(0, spread - free_spread),
//
// must satisfy cost <= max_cost. Its window is [min(s), max(s)].
//  * Sloppy phrase, Lucene's slop: offsets are the phrase's, free_spread 0,
//    max_cost the slop. An exact occurrence has cost 0; one word moved by a
//    position costs 1; two adjacent words swapped cost 2; three reversed, 4.
//    With slop 0 this is PhraseSource, frequency included.
//  * a NEAR/N b c: offsets all 0, free_spread k - 1, max_cost N. The cost is
//    then the number of other words between the first and the last matched
//    word, in any order.
//
// Frequency: matches are counted left to right by window. The first counted
// match is one whose window ends (max s) soonest, and of those the one of
// least cost; the next counted match must lie wholly after that window
// (every s > its end), and so on. Each adds 1 / (1 + cost). For NEAR s is
// the position, so counted matches occupy disjoint stretches of the passage.
// In a phrase, a position of a word that occurs once in the phrase serves
// at most one counted match; a repeated word's position may serve two, in
// different slots, as PhraseSource counts "a a" twice in "a a a".
//
// Example: "swift costs"~1 (offsets {0, 1}) over "swift x costs swift
// costs": starts swift {0, 3}, costs {1, 3}. The first window is [0, 1]
// (swift 0, costs 2: cost 1); after it, [3, 3] (exact: cost 0). Frequency
// 1/2 + 1 = 1.5.
//
//   WindowSource near({segment.Cursor(swift), segment.Cursor(cost)}, {0, 0},
//                     WindowOptions::Near(/*words=*/2, /*n=*/3));
//   for (; near.id() != kEndId; near.Next()) Use(near.id(), near.frequency());
#ifndef SYNDEX_SEARCHER_WINDOW_SOURCE_H_
#define SYNDEX_SEARCHER_WINDOW_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "common/postings_cursor.h"
#include "searcher/frequency_sources.h"
#include "searcher/matcher.h"

namespace syndex {

// How far a match may stray from the pattern (see the file comment).
struct WindowOptions {
  // The largest cost a match may have. Default: 0.
  uint32_t max_cost = 0;
  // Spread that costs nothing: cost = max(0, spread - free_spread).
  // Default: 0.
  uint32_t free_spread = 0;

  // "w1 .. wk"~slop, with the phrase's offsets.
  static WindowOptions SloppyPhrase(uint32_t slop) { return {slop, 0}; }
  // w1 NEAR/n .. wk, with all offsets 0. REQUIRES: words >= 1.
  static WindowOptions Near(size_t words, uint32_t n) {
    return {n, static_cast<uint32_t>(words - 1)};
  }
};

// A FrequencySource (same movement contract as Matcher). Postings are
// intersected rarest first, and positions are decoded only on passages
// holding every term. Per such passage, with E the positions of all slots
// (a term's positions count once per slot using it): O(E log k) to merge
// them in one sweep, plus, for a term used by m > 1 slots, O(m log E) per
// distinct start tried. Not thread-safe; the segment must outlive it.
class WindowSource final : public FrequencySource {
 public:
  // Slot i is the term of cursors[i] at offsets[i]. Two slots are the same
  // term when their cursors were made from the same dictionary entry
  // (TermInfo offsets), as Segment::Cursor makes them.
  // REQUIRES: cursors.size() == offsets.size() >= 1.
  WindowSource(std::vector<PostingsCursor> cursors, std::vector<Position> offsets,
               WindowOptions options);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Frequency frequency() override { return frequency_; }
  uint64_t cost() const override { return terms_.cost(); }

 private:
  // One slot while a passage is scanned.
  struct Slot {
    int64_t offset = 0;
    // The first slot with the same term, whose cursor decodes the positions.
    size_t source = 0;
    bool lone = true;                     // no other slot has its term
    std::span<const Position> positions;  // of its term in this passage
    size_t next = 0;                      // index of its next start to merge
    int64_t latest = 0;                   // its last start merged (lone slots)
  };

  // Moves to the first passage >= target holding a match.
  void FindFrom(uint32_t target);
  // The frequency of the current passage: 0 if nothing matches.
  Frequency ScanPassage();
  void LoadPositions();
  int64_t StartOf(const Slot& slot, size_t index) const {
    return static_cast<int64_t>(slot.positions[index]) - slot.offset;
  }
  // Merges the starts equal to the least one left; returns it.
  int64_t MergeNextStarts();
  void PushStart(int64_t start, size_t slot);
  void Merge(size_t slot, int64_t start);
  // The tightest window ending at or before `end`, after floor_: the largest
  // lowest start of a match whose starts are all in (floor_, end], if any.
  std::optional<int64_t> LowestStart(int64_t end);
  std::optional<int64_t> LowestStartOfRepeated(const std::vector<size_t>& group, int64_t end) const;
  // Forgets the starts <= end, after counting a match ending there.
  void StartAfter(int64_t end);

  TermConjunction terms_;
  WindowOptions options_;
  std::vector<Slot> slots_;
  std::vector<size_t> lone_slots_;  // slots whose term no other slot has
  // Slots sharing a term, each group by decreasing offset.
  std::vector<std::vector<size_t>> repeated_;
  uint32_t id_ = kEndId;
  Frequency frequency_ = 0;

  // Scan state of one passage.
  using Start = std::pair<int64_t, size_t>;  // (start, slot)
  std::vector<Start> pending_;               // min-heap: each slot's next start
  int64_t floor_ = 0;                        // counted matches end here; starts must be above
  size_t lone_present_ = 0;                  // lone slots with a start in (floor_, end]
  std::deque<Start> recent_;                 // lone slots' merged starts, oldest first
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_WINDOW_SOURCE_H_
