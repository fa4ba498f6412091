// File: common/sorted_intersection.h
//
// The first id two strictly ascending arrays share: the inner step of
// intersecting two postings lists block by block (a phrase's words, which
// must meet in one passage before positions are read).
//
// Example:
//   uint32_t i = 0, j = 0;
//   if (FirstCommonId(a, &i, b, &j)) Use(a[i]);  // a[i] == b[j]
#ifndef SYNDEX_COMMON_SORTED_INTERSECTION_H_
#define SYNDEX_COMMON_SORTED_INTERSECTION_H_

#include <cstdint>
#include <span>

namespace syndex {

// Looks for the smallest id in both a[*i, a.size()) and b[*j, b.size()).
// Both must ascend strictly. If there is one, sets *i and *j to its
// indexes and returns true. Otherwise returns false with *i == a.size() or
// *j == b.size(): that side is used up, and none of its ids is in the
// other array at all. Ids of the other side up to the used-up side's last
// id are then in neither array's continuation, so a caller intersecting
// longer lists a block at a time goes on from above that id.
//
// Four ids of each side are compared at once (all 16 pairs), and the side
// whose fourth id is smaller moves on: one branch per four steps of a
// merge, whose branch per id was mispredicted about half the time.
bool FirstCommonId(std::span<const uint32_t> a, uint32_t* i, std::span<const uint32_t> b,
                   uint32_t* j);

}  // namespace syndex

#endif  // SYNDEX_COMMON_SORTED_INTERSECTION_H_
