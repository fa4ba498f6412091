#include "searcher/boolean_matchers.h"

#include <algorithm>

namespace syndex {

OrMatcher::OrMatcher(std::vector<std::unique_ptr<Matcher>> children)
    : children_(std::move(children)) {
  UpdateId();
}

void OrMatcher::UpdateId() {
  id_ = kEndId;
  for (const auto& child : children_) id_ = std::min(id_, child->id());
}

void OrMatcher::Next() {
  if (id_ == kEndId) return;
  for (auto& child : children_) {
    if (child->id() == id_) child->Next();
  }
  UpdateId();
}

void OrMatcher::Seek(uint32_t target) {
  if (id_ == kEndId || target <= id_) return;
  for (auto& child : children_) child->Seek(target);
  UpdateId();
}

Score OrMatcher::score() {
  Score sum = 0;
  for (auto& child : children_) {
    if (child->id() == id_) sum += child->score();
  }
  return sum;
}

uint64_t OrMatcher::cost() const {
  uint64_t sum = 0;
  for (const auto& child : children_) sum += child->cost();
  return sum;
}

AndMatcher::AndMatcher(std::vector<std::unique_ptr<Matcher>> children)
    : children_(std::move(children)) {
  std::stable_sort(children_.begin(), children_.end(),
                   [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
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
