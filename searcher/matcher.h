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
#ifndef SYNDEX_SEARCHER_MATCHER_H_
#define SYNDEX_SEARCHER_MATCHER_H_

#include <cstdint>
#include <string>

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
};

// How often a term or pattern occurs in a unit, as BM25 reads it. A float
// because a sloppy phrase or NEAR match counts 1 / (1 + cost), as Lucene's
// sloppy phrases do; whole counts convert exactly (up to 2^24, far beyond a
// unit's length).
using Frequency = float;

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
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_MATCHER_H_
