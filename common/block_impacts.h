// File: common/block_impacts.h
//
// What a postings block's skip entry says about its scores (docs/FORMAT.md,
// "Skip entry"). A posting's *impact* is its (tf, unit length) pair: BM25
// grows with the first and falls with the second, so a pair (T, L)
// bounds the score of every posting with tf <= T and length >= L, for any
// BM25 parameters. One pair per block (its largest tf, its shortest unit)
// is loose: in a block holding a 6-word headline with tf 1 and a long
// paragraph with tf 4 it bounds as if one unit had both. Each block
// therefore keeps two pairs, `low` and `high`, such that every posting is
// dominated by one of them; the writer chooses the split that minimizes
// the bound (as Lucene keeps a block's competitive impacts). On AllSides
// this leaves "trump"'s top 10 with 59 of 1,179 blocks to score, against
// 1,024 with the single pair.
//
// Example:
//   BlockImpacts impacts = ChooseBlockImpacts(tfs, lengths);
//   if (weight.UpperBound(impacts) < threshold) skip the block;
#ifndef SYNDEX_COMMON_BLOCK_IMPACTS_H_
#define SYNDEX_COMMON_BLOCK_IMPACTS_H_

#include <cstdint>
#include <span>

#include "common/types.h"

namespace syndex {

struct Impact {
  // The largest tf this pair covers; kUnboundedTf: any.
  TermFreq tf = 0;
  // The shortest unit length it covers, in tokens.
  uint32_t length = 0;
};

// Stored as u16s: a tf above kMaxStoredTf is written as kUnboundedTf and
// a longer length as kMaxStoredLength, which keep the bound valid.
inline constexpr TermFreq kUnboundedTf = 0xFFFF;
inline constexpr TermFreq kMaxStoredTf = kUnboundedTf - 1;
inline constexpr uint32_t kMaxStoredLength = 0xFFFF;

struct BlockImpacts {
  Impact low;   // covers the postings with tf <= low.tf
  Impact high;  // covers the rest: high.tf is the block's largest tf

  // True if the posting (tf, length) is dominated by low or high.
  bool Covers(TermFreq tf, uint32_t length) const {
    const auto by = [&](const Impact& i) {
      return (i.tf == kUnboundedTf || tf <= i.tf) && length >= i.length;
    };
    return by(low) || by(high);
  }
};

// The single pair (max_tf, min_length), twice, stored-width clamped.
BlockImpacts SinglePairImpacts(TermFreq max_tf, uint32_t min_length);

// The two pairs covering the postings (tfs[i], lengths[i]) whose larger
// BM25 bound is smallest at the default parameters and a typical passage
// length. REQUIRES: tfs.size() == lengths.size() > 0; every tf >= 1.
BlockImpacts ChooseBlockImpacts(std::span<const TermFreq> tfs, std::span<const uint32_t> lengths);

}  // namespace syndex

#endif  // SYNDEX_COMMON_BLOCK_IMPACTS_H_
