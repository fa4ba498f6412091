#include "common/postings_cursor.h"

#include "common/bit_packing.h"
#include "common/coding.h"

namespace syndex {

PostingsCursor::PostingsCursor(const TermInfo& info, std::string_view postings,
                               std::string_view positions)
    : info_(info) {
  block_count_ = info.block_count();
  // Compared without adding offset and size, which could wrap around.
  if (block_count_ == 0 || info.postings_offset > postings.size() ||
      info.postings_size > postings.size() - info.postings_offset ||
      info.positions_offset > positions.size() ||
      info.positions_size > positions.size() - info.positions_offset) {
    if (block_count_ != 0) MarkCorrupt();
    return;
  }
  std::string_view list = postings.substr(info.postings_offset, info.postings_size);
  const size_t skip_bytes = block_count_ > 1 ? size_t{block_count_} * format::kSkipEntrySize : 0;
  if (skip_bytes > list.size()) {
    MarkCorrupt();
    return;
  }
  skip_table_ = list.substr(0, skip_bytes);
  block_data_ = list.substr(skip_bytes);
  body_end_ = postings.data() + postings.size();
  positions_ = positions.substr(info.positions_offset, info.positions_size);
  LoadBlock(0);
}

PostingsCursor::SkipEntry PostingsCursor::ReadSkip(uint32_t block) const {
  if (skip_table_.empty()) {
    return {kEndId, static_cast<uint32_t>(block_data_.size()),
            static_cast<uint32_t>(positions_.size()), info_.max_tf, info_.min_length};
  }
  const char* p = skip_table_.data() + size_t{block} * format::kSkipEntrySize;
  return {DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed32(p + 8), DecodeFixed32(p + 12),
          DecodeFixed32(p + 16)};
}

void PostingsCursor::MarkCorrupt() {
  corrupt_ = true;
  id_ = kEndId;
  block_ = block_count_;
}

void PostingsCursor::LoadBlock(uint32_t block) {
  block_ = block;
  index_ = 0;
  if (block >= block_count_) {
    id_ = kEndId;
    return;
  }
  const uint32_t begin = block == 0 ? 0 : ReadSkip(block - 1).postings_end;
  const SkipEntry entry = ReadSkip(block);
  if (begin > entry.postings_end || entry.postings_end > block_data_.size()) return MarkCorrupt();
  block_size_ =
      block + 1 < block_count_ ? format::kBlockSize : info_.doc_freq - block * format::kBlockSize;
  if (!DecodeBlock(block, begin, entry.postings_end)) return MarkCorrupt();
  const uint32_t positions_begin = block == 0 ? 0 : ReadSkip(block - 1).positions_end;
  const uint32_t positions_end = std::min<uint32_t>(entry.positions_end, positions_.size());
  positions_ptr_ = positions_.data() + std::min(positions_begin, positions_end);
  positions_limit_ = positions_.data() + positions_end;
  positions_index_ = 0;
  id_ = ids_[0];
}

bool PostingsCursor::DecodeBlock(uint32_t block, uint32_t begin, uint32_t end) {
  if (end - begin < format::kBlockHeaderSize) return false;
  const char* p = block_data_.data() + begin;
  const uint32_t gap_width = static_cast<uint8_t>(p[0]);
  const uint32_t tf_width = static_cast<uint8_t>(p[1]);
  if (gap_width > 32 || tf_width > 32) return false;
  const size_t gap_bytes = PackedSize(block_size_, gap_width);
  if (end - begin != format::kBlockHeaderSize + gap_bytes + PackedSize(block_size_, tf_width)) {
    return false;
  }
  // Unpacking may read past the block, up to the end of the .post body,
  // which lets whole blocks decode with one load a value.
  const char* gaps = p + format::kBlockHeaderSize;
  UnpackBits(gaps, body_end_ - gaps, gap_width, block_size_, ids_.data());
  UnpackBits(gaps + gap_bytes, body_end_ - (gaps + gap_bytes), tf_width, block_size_, tfs_.data());
  // Summed in 64 bits: every gap adds at least 1, so the ids ascend unless
  // the sum leaves the 32-bit range, which only damage can do.
  int64_t id = block == 0 ? -1 : int64_t{ReadSkip(block - 1).last_id};
  for (uint32_t i = 0; i < block_size_; ++i) {
    id += int64_t{ids_[i]} + 1;
    ids_[i] = static_cast<uint32_t>(id);
  }
  for (uint32_t i = 0; i < block_size_; ++i) ++tfs_[i];
  return id < int64_t{kEndId};
}

void PostingsCursor::Next() {
  if (id_ == kEndId) return;
  if (++index_ < block_size_) {
    id_ = ids_[index_];
    return;
  }
  LoadBlock(block_ + 1);
}

void PostingsCursor::Seek(uint32_t target) {
  if (id_ == kEndId || target <= id_) return;
  if (ids_[block_size_ - 1] < target) {
    uint32_t block = block_ + 1;
    while (block < block_count_ && ReadSkip(block).last_id < target) ++block;
    LoadBlock(block);
    if (id_ == kEndId) return;
  }
  while (index_ < block_size_ && ids_[index_] < target) ++index_;
  if (index_ == block_size_) return MarkCorrupt();  // the skip entry promised more
  id_ = ids_[index_];
}

void PostingsCursor::SkipPositionsTo(uint32_t index) {
  for (; positions_index_ < index; ++positions_index_) {
    for (TermFreq k = tfs_[positions_index_]; k > 0; --k) {
      uint32_t unused;
      positions_ptr_ = GetVarint32Ptr(positions_ptr_, positions_limit_, &unused);
      if (positions_ptr_ == nullptr) {
        positions_ptr_ = positions_limit_;
        corrupt_ = true;
        return;
      }
    }
  }
}

std::span<const Position> PostingsCursor::Positions() {
  if (positions_index_ == index_ + 1) return positions_buffer_;  // asked twice
  SkipPositionsTo(index_);
  positions_buffer_.clear();
  Position position = 0;
  for (TermFreq k = tfs_[index_]; k > 0; --k) {
    uint32_t delta;
    const char* next = GetVarint32Ptr(positions_ptr_, positions_limit_, &delta);
    if (next == nullptr) {
      corrupt_ = true;
      break;
    }
    positions_ptr_ = next;
    position += delta;
    positions_buffer_.push_back(position);
  }
  ++positions_index_;
  return positions_buffer_;
}

TermFreq PostingsCursor::block_max_tf() const {
  return id_ == kEndId ? 0 : ReadSkip(block_).max_tf;
}
uint32_t PostingsCursor::block_min_length() const {
  return id_ == kEndId ? 0 : ReadSkip(block_).min_length;
}
uint32_t PostingsCursor::block_last_id() const {
  return id_ == kEndId ? kEndId : ids_[block_size_ - 1];
}

}  // namespace syndex
