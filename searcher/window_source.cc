#include "searcher/window_source.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace syndex {
namespace {

constexpr int64_t kBeforeAll = std::numeric_limits<int64_t>::min();

// Cursors over one dictionary entry hold the same positions.
bool SameTerm(const TermInfo& a, const TermInfo& b) {
  return a.postings_offset == b.postings_offset && a.postings_size == b.postings_size &&
         a.positions_offset == b.positions_offset;
}

// The last of `positions` that is <= limit, if any.
std::optional<int64_t> LastAtMost(std::span<const Position> positions, int64_t limit) {
  if (limit < 0) return std::nullopt;
  const Position bound =
      static_cast<Position>(std::min<int64_t>(limit, std::numeric_limits<Position>::max()));
  const auto it = std::upper_bound(positions.begin(), positions.end(), bound);
  if (it == positions.begin()) return std::nullopt;
  return static_cast<int64_t>(*(it - 1));
}

}  // namespace

WindowSource::WindowSource(std::vector<PostingsCursor> cursors, std::vector<Position> offsets,
                           WindowOptions options)
    : terms_(std::move(cursors)), options_(options), slots_(offsets.size()) {
  assert(terms_.size() == offsets.size() && !offsets.empty());
  std::vector<std::vector<size_t>> by_source(slots_.size());
  for (size_t i = 0; i < slots_.size(); ++i) {
    slots_[i].offset = offsets[i];
    size_t source = 0;
    while (!SameTerm(terms_.cursor(source).info(), terms_.cursor(i).info())) ++source;
    slots_[i].source = source;
    by_source[source].push_back(i);
  }
  for (std::vector<size_t>& group : by_source) {
    if (group.size() == 1) lone_slots_.push_back(group[0]);
    if (group.size() < 2) continue;
    // Decreasing offset, the order LowestStartOfRepeated assigns positions in.
    std::stable_sort(group.begin(), group.end(),
                     [&](size_t a, size_t b) { return slots_[a].offset > slots_[b].offset; });
    for (size_t slot : group) slots_[slot].lone = false;
    repeated_.push_back(std::move(group));
  }
  FindFrom(0);
}

void WindowSource::FindFrom(uint32_t target) {
  while ((id_ = terms_.Align(target)) != kEndId) {
    frequency_ = ScanPassage();
    if (frequency_ > 0) return;
    target = id_ + 1;
  }
}

void WindowSource::Next() {
  if (id_ != kEndId) FindFrom(id_ + 1);
}

void WindowSource::Seek(uint32_t target) {
  if (id_ != kEndId && target > id_) FindFrom(target);
}

void WindowSource::LoadPositions() {
  pending_.clear();
  for (size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    // A source slot comes first in its group, so its positions are loaded.
    slot.positions =
        slot.source == i ? terms_.cursor(i).Positions() : slots_[slot.source].positions;
    slot.next = 0;
    slot.latest = kBeforeAll;
    if (!slot.positions.empty()) PushStart(StartOf(slot, 0), i);
  }
}

void WindowSource::PushStart(int64_t start, size_t slot) {
  pending_.emplace_back(start, slot);
  std::push_heap(pending_.begin(), pending_.end(), std::greater<Start>());
}

// A sweep over the merged starts, in increasing order: each distinct start
// is tried as the end of a window (the tightest match ending there), and
// the first that fits is counted. Windows are tried in order of their end,
// so the first counted match ends soonest; after it, only starts past its
// end remain.
Frequency WindowSource::ScanPassage() {
  LoadPositions();
  floor_ = kBeforeAll;
  lone_present_ = 0;
  recent_.clear();
  const int64_t free = options_.free_spread;
  const int64_t widest = int64_t{options_.max_cost} + free;
  double frequency = 0;
  while (!pending_.empty()) {
    const int64_t end = MergeNextStarts();
    const std::optional<int64_t> lowest = LowestStart(end);
    if (!lowest || end - *lowest > widest) continue;
    const int64_t cost = std::max<int64_t>(0, end - *lowest - free);
    frequency += 1.0 / static_cast<double>(1 + cost);
    StartAfter(end);
  }
  return static_cast<Frequency>(frequency);
}

int64_t WindowSource::MergeNextStarts() {
  const int64_t end = pending_.front().first;
  while (!pending_.empty() && pending_.front().first == end) {
    const size_t i = pending_.front().second;
    std::pop_heap(pending_.begin(), pending_.end(), std::greater<Start>());
    pending_.pop_back();
    Merge(i, end);
    Slot& slot = slots_[i];
    if (++slot.next < slot.positions.size()) PushStart(StartOf(slot, slot.next), i);
  }
  return end;
}

// A lone slot's best start for a window ending at `end` is its latest, so
// only those are kept; the least of them is the oldest entry of recent_
// that is still some slot's latest (starts arrive in increasing order).
void WindowSource::Merge(size_t i, int64_t start) {
  Slot& slot = slots_[i];
  if (!slot.lone) return;  // LowestStartOfRepeated searches its positions
  if (slot.latest <= floor_) ++lone_present_;
  slot.latest = start;
  recent_.emplace_back(start, i);
}

std::optional<int64_t> WindowSource::LowestStart(int64_t end) {
  if (lone_present_ < lone_slots_.size()) return std::nullopt;
  int64_t lowest = end;
  if (!lone_slots_.empty()) {
    while (slots_[recent_.front().second].latest != recent_.front().first) recent_.pop_front();
    lowest = recent_.front().first;
  }
  // Distinct terms never share a position, so each group is chosen alone.
  const int64_t widest = int64_t{options_.max_cost} + options_.free_spread;
  for (size_t g = 0; g < repeated_.size() && end - lowest <= widest; ++g) {
    const std::optional<int64_t> group_lowest = LowestStartOfRepeated(repeated_[g], end);
    if (!group_lowest) return std::nullopt;
    lowest = std::min(lowest, *group_lowest);
  }
  return lowest;
}

// Slots of one term need distinct positions. Slot s accepts positions in
// [lowest + offset_s, end + offset_s]: intervals of one length, ordered by
// offset. Going from the largest offset down, each slot takes the last
// position <= end + offset_s below the one taken before it. For intervals
// of one length taken in order this greedy finds an assignment whenever one
// exists, whatever `lowest` is (it never looks at it), so the lowest start
// of its assignment is the largest of any: the tightest window.
std::optional<int64_t> WindowSource::LowestStartOfRepeated(const std::vector<size_t>& group,
                                                           int64_t end) const {
  int64_t lowest = end;
  int64_t below = std::numeric_limits<int64_t>::max();  // positions taken are >= this
  for (size_t i : group) {
    const Slot& slot = slots_[i];
    const std::optional<int64_t> p =
        LastAtMost(slot.positions, std::min(end + slot.offset, below - 1));
    if (!p || *p - slot.offset <= floor_) return std::nullopt;
    lowest = std::min(lowest, *p - slot.offset);
    below = *p;
  }
  return lowest;
}

void WindowSource::StartAfter(int64_t end) {
  floor_ = end;
  lone_present_ = 0;
  recent_.clear();
}

}  // namespace syndex
