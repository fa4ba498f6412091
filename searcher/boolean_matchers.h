// File: searcher/boolean_matchers.h
//
// The operators of the query language as matchers:
//  * OrMatcher: units matching any child; the score is the sum of the
//    matching children's scores (so more query words rank higher). Given a
//    minimum competitive score it runs MaxScore (Turtle and Flood 1995, as
//    Lucene and PISA do): the children whose bounds together stay below
//    the threshold are "non-essential" and only looked up at candidates
//    the others produce, and a candidate is dropped as soon as its score
//    so far plus the bounds of the children not yet looked up falls short.
//  * AndMatcher: units matching every child, found by leapfrogging from the
//    rarest child; the score is the sum.
//  * AndNotMatcher: units of the first child that the second does not
//    match; the score is the first child's.
//  * EmptyMatcher: matches nothing.
#ifndef SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_
#define SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_

#include <memory>
#include <optional>
#include <vector>

#include "searcher/matcher.h"
#include "searcher/phrasing_class.h"

namespace syndex {

class OrMatcher final : public Matcher {
 public:
  // The OR of a phrasings query's terms knows how its units' tiers
  // follow from the terms they hold: `coverage[i]` is what child i adds
  // to a unit's coverage at most (ResolvedNode::coverage).
  struct Tiers {
    PhrasingTierBound bound;
    std::vector<double> coverage;  // one per child
  };

  // `slack[i]` (none: all 0) is how much more than its children's scores
  // a unit's final score may reach for each child i it matches: the
  // collector's proximity bonus, charged to the children of the terms that
  // earn it. Pruning bounds a unit by sum(score + slack) over its matching
  // children, so the collector's threshold need not leave room for the
  // bonus; score() and max_score() stay the children's sum.
  explicit OrMatcher(std::vector<std::unique_ptr<Matcher>> children,
                     std::optional<Tiers> tiers = std::nullopt, std::vector<double> slack = {});
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override;
  uint64_t cost() const override;
  Score max_score() const override { return max_score_; }
  void SetMinCompetitiveScore(Score score) override;
  void SetMinCompetitiveTier(uint32_t tier, Score score) override;

 private:
  // Moves to the first candidate at or after the essential children's
  // smallest id that may enter (every candidate, unpruned).
  void FindCandidate();

  // Pruning without tiers goes a window of ids at a time (as Lucene's
  // MaxScoreBulkScorer): a window ends with the first block end among the
  // essential children (at least kMinWindowIds on), and each child's bound
  // there comes from its block-max data
  // (Matcher::MaxScoreIn), which is mostly far below its bound over the
  // whole list. The children whose window bounds together cannot reach the
  // threshold are non-essential there: they only are looked up at the
  // others' candidates, and a window where all of them are is passed
  // without a look. On AllSides, 98% of the candidates that global bounds
  // let through were dropped after scoring.
  bool windowed() const { return pruning_ && !tier_bound_; }
  void FindWindowedCandidate();
  // Works out the window that starts at `from`; false if no unit in it can
  // enter (then window_end_ is where to go on after it).
  bool StartWindow(uint32_t from);
  // Scores every unit of the window that an essential child holds, child
  // after child, into window_sums_ and window_scores_ (the other half of
  // Lucene's MaxScoreBulkScorer), moving the essential children past the
  // window.
  void FillWindow();
  // Moves to the first buffered unit at or after frontier_ that may enter;
  // false if none is left.
  bool NextBufferedCandidate();
  // ScoreCandidate for a buffered unit: its essential children's scores
  // are known, the others are looked up.
  bool ScoreBufferedCandidate(uint32_t offset);
  // AdvanceEssentialAt by the window's partition.
  void AdvanceWindowEssentialAt(uint32_t id);
  // Whether candidate `id` may enter; stops looking up children as soon as
  // it cannot. Leaves the scores of the children it found in child_scores_.
  bool ScoreCandidate(uint32_t id);
  // Whether a unit of at most this coverage and score cannot enter.
  bool CannotEnter(double coverage, double score) const;

