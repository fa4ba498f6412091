// File: searcher/top_k.h
//
// Collects the k best hits of a query, at most one per group: a group is
// any key the caller gives (the passage group of a hit, so that forty
// copies of a quote make one result; or the hit itself, for no grouping).
// A group's result is its best hit (Lucene's field collapsing, done in one
// pass with bounded memory).
//
// A min-heap holds candidate entries with the worst on top; improving a
// group already in the heap pushes a new entry and leaves the old one stale
// (recognized because it is no longer the group's best), so every step is
// O(log k) and memory is O(k + improvements).
//
// Example:
//   GroupedTopK top(10);
//   top.Offer(hit, group_of(hit));
//   std::vector<Hit> best = top.Take();
#ifndef SYNDEX_SEARCHER_TOP_K_H_
#define SYNDEX_SEARCHER_TOP_K_H_

#include <algorithm>
#include <cstdint>
#include <queue>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "searcher/hit.h"

namespace syndex {

// Not thread-safe.
class GroupedTopK {
 public:
  explicit GroupedTopK(size_t k) : k_(k) {}

  // False when Offer(hit, ...) would certainly leave the results as they
  // are: the hit is no better than the k-th best. Lets a caller skip work
  // that can only matter for hits that enter.
  bool MayEnter(const Hit& hit) const {
    return k_ > 0 && (live_ < k_ || Better(hit, heap_.top().hit));
  }

  // True once k groups are held, with *worst set to a hit no better than
  // the k-th best: then only hits Better than *worst may enter.
  bool WorstKept(Hit* worst) const {
    if (k_ == 0 || live_ < k_) return false;
    *worst = heap_.top().hit;  // possibly a stale entry, which is worse still
    return true;
  }

  void Offer(const Hit& hit, uint64_t group) {
    if (!MayEnter(hit)) return;
    auto [it, inserted] = best_.try_emplace(group, hit);
    if (!inserted) {
      if (!Better(hit, it->second)) return;
      it->second = hit;  // the group's previous entry goes stale
    } else {
      ++live_;
    }
    heap_.push({hit, group});
    if (live_ > k_) EvictWorst();
  }

  // The collected hits, best first. Leaves the collector empty.
  std::vector<Hit> Take() {
    std::vector<Hit> hits;
    for (const auto& [group, hit] : best_) hits.push_back(hit);
    std::sort(hits.begin(), hits.end(), Better);
    *this = GroupedTopK(k_);
    return hits;
  }

 private:
  struct Entry {
    Hit hit;
    uint64_t group;
  };
  struct WorstOnTop {
    bool operator()(const Entry& a, const Entry& b) const { return Better(a.hit, b.hit); }
  };

  bool IsLive(const Entry& e) const {
    auto it = best_.find(e.group);
    return it != best_.end() && SameHit(it->second, e.hit);
  }

  // Removes the worst live group, dropping stale entries on the way.
  void EvictWorst() {
    while (!heap_.empty()) {
      const Entry top = heap_.top();
      heap_.pop();
      if (!IsLive(top)) continue;
      best_.erase(top.group);
      --live_;
      break;
    }
    while (!heap_.empty() && !IsLive(heap_.top())) heap_.pop();
  }

  size_t k_;
  size_t live_ = 0;
  absl::flat_hash_map<uint64_t, Hit> best_;  // group -> its best hit
  std::priority_queue<Entry, std::vector<Entry>, WorstOnTop> heap_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_TOP_K_H_
