#include "common/postings_cursor.h"

#include "common/bit_packing.h"
#include "common/coding.h"
#include "common/lane_packing.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>

namespace syndex {
namespace {

// The sum of n gaps, in 64 bits (which compilers vectorize).
int64_t SumOfGaps(const uint32_t* gaps, uint32_t n) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) sum += gaps[i];
  return static_cast<int64_t>(sum);
}

// ids[i] = previous + (gaps[0] + 1) + ... + (gaps[i] + 1), modulo 2^32
// (previous = kNoPreviousId, i.e. -1, before the first id). The prefix
// sum is the serial part of decoding a block; with SSE2, four lanes at a
// time: two shifted adds make each lane the sum of its lane and those
// before it, then the last lane of the group before is added to all.
// `ids` holds at least n rounded up to 4 values (a whole kBlockSize array).
void GapsToIds(uint32_t previous, uint32_t* ids, uint32_t n) {
#if defined(__SSE2__)
  const __m128i one = _mm_set1_epi32(1);
  __m128i carry = _mm_set1_epi32(static_cast<int>(previous));
  for (uint32_t i = 0; i < n; i += 4) {
    __m128i v = _mm_add_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(ids + i)), one);
    v = _mm_add_epi32(v, _mm_slli_si128(v, 4));
    v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
    v = _mm_add_epi32(v, carry);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(ids + i), v);
    carry = _mm_shuffle_epi32(v, _MM_SHUFFLE(3, 3, 3, 3));
  }
#else
  for (uint32_t i = 0; i < n; ++i) ids[i] = previous += ids[i] + 1;
#endif
}

// The first i in [from, end) with ids[i] >= target (end if none), ids
// ascending: four ids a compare with SSE2 (unsigned, by flipping the sign
// bits), since within a block a seek usually moves a few to a few dozen
// postings and a scalar step per id was a quarter of a phrase profile.
uint32_t FirstIdReaching(const uint32_t* ids, uint32_t from, uint32_t end, uint32_t target) {
  uint32_t i = from;
  // Far ahead (a rare word leading a common one): halve the rest of the
  // block, with a conditional move rather than a branch per step.
  constexpr uint32_t kNear = 16;
  if (i + kNear < end && ids[i + kNear] < target) {
    const uint32_t* base = ids + i + kNear + 1;
    uint32_t length = end - (i + kNear + 1);
    if (length == 0) return end;
    while (length > 1) {
      const uint32_t half = length / 2;
      base += base[half] < target ? half : 0;
      length -= half;
    }
    return static_cast<uint32_t>(base - ids) + (*base < target ? 1 : 0);
  }
#if defined(__SSE2__)
  const __m128i sign = _mm_set1_epi32(static_cast<int>(0x80000000u));
  const __m128i wanted = _mm_xor_si128(_mm_set1_epi32(static_cast<int>(target)), sign);
  for (; i + 4 <= end; i += 4) {
    const __m128i four =
        _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(ids + i)), sign);
    const uint32_t below =
        static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(four, wanted))));
    if (below != 0xF) return i + static_cast<uint32_t>(std::countr_one(below));
  }
#endif
  while (i < end && ids[i] < target) ++i;
  return i;
}

}  // namespace

PostingsCursor::PostingsCursor(const TermInfo& info, std::string_view postings,
                               std::string_view positions, uint32_t id_limit)
    : info_(info), id_limit_(id_limit) {
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
            static_cast<uint32_t>(positions_.size()),
            SinglePairImpacts(info_.max_tf, info_.min_length)};
  }
  const char* p = skip_table_.data() + size_t{block} * format::kSkipEntrySize;
  return {DecodeFixed32(p),
          DecodeFixed32(p + 4),
          DecodeFixed32(p + 8),
          {{DecodeFixed16(p + 12), DecodeFixed16(p + 14)},
           {DecodeFixed16(p + 16), DecodeFixed16(p + 18)}}};
}

void PostingsCursor::SetEnd() {
  block_size_ = 0;
  index_ = 0;
  ids_[0] = kEndId;
}

void PostingsCursor::MarkCorrupt() {
  corrupt_ = true;
  block_ = block_count_;
  SetEnd();
}

void PostingsCursor::LoadBlock(uint32_t block) {
  block_ = block;
  index_ = 0;
  if (block >= block_count_) return SetEnd();
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
  const char* gaps = p + format::kBlockHeaderSize;
  const uint32_t previous = block == 0 ? format::kNoPreviousId : ReadSkip(block - 1).last_id;
  // Every gap adds at least 1, so the ids ascend unless their sum leaves
  // the 32-bit range, which only damage can do. Gaps of the block's width
  // cannot carry the last id that far unless the width is large; then the
  // gaps, summed in 64 bits, tell.
  const int64_t first = previous == format::kNoPreviousId ? 0 : int64_t{previous} + 1;
  const bool may_overflow =
      first + (int64_t{block_size_} << std::min<uint32_t>(gap_width, 32)) >= int64_t{kEndId};
  if (block_size_ == kLaneBlockSize) {
    if (may_overflow) {
      UnpackLanes(gaps, gap_width, 0, ids_.data());
      if (first + SumOfGaps(ids_.data(), block_size_) + block_size_ - 1 >= int64_t{kEndId}) {
        return false;
      }
    }
    UnpackLanesToIds(gaps, gap_width, previous, ids_.data());
    UnpackLanes(gaps + gap_bytes, tf_width, 1, tfs_.data());
    return ids_[block_size_ - 1] < id_limit_;
  }
  // Unpacking may read past the block, up to the end of the .post body,
  // which lets the values decode with one load each.
  UnpackBits(gaps, body_end_ - gaps, gap_width, block_size_, ids_.data());
  UnpackBits(gaps + gap_bytes, body_end_ - (gaps + gap_bytes), tf_width, block_size_, tfs_.data());
  if (may_overflow &&
      first + SumOfGaps(ids_.data(), block_size_) + block_size_ - 1 >= int64_t{kEndId}) {
    return false;
  }
  GapsToIds(previous, ids_.data(), block_size_);
  for (uint32_t i = 0; i < block_size_; ++i) ++tfs_[i];
  return ids_[block_size_ - 1] < id_limit_;  // the ids ascend: the last is the largest
}

