// File: searcher/matcher.h
//
// A Matcher walks the units (passages, or documents with --unit doc) of one
// segment that match a query node, in increasing id order, and scores the
// current one. Matchers nest like the query: a term or phrase at the
// leaves, AND / OR / AND-NOT above (one class per operator, as Xapian's
// postlists are).
//
// Contract (as tantivy's DocSet):
//  * After construction the matcher is on its first match, or at kEndId.
//  * Next() moves to the next match; Seek(target) to the first match with
//    id >= target, never backwards (a target <= id() does nothing).
//  * At kEndId, Next and Seek do nothing and id() stays kEndId.
//  * score() and Explain() may be called only when id() != kEndId.
//
// Dynamic pruning (MaxScore, docs/QUERY.md "Speed"): every matcher knows an
// upper bound of its scores, and a collector may tell it the score a unit
// needs to enter the results; it may then skip units that cannot reach it.
#ifndef SYNDEX_SEARCHER_MATCHER_H_
#define SYNDEX_SEARCHER_MATCHER_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "common/block_impacts.h"
#include "common/types.h"

namespace syndex {

class Matcher {
 public:
  virtual ~Matcher() = default;

  virtual uint32_t id() const = 0;
  virtual void Next() = 0;
  virtual void Seek(uint32_t target) = 0;
  virtual Score score() = 0;
  // An estimate of how many ids it yields, to order AND's children.
  virtual uint64_t cost() const = 0;

  // An upper bound of score() at every unit the matcher can yield.
  virtual Score max_score() const = 0;

  // Bounds over a window of ids, for an OR that scores a window at a time
  // (OrMatcher; Lucene's MaxScoreBulkScorer). Neither moves the matcher.
  // MaxScoreIn: an upper bound of score() at every unit in [from, to] it
  // can yield (0 if it yields none there); the default is max_score().
  // BlockEndAfter: the last id of the block of postings that holds its
  // first unit >= from, so that a window ending there is bounded by one
  // block; kEndId if it has no blocks (the default) or no such unit.
  virtual Score MaxScoreIn(uint32_t /*from*/, uint32_t /*to*/) const { return max_score(); }
  virtual uint32_t BlockEndAfter(uint32_t /*from*/) const { return kEndId; }

  // Units scoring below `score` cannot enter the caller's results: the
  // matcher may skip them from now on. It never skips a unit scoring
  // `score` or more; a unit it still yields may be given a lower score
  // than without the hint, but only if its true score is below `score`
  // too. Thresholds only rise: a lower one than before changes nothing.
  // The default skips nothing.
  virtual void SetMinCompetitiveScore(Score /*score*/) {}

  // For a phrasings query, whose results rank by tier first
  // (searcher/phrasing_class.h): units whose (tier, score) is below
  // (`tier`, `score`) cannot enter. Only a matcher that can bound its
  // units' tiers uses it (the OR of a phrasings query's terms); the
  // default skips nothing.
  virtual void SetMinCompetitiveTier(uint32_t /*tier*/, Score /*score*/) {}
};

// How often a term or pattern occurs in a unit, as BM25 reads it. A float
// because a sloppy phrase or NEAR match counts 1 / (1 + cost), as Lucene's
// sloppy phrases do; whole counts convert exactly (up to 2^24, far beyond a
// unit's length).
using Frequency = float;

// What a unit's frequency must reach for its score to matter, told by
// the leaf that scores a FrequencySource: a source that can bound a unit's
// frequency more cheaply than it counts it (a phrase, by its words' tfs,
// before reading positions) skips units whose bound cannot reach it.
class FrequencyFloor {
 public:
  virtual ~FrequencyFloor() = default;
  // False if no frequency up to `bound` at `unit` can matter.
  virtual bool MayReach(uint32_t unit, Frequency bound) const = 0;
};

// A source of (passage, frequency) pairs in passage order: a term's
// postings, or the passages where a phrase occurs with how often it does.
// Same movement contract as Matcher; frequency() is > 0 at every id.
class FrequencySource {
 public:
  virtual ~FrequencySource() = default;
  virtual uint32_t id() const = 0;
  virtual void Next() = 0;
  virtual void Seek(uint32_t target) = 0;
  virtual Frequency frequency() = 0;
  virtual uint64_t cost() const = 0;

  // Bounds for score upper bounds: no unit has a higher frequency than
  // max_frequency() or is shorter than min_length(). The defaults know
  // nothing (infinity and 0), which BM25's saturation still bounds.
  virtual Frequency max_frequency() const { return kUnboundedFrequency; }
  virtual uint32_t min_length() const { return 0; }

  // From now on the source may skip units that `floor` (which outlives it,
  // or is reset first) rules out; null skips nothing. The default never
  // skips: it has no cheaper bound than the frequency itself.
  virtual void SetFrequencyFloor(const FrequencyFloor* /*floor*/) {}

  // The impacts (common/block_impacts.h) of the block of postings the
  // source is in: no unit of it up to last_id has a (frequency, length)
  // that they do not cover; for skipping whole blocks that cannot score
  // enough (Block-Max). False if the source has no blocks; then it must
  // be moved unit by unit.
  struct BlockBound {
    BlockImpacts impacts;
    uint32_t last_id;
  };
  virtual bool CurrentBlock(BlockBound* /*bound*/) const { return false; }
  // Moves, from the current unit on, past every block whose impacts
  // `competitive` rejects, and sets *bound to the block it stops in;
  // false at the end or if the source has no blocks. The default seeks
  // past each rejected block; a source that can tell a block's impacts
  // without decoding it does better.
  virtual bool SkipToCompetitiveBlock(absl::FunctionRef<bool(const BlockImpacts&)> competitive,
                                      BlockBound* bound) {
    while (CurrentBlock(bound)) {
      if (competitive(bound->impacts)) return true;
      Seek(bound->last_id + 1);
    }
    return false;
  }
  // The impacts of every block, which bound the whole source more tightly
  // than max_frequency() and min_length(); empty if it has no blocks.
  virtual std::vector<BlockImpacts> AllBlockImpacts() const { return {}; }

  static constexpr Frequency kUnboundedFrequency = std::numeric_limits<Frequency>::infinity();
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_MATCHER_H_
