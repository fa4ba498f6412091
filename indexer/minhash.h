// File: indexer/minhash.h
//
// MinHash signatures of texts, for finding near-duplicate articles and
// passages without comparing all pairs. A text is the set of its word
// shingles (k consecutive analyzed terms); the fraction of equal entries of
// two signatures estimates the Jaccard similarity of the two sets.
//
// Signatures use one-permutation hashing with densification (Li, Owen and
// Zhang 2012; Shrivastava 2017): each shingle is hashed once and kept if it
// is the minimum of its bin, and an empty bin borrows the value of the first
// full bin along a pseudo-random sequence of bins of its own, so computing a
// signature costs O(shingles + bins) instead of O(shingles x bins), with the
// accuracy of bins independent hash functions even for short texts.
//
// Example:
//   MinHasher hasher(MinHashOptions{});
//   MinHashSignature a = hasher.Signature(terms_of_a);
//   MinHashSignature b = hasher.Signature(terms_of_b);
//   double similarity = EstimateJaccard(a, b);
#ifndef SYNDEX_INDEXER_MINHASH_H_
#define SYNDEX_INDEXER_MINHASH_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace syndex {

struct MinHashOptions {
  // Entries of a signature. More entries estimate similarity more exactly
  // (standard error about sqrt(J(1-J)/bins)). Default: 64.
  uint32_t bins = 64;
  // Words per shingle. Texts shorter than this have one shingle, the whole
  // text. Default: 3.
  uint32_t shingle_words = 3;
};

// One 32-bit value per bin. Empty for a text with no terms.
using MinHashSignature = std::vector<uint32_t>;

// Immutable; thread-compatible.
class MinHasher {
 public:
  explicit MinHasher(MinHashOptions options);

  MinHashSignature Signature(std::span<const std::string> terms) const;
  // The same from the terms' hashes (TermHash of each term, in order), for
  // callers that hash terms as they go instead of keeping them.
  MinHashSignature SignatureOfHashes(std::span<const uint64_t> term_hashes) const;
  // The two steps of SignatureOfHashes, for callers that sign a text and
  // also a larger text containing it: the hashes of a text's shingles...
  void AppendShingles(std::span<const uint64_t> term_hashes, std::vector<uint64_t>* out) const;
  // ...and the signature of a set of shingle hashes (of any texts).
  MinHashSignature SignatureOfShingles(std::span<const uint64_t> shingles) const;
  const MinHashOptions& options() const { return options_; }

 private:
  MinHashOptions options_;
};

// The b-bit sketch of a signature (Li and Koenig 2010): the low 8 bits of
// each value, one byte a bin, as the index stores them.
std::string ToSketch(const MinHashSignature& signature);

// The hash of one term that SignatureOfHashes expects.
uint64_t TermHash(std::string_view term);

// The fraction of bins where `a` and `b` agree: an unbiased estimate of the
// Jaccard similarity of their shingle sets. 0 if either is empty or their
// sizes differ.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

// The exact Jaccard similarity of the shingle sets of two term sequences,
// for tests and measurements.
double ExactJaccard(std::span<const std::string> a, std::span<const std::string> b,
                    uint32_t shingle_words);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_MINHASH_H_
