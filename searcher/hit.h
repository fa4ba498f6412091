// File: searcher/hit.h
//
// One scored result of a query, and the order of results.
#ifndef SYNDEX_SEARCHER_HIT_H_
#define SYNDEX_SEARCHER_HIT_H_

#include <cstdint>

#include "common/types.h"

namespace syndex {

// Unit `unit` (a passage or document id) of segment `segment`.
struct Hit {
  uint32_t segment = 0;
  uint32_t unit = 0;
  Score score = 0;
  // Ranks before the score: the phrasing class and coverage of a phrasings
  // query (searcher/phrasing_class.h, PhrasingTier), 0 for other queries.
  uint32_t tier = 0;
};

// Best first: higher tier, then higher score, then earlier in the index.
inline bool Better(const Hit& a, const Hit& b) {
  if (a.tier != b.tier) return a.tier > b.tier;
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.unit < b.unit;
}

inline bool SameHit(const Hit& a, const Hit& b) {
  return a.segment == b.segment && a.unit == b.unit && a.score == b.score && a.tier == b.tier;
}

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_HIT_H_
