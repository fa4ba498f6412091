#include "searcher/boolean_matchers.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace syndex {

namespace {

// child_scores_ of a child that does not match the candidate (scores are
// never negative).
constexpr Score kNoScore = -1;

// Float sums of the same scores in another order may differ in the last
// bits: thresholds handed down are lowered by this much of the total.
constexpr double kRelativeSlack = 1e-6;

// The shortest window of ids an OR works out bounds for (Lucene's inner
// window is 4096 documents; a passage is a tenth of one).
constexpr uint32_t kMinWindowIds = 1 << 10;
// The most units of a window buffered at once (OrMatcher::FillWindow).
constexpr uint32_t kMaxWindowIds = 1 << 12;

}  // namespace

OrMatcher::OrMatcher(std::vector<std::unique_ptr<Matcher>> children, std::optional<Tiers> tiers,
                     std::vector<double> slack)
    : children_(std::move(children)),
      coverage_(children_.size(), 0.0),
      slack_(slack.empty() ? std::vector<double>(children_.size(), 0.0) : std::move(slack)),
      by_bound_(children_.size()),
      bound_prefix_(children_.size() + 1, 0.0),
      coverage_prefix_(children_.size() + 1, 0.0),
      child_scores_(children_.size(), kNoScore),
      window_order_(children_.size()),
      window_bounds_(children_.size(), 0.0),
      window_prefix_(children_.size() + 1, 0.0) {
  std::iota(window_order_.begin(), window_order_.end(), 0);
  if (tiers) {
    tier_bound_ = tiers->bound;
    coverage_ = std::move(tiers->coverage);
  }
  assert(slack_.size() == children_.size());
  for (const auto& child : children_) child_ids_.push_back(child->id());
  for (const auto& child : children_) max_score_ += child->max_score();
  std::iota(by_bound_.begin(), by_bound_.end(), 0);
  std::stable_sort(by_bound_.begin(), by_bound_.end(), [&](size_t a, size_t b) {
    if (coverage_[a] != coverage_[b]) return coverage_[a] < coverage_[b];
    return BoundOf(a) < BoundOf(b);
  });
  for (size_t i = 0; i < by_bound_.size(); ++i) {
    bound_prefix_[i + 1] = bound_prefix_[i] + BoundOf(by_bound_[i]);
    coverage_prefix_[i + 1] = coverage_prefix_[i] + coverage_[by_bound_[i]];
  }
  FindCandidate();
}

bool OrMatcher::CannotEnter(double coverage, double score) const {
  if (tier_bound_) {
    const uint32_t tier = tier_bound_->Of(coverage);
    if (tier != min_tier_) return tier < min_tier_;
  }
  return score < min_score_;
}

void OrMatcher::FindCandidate() {
  if (windowed()) return FindWindowedCandidate();
  while (true) {
    uint32_t id = kEndId;
    for (size_t i = first_essential_; i < by_bound_.size(); ++i) {
      id = std::min(id, child_ids_[by_bound_[i]]);
    }
    id_ = id;
    scored_ = false;
    if (id == kEndId || !pruning_) return;
    if (ScoreCandidate(id)) {
      score_ = SumInChildOrder();
      scored_ = true;
      return;
    }
    AdvanceEssentialAt(id);
  }
}

bool OrMatcher::ScoreCandidate(uint32_t id) {
  std::fill(child_scores_.begin(), child_scores_.end(), kNoScore);
  double sum = 0, coverage = 0;  // sum: scores plus slack
  for (size_t i = first_essential_; i < by_bound_.size(); ++i) {
    const size_t c = by_bound_[i];
    if (child_ids_[c] != id) continue;
    sum += (child_scores_[c] = children_[c]->score()) + slack_[c];
    coverage += coverage_[c];
  }
  // The non-essential children, from the largest bound down: each lookup
  // may show that even the rest at their bounds cannot lift the unit.
  for (size_t i = first_essential_; i-- > 0;) {
    if (CannotEnter(coverage + coverage_prefix_[i + 1], sum + bound_prefix_[i + 1])) return false;
    const size_t c = by_bound_[i];
    SeekChild(c, id);
    if (child_ids_[c] != id) continue;
    sum += (child_scores_[c] = children_[c]->score()) + slack_[c];
    coverage += coverage_[c];
  }
  return !CannotEnter(coverage, sum);
}

