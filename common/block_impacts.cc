#include "common/block_impacts.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "absl/container/inlined_vector.h"

namespace syndex {
namespace {

// BM25's term-frequency part at k1 = 1.5, b = 0.6 and an average unit of
// 32 tokens (near AllSides' passages). The choice only makes the bound
// tighter or looser; every choice is valid.
double ProxyScore(const Impact& impact) {
  if (impact.tf == kUnboundedTf) return 1;
  constexpr double kK1 = 1.5, kB = 0.6, kAverageLength = 32;
  const double tf = impact.tf;
  return tf / (tf + kK1 * (1 - kB + kB * impact.length / kAverageLength));
}

Impact Stored(TermFreq tf, uint32_t length) {
  return {tf > kMaxStoredTf ? kUnboundedTf : tf, std::min(length, kMaxStoredLength)};
}

}  // namespace

BlockImpacts SinglePairImpacts(TermFreq max_tf, uint32_t min_length) {
  const Impact pair = Stored(max_tf, min_length);
  return {pair, pair};
}

BlockImpacts ChooseBlockImpacts(std::span<const TermFreq> tfs, std::span<const uint32_t> lengths) {
  assert(!tfs.empty() && tfs.size() == lengths.size());
  // (tf, shortest length with that tf), by tf. A block has few distinct
  // tfs: inline storage spares a writer two allocations a block.
  absl::InlinedVector<std::pair<TermFreq, uint32_t>, 32> by_tf;
  for (size_t i = 0; i < tfs.size(); ++i) {
    auto it = std::lower_bound(by_tf.begin(), by_tf.end(), std::pair(tfs[i], uint32_t{0}));
    if (it != by_tf.end() && it->first == tfs[i]) {
      it->second = std::min(it->second, lengths[i]);
    } else {
      by_tf.insert(it, {tfs[i], lengths[i]});
    }
  }
  // shortest_above[s]: the shortest length among tfs above by_tf[s].
  absl::InlinedVector<uint32_t, 32> shortest_above(by_tf.size(), UINT32_MAX);
  for (size_t s = by_tf.size() - 1; s > 0; --s) {
    shortest_above[s - 1] = std::min(shortest_above[s], by_tf[s].second);
  }
  const TermFreq max_tf = by_tf.back().first;
  uint32_t shortest_up_to = UINT32_MAX;
  BlockImpacts best;
  double best_bound = 2;
  for (size_t s = 0; s < by_tf.size(); ++s) {
    shortest_up_to = std::min(shortest_up_to, by_tf[s].second);
    const bool last = s + 1 == by_tf.size();
    const Impact low = Stored(by_tf[s].first, shortest_up_to);
    const Impact high = last ? low : Stored(max_tf, shortest_above[s]);
    const double bound = std::max(ProxyScore(low), ProxyScore(high));
    if (bound < best_bound) {
      best_bound = bound;
      best = {low, high};
    }
  }
  return best;
}

}  // namespace syndex
