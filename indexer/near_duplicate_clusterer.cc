#include "indexer/near_duplicate_clusterer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"

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

uint64_t BandKey(std::string_view s, uint32_t band, uint32_t rows) {
  uint64_t key = 0x9E3779B97F4A7C15ULL * (band + 1);
  for (uint32_t r = 0; r < rows; ++r) {
    key = (key ^ static_cast<uint8_t>(s[band * rows + r])) * 0x100000001B3ULL;  // FNV-style
  }
  return key;
}

}  // namespace

uint32_t NearDuplicateClusterer::Add(const MinHashSignature& signature) {
  return AddSketch(ToSketch(signature));
}

uint32_t NearDuplicateClusterer::AddSketch(std::string_view sketch) {
  if (bins_ == 0 && !sketch.empty()) {
    bins_ = static_cast<uint32_t>(sketch.size());
    sketches_.assign(valid_.size() * bins_, '\0');  // the texts so far were all empty
  }
  const bool valid = !sketch.empty() && sketch.size() == bins_;
  if (valid) {
    sketches_.append(sketch);
  } else {
    sketches_.append(bins_, '\0');
  }
  valid_.push_back(valid);
  return static_cast<uint32_t>(valid_.size() - 1);
}

double NearDuplicateClusterer::Agreement(uint32_t a, uint32_t b) const {
  const std::string_view x = SketchOf(a), y = SketchOf(b);
  uint32_t equal = 0;
  for (uint32_t i = 0; i < bins_; ++i) equal += x[i] == y[i];
  return static_cast<double>(equal) / bins_;
}

void NearDuplicateClusterer::ChooseBands(uint32_t bins) {
  stats_.rows = 1;
  for (uint32_t rows = 1; rows <= bins; ++rows) {
    const double bands = bins / rows;  // bins left over are not banded
    const double recall = 1 - std::pow(1 - std::pow(options_.threshold, rows), bands);
    if (recall >= kTargetRecall) stats_.rows = rows;
  }
  stats_.bands = bins / stats_.rows;
}

void NearDuplicateClusterer::JoinBand(uint32_t band, std::vector<uint32_t>* parent) {
  auto confirm = [&](uint32_t a, uint32_t b) {
    ++stats_.comparisons;
    if (Agreement(a, b) < options_.threshold) return;
    ++stats_.confirmed_comparisons;
    Union(parent, a, b);
  };
  // Band key -> (first, latest) text with it. A hash table rather than a
  // sort of all keys: one probe a text, and texts arrive in id order.
  absl::flat_hash_map<uint64_t, std::pair<uint32_t, uint32_t>> seen;
  seen.reserve(valid_.size());
  for (uint32_t id = 0; id < valid_.size(); ++id) {
    if (!valid_[id]) continue;
    auto [it, inserted] = seen.try_emplace(BandKey(SketchOf(id), band, stats_.rows), id, id);
    if (inserted) continue;
    auto& [first, latest] = it->second;
    confirm(first, id);
    if (latest != first) confirm(latest, id);
    latest = id;
  }
}

std::vector<uint32_t> NearDuplicateClusterer::Cluster() {
  stats_ = ClusterStats();
  std::vector<uint32_t> parent(valid_.size());
  for (uint32_t id = 0; id < parent.size(); ++id) parent[id] = id;
  if (bins_ == 0) return parent;
  ChooseBands(bins_);
  for (uint32_t band = 0; band < stats_.bands; ++band) JoinBand(band, &parent);
  for (uint32_t id = 0; id < parent.size(); ++id) parent[id] = Find(&parent, id);
  return parent;
}

}  // namespace syndex
