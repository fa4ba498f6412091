#include "searcher/frequency_sources.h"

#include <algorithm>
#include <numeric>

#include "common/sorted_intersection.h"

namespace syndex {

bool TermSource::CurrentBlock(BlockBound* bound) const {
  if (cursor_.id() == kEndId) return false;
  *bound = {cursor_.block_impacts(), cursor_.block_last_id()};
  return true;
}

namespace {

std::vector<BlockImpacts> ImpactsOfEveryBlock(const PostingsCursor& cursor) {
  std::vector<BlockImpacts> impacts(cursor.block_count());
  for (uint32_t b = 0; b < cursor.block_count(); ++b) impacts[b] = cursor.impacts_of_block(b);
  return impacts;
}

}  // namespace

std::vector<BlockImpacts> TermSource::AllBlockImpacts() const {
  return ImpactsOfEveryBlock(cursor_);
}

TermConjunction::TermConjunction(std::vector<PostingsCursor> cursors)
    : cursors_(std::move(cursors)), order_(cursors_.size()) {
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
    return cursors_[a].info().doc_freq < cursors_[b].info().doc_freq;
  });
}

TermFreq TermConjunction::max_frequency() const {
  TermFreq bound = cursors_[0].info().max_tf;
  for (const PostingsCursor& c : cursors_) bound = std::min(bound, c.info().max_tf);
  return bound;
}

TermFreq TermConjunction::SmallestTf() const {
  TermFreq smallest = cursors_[0].tf();
  for (const PostingsCursor& c : cursors_) smallest = std::min(smallest, c.tf());
  return smallest;
}

uint32_t TermConjunction::min_length() const {
  uint32_t bound = 0;
  for (const PostingsCursor& c : cursors_) bound = std::max(bound, c.info().min_length);
  return bound;
}

namespace {

// Lists whose posting counts differ by more than this are intersected by
// seeking the denser one to each id of the sparser; closer ones by merging
// their decoded blocks.
constexpr uint64_t kMergeDensityRatio = 8;

// Moves `sparse` and `dense` to their first common id >= target and
// returns it; kEndId if there is none.
uint32_t IntersectBySeeking(PostingsCursor& sparse, PostingsCursor& dense, uint32_t target) {
  while (true) {
    sparse.Seek(target);
    target = sparse.id();
    if (target == kEndId) return kEndId;
    dense.Seek(target);
    if (dense.id() == target) return target;
    target = dense.id();
    if (target == kEndId) return kEndId;
  }
}

// The same as IntersectBySeeking, for lists of similar density: both
// current blocks are compared side by side (FirstCommonId), where seeking
// costs a call and a search for each id of the sparser list (seeks were
// 40% of a two-word phrase's time).
uint32_t IntersectByMerging(PostingsCursor& a, PostingsCursor& b, uint32_t target) {
  while (true) {
    a.Seek(target);
    b.Seek(target);
    if (a.id() == kEndId || b.id() == kEndId) return kEndId;
    const std::span<const uint32_t> as = a.block_ids();
    const std::span<const uint32_t> bs = b.block_ids();
    uint32_t i = a.index_in_block();
    uint32_t j = b.index_in_block();
    if (FirstCommonId(as, &i, bs, &j)) {
      a.MoveInBlock(i);
      b.MoveInBlock(j);
      return as[i];
    }
    // A used-up block's ids match nothing of the other list: both go on
    // from above its last id (and from the other's next id).
    if (i == as.size()) {
      a.MoveInBlock(i - 1);
      target = std::max(as.back() + 1, j < bs.size() ? bs[j] : 0);
    } else {
      b.MoveInBlock(j - 1);
      target = std::max(bs.back() + 1, as[i]);
    }
  }
}

}  // namespace

uint32_t TermConjunction::Align(uint32_t target) {
  PostingsCursor& lead = cursors_[order_[0]];
  if (order_.size() == 1) {
    lead.Seek(target);
    return lead.id();
  }
  PostingsCursor& second = cursors_[order_[1]];
  const bool merge = second.info().doc_freq <= kMergeDensityRatio * lead.info().doc_freq;
  while (true) {
    target =
        merge ? IntersectByMerging(lead, second, target) : IntersectBySeeking(lead, second, target);
    if (target == kEndId) return kEndId;
    bool aligned = true;
    for (size_t i = 2; i < order_.size(); ++i) {
      PostingsCursor& other = cursors_[order_[i]];
      other.Seek(target);
      if (other.id() != target) {
        target = other.id();
        aligned = false;
        break;
      }
    }
    if (aligned) return target;
    if (target == kEndId) return kEndId;
  }
}

PhraseSource::PhraseSource(std::vector<PostingsCursor> cursors, std::vector<Position> offsets)
    : terms_(std::move(cursors)), offsets_(std::move(offsets)), positions_(terms_.size()) {
  FindFrom(0);
}

TermFreq PhraseSource::CountOccurrences() {
  for (size_t i = 0; i < terms_.size(); ++i) {
    const std::span<const Position> p = terms_.cursor(i).Positions();
    positions_[i].assign(p.begin(), p.end());
  }
  TermFreq count = 0;
  for (Position start : positions_[0]) {
    bool all = true;
    for (size_t i = 1; i < terms_.size() && all; ++i) {
      all = std::binary_search(positions_[i].begin(), positions_[i].end(), start + offsets_[i]);
    }
    count += all;
  }
  return count;
}

void PhraseSource::FindFrom(uint32_t target) {
  while ((id_ = terms_.Align(target)) != kEndId) {
    target = id_ + 1;
    if (floor_ != nullptr && !floor_->MayReach(id_, static_cast<Frequency>(terms_.SmallestTf()))) {
      continue;
    }
    frequency_ = CountOccurrences();
    if (frequency_ > 0) return;
  }
}

bool PhraseSource::CurrentBlock(BlockBound* bound) const {
  const PostingsCursor& lead = terms_.lead();
  if (id_ == kEndId || lead.id() != id_) return false;
  *bound = {lead.block_impacts(), lead.block_last_id()};
  return true;
}

std::vector<BlockImpacts> PhraseSource::AllBlockImpacts() const {
  return ImpactsOfEveryBlock(terms_.lead());
}

void PhraseSource::Next() {
  if (id_ != kEndId) FindFrom(id_ + 1);
}

void PhraseSource::Seek(uint32_t target) {
  if (id_ != kEndId && target > id_) FindFrom(target);
}

}  // namespace syndex
