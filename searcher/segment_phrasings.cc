#include "searcher/segment_phrasings.h"

#include "common/status_macros.h"
#include "searcher/matcher_builder.h"

namespace syndex {
namespace {

std::vector<PostingsCursor> CursorsOf(const PhrasingPattern& pattern, const Segment& segment) {
  std::vector<PostingsCursor> cursors;
  for (const std::string& term : pattern.terms) {
    cursors.push_back(CursorFor(segment, format::Field::kBody, term));
  }
  return cursors;
}

}  // namespace

SegmentPhrasings::SegmentPhrasings(const PhrasingPattern& pattern, PhrasingParams params,
                                   const Segment& segment, Unit unit, bool skip_boilerplate,
                                   Analyzer* analyzer)
    : pattern_(pattern),
      params_(params),
      unit_(unit),
      analyzer_(analyzer),
      positions_(CursorsOf(pattern, segment), unit, &segment, skip_boilerplate),
      texts_(segment),
      passage_present_(pattern.terms.size()) {}

absl::StatusOr<UnitPhrasing> SegmentPhrasings::Classify(uint32_t id) {
  const UnitPhrasing bound = Bound(id);
  return bound.may_be_exact ? Settle(bound) : bound;
}

UnitPhrasing SegmentPhrasings::Bound(uint32_t id) {
  unsettled_.clear();
  if (positions_.MoveTo(id) == 0) return UnitPhrasing{PhrasingClass::kNone, 0, id};
  if (unit_ == Unit::kDocument) return BoundDocument();
  if (NeedsPositions(pattern_, positions_.present())) positions_.Gather();
  passage_present_ = positions_.present();
  return BoundPassage(id, positions_.occurrences());
}

absl::StatusOr<UnitPhrasing> SegmentPhrasings::Settle(const UnitPhrasing& bound) {
  UnitPhrasing settled = bound;
  settled.may_be_exact = false;
  // Every full phrase has the same coverage, so the first exact one wins.
  for (const Unsettled& u : unsettled_) {
    ASSIGN_OR_RETURN(bool exact, OccursExactly(u.passage, u.starts));
    if (exact) {
      settled.phrasing_class = PhrasingClass::kExact;
      settled.passage = u.passage;
      break;
    }
  }
  return settled;
}

UnitPhrasing SegmentPhrasings::BoundPassage(PassageId passage,
                                            std::span<const Occurrence> occurrences) {
  PassagePhrasing p = syndex::ClassifyPassage(pattern_, params_, passage_present_, occurrences);
  const bool may_be_exact = p.phrasing_class == PhrasingClass::kInflected;
  if (may_be_exact) unsettled_.push_back({passage, std::move(p.phrase_starts)});
  return UnitPhrasing{p.phrasing_class, p.coverage, passage, may_be_exact};
}

// Each passage of the document on its own: a phrase never spans two.
UnitPhrasing SegmentPhrasings::BoundDocument() {
  positions_.Gather();
  const std::span<const Occurrence> all = positions_.occurrences();
  UnitPhrasing best;
  for (size_t begin = 0, end = 0; begin < all.size(); begin = end) {
    std::fill(passage_present_.begin(), passage_present_.end(), false);
    for (end = begin; end < all.size() && all[end].passage == all[begin].passage; ++end) {
      passage_present_[all[end].term] = true;
    }
    const UnitPhrasing p = BoundPassage(all[begin].passage, all.subspan(begin, end - begin));
    if (p.tier() > best.tier()) best = p;
  }
  best.may_be_exact = !unsettled_.empty();
  return best;
}

absl::StatusOr<bool> SegmentPhrasings::OccursExactly(PassageId passage,
                                                     std::span<const Position> starts) {
  ASSIGN_OR_RETURN(std::string_view text, texts_.Text(passage));
  std::vector<Token> tokens;
  analyzer_->Analyze(text, 0, &tokens);
  const Position first_offset = pattern_.words[0].offset;
  for (Position start : starts) {
    bool same = true;
    for (const PhrasingPattern::Word& word : pattern_.words) {
      const size_t at = start + word.offset - first_offset;
      if (at >= tokens.size()) return false;  // text and positions disagree
      const std::string_view surface(text.data() + tokens[at].start,
                                     tokens[at].end - tokens[at].start);
      const std::vector<std::string> normalized = analyzer_->NormalizedWords(surface);
      same = normalized.size() == 1 && normalized[0] == word.normalized;
      if (!same) break;
    }
    if (same) return true;
  }
  return false;
}

}  // namespace syndex
