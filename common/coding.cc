#include "common/coding.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <bit>

namespace syndex {

void PutFixed16(std::string* dst, uint16_t value) {
  dst->append(reinterpret_cast<const char*>(&value), sizeof value);
}
void PutFixed32(std::string* dst, uint32_t value) {
  dst->append(reinterpret_cast<const char*>(&value), sizeof value);
}
void PutFixed64(std::string* dst, uint64_t value) {
  dst->append(reinterpret_cast<const char*>(&value), sizeof value);
}

void PutVarint64(std::string* dst, uint64_t value) {
  char buf[10];
  int n = 0;
  while (value >= 0x80) {
    buf[n++] = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  dst->append(buf, n);
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint32(dst, static_cast<uint32_t>(value.size()));
  dst->append(value.data(), value.size());
}

int VarintLength(uint64_t value) {
  int len = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++len;
  }
  return len;
}

const char* GetVarint64Ptr(const char* p, const char* limit, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && p < limit; shift += 7) {
    const uint64_t byte = static_cast<unsigned char>(*p++);
    if (shift == 63 && byte > 1) return nullptr;  // bits beyond the 64th
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return p;
    }
  }
  return nullptr;
}

const char* GetVarint32PtrSlow(const char* p, const char* limit, uint32_t* value) {
  uint64_t wide;
  const char* next = GetVarint64Ptr(p, limit, &wide);
  if (next == nullptr || wide > UINT32_MAX || next - p > 5) return nullptr;
  *value = static_cast<uint32_t>(wide);
  return next;
}

bool ByteReader::ReadLengthPrefixed(std::string_view* v) {
  uint32_t len;
  return ReadVarint32(&len) && ReadBytes(len, v);
}

bool ByteReader::ReadBytes(size_t n, std::string_view* v) {
  if (remaining() < n) return Fail();
  *v = std::string_view(p_, n);
  p_ += n;
  return true;
}

bool ByteReader::Skip(size_t n) {
  if (remaining() < n) return Fail();
  p_ += n;
  return true;
}

namespace {

// The number of bits set in a 16-bit mask. The baseline x86-64 build has
// no popcnt instruction, and std::popcount's library call was a tenth of
// skipping positions.
size_t CountBits16(uint32_t mask) {
  static constexpr auto kBitsOfByte = [] {
    std::array<uint8_t, 256> bits{};
    for (size_t b = 0; b < 256; ++b) bits[b] = static_cast<uint8_t>(std::popcount(b));
    return bits;
  }();
  return kBitsOfByte[mask & 0xFF] + kBitsOfByte[(mask >> 8) & 0xFF];
}

}  // namespace

// A varint ends at its first byte below 0x80, so this counts such bytes,
// sixteen at a time with SSE2, instead of decoding values.
const char* SkipVarintsSlow(const char* p, const char* limit, size_t count) {
  if (count == 0) return p;
#if defined(__SSE2__)
  while (limit - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const uint32_t ends = ~static_cast<uint32_t>(_mm_movemask_epi8(bytes)) & 0xFFFF;
    const size_t here = CountBits16(ends);
    if (here >= count) {
      uint32_t remaining = ends;
      for (size_t k = 1; k < count; ++k) remaining &= remaining - 1;  // drop the lowest
      return p + std::countr_zero(remaining) + 1;
    }
    count -= here;
    p += 16;
  }
#endif
  for (; p < limit; ++p) {
    if ((static_cast<uint8_t>(*p) & 0x80) == 0 && --count == 0) return p + 1;
  }
  return nullptr;
}

}  // namespace syndex
