#include "searcher/unit_positions.h"

#include <algorithm>

namespace syndex {

UnitPositions::UnitPositions(std::vector<PostingsCursor> cursors, Unit unit, const Segment* segment,
                             bool skip_boilerplate)
    : cursors_(std::move(cursors)),
      unit_(unit),
      segment_(segment),
      skip_boilerplate_(skip_boilerplate),
      present_(cursors_.size(), false) {}

void UnitPositions::RangeOf(uint32_t id, PassageId* first, PassageId* end) const {
  if (unit_ == Unit::kPassage) {
    *first = id;
    *end = id + 1;
    return;
  }
  const DocumentRecord record = segment_->documents().Get(id);
  *first = record.first_passage;
  *end = record.first_passage + record.passage_count;
}

bool UnitPositions::Counted(PassageId passage) const {
  return unit_ == Unit::kPassage || !skip_boilerplate_ ||
         !segment_->passages().Get(passage).is_boilerplate();
}

void UnitPositions::GatherTerm(uint32_t term) {
  PostingsCursor& cursor = cursors_[term];
  for (; cursor.id() < end_; cursor.Next()) {
    if (!Counted(cursor.id())) continue;
    for (Position p : cursor.Positions()) occurrences_.push_back({cursor.id(), p, term});
  }
}

size_t UnitPositions::MoveTo(uint32_t id) {
  RangeOf(id, &first_, &end_);
  const PassageId first = first_;
  occurrences_.clear();
  size_t distinct = 0;
  for (size_t t = 0; t < cursors_.size(); ++t) {
    PostingsCursor& cursor = cursors_[t];
    cursor.Seek(first);
    // Boilerplate passages of a document do not count; skip past them.
    while (cursor.id() < end_ && !Counted(cursor.id())) cursor.Next();
    present_[t] = cursor.id() < end_;
    distinct += present_[t];
  }
  return distinct;
}

uint32_t UnitPositions::FrequencyBound(uint32_t t) const {
  if (!present_[t]) return 0;
  return end_ - first_ == 1 ? cursors_[t].tf() : kUnknownFrequency;
}

void UnitPositions::Gather() {
  for (uint32_t t = 0; t < cursors_.size(); ++t) {
    if (present_[t]) GatherTerm(t);
  }
  std::sort(occurrences_.begin(), occurrences_.end());
}

}  // namespace syndex
