// File: searcher/segment_phrasings.h
//
// Classifies the units of one segment against a phrasings query
// (searcher/phrasing_class.h): finds the positions of the phrase's words
// and synonyms in the unit, classifies each of its passages, and tells
// exact phrasings from inflected ones by reading the passage's text (the
// index holds stems, so "severe cost" and "severe costs" look alike in
// it). A document takes the class of its closest passage.
//
// Reading text is the costly step, so it is split off: Bound classifies
// from postings and positions alone and marks a phrasing that may be exact;
// Settle reads the text. A top-k collector settles only the units that
// would enter its results as exact phrasings, which for a phrase of common
// words ("to the") is a few hundred passages instead of every one.
//
// Example:
//   SegmentPhrasings phrasings(pattern, params, segment, Unit::kPassage, true, &analyzer);
//   UnitPhrasing p = phrasings.Bound(passage);
//   if (p.may_be_exact && WouldEnter(p.best_tier())) {
//     ASSIGN_OR_RETURN(p, phrasings.Settle(p));
//   }
//   hit.tier = p.tier();
#ifndef SYNDEX_SEARCHER_SEGMENT_PHRASINGS_H_
#define SYNDEX_SEARCHER_SEGMENT_PHRASINGS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "common/segment.h"
#include "searcher/passage_text.h"
#include "searcher/phrasing_class.h"
#include "searcher/unit.h"
#include "searcher/unit_positions.h"

namespace syndex {

struct UnitPhrasing {
  PhrasingClass phrasing_class = PhrasingClass::kNone;
  double coverage = 0;
  PassageId passage = 0;  // the passage that gave the class (for documents)
  // The class is kInflected and may be kExact; only the text can tell
  // (SegmentPhrasings::Settle).
  bool may_be_exact = false;

  uint32_t tier() const { return PhrasingTier(phrasing_class, coverage); }
  // The tier the phrasing has if it turns out exact.
  uint32_t best_tier() const {
    return may_be_exact ? PhrasingTier(PhrasingClass::kExact, coverage) : tier();
  }
};

// Not thread-safe; the pattern, segment and analyzer must outlive it.
class SegmentPhrasings {
 public:
  SegmentPhrasings(const PhrasingPattern& pattern, PhrasingParams params, const Segment& segment,
                   Unit unit, bool skip_boilerplate, Analyzer* analyzer);

  // The phrasing of unit `id`, settled (REQUIRES: ids increase from call
  // to call). DataLoss if a passage's stored text is damaged.
  [[nodiscard]] absl::StatusOr<UnitPhrasing> Classify(uint32_t id);

  // The phrasing of unit `id` from its postings and positions, without
  // reading text: an exact phrasing comes back as kInflected with
  // may_be_exact set (REQUIRES: ids increase from call to call).
  UnitPhrasing Bound(uint32_t id);

  // `bound`, the result of the last Bound, with may_be_exact decided by
  // reading the text of the unit's passages that hold the phrase.
  // DataLoss if a passage's stored text is damaged.
  [[nodiscard]] absl::StatusOr<UnitPhrasing> Settle(const UnitPhrasing& bound);

  // The occurrences found by the last Classify, when it needed positions
  // (for --explain; empty otherwise).
  const UnitPositions& positions() const { return positions_; }

 private:
  // A passage whose phrase may be exact, and where the phrase starts in it.
  struct Unsettled {
    PassageId passage;
    std::vector<Position> starts;
  };

  UnitPhrasing BoundPassage(PassageId passage, std::span<const Occurrence> occurrences);
  UnitPhrasing BoundDocument();
  // Whether the phrase occurs word for word at one of `starts` of `passage`.
  absl::StatusOr<bool> OccursExactly(PassageId passage, std::span<const Position> starts);

  const PhrasingPattern& pattern_;
  PhrasingParams params_;
  Unit unit_;
  Analyzer* analyzer_;
  UnitPositions positions_;
  PassageTextReader texts_;
  std::vector<bool> passage_present_;  // scratch
  std::vector<Unsettled> unsettled_;   // of the last Bound
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SEGMENT_PHRASINGS_H_
