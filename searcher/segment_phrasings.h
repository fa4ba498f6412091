// File: searcher/segment_phrasings.h
//
// Classifies the units of one segment against a phrasings query
// (searcher/phrasing_class.h): finds the positions of the phrase's words
// and synonyms in the unit, classifies each of its passages, and tells
// exact phrasings from inflected ones by reading the passage's text (the
// index holds stems, so "severe cost" and "severe costs" look alike in
// it). A document takes the class of its closest passage.
//
// Text is read only for passages where the whole phrase occurs, which are
// few: most candidates are decided from their postings alone.
//
// Example:
//   SegmentPhrasings phrasings(pattern, params, segment, Unit::kPassage, true, &analyzer);
//   ASSIGN_OR_RETURN(UnitPhrasing p, phrasings.Classify(passage));
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
  uint32_t tier() const { return PhrasingTier(phrasing_class, coverage); }
};

// Not thread-safe; the pattern, segment and analyzer must outlive it.
class SegmentPhrasings {
 public:
  SegmentPhrasings(const PhrasingPattern& pattern, PhrasingParams params, const Segment& segment,
                   Unit unit, bool skip_boilerplate, Analyzer* analyzer);

  // The phrasing of unit `id` (REQUIRES: ids increase from call to call).
  // DataLoss if a passage's stored text is damaged.
  [[nodiscard]] absl::StatusOr<UnitPhrasing> Classify(uint32_t id);

  // The occurrences found by the last Classify, when it needed positions
  // (for --explain; empty otherwise).
  const UnitPositions& positions() const { return positions_; }

 private:
  absl::StatusOr<UnitPhrasing> ClassifyPassage(PassageId passage,
                                               std::span<const Occurrence> occurrences);
  absl::StatusOr<UnitPhrasing> ClassifyDocument();
  // Whether the phrase occurs word for word at one of `starts` of `passage`.
  absl::StatusOr<bool> OccursExactly(PassageId passage, std::span<const Position> starts);

  const PhrasingPattern& pattern_;
  PhrasingParams params_;
  Unit unit_;
  Analyzer* analyzer_;
  UnitPositions positions_;
  PassageTextReader texts_;
  std::vector<bool> passage_present_;  // scratch
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SEGMENT_PHRASINGS_H_
