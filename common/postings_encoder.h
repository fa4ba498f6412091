// File: common/postings_encoder.h
//
// Encodes one term's postings list into the block format of docs/FORMAT.md:
// blocks of format::kBlockSize ids, each block holding the id gaps and then
// the term frequencies, bit-packed (common/bit_packing.h), a skip table in front of lists with
// more than one block, and the positions of each posting (delta varints) in
// a separate stream, so that queries without phrases never touch them.
//
// Example:
//   PostingsEncoder encoder(/*with_positions=*/true);
//   encoder.Add(passage, tf, positions, passage_length);   // ids ascending
//   TermInfo info = encoder.Finish(&postings_bytes, &positions_bytes);
#ifndef SYNDEX_COMMON_POSTINGS_ENCODER_H_
#define SYNDEX_COMMON_POSTINGS_ENCODER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/term_info.h"
#include "common/types.h"

namespace syndex {

// Not thread-safe. Reusable: Finish() resets it for the next term.
class PostingsEncoder {
 public:
  explicit PostingsEncoder(bool with_positions) : with_positions_(with_positions) {}

  // Adds one posting. REQUIRES: `id` greater than the previous id of this
  // list; tf >= 1; positions.size() == tf (ascending) if with_positions,
  // else empty. `unit_length` is the passage or document length in tokens,
  // kept per block for score upper bounds.
  void Add(uint32_t id, TermFreq tf, std::span<const Position> positions, uint32_t unit_length);
  // Add with the positions already encoded as the list stores them
  // (PostingsCursor::EncodedPositions), copied as they are. REQUIRES:
  // with_positions, and `encoded_positions` exactly tf delta varints.
  void AddEncoded(uint32_t id, TermFreq tf, std::string_view encoded_positions,
                  uint32_t unit_length);

  // Appends the encoded list to *postings and its positions to *positions,
  // and returns its TermInfo with offsets relative to the sizes the two
  // strings had before. REQUIRES: at least one Add since the last Finish.
  TermInfo Finish(std::string* postings, std::string* positions);

  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }

 private:
  // Add's ids, tfs and lengths.
  void AddPosting(uint32_t id, TermFreq tf, uint32_t unit_length);
  void EncodeBlock(size_t begin, size_t end, uint32_t previous_id, std::string* out);

  bool with_positions_;
  std::vector<uint32_t> ids_;
  std::vector<TermFreq> tfs_;
  std::vector<uint32_t> lengths_;
  // Positions, delta-encoded, of every posting in order, and where each
  // block's end in it: one buffer, not a string a block, since the
  // encoder is reused from term to term and allocations were a tenth of
  // writing a segment.
  std::string positions_;
  std::vector<uint32_t> block_positions_end_;
  std::vector<uint32_t> scratch_gaps_, scratch_tfs_;  // of the block being encoded
  std::string scratch_skip_table_, scratch_data_;     // of the list being finished
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_POSTINGS_ENCODER_H_