void PostingsCursor::NextBlock() {
  if (at_end()) return;
  LoadBlock(block_ + 1);
}

void PostingsCursor::SkipBlocksUntil(absl::FunctionRef<bool(const BlockImpacts&)> accept) {
  if (at_end() || accept(block_impacts())) return;
  uint32_t b = block_ + 1;
  while (b < block_count_ && !accept(impacts_of_block(b))) ++b;
  LoadBlock(b);
}

void PostingsCursor::SkipBlocksBelow(std::span<const float> block_bounds, float min) {
  if (at_end() || block_bounds[block_] >= min) return;
  uint32_t b = block_ + 1;
  while (b < block_count_ && block_bounds[b] < min) ++b;
  LoadBlock(b);
}

void PostingsCursor::Seek(uint32_t target) {
  if (at_end() || target <= ids_[index_]) return;
  if (ids_[block_size_ - 1] < target) {
    LoadBlock(FirstBlockReaching(target));
    if (at_end()) return;
  }
  index_ = FirstIdReaching(ids_.data(), index_, block_size_, target);
  if (index_ == block_size_) return MarkCorrupt();  // the skip entry promised more
}

uint32_t PostingsCursor::LastIdOf(uint32_t block) const {
  return DecodeFixed32(skip_table_.data() + size_t{block} * format::kSkipEntrySize);
}

uint32_t PostingsCursor::FirstBlockReaching(uint32_t target) const {
  // Gallop from the next block (a seek usually lands near), then binary
  // search the last stride: O(log distance) skip entries read instead of
  // one per block passed, which mattered when a rare word led a common one.
  uint32_t low = block_ + 1;
  if (low >= block_count_ || LastIdOf(low) >= target) return low;
  // From here on, block `low` ends below target.
  uint32_t stride = 1;
  uint32_t high = low + stride;
  while (high < block_count_ && LastIdOf(high) < target) {
    low = high;
    stride *= 2;
    high = low + stride;
  }
  high = std::min(high, block_count_);  // the answer is in (low, high]
  ++low;
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    if (LastIdOf(mid) < target) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

void PostingsCursor::SkipPositionsTo(uint32_t index) {
  size_t count = 0;
  for (; positions_index_ < index; ++positions_index_) count += tfs_[positions_index_];
  const char* p = SkipVarints(positions_ptr_, positions_limit_, count);
  if (p == nullptr) {
    positions_ptr_ = positions_limit_;
    corrupt_ = true;
    return;
  }
  positions_ptr_ = p;
}

std::span<const Position> PostingsCursor::Positions() {
  const bool read = positions_index_ == index_ + 1;
  if (read && positions_decoded_) return positions_buffer_;  // asked twice
  if (read) {
    positions_ptr_ = current_positions_;  // read as bytes only (EncodedPositions)
  } else {
    SkipPositionsTo(index_);
    current_positions_ = positions_ptr_;
  }
  const TermFreq tf = tfs_[index_];
  positions_buffer_.resize(tf);
  Position position = 0;
  for (TermFreq k = 0; k < tf; ++k) {
    uint32_t delta;
    const char* next = GetVarint32Ptr(positions_ptr_, positions_limit_, &delta);
    if (next == nullptr) {
      corrupt_ = true;
      positions_buffer_.resize(k);
      break;
    }
    positions_ptr_ = next;
    position += delta;
    positions_buffer_[k] = position;
  }
  positions_index_ = index_ + 1;
  positions_decoded_ = true;
  return positions_buffer_;
}

void PostingsCursor::ReadPositionBytes() {
  SkipPositionsTo(index_);
  current_positions_ = positions_ptr_;
  const char* end = SkipVarints(positions_ptr_, positions_limit_, tfs_[index_]);
  if (end == nullptr) {
    corrupt_ = true;
    end = positions_ptr_;  // nothing of the damaged posting is handed out
  }
  positions_ptr_ = end;
  positions_index_ = index_ + 1;
  positions_decoded_ = false;
}

std::string_view PostingsCursor::EncodedPositions() {
  if (positions_index_ != index_ + 1) ReadPositionBytes();
  return {current_positions_, static_cast<size_t>(positions_ptr_ - current_positions_)};
}

BlockImpacts PostingsCursor::block_impacts() const {
  return at_end() ? BlockImpacts{} : ReadSkip(block_).impacts;
}
BlockImpacts PostingsCursor::impacts_of_block(uint32_t b) const { return ReadSkip(b).impacts; }
uint32_t PostingsCursor::block_last_id() const { return at_end() ? kEndId : ids_[block_size_ - 1]; }

uint32_t PostingsCursor::BlockReaching(uint32_t target) const {
  if (at_end()) return block_count_;
  if (target <= ids_[block_size_ - 1]) return block_;
  return FirstBlockReaching(target);  // only lists with a skip table get here
}

uint32_t PostingsCursor::LastIdOfBlock(uint32_t b) const {
  return b == block_ ? block_last_id() : LastIdOf(b);
}

}  // namespace syndex
