#include "indexer/near_duplicate_clusterer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace syndex {
namespace {

constexpr double kTargetRecall = 0.98;
// A band key of fewer than 3 one-byte bins has so few bits that unrelated
// texts share it by chance (2 bins: one in 65,536, so a million texts put
// a dozen strangers in every bucket).
constexpr uint32_t kMinRows = 3;

// The probability that a pair whose bins agree with probability `agreement`
// agrees on every row of at least one of `bands` independent bands.
double CandidateRecall(double agreement, uint32_t rows, uint32_t bands) {
  return 1 - std::pow(1 - std::pow(agreement, rows), bands);
}

// The key of the band of `rows` bins from `first`, wrapping around the end:
// the bins themselves when they fit in 32 bits, else a hash of them.
uint32_t BandKey(std::string_view s, uint32_t first, uint32_t rows) {
  uint64_t key = rows <= 4 ? 0 : 0xCBF29CE484222325ULL;
  for (uint32_t r = 0, bin = first; r < rows; ++r, bin = bin + 1 == s.size() ? 0 : bin + 1) {
    const uint8_t value = static_cast<uint8_t>(s[bin]);
    key = rows <= 4 ? key << 8 | value : (key ^ value) * 0x100000001B3ULL;  // FNV-1a
  }
  return rows <= 4 ? static_cast<uint32_t>(key) : static_cast<uint32_t>(key ^ key >> 32);
}

// Sorts entries (key << 32 | id) by their keys of `key_bits` bits, keeping
// the order of equal keys: a least-significant-digit radix sort, in as few
// stable passes of at most 12-bit digits as cover the key (so a pass's
// counters, 16 KB, stay in the first-level cache), with every pass's
// counts taken in one read. Linear in the entries, where a hash table of a
// million texts for each of up to 32 bands was the clusterer's main cost.
void SortByKey(uint32_t key_bits, std::vector<uint64_t>* entries, std::vector<uint64_t>* scratch,
               std::vector<uint32_t>* counts) {
  constexpr uint32_t kMaxDigitBits = 12;
  const uint32_t passes = (key_bits + kMaxDigitBits - 1) / kMaxDigitBits;
  const uint32_t digit_bits = (key_bits + passes - 1) / passes;
  const uint64_t mask = (uint64_t{1} << digit_bits) - 1;
  const size_t digits = size_t{1} << digit_bits;
  counts->assign(passes * digits, 0);
  for (uint64_t e : *entries) {
    for (uint32_t pass = 0; pass < passes; ++pass) {
      ++(*counts)[pass * digits + ((e >> (32 + pass * digit_bits)) & mask)];
    }
  }
  scratch->resize(entries->size());
  for (uint32_t pass = 0; pass < passes; ++pass) {
    uint32_t* next = counts->data() + pass * digits;
    uint32_t start = 0;
    for (size_t d = 0; d < digits; ++d) start += std::exchange(next[d], start);
    const int shift = 32 + pass * digit_bits;
    for (uint64_t e : *entries) (*scratch)[next[(e >> shift) & mask]++] = e;
    entries->swap(*scratch);
  }
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

void NearDuplicateClusterer::Reserve(size_t texts, uint32_t bins) {
  sketches_.reserve(texts * bins);
  valid_.reserve(texts);
}

double NearDuplicateClusterer::Agreement(uint32_t a, uint32_t b) const {
  const std::string_view x = SketchOf(a), y = SketchOf(b);
  uint32_t equal = 0, i = 0;
  // Eight bins at a time: a bin agrees where the XOR of the words has a
  // zero byte; the high bit of each byte of `nonzero` says it has not.
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  for (; i + 8 <= bins_; i += 8) {
    uint64_t wx, wy;
    std::memcpy(&wx, x.data() + i, 8);
    std::memcpy(&wy, y.data() + i, 8);
    const uint64_t diff = wx ^ wy;
    const uint64_t nonzero = (((diff & kLow7) + kLow7) | diff) & ~kLow7;
    // The sum of the eight high bits, without a popcount instruction
    // (not in the baseline x86-64 that the build targets).
    equal += 8 - static_cast<uint32_t>(((nonzero >> 7) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < bins_; ++i) equal += x[i] == y[i];
  return static_cast<double>(equal) / bins_;
}

void NearDuplicateClusterer::ChooseBands(uint32_t bins) {
  const double t = options_.threshold;
  // The most rows that disjoint bands allow at the target recall...
  uint32_t rows = 1;
  for (uint32_t r = 1; r <= bins; ++r) {
    if (CandidateRecall(t, r, bins / r) >= kTargetRecall) rows = r;
  }
  // ...but never so few that band keys collide by chance. Every whole
  // disjoint band is used, and overlapping ones are added while the target
  // is not reached (at most one band starting at each bin).
  rows = std::min(std::max(rows, kMinRows), bins);
  uint32_t bands = bins / rows;
  while (bands < bins && CandidateRecall(t, rows, bands) < kTargetRecall) ++bands;
  stats_.rows = rows;
  stats_.bands = bands;
}

uint32_t NearDuplicateClusterer::FirstBinOfBand(uint32_t band) const {
  return static_cast<uint32_t>(uint64_t{band} * bins_ / stats_.bands);
}

bool NearDuplicateClusterer::AllLike(uint32_t cluster, uint32_t centre) const {
  uint32_t member = cluster;
  do {
    if (Agreement(member, centre) < options_.threshold) return false;
    member = next_[member];
  } while (member != cluster);
  return true;
}

void NearDuplicateClusterer::Absorb(uint32_t centre, uint32_t cluster) {
  uint32_t member = cluster;
  do {
    centre_[member] = centre;
    member = next_[member];
  } while (member != cluster);
  std::swap(next_[centre], next_[cluster]);  // splices the two rings
  size_[centre] += size_[cluster];
}

void NearDuplicateClusterer::Join(uint32_t a, uint32_t b) {
  const uint32_t centre_a = centre_[a], centre_b = centre_[b];
  if (centre_a == centre_b) return;
  ++stats_.comparisons;
  if (Agreement(a, b) < options_.threshold) return;
  ++stats_.confirmed_comparisons;
  // The smaller cluster joins the larger if all its members are like the
  // larger's centre; else the other way round; else they stay apart.
  const bool a_larger = size_[centre_a] >= size_[centre_b];
  const uint32_t large = a_larger ? centre_a : centre_b, small = a_larger ? centre_b : centre_a;
  if (AllLike(small, large)) {
    Absorb(large, small);
  } else if (AllLike(large, small)) {
    Absorb(small, large);
  }
}

void NearDuplicateClusterer::JoinBand(uint32_t band) {
  band_entries_.clear();
  const uint32_t first_bin = FirstBinOfBand(band);
  for (uint32_t id = 0; id < valid_.size(); ++id) {
    if (!valid_[id]) continue;
    band_entries_.push_back(uint64_t{BandKey(SketchOf(id), first_bin, stats_.rows)} << 32 | id);
  }
  SortByKey(stats_.rows <= 4 ? 8 * stats_.rows : 32, &band_entries_, &sort_scratch_, &sort_counts_);
  // Each run of texts sharing the key, in id order: compare each with the
  // run's first text and with the one before it.
  for (size_t begin = 0, end; begin < band_entries_.size(); begin = end) {
    const uint32_t first = static_cast<uint32_t>(band_entries_[begin]);
    for (end = begin + 1;
         end < band_entries_.size() && band_entries_[end] >> 32 == band_entries_[begin] >> 32;
         ++end) {
      const uint32_t id = static_cast<uint32_t>(band_entries_[end]);
      Join(first, id);
      if (end - 1 != begin) Join(static_cast<uint32_t>(band_entries_[end - 1]), id);
    }
  }
}

std::vector<uint32_t> NearDuplicateClusterer::Cluster() {
  stats_ = ClusterStats();
  const uint32_t n = static_cast<uint32_t>(valid_.size());
  centre_.resize(n);
  next_.resize(n);
  size_.assign(n, 1);
  for (uint32_t id = 0; id < n; ++id) centre_[id] = next_[id] = id;
  if (bins_ > 0) {
    ChooseBands(bins_);
    for (uint32_t band = 0; band < stats_.bands; ++band) JoinBand(band);
  }
  // A cluster is named by its smallest member.
  std::vector<uint32_t> smallest(n, UINT32_MAX), cluster_of(n);
  for (uint32_t id = 0; id < n; ++id) smallest[centre_[id]] = std::min(smallest[centre_[id]], id);
  for (uint32_t id = 0; id < n; ++id) cluster_of[id] = smallest[centre_[id]];
  // The scratch of clustering is not kept.
  band_entries_ = {};
  sort_scratch_ = {};
  sort_counts_ = {};
  centre_ = {};
  next_ = {};
  size_ = {};
  return cluster_of;
}

}  // namespace syndex
