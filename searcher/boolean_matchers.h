// File: searcher/boolean_matchers.h
//
// The operators of the query language as matchers:
//  * OrMatcher: units matching any child; the score is the sum of the
//    matching children's scores (so more query words rank higher).
//  * AndMatcher: units matching every child, found by leapfrogging from the
//    rarest child; the score is the sum.
//  * AndNotMatcher: units of the first child that the second does not
//    match; the score is the first child's.
//  * EmptyMatcher: matches nothing.
#ifndef SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_
#define SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_

#include <memory>
#include <vector>

#include "searcher/matcher.h"

namespace syndex {

class OrMatcher final : public Matcher {
 public:
  explicit OrMatcher(std::vector<std::unique_ptr<Matcher>> children);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override;
  uint64_t cost() const override;

 private:
  void UpdateId();
  std::vector<std::unique_ptr<Matcher>> children_;
  uint32_t id_ = kEndId;
};

class AndMatcher final : public Matcher {
 public:
  explicit AndMatcher(std::vector<std::unique_ptr<Matcher>> children);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override;
  uint64_t cost() const override { return children_[0]->cost(); }

 private:
  void AlignFrom(uint32_t target);
  std::vector<std::unique_ptr<Matcher>> children_;  // rarest first
  uint32_t id_ = kEndId;
};

class AndNotMatcher final : public Matcher {
 public:
  AndNotMatcher(std::unique_ptr<Matcher> positive, std::unique_ptr<Matcher> negative);
  uint32_t id() const override { return positive_->id(); }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override { return positive_->score(); }
  uint64_t cost() const override { return positive_->cost(); }

 private:
  void SkipExcluded();
  std::unique_ptr<Matcher> positive_;
  std::unique_ptr<Matcher> negative_;
};

class EmptyMatcher final : public Matcher {
 public:
  uint32_t id() const override { return kEndId; }
  void Next() override {}
  void Seek(uint32_t) override {}
  Score score() override { return 0; }
  uint64_t cost() const override { return 0; }
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_
