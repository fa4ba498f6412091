#include "common/sorted_intersection.h"

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace syndex {

namespace {

// One id at a time, for the last few ids of either side.
bool FirstCommonIdScalar(std::span<const uint32_t> a, uint32_t* i, std::span<const uint32_t> b,
                         uint32_t* j) {
  while (*i < a.size() && *j < b.size()) {
    const uint32_t x = a[*i];
    const uint32_t y = b[*j];
    if (x == y) return true;
    *i += x < y ? 1 : 0;
    *j += y < x ? 1 : 0;
  }
  return false;
}

}  // namespace

bool FirstCommonId(std::span<const uint32_t> a, uint32_t* i, std::span<const uint32_t> b,
                   uint32_t* j) {
#if defined(__SSE2__)
  // Every pair of a[i, i+4) and b[j, j+4) is compared, so when the side
  // with the smaller fourth id moves on, none of its four can match later:
  // the other side's later ids are all larger.
  while (*i + 4 <= a.size() && *j + 4 <= b.size()) {
    const __m128i four_a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + *i));
    const __m128i four_b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + *j));
    __m128i equal = _mm_cmpeq_epi32(four_a, four_b);
    equal = _mm_or_si128(equal, _mm_cmpeq_epi32(four_a, _mm_shuffle_epi32(four_b, 0x39)));
    equal = _mm_or_si128(equal, _mm_cmpeq_epi32(four_a, _mm_shuffle_epi32(four_b, 0x4E)));
    equal = _mm_or_si128(equal, _mm_cmpeq_epi32(four_a, _mm_shuffle_epi32(four_b, 0x93)));
    const auto matched = static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(equal)));
    if (matched != 0) {
      // The first a that matches is the smallest common id; its partner
      // is among b's four.
      *i += static_cast<uint32_t>(std::countr_zero(matched));
      while (b[*j] != a[*i]) ++*j;
      return true;
    }
    const uint32_t last_a = a[*i + 3];
    const uint32_t last_b = b[*j + 3];
    *i += last_a <= last_b ? 4 : 0;
    *j += last_b <= last_a ? 4 : 0;
  }
#endif
  return FirstCommonIdScalar(a, i, b, j);
}

}  // namespace syndex
