#include "common/bit_packing.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "common/format.h"

namespace syndex {
namespace {

// Value i of `width` bits, read with one 8-byte load: its first byte is at
// i * width / 8 and it ends within 7 + 32 bits of it.
template <uint32_t kWidth>
inline uint32_t Extract(const char* in, size_t i) {
  constexpr uint64_t kMask = (uint64_t{1} << kWidth) - 1;
  const size_t bit = i * kWidth;
  uint64_t word;
  std::memcpy(&word, in + bit / 8, sizeof word);
  return static_cast<uint32_t>((word >> (bit % 8)) & kMask);
}

// The same, reading only bytes below `size`, for the last few values.
inline uint32_t ExtractNearEnd(const char* in, size_t size, uint32_t width, size_t i) {
  const size_t bit = i * width;
  uint64_t word = 0;
  std::memcpy(&word, in + bit / 8, std::min(sizeof word, size - bit / 8));
  return static_cast<uint32_t>((word >> (bit % 8)) & ((uint64_t{1} << width) - 1));
}

// n values of kWidth bits; kCount > 0 fixes n at compile time, so that the
// loop over a whole block unrolls with constant shifts.
template <uint32_t kWidth, size_t kCount>
void UnpackFixed(const char* in, size_t size, size_t n, uint32_t* out) {
  if constexpr (kWidth == 0) {
    std::fill_n(out, n, 0u);
  } else {
    if constexpr (kCount > 0) n = kCount;
    // Values whose 8-byte load stays inside [in, in + size).
    size_t fast = n;
    if (size < kUnpackSlack) {
      fast = 0;
    } else {
      fast = std::min(n, ((size - kUnpackSlack) * 8) / kWidth + 1);
    }
    if (fast == n && kCount > 0) {
      for (size_t i = 0; i < kCount; ++i) out[i] = Extract<kWidth>(in, i);
      return;
    }
    for (size_t i = 0; i < fast; ++i) out[i] = Extract<kWidth>(in, i);
    for (size_t i = fast; i < n; ++i) out[i] = ExtractNearEnd(in, size, kWidth, i);
  }
}

using Unpacker = void (*)(const char*, size_t, size_t, uint32_t*);

template <size_t kCount, uint32_t... kWidths>
constexpr std::array<Unpacker, sizeof...(kWidths)> MakeUnpackers(
    std::integer_sequence<uint32_t, kWidths...>) {
  return {&UnpackFixed<kWidths, kCount>...};
}

// By width, 0 to 32: for a whole block, and for any count.
constexpr auto kBlockUnpackers =
    MakeUnpackers<format::kBlockSize>(std::make_integer_sequence<uint32_t, 33>{});
constexpr auto kUnpackers = MakeUnpackers<0>(std::make_integer_sequence<uint32_t, 33>{});

}  // namespace

uint32_t BitWidth(std::span<const uint32_t> values) {
  uint32_t all = 0;
  for (uint32_t v : values) all |= v;
  return static_cast<uint32_t>(std::bit_width(all));
}

void PackBits(std::span<const uint32_t> values, uint32_t width, std::string* out) {
  const size_t start = out->size();
  out->resize(start + PackedSize(values.size(), width));
  char* packed = out->data() + start;
  // Bits gather in a word, low bits first, and leave it a byte at a time:
  // fewer than 8 wait between values, so a value of up to 32 bits fits.
  const uint64_t mask = (uint64_t{1} << width) - 1;
  uint64_t pending = 0;
  uint32_t pending_bits = 0;
  for (uint32_t value : values) {
    pending |= (value & mask) << pending_bits;
    for (pending_bits += width; pending_bits >= 8; pending_bits -= 8) {
      *packed++ = static_cast<char>(pending);
      pending >>= 8;
    }
  }
  if (pending_bits > 0) *packed = static_cast<char>(pending);
}

void UnpackBits(const char* in, size_t size, uint32_t width, size_t n, uint32_t* out) {
  if (n == format::kBlockSize) {
    kBlockUnpackers[width](in, size, n, out);
  } else {
    kUnpackers[width](in, size, n, out);
  }
}

}  // namespace syndex
