// File: indexer/near_duplicate_clusterer.h
//
// Groups texts whose estimated Jaccard similarity reaches a threshold, in
// near-linear time: locality-sensitive hashing over MinHash signatures (the
// signature is cut into bands of rows; texts sharing a band become
// candidates), each candidate pair confirmed by its signature similarity.
// A confirmed pair joins its two clusters only if every member of one is
// similar to the other's centre (the text it grew from): clusters are
// centred, not the connected components of "similar" pairs, which chain
// ("X did not respond to a request for comment" to "Y did not
// immediately return a request for comment" to ...) into groups whose ends
// have nothing in common. A cluster is named by its smallest member.
//
// Rows r and bands b are chosen from the threshold t. r is the most rows
// with which floor(bins / r) disjoint bands make a pair at similarity t a
// candidate with probability 1 - (1 - t^r)^b of at least 0.98 (the more
// rows, the fewer dissimilar pairs become candidates), but at least 3: a
// band key of 2 one-byte bins is 16 bits, so among a million texts a dozen
// unrelated ones share every key. b is floor(bins / r), raised while it
// falls short of 0.98; bands are spread evenly over the bins, overlapping
// when there are more than bins / r of them. With 32 bins, t = 0.7 gives 10 disjoint bands of
// 3 rows; t = 0.5 gives 30 overlapping bands of 3 rows (overlapping bands
// are not independent, so their recall is somewhat below the formula's).
// Within a group of texts that share a band, each text is compared with
// the group's first text and with the one before it, which keeps a group
// of n exact duplicates (syndicated chrome) at O(n) comparisons.
// Checking a joining cluster's members against the other centre costs its
// size; the smaller cluster is checked first.
//
// Signatures are kept as b-bit sketches (the low 8 bits of each value, Li
// and Koenig 2010): a quarter of the memory, and two bins of different
// texts then agree by chance with probability 1/128 (the low bit tells
// borrowed values from original ones), which raises a pair's estimated
// similarity by at most (1 - J)/128, under 0.003 at the threshold.
//
// Example:
//   NearDuplicateClusterer clusterer(ClusterOptions{});
//   for (const auto& text : texts) clusterer.Add(hasher.Signature(text));
//   std::vector<uint32_t> cluster_of = clusterer.Cluster();
#ifndef SYNDEX_INDEXER_NEAR_DUPLICATE_CLUSTERER_H_
#define SYNDEX_INDEXER_NEAR_DUPLICATE_CLUSTERER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/minhash.h"

namespace syndex {

struct ClusterOptions {
  // Texts at or above this estimated Jaccard similarity of their shingles
  // are near duplicates. Default: 0.7.
  double threshold = 0.7;
};

// Counts of the last Cluster() call. A pair that shares several bands is
// compared, and counted, once for each.
struct ClusterStats {
  uint64_t comparisons = 0;            // signature comparisons made
  uint64_t confirmed_comparisons = 0;  // of those, at or above the threshold
  uint32_t bands = 0;
  uint32_t rows = 0;
};

// Not thread-safe.
class NearDuplicateClusterer {
 public:
  explicit NearDuplicateClusterer(ClusterOptions options) : options_(options) {}

  // Adds a text's signature; returns its id (0, 1, 2, ... in order). The
  // first non-empty signature sets the number of bins; an empty signature
  // (a text without terms) or one of another size is never anyone's
  // duplicate.
  uint32_t Add(const MinHashSignature& signature);
  // The same for a b-bit sketch (ToSketch of a signature).
  uint32_t AddSketch(std::string_view sketch);
  // Makes room for `texts` sketches of `bins` bins, so that adding them
  // allocates once (the sketches are most of a clusterer's memory).
  void Reserve(size_t texts, uint32_t bins);

  // For every text, the smallest id of its cluster (a text alone is its own
  // cluster). REQUIRES: called after every Add.
  std::vector<uint32_t> Cluster();

  // The sketches added, in order, each of the bins of the first non-empty
  // one, zeros for the others; moved out (for a caller that keeps them
  // after clustering, without a copy). Call last.
  std::string TakeSketches() { return std::move(sketches_); }

  const ClusterStats& stats() const { return stats_; }
  size_t size() const { return valid_.size(); }

 private:
  void ChooseBands(uint32_t bins);
  void JoinBand(uint32_t band);
  // Compares a candidate pair and, if confirmed, joins their clusters when
  // that keeps every member like its centre.
  void Join(uint32_t a, uint32_t b);
  // Whether every member of `cluster` (a centre) is like `centre`.
  bool AllLike(uint32_t cluster, uint32_t centre) const;
  // Makes `centre` the centre of every member of `cluster`.
  void Absorb(uint32_t centre, uint32_t cluster);
  // Bands are spread evenly over the bins; they overlap when there are
  // more than bins / rows of them.
  uint32_t FirstBinOfBand(uint32_t band) const;
  std::string_view SketchOf(uint32_t id) const {
    return std::string_view(sketches_).substr(size_t{id} * bins_, bins_);
  }
  // The fraction of bins where two texts' sketches agree.
  double Agreement(uint32_t a, uint32_t b) const;

  ClusterOptions options_;
  uint32_t bins_ = 0;
  std::string sketches_;     // bins_ bytes a text (zeros if invalid)
  std::vector<bool> valid_;  // has a sketch of bins_ bins
  ClusterStats stats_;
  // During Cluster: each text's cluster centre; the next member of its
  // cluster (a ring); and each centre's cluster size.
  std::vector<uint32_t> centre_, next_, size_;
  // Scratch of JoinBand, reused across bands: (band key << 32 | id).
  std::vector<uint64_t> band_entries_, sort_scratch_;
  std::vector<uint32_t> sort_counts_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_NEAR_DUPLICATE_CLUSTERER_H_
