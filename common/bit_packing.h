// File: common/bit_packing.h
//
// Binary packing of small unsigned integers: n values stored at one bit
// width w each (the width of the largest), back to back in little-endian
// bit order, in ceil(n * w / 8) bytes. The postings codec of
// docs/FORMAT.md packs each block's id gaps and term frequencies this way
// (like Lucene's ForUtil and PISA's block codecs): 128 gaps of a common
// word fit in one or two bits each, and decoding is a load, a shift and a
// mask per value, with no branch, which compilers unroll for a fixed width.
//
// Example:
//   const uint32_t width = BitWidth(values);
//   PackBits(values, width, &out);
//   ...
//   UnpackBits(out.data(), out.size(), width, values.size(), decoded);
#ifndef SYNDEX_COMMON_BIT_PACKING_H_
#define SYNDEX_COMMON_BIT_PACKING_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace syndex {

// The number of bits of the largest value (0 when all are 0), at most 32.
uint32_t BitWidth(std::span<const uint32_t> values);

// The bytes that n values of `width` bits take.
inline size_t PackedSize(size_t n, uint32_t width) { return (n * width + 7) / 8; }

// Appends `values`, each at `width` bits (REQUIRES: width >= BitWidth(values)
// and width <= 32), PackedSize(values.size(), width) bytes.
void PackBits(std::span<const uint32_t> values, uint32_t width, std::string* out);

// Decodes n values of `width` bits (REQUIRES: width <= 32) from the
// `size` bytes at `in` (REQUIRES: size >= PackedSize(n, width)) into out[0,
// n). Reads no byte outside [in, in + size); it is fastest when size exceeds
// PackedSize(n, width) by kUnpackSlack or more, so callers pass every byte
// they may read, not just the packed ones.
void UnpackBits(const char* in, size_t size, uint32_t width, size_t n, uint32_t* out);

// Bytes past the packed ones that let every value be read with one 8-byte
// load.
inline constexpr size_t kUnpackSlack = 8;

}  // namespace syndex

#endif  // SYNDEX_COMMON_BIT_PACKING_H_