Score OrMatcher::SumInChildOrder() const {
  Score sum = 0;
  for (Score s : child_scores_) {
    if (s != kNoScore) sum += s;
  }
  return sum;
}

void OrMatcher::AdvanceEssentialAt(uint32_t id) { AdvanceAt(id, by_bound_, first_essential_); }

void OrMatcher::AdvanceAt(uint32_t id, const std::vector<size_t>& order, size_t first) {
  for (size_t i = first; i < order.size(); ++i) {
    const size_t c = order[i];
    if (child_ids_[c] != id) continue;
    children_[c]->Next();
    child_ids_[c] = children_[c]->id();
  }
}

void OrMatcher::Next() {
  if (id_ == kEndId) return;
  if (windowed()) {
    AdvanceWindowEssentialAt(id_);
  } else {
    AdvanceEssentialAt(id_);
  }
  frontier_ = id_ + 1;
  FindCandidate();
}

void OrMatcher::Seek(uint32_t target) {
  if (id_ == kEndId || target <= id_) return;
  frontier_ = target;
  if (!windowed()) {
    for (size_t i = first_essential_; i < by_bound_.size(); ++i) SeekChild(by_bound_[i], target);
  } else if (window_valid_ && target <= window_end_) {
    for (size_t i = window_first_essential_; i < window_order_.size(); ++i) {
      SeekChild(window_order_[i], target);
    }
  } else {
    window_valid_ = false;
  }
  FindCandidate();
}

void OrMatcher::FindWindowedCandidate() {
  scored_ = true;  // every candidate of a window is scored before it is yielded
  while (true) {
    if (buffer_filled_ && frontier_ <= buffer_end_) {
      if (NextBufferedCandidate()) return;
      buffer_filled_ = false;
      if (buffer_end_ == kEndId) break;
      frontier_ = buffer_end_ + 1;
      continue;
    }
    if (!window_valid_ || frontier_ > window_end_) {
      if (!StartWindow(frontier_)) {
        if (window_end_ == kEndId) break;
        frontier_ = window_end_ + 1;
        continue;
      }
    }
    // Only an essential child's unit can enter here.
    uint32_t next = kEndId;
    for (size_t i = window_first_essential_; i < window_order_.size(); ++i) {
      next = std::min(next, child_ids_[window_order_[i]]);
    }
    if (next > window_end_) {  // the window is done
      if (window_end_ == kEndId) break;
      frontier_ = window_end_ + 1;
      window_valid_ = false;
      continue;
    }
    frontier_ = std::max(frontier_, next);
    FillWindow();
  }
  id_ = kEndId;
}

void OrMatcher::FillWindow() {
  const size_t n = children_.size();
  if (window_scores_ == nullptr) {
    window_sums_.reset(new double[kMaxWindowIds]);
    window_scores_.reset(new Score[size_t{kMaxWindowIds} * n]);
    window_touched_.resize(kMaxWindowIds / 64);
  }
  std::fill(window_touched_.begin(), window_touched_.end(), 0);
  buffer_start_ = frontier_;
  buffer_end_ =
      window_end_ - frontier_ < kMaxWindowIds ? window_end_ : frontier_ + (kMaxWindowIds - 1);
  buffer_filled_ = true;
  // Each essential child's units in the window, one child after another:
  // no candidate costs a pass over the children.
  for (size_t i = window_first_essential_; i < window_order_.size(); ++i) {
    const size_t c = window_order_[i];
    Matcher& child = *children_[c];
    uint32_t id = child_ids_[c];  // >= buffer_start_: StartWindow sought it there
    for (; id != kEndId && id <= buffer_end_; id = child.id()) {
      const uint32_t offset = id - buffer_start_;
      uint64_t& word = window_touched_[offset / 64];
      const uint64_t bit = uint64_t{1} << (offset % 64);
      Score* scores = &window_scores_[size_t{offset} * n];
      if ((word & bit) == 0) {
        word |= bit;
        window_sums_[offset] = 0;
        std::fill(scores, scores + n, kNoScore);
      }
      const Score score = child.score();
      scores[c] = score;
      window_sums_[offset] += score + slack_[c];
      child.Next();
    }
    child_ids_[c] = id;
  }
}