  // After a threshold rose: which children are essential, and what each
  // essential one must score.
  void UpdateEssential();
  // Sums child_scores_ in the children's order, as score() without
  // pruning does, so that pruning never changes a score by rounding.
  Score SumInChildOrder() const;
  double BoundOf(size_t child) const { return children_[child]->max_score() + slack_[child]; }
  void AdvanceEssentialAt(uint32_t id);
  // Moves the children order[first..] that are on `id` to their next unit.
  void AdvanceAt(uint32_t id, const std::vector<size_t>& order, size_t first);
  void SeekChild(size_t child, uint32_t target) {
    children_[child]->Seek(target);
    child_ids_[child] = children_[child]->id();
  }

  std::vector<std::unique_ptr<Matcher>> children_;  // as given
  std::optional<PhrasingTierBound> tier_bound_;
  std::vector<double> coverage_;  // per child; all 0 without tiers
  std::vector<double> slack_;     // per child; all 0 without slack
  Score max_score_ = 0;           // the sum of the children's
  // Child indexes, least coverage and then lowest bound (max_score +
  // slack) first, and the sums of the first i's bounds.
  std::vector<size_t> by_bound_;
  std::vector<double> bound_prefix_;
  std::vector<double> coverage_prefix_;
  size_t first_essential_ = 0;  // by_bound_[0, first_essential_) are not
  uint32_t min_tier_ = 0;
  double min_score_ = 0;
  bool pruning_ = false;             // a threshold has been set
  std::vector<Score> child_scores_;  // per child; kNoScore if it does not match
  // Each child's id(), kept as children move: reading ids is most of an
  // OR's work, and through two virtual calls a child it was a third of it.
  std::vector<uint32_t> child_ids_;
  uint32_t id_ = kEndId;
  Score score_ = 0;
  bool scored_ = false;  // score_ holds id_'s score

  // The window: units below frontier_ are decided; [frontier_,
  // window_end_] is partitioned by window_order_ (children, lowest window
  // bound + slack first), window_prefix_ (sums of the first i bounds) and
  // window_first_essential_, valid until the threshold rises or the
  // frontier passes window_end_. Before the first window every child is
  // essential, as without pruning.
  uint32_t frontier_ = 0;
  uint32_t window_end_ = 0;
  bool window_valid_ = false;
  std::vector<size_t> window_order_;
  std::vector<double> window_bounds_;  // per child, for sorting
  std::vector<double> window_prefix_;
  size_t window_first_essential_ = 0;

  // The buffer FillWindow filled for [buffer_start_, buffer_end_]. It stays
  // good when the threshold rises (its units are checked against the
  // threshold when they are reached), so it is consumed before a new
  // window starts. Per unit offset: whether an essential child holds it
  // (a bit), the sum of their scores plus slack, and each child's score
  // (kNoScore for none; n per unit).
  bool buffer_filled_ = false;
  uint32_t buffer_start_ = 0;
  uint32_t buffer_end_ = 0;
  // Allocated at the first window and not initialized (a unit's entries
  // are set when its bit is): zeroing 4,096 * n scores for each query was
  // 2% of the race's OR instructions.
  std::vector<uint64_t> window_touched_;
  std::unique_ptr<double[]> window_sums_;
  std::unique_ptr<Score[]> window_scores_;
};

class AndMatcher final : public Matcher {
 public:
  explicit AndMatcher(std::vector<std::unique_ptr<Matcher>> children);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override;
  uint64_t cost() const override { return children_[0]->cost(); }
  Score max_score() const override { return static_cast<Score>(max_score_); }
  // A child must score at least the threshold minus what the others can.
  void SetMinCompetitiveScore(Score score) override;

 private:
  void AlignFrom(uint32_t target);
  std::vector<std::unique_ptr<Matcher>> children_;  // rarest first
  double max_score_ = 0;
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
  Score max_score() const override { return positive_->max_score(); }
  void SetMinCompetitiveScore(Score score) override { positive_->SetMinCompetitiveScore(score); }

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
  Score max_score() const override { return 0; }
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_BOOLEAN_MATCHERS_H_
