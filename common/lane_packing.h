// File: common/lane_packing.h
//
// Binary packing of a whole postings block (format::kBlockSize = 128
// values) in four interleaved lanes, so that SSE2 decodes four values with
// each shift and mask (the layout of Lemire and Boytsov's SIMD-BP128,
// "Decoding billions of integers per second through vectorization", 2015).
//
// Value i belongs to lane i % 4 as that lane's value i / 4. Each lane is a
// little-endian bit stream of its 32 values at `width` bits: `width` 32-bit
// words. Word j of the four lanes are stored together, lane 0 first, as 16
// bytes, so the block takes 16 * width bytes, as many as packing the values
// back to back (common/bit_packing.h), whose layout a partial block keeps.
// Decoding step k loads the 16-byte groups holding bits [k * width,
// (k + 1) * width) of every lane and so yields values 4k .. 4k + 3 in
// order, to which ids are prefix-summed in the same registers.
//
// Example:
//   PackLanes(gaps, width, &out);
//   UnpackLanesToIds(out.data(), width, previous_id, ids);
#ifndef SYNDEX_COMMON_LANE_PACKING_H_
#define SYNDEX_COMMON_LANE_PACKING_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/format.h"

namespace syndex {

inline constexpr size_t kLaneBlockSize = format::kBlockSize;

// The bytes a block at `width` bits takes.
inline constexpr size_t LanePackedSize(uint32_t width) { return 16 * size_t{width}; }

// Appends the block's values, each at `width` bits (REQUIRES: every value
// fits, width <= 32): LanePackedSize(width) bytes.
void PackLanes(std::span<const uint32_t, kLaneBlockSize> values, uint32_t width, std::string* out);

// Decodes the block at `in` (LanePackedSize(width) readable bytes; width
// <= 32): out[i] = value i + add, modulo 2^32.
void UnpackLanes(const char* in, uint32_t width, uint32_t add, uint32_t* out);

// Decodes a block of id gaps to ids: out[i] = previous + (gap 0 + 1) + ...
// + (gap i + 1), modulo 2^32 (the .post format's gaps, previous being
// format::kNoPreviousId before a list's first id).
void UnpackLanesToIds(const char* in, uint32_t width, uint32_t previous, uint32_t* out);

}  // namespace syndex

#endif  // SYNDEX_COMMON_LANE_PACKING_H_