bool OrMatcher::NextBufferedCandidate() {
  uint32_t offset = frontier_ - buffer_start_;
  const uint32_t words = (buffer_end_ - buffer_start_) / 64 + 1;
  for (uint32_t w = offset / 64; w < words; ++w) {
    uint64_t bits = window_touched_[w];
    if (w == offset / 64) bits &= ~uint64_t{0} << (offset % 64);
    while (bits != 0) {
      offset = w * 64 + static_cast<uint32_t>(__builtin_ctzll(bits));
      bits &= bits - 1;
      if (ScoreBufferedCandidate(offset)) {
        id_ = buffer_start_ + offset;
        score_ = SumInChildOrder();
        return true;
      }
      frontier_ = buffer_start_ + offset + 1;
    }
  }
  return false;
}

bool OrMatcher::ScoreBufferedCandidate(uint32_t offset) {
  double sum = window_sums_[offset];  // scores plus slack
  const size_t first_essential = window_first_essential_;
  // Most candidates fall short even with every other child at its bound.
  if (sum + window_prefix_[first_essential] < min_score_) return false;
  const size_t n = children_.size();
  const Score* scores = &window_scores_[size_t{offset} * n];
  std::copy(scores, scores + n, child_scores_.begin());
  const uint32_t id = buffer_start_ + offset;
  // The non-essential children, from the largest window bound down.
  for (size_t i = first_essential; i-- > 0;) {
    if (sum + window_prefix_[i + 1] < min_score_) return false;
    const size_t c = window_order_[i];
    if (window_bounds_[c] == 0) continue;  // nothing in the window
    if (child_ids_[c] < id) SeekChild(c, id);
    if (child_ids_[c] != id) continue;
    sum += (child_scores_[c] = children_[c]->score()) + slack_[c];
  }
  return sum >= min_score_;
}

bool OrMatcher::StartWindow(uint32_t from) {
  window_valid_ = true;
  // The window ends with the first block end among the essential children
  // (as Lucene's), so that each child's bound covers few of its blocks,
  // but spans at least kMinWindowIds, so that bounds are not worked out
  // again every few units.
  window_end_ = kEndId;
  for (size_t i = first_essential_; i < by_bound_.size(); ++i) {
    const size_t c = by_bound_[i];
    if (child_ids_[c] == kEndId) continue;
    window_end_ = std::min(window_end_, children_[c]->BlockEndAfter(std::max(from, child_ids_[c])));
  }
  if (window_end_ - from < kMinWindowIds) {
    window_end_ = from < kEndId - kMinWindowIds ? from + kMinWindowIds : kEndId;
  }
  for (size_t c = 0; c < children_.size(); ++c) {
    const Score bound = child_ids_[c] == kEndId ? 0 : children_[c]->MaxScoreIn(from, window_end_);
    window_bounds_[c] = bound > 0 ? bound + slack_[c] : 0;
  }
  std::sort(window_order_.begin(), window_order_.end(),
            [&](size_t a, size_t b) { return window_bounds_[a] < window_bounds_[b]; });
  const size_t n = window_order_.size();
  for (size_t i = 0; i < n; ++i) {
    window_prefix_[i + 1] = window_prefix_[i] + window_bounds_[window_order_[i]];
  }
  window_first_essential_ = 0;
  while (window_first_essential_ < n && window_prefix_[window_first_essential_ + 1] < min_score_) {
    ++window_first_essential_;
  }
  if (window_first_essential_ == n) return false;  // nothing here can enter
  for (size_t i = window_first_essential_; i < n; ++i) {
    const size_t c = window_order_[i];
    if (child_ids_[c] < from) SeekChild(c, from);
  }
  return true;
}

void OrMatcher::AdvanceWindowEssentialAt(uint32_t id) {
  AdvanceAt(id, window_order_, window_first_essential_);
}

