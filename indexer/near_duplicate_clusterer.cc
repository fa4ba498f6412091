#include "indexer/near_duplicate_clusterer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace syndex {
namespace {

constexpr double kTargetRecall = 0.98;

uint32_t Find(std::vector<uint32_t>* parent, uint32_t x) {
  while ((*parent)[x] != x) {
    (*parent)[x] = (*parent)[(*parent)[x]];  // path halving
    x = (*parent)[x];
  }
  return x;
}

// Joins the sets of a and b; the smaller id becomes the root, so a root is
// always its set's smallest id.
void Union(std::vector<uint32_t>* parent, uint32_t a, uint32_t b) {
  a = Find(parent, a);
  b = Find(parent, b);
  if (a == b) return;
  if (a < b) std::swap(a, b);
  (*parent)[a] = b;
}

uint64_t BandKey(const MinHashSignature& s, uint32_t band, uint32_t rows) {
  uint64_t key = 0x9E3779B97F4A7C15ULL * (band + 1);
  for (uint32_t r = 0; r < rows; ++r) {
    key = (key ^ s[band * rows + r]) * 0x100000001B3ULL;  // FNV-style mixing
  }
  return key;
}

}  // namespace

uint32_t NearDuplicateClusterer::Add(MinHashSignature signature) {
  signatures_.push_back(std::move(signature));
  return static_cast<uint32_t>(signatures_.size() - 1);
}

void NearDuplicateClusterer::ChooseBands(uint32_t bins) {
  stats_.rows = 1;
  for (uint32_t rows = 1; rows <= bins; ++rows) {
    if (bins % rows != 0) continue;
    const double bands = bins / rows;
    const double recall = 1 - std::pow(1 - std::pow(options_.threshold, rows), bands);
    if (recall >= kTargetRecall) stats_.rows = rows;
  }
  stats_.bands = bins / stats_.rows;
}

void NearDuplicateClusterer::JoinBand(uint32_t band, std::vector<uint32_t>* parent) {
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  keys.reserve(signatures_.size());
  for (uint32_t id = 0; id < signatures_.size(); ++id) {
    if (signatures_[id].size() != stats_.bands * stats_.rows) continue;
    keys.emplace_back(BandKey(signatures_[id], band, stats_.rows), id);
  }
  std::sort(keys.begin(), keys.end());
  auto confirm = [&](uint32_t a, uint32_t b) {
    ++stats_.comparisons;
    if (EstimateJaccard(signatures_[a], signatures_[b]) < options_.threshold) return;
    ++stats_.confirmed_comparisons;
    Union(parent, a, b);
  };
  for (size_t begin = 0, end; begin < keys.size(); begin = end) {
    for (end = begin + 1; end < keys.size() && keys[end].first == keys[begin].first; ++end) {
      confirm(keys[begin].second, keys[end].second);
      if (end > begin + 1) confirm(keys[end - 1].second, keys[end].second);
    }
  }
}

std::vector<uint32_t> NearDuplicateClusterer::Cluster() {
  stats_ = ClusterStats();
  std::vector<uint32_t> parent(signatures_.size());
  for (uint32_t id = 0; id < parent.size(); ++id) parent[id] = id;
  uint32_t bins = 0;
  for (const MinHashSignature& s : signatures_) bins = std::max<uint32_t>(bins, s.size());
  if (bins == 0) return parent;
  ChooseBands(bins);
  for (uint32_t band = 0; band < stats_.bands; ++band) JoinBand(band, &parent);
  for (uint32_t id = 0; id < parent.size(); ++id) parent[id] = Find(&parent, id);
  return parent;
}

}  // namespace syndex
