// File: tests/testing/pruning_check.h
//
// Runs one query with pruning off and on and checks that the hits are the
// same units with the same scores, to the bit, in the same order: what
// every test of dynamic pruning asks (tests/e2e/pruning_test.cc,
// tests/searcher/or_windows_test.cc).
#ifndef SYNDEX_TESTS_TESTING_PRUNING_CHECK_H_
#define SYNDEX_TESTS_TESTING_PRUNING_CHECK_H_

#include <string>

#include "gtest/gtest.h"
#include "searcher/hit.h"
#include "searcher/searcher.h"

namespace syndex::testing {

struct PrunedAndExhaustive {
  size_t hits = 0;
  uint64_t pruned_matches = 0;      // units the pruned search scored
  uint64_t exhaustive_matches = 0;  // units that match
};

// Searches `query` with options.exhaustive true, then false, and expects
// the same hits. Fails the test (ADD_FAILURE) if a search fails.
inline PrunedAndExhaustive ExpectPruningChangesNothing(Searcher& searcher, const std::string& query,
                                                       SearchOptions options) {
  PrunedAndExhaustive out;
  options.exhaustive = true;
  auto exhaustive = searcher.Search(query, options);
  options.exhaustive = false;
  auto fast = searcher.Search(query, options);
  if (!exhaustive.ok() || !fast.ok()) {
    ADD_FAILURE() << "search failed: " << exhaustive.status() << " / " << fast.status();
    return out;
  }
  EXPECT_EQ(fast->hits.size(), exhaustive->hits.size());
  for (size_t h = 0; h < fast->hits.size() && h < exhaustive->hits.size(); ++h) {
    const Hit& a = fast->hits[h];
    const Hit& b = exhaustive->hits[h];
    EXPECT_TRUE(SameHit(a, b)) << "hit " << h << ": pruned " << a.segment << "/" << a.unit
                               << " score " << a.score << " tier " << a.tier << ", exhaustive "
                               << b.segment << "/" << b.unit << " score " << b.score << " tier "
                               << b.tier;
  }
  EXPECT_TRUE(exhaustive->matches_exact);
  EXPECT_LE(fast->matches, exhaustive->matches);
  if (fast->matches < exhaustive->matches) {
    EXPECT_FALSE(fast->matches_exact);
  }
  out.hits = fast->hits.size();
  out.pruned_matches = fast->matches;
  out.exhaustive_matches = exhaustive->matches;
  return out;
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_PRUNING_CHECK_H_