Score OrMatcher::score() {
  if (scored_) return score_;
  // Found without pruning: every child is on or past id_.
  Score sum = 0;
  for (size_t c = 0; c < children_.size(); ++c) {
    if (child_ids_[c] == id_) sum += children_[c]->score();
  }
  return sum;
}

uint64_t OrMatcher::cost() const {
  uint64_t sum = 0;
  for (const auto& child : children_) sum += child->cost();
  return sum;
}

void OrMatcher::SetMinCompetitiveScore(Score score) {
  if (score <= min_score_) return;
  min_score_ = score;
  UpdateEssential();
}

void OrMatcher::SetMinCompetitiveTier(uint32_t tier, Score score) {
  if (!tier_bound_) {  // every unit's tier is the same to this matcher
    return;
  }
  if (tier < min_tier_ || (tier == min_tier_ && score <= min_score_)) return;
  min_tier_ = tier;
  min_score_ = score;
  UpdateEssential();
}

void OrMatcher::UpdateEssential() {
  pruning_ = true;
  window_valid_ = false;  // its partition was for a lower threshold
  const size_t n = by_bound_.size();
  while (first_essential_ < n &&
         CannotEnter(coverage_prefix_[first_essential_ + 1], bound_prefix_[first_essential_ + 1])) {
    ++first_essential_;
  }
  // Scores decide only among units of the threshold's tier: with tiers,
  // a child may be held to a score only if no unit can rank above it.
  if (tier_bound_ && tier_bound_->Of(coverage_prefix_[n]) > min_tier_) return;
  // An essential child must make up what all the others together cannot.
  const double total = bound_prefix_[n];
  for (size_t i = first_essential_; i < n; ++i) {
    const size_t c = by_bound_[i];
    Matcher& child = *children_[c];
    const double needed = min_score_ - (total - BoundOf(c)) - slack_[c] - kRelativeSlack * total;
    if (needed > 0) child.SetMinCompetitiveScore(static_cast<Score>(needed));
  }
}

AndMatcher::AndMatcher(std::vector<std::unique_ptr<Matcher>> children)
    : children_(std::move(children)) {
  std::stable_sort(children_.begin(), children_.end(),
                   [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
  for (const auto& child : children_) max_score_ += child->max_score();
  AlignFrom(0);
}

void AndMatcher::AlignFrom(uint32_t target) {
  while (true) {
    children_[0]->Seek(target);
    target = children_[0]->id();
    if (target == kEndId) break;
    size_t i = 1;
    for (; i < children_.size(); ++i) {
      children_[i]->Seek(target);
      if (children_[i]->id() != target) break;
    }
    if (i == children_.size()) break;
    target = children_[i]->id();
    if (target == kEndId) break;
  }
  id_ = target;
}

void AndMatcher::Next() {
  if (id_ != kEndId) AlignFrom(id_ + 1);
}

void AndMatcher::Seek(uint32_t target) {
  if (id_ != kEndId && target > id_) AlignFrom(target);
}

void AndMatcher::SetMinCompetitiveScore(Score score) {
  for (auto& child : children_) {
    const double needed = score - (max_score_ - child->max_score()) - kRelativeSlack * max_score_;
    if (needed > 0) child->SetMinCompetitiveScore(static_cast<Score>(needed));
  }
}

Score AndMatcher::score() {
  Score sum = 0;
  for (auto& child : children_) sum += child->score();
  return sum;
}

AndNotMatcher::AndNotMatcher(std::unique_ptr<Matcher> positive, std::unique_ptr<Matcher> negative)
    : positive_(std::move(positive)), negative_(std::move(negative)) {
  SkipExcluded();
}

void AndNotMatcher::SkipExcluded() {
  while (positive_->id() != kEndId) {
    negative_->Seek(positive_->id());
    if (negative_->id() != positive_->id()) return;
    positive_->Next();
  }
}

void AndNotMatcher::Next() {
  positive_->Next();
  SkipExcluded();
}

void AndNotMatcher::Seek(uint32_t target) {
  positive_->Seek(target);
  SkipExcluded();
}

}  // namespace syndex
