#include "common/postings_encoder.h"

#include <algorithm>
#include <cassert>

#include "common/bit_packing.h"
#include "common/block_impacts.h"
#include "common/coding.h"
#include "common/format.h"
#include "common/lane_packing.h"

namespace syndex {

uint32_t TermInfo::block_count() const {
  return (doc_freq + format::kBlockSize - 1) / format::kBlockSize;
}

void PostingsEncoder::AddPosting(uint32_t id, TermFreq tf, uint32_t unit_length) {
  assert(ids_.empty() || id > ids_.back());
  assert(tf >= 1);
  if (ids_.size() % format::kBlockSize == 0 && !ids_.empty()) {
    block_positions_end_.push_back(static_cast<uint32_t>(positions_.size()));
  }
  ids_.push_back(id);
  tfs_.push_back(tf);
  lengths_.push_back(unit_length);
}

void PostingsEncoder::Add(uint32_t id, TermFreq tf, std::span<const Position> positions,
                          uint32_t unit_length) {
  AddPosting(id, tf, unit_length);
  if (!with_positions_) return;
  assert(positions.size() == tf);
  Position previous = 0;
  for (Position p : positions) {
    PutVarint32(&positions_, p - previous);
    previous = p;
  }
}

void PostingsEncoder::AddEncoded(uint32_t id, TermFreq tf, std::string_view encoded_positions,
                                 uint32_t unit_length) {
  assert(with_positions_);
  AddPosting(id, tf, unit_length);
  positions_.append(encoded_positions);
}

// A block: the bit width of its gaps, that of its tfs, then both packed
// (docs/FORMAT.md), a full block in four lanes (common/lane_packing.h),
// a partial one back to back. A gap is the distance to the previous id
// minus one, so consecutive ids cost no bits; block 0's "previous id" is
// -1 (mod 2^32).
void PostingsEncoder::EncodeBlock(size_t begin, size_t end, uint32_t previous_id,
                                  std::string* out) {
  scratch_gaps_.clear();
  scratch_tfs_.clear();
  for (size_t i = begin; i < end; ++i) {
    scratch_gaps_.push_back(ids_[i] - previous_id - 1);
    scratch_tfs_.push_back(tfs_[i] - 1);
    previous_id = ids_[i];
  }
  const uint32_t gap_width = BitWidth(scratch_gaps_), tf_width = BitWidth(scratch_tfs_);
  out->push_back(static_cast<char>(gap_width));
  out->push_back(static_cast<char>(tf_width));
  if (scratch_gaps_.size() == kLaneBlockSize) {
    PackLanes(std::span<const uint32_t, kLaneBlockSize>(scratch_gaps_), gap_width, out);
    PackLanes(std::span<const uint32_t, kLaneBlockSize>(scratch_tfs_), tf_width, out);
  } else {
    PackBits(scratch_gaps_, gap_width, out);
    PackBits(scratch_tfs_, tf_width, out);
  }
}

TermInfo PostingsEncoder::Finish(std::string* postings, std::string* positions) {
  TermInfo info;
  info.doc_freq = size();
  info.postings_offset = postings->size();
  info.positions_offset = positions->size();
  for (size_t i = 0; i < ids_.size(); ++i) {
    info.total_freq += tfs_[i];
    info.max_tf = std::max(info.max_tf, tfs_[i]);
    info.min_length = i == 0 ? lengths_[i] : std::min(info.min_length, lengths_[i]);
  }
  const uint32_t blocks = info.block_count();
  block_positions_end_.push_back(static_cast<uint32_t>(positions_.size()));  // the last block's
  std::string& skip_table = scratch_skip_table_;
  std::string& data = scratch_data_;
  skip_table.clear();
  data.clear();
  for (uint32_t b = 0; b < blocks; ++b) {
    const size_t begin = size_t{b} * format::kBlockSize;
    const size_t end = std::min(ids_.size(), begin + format::kBlockSize);
    EncodeBlock(begin, end, b == 0 ? format::kNoPreviousId : ids_[begin - 1], &data);
    const uint32_t positions_end = block_positions_end_[b];
    PutFixed32(&skip_table, ids_[end - 1]);
    PutFixed32(&skip_table, static_cast<uint32_t>(data.size()));
    PutFixed32(&skip_table, positions_end);
    const BlockImpacts impacts =
        ChooseBlockImpacts(std::span(tfs_).subspan(begin, end - begin),
                           std::span(lengths_).subspan(begin, end - begin));
    PutFixed16(&skip_table, static_cast<uint16_t>(impacts.low.tf));
    PutFixed16(&skip_table, static_cast<uint16_t>(impacts.low.length));
    PutFixed16(&skip_table, static_cast<uint16_t>(impacts.high.tf));
    PutFixed16(&skip_table, static_cast<uint16_t>(impacts.high.length));
  }
  if (blocks > 1) postings->append(skip_table);
  postings->append(data);
  positions->append(positions_);
  info.postings_size = postings->size() - info.postings_offset;
  info.positions_size = positions->size() - info.positions_offset;
  ids_.clear();
  tfs_.clear();
  lengths_.clear();
  positions_.clear();
  block_positions_end_.clear();
  return info;
}

}  // namespace syndex
