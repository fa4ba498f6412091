#include "indexer/minhash.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "common/checksum.h"

namespace syndex {
namespace {

constexpr uint32_t kEmptyBin = std::numeric_limits<uint32_t>::max();

uint64_t Mix(uint64_t x) {  // the 64-bit finalizer of MurmurHash3
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  return x ^ (x >> 33);
}

// Hashes of every shingle of a text given its terms' hashes (one shingle
// if there are fewer terms than a shingle holds).
void AppendShingleHashes(std::span<const uint64_t> term_hashes, uint32_t width,
                         std::vector<uint64_t>* shingles) {
  const size_t k = std::min<size_t>(std::max<uint32_t>(width, 1), term_hashes.size());
  if (k == 0) return;
  // Term hashes are already uniform (XXH3), so rotating each by its place
  // in the shingle, xoring and mixing once is enough: one finalizer a
  // shingle rather than one a word of it.
  for (size_t i = 0; i + k <= term_hashes.size(); ++i) {
    uint64_t h = 0;
    for (size_t j = 0; j < k; ++j) h ^= std::rotl(term_hashes[i + j], static_cast<int>(17 * j));
    shingles->push_back(Mix(h + k));
  }
}

std::vector<uint64_t> ShingleHashes(std::span<const uint64_t> term_hashes, uint32_t width) {
  std::vector<uint64_t> shingles;
  AppendShingleHashes(term_hashes, width, &shingles);
  return shingles;
}

std::vector<uint64_t> TermHashes(std::span<const std::string> terms) {
  std::vector<uint64_t> hashes;
  hashes.reserve(terms.size());
  for (const std::string& term : terms) hashes.push_back(TermHash(term));
  return hashes;
}

// Optimal densification (Shrivastava 2017): an empty bin takes the value of
// the first full bin along a pseudo-random probe sequence of its own, the
// same for every text. Rotation (borrowing from the next full bin to the
// right) makes a run of empty bins copy one value, so a short text's bins are
// strongly correlated; independent probes keep the estimate's error close
// to that of bins-many independent hash functions.
void Densify(MinHashSignature* signature) {
  const uint32_t bins = static_cast<uint32_t>(signature->size());
  const MinHashSignature original = *signature;
  for (uint32_t i = 0; i < bins; ++i) {
    if (original[i] != kEmptyBin) continue;
    // Expected probes: bins / full bins. After 64 x bins of them (a chance
    // below e^-64), fall back to the next full bin to the right.
    uint32_t lender = i;
    for (uint64_t attempt = 1; attempt <= uint64_t{64} * bins; ++attempt) {
      const uint32_t probe =
          static_cast<uint32_t>(((Mix((uint64_t{i} << 32) | attempt) >> 32) * bins) >> 32);
      if (original[probe] != kEmptyBin) {
        lender = probe;
        break;
      }
    }
    while (original[lender] == kEmptyBin) lender = (lender + 1) % bins;
    // Odd, so that a borrowed value never equals an original one.
    (*signature)[i] = original[lender] | 1u;
  }
}

}  // namespace

MinHasher::MinHasher(MinHashOptions options) : options_(options) {
  options_.bins = std::max<uint32_t>(options_.bins, 1);
}

uint64_t TermHash(std::string_view term) { return Checksum64(term); }

std::string ToSketch(const MinHashSignature& signature) {
  std::string sketch(signature.size(), '\0');
  for (size_t i = 0; i < signature.size(); ++i) sketch[i] = static_cast<char>(signature[i]);
  return sketch;
}

MinHashSignature MinHasher::Signature(std::span<const std::string> terms) const {
  return SignatureOfHashes(TermHashes(terms));
}

MinHashSignature MinHasher::SignatureOfHashes(std::span<const uint64_t> term_hashes) const {
  return SignatureOfShingles(ShingleHashes(term_hashes, options_.shingle_words));
}

void MinHasher::AppendShingles(std::span<const uint64_t> term_hashes,
                               std::vector<uint64_t>* out) const {
  AppendShingleHashes(term_hashes, options_.shingle_words, out);
}

MinHashSignature MinHasher::SignatureOfShingles(std::span<const uint64_t> shingles) const {
  if (shingles.empty()) return {};
  MinHashSignature signature(options_.bins, kEmptyBin);
  for (uint64_t h : shingles) {
    const uint32_t bin = static_cast<uint32_t>(((h >> 32) * options_.bins) >> 32);
    // Original values are even, borrowed ones odd (see Densify).
    const uint32_t value = static_cast<uint32_t>(h) & ~1u;
    signature[bin] = std::min(signature[bin], value);
  }
  Densify(&signature);
  return signature;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / a.size();
}

double ExactJaccard(std::span<const std::string> a, std::span<const std::string> b,
                    uint32_t shingle_words) {
  const std::vector<uint64_t> sa = ShingleHashes(TermHashes(a), shingle_words);
  const std::vector<uint64_t> sb = ShingleHashes(TermHashes(b), shingle_words);
  const absl::flat_hash_set<uint64_t> set_a(sa.begin(), sa.end());
  const absl::flat_hash_set<uint64_t> set_b(sb.begin(), sb.end());
  if (set_a.empty() && set_b.empty()) return 0;
  size_t common = 0;
  for (uint64_t h : set_b) common += set_a.contains(h);
  return static_cast<double>(common) / (set_a.size() + set_b.size() - common);
}

}  // namespace syndex
