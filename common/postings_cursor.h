// File: common/postings_cursor.h
//
// Iterates one term's postings list of one segment, in increasing id order,
// decoding a block of format::kBlockSize postings at a time and skipping
// whole blocks through the skip table. Positions are decoded only when
// asked for.
//
// Contract (as tantivy's DocSet):
//  * After construction the cursor is on the first posting, or at the end.
//  * id() is kEndId at the end, and stays there; Next() and Seek() at the
//    end do nothing.
//  * Seek(target) moves to the first posting with id >= target; it never
//    moves backwards (a target <= id() leaves the cursor where it is).
//
// Example:
//   PostingsCursor cursor(info, segment.postings(), segment.positions());
//   for (; cursor.id() != kEndId; cursor.Next()) Use(cursor.id(), cursor.tf());
#ifndef SYNDEX_COMMON_POSTINGS_CURSOR_H_
#define SYNDEX_COMMON_POSTINGS_CURSOR_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "common/block_impacts.h"
#include "common/format.h"
#include "common/term_info.h"
#include "common/types.h"

namespace syndex {

// Not thread-safe; cheap to create. The byte views must outlive it.
class PostingsCursor {
 public:
  // `postings` and `positions` are the whole .post and .pos bodies of the
  // segment; `info` locates the list in them. A list whose bytes do not
  // decode, or that holds an id >= `id_limit` (the size of the table the
  // ids index, so that no caller reads past it), ends early and reports
  // corrupt() (the segment's checksum makes that unexpected; `indexer
  // verify` checks every list).
  PostingsCursor(const TermInfo& info, std::string_view postings, std::string_view positions,
                 uint32_t id_limit = kEndId);
  PostingsCursor() = default;  // an empty cursor, at the end

  // At the end ids_[0] is kEndId and index_ 0, so that the id is always
  // read from the block: a walk's only state is index_.
  uint32_t id() const { return ids_[index_]; }
  TermFreq tf() const { return tfs_[index_]; }
  // Inline: walking a block is the innermost loop of every query.
  void Next() {
    if (index_ + 1 < block_size_) {  // block_size_ is 0 at the end
      ++index_;
      return;
    }
    NextBlock();
  }
  void Seek(uint32_t target);

  // The positions of the current posting, ascending. REQUIRES: id() !=
  // kEndId and the list has positions. Valid until the cursor moves.
  std::span<const Position> Positions();
  // The same positions as stored: tf delta varints (docs/FORMAT.md), for a
  // merge that copies them unchanged (positions are relative to the
  // passage, which renumbering does not move). Empty if they are damaged
  // (corrupt() is then set). Valid until the cursor moves.
  std::string_view EncodedPositions();

  // Block-max data of the block the cursor is in, for score upper bounds.
  // The current block's impacts (common/block_impacts.h): every posting
  // of the block is covered by one of its two pairs. At the end, {}.
  BlockImpacts block_impacts() const;
  // Block b's impacts, b < block_count(); a one-block list's come from
  // the dictionary's max_tf and min_length.
  BlockImpacts impacts_of_block(uint32_t b) const;
  uint32_t block_count() const { return block_count_; }
  // The current block's postings, for a caller that scans a block itself
  // (a leaf filtering units by score): the ids and tfs of the whole block,
  // the cursor being on index_in_block(). Empty at the end.
  std::span<const uint32_t> block_ids() const { return {ids_.data(), block_size_}; }
  std::span<const TermFreq> block_tfs() const { return {tfs_.data(), block_size_}; }
  uint32_t index_in_block() const { return index_; }
  // Moves to posting i of the current block. REQUIRES: index_in_block() <=
  // i < block_ids().size().
  void MoveInBlock(uint32_t i) { index_ = i; }
  // Stays if `accept` takes the current block's impacts, else moves to
  // the first posting of the next block whose impacts it takes (or to the
  // end), reading only the skip entries of the blocks passed over: pruning
  // passes most blocks of a common word, and decoding each was most of
  // a one-word query's time.
  void SkipBlocksUntil(absl::FunctionRef<bool(const BlockImpacts&)> accept);
  // The same, for a caller that knows a bound of every block:
  // block_bounds[b] is block b's (block_bounds.size() == block_count()),
  // and a block is taken if its bound is at least `min`. A comparison a
  // block instead of a call and two BM25 evaluations.
  void SkipBlocksBelow(std::span<const float> block_bounds, float min);
  // The last id of the current block (kEndId at the end).
  uint32_t block_last_id() const;
  // Looking ahead without moving (Lucene's advanceShallow), for bounds over
  // a range of ids: the block holding the first id >= target from the
  // current posting on (the current block if target is at or below its
  // last id), or block_count() if there is none; and block b's last id,
  // for b from the current block on.
  uint32_t BlockReaching(uint32_t target) const;
  uint32_t LastIdOfBlock(uint32_t b) const;

  const TermInfo& info() const { return info_; }
  bool corrupt() const { return corrupt_; }

 private:
  struct SkipEntry {
    uint32_t last_id, postings_end, positions_end;
    BlockImpacts impacts;
  };
  SkipEntry ReadSkip(uint32_t block) const;
  // ReadSkip(block).last_id alone. REQUIRES: a skip table.
  uint32_t LastIdOf(uint32_t block) const;
  // The first block after the current one whose last id is >= target, or
  // block_count_.
  uint32_t FirstBlockReaching(uint32_t target) const;
  void LoadBlock(uint32_t block);
  // Next() past the current block's last posting.
  void NextBlock();
  // Decodes block `block`'s ids and tfs from block data [begin, end);
  // false if they are damaged.
  bool DecodeBlock(uint32_t block, uint32_t begin, uint32_t end);
  void MarkCorrupt();
  // Leaves the cursor at the end.
  void SetEnd();
  bool at_end() const { return block_size_ == 0; }
  void SkipPositionsTo(uint32_t index);
  // Moves the positions read pointer past the current posting's
  // positions, noting where they start.
  void ReadPositionBytes();

  TermInfo info_;
  std::string_view skip_table_;     // empty for one-block lists
  std::string_view block_data_;     // all blocks' postings bytes
  const char* body_end_ = nullptr;  // end of the whole .post body
  std::string_view positions_;      // the list's positions bytes
  uint32_t block_count_ = 0;
  uint32_t block_ = 0;       // current block
  uint32_t block_size_ = 0;  // postings in it; 0 at the end
  uint32_t index_ = 0;       // current posting within the block
  uint32_t id_limit_ = kEndId;
  bool corrupt_ = false;
  std::array<uint32_t, format::kBlockSize> ids_{kEndId};  // ids_[0]: see id()
  std::array<TermFreq, format::kBlockSize> tfs_{};
  // Lazily decoded positions: the read pointer is before posting
  // positions_index_ of the current block. Once the current posting's
  // positions are read (positions_index_ == index_ + 1), they are the
  // bytes [current_positions_, positions_ptr_), and positions_buffer_
  // holds them decoded if positions_decoded_.
  const char* positions_ptr_ = nullptr;
  const char* positions_limit_ = nullptr;
  const char* current_positions_ = nullptr;
  uint32_t positions_index_ = 0;
  bool positions_decoded_ = false;
  std::vector<Position> positions_buffer_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_POSTINGS_CURSOR_H_
