// File: searcher/unit_positions.h
//
// Where a fixed set of body terms occur within one ranked unit (a passage,
// or every passage of a document), for the scorers that look at positions:
// proximity and phrasings. It keeps one cursor per term and moves them
// forward only, so the units asked for must come in increasing id order,
// as a matcher yields them.
//
// Moving to a unit only finds which terms it holds; positions are decoded
// when asked for, since a passage holding one query word has nothing to say
// about proximity, and most candidates of an OR query are such passages.
//
// Example:
//   UnitPositions positions(std::move(cursors), Unit::kPassage, &segment, false);
//   if (positions.MoveTo(passage) >= 2) {
//     positions.Gather();
//     for (const Occurrence& o : positions.occurrences()) ...  // by passage, position
//   }
#ifndef SYNDEX_SEARCHER_UNIT_POSITIONS_H_
#define SYNDEX_SEARCHER_UNIT_POSITIONS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/postings_cursor.h"
#include "common/segment.h"
#include "common/types.h"
#include "searcher/unit.h"

namespace syndex {

// One occurrence of term `term` (an index into the cursors given) at
// `position` of passage `passage`.
struct Occurrence {
  PassageId passage = 0;
  Position position = 0;
  uint32_t term = 0;

  friend bool operator<(const Occurrence& a, const Occurrence& b) {
    if (a.passage != b.passage) return a.passage < b.passage;
    return a.position < b.position;
  }
};

// Not thread-safe. The segment must outlive it.
class UnitPositions {
 public:
  // `skip_boilerplate`: for documents, leave out boilerplate passages, as
  // the document's BM25 does.
  UnitPositions(std::vector<PostingsCursor> cursors, Unit unit, const Segment* segment,
                bool skip_boilerplate);

  // Moves to unit `id` (REQUIRES: above the last id moved to) and returns
  // how many of the terms it holds. Clears occurrences().
  size_t MoveTo(uint32_t id);
  // Gathers the occurrences of the terms on the current unit, sorted by
  // passage and position. At most once per MoveTo.
  void Gather();

  // The terms on the current unit: present()[t] for term t.
  const std::vector<bool>& present() const { return present_; }
  std::span<const Occurrence> occurrences() const { return occurrences_; }
  // An upper bound of how often term t occurs in the current unit, from
  // postings alone: its frequency in a passage or a one-passage document,
  // else kUnknownFrequency (summing a document's passages would move the
  // cursor past them).
  static constexpr uint32_t kUnknownFrequency = UINT32_MAX;
  uint32_t FrequencyBound(uint32_t t) const;
  size_t term_count() const { return cursors_.size(); }

 private:
  // The passage range [first, end) of unit `id`.
  void RangeOf(uint32_t id, PassageId* first, PassageId* end) const;
  bool Counted(PassageId passage) const;
  void GatherTerm(uint32_t term);

  std::vector<PostingsCursor> cursors_;
  Unit unit_;
  const Segment* segment_;
  bool skip_boilerplate_;
  std::vector<bool> present_;
  PassageId first_ = 0;  // the current unit's first passage
  PassageId end_ = 0;    // one past its last passage
  std::vector<Occurrence> occurrences_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_UNIT_POSITIONS_H_
