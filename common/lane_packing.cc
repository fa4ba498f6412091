#include "common/lane_packing.h"

#include <array>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace syndex {
namespace {

constexpr size_t kLanes = 4;
constexpr size_t kSteps = kLaneBlockSize / kLanes;  // values per lane

#if defined(__SSE2__)

// Values 4k .. 4k + 3 of a block at kWidth bits, one per lane.
template <uint32_t kWidth, size_t kStep>
inline __m128i LaneValues(const __m128i* words) {
  if constexpr (kWidth == 0) {
    return _mm_setzero_si128();
  } else if constexpr (kWidth == 32) {
    return _mm_loadu_si128(words + kStep);
  } else {
    constexpr size_t kBit = kStep * kWidth, kWord = kBit / 32, kShift = kBit % 32;
    __m128i v = _mm_srli_epi32(_mm_loadu_si128(words + kWord), kShift);
    if constexpr (kShift + kWidth > 32) {
      v = _mm_or_si128(v, _mm_slli_epi32(_mm_loadu_si128(words + kWord + 1), 32 - kShift));
    }
    return _mm_and_si128(v, _mm_set1_epi32(static_cast<int>((1u << kWidth) - 1)));
  }
}

template <uint32_t kWidth>
void UnpackFixed(const char* in, uint32_t add, uint32_t* out) {
  const __m128i* words = reinterpret_cast<const __m128i*>(in);
  const __m128i plus = _mm_set1_epi32(static_cast<int>(add));
  [&]<size_t... kStep>(std::index_sequence<kStep...>) {
    ((_mm_storeu_si128(reinterpret_cast<__m128i*>(out + kLanes * kStep),
                       _mm_add_epi32(LaneValues<kWidth, kStep>(words), plus))),
     ...);
  }
  (std::make_index_sequence<kSteps>{});
}

// Each step's four gaps become ids in registers: two shifted adds make
// each lane the sum of its own and the lanes before it, and the last id of
// the step before is added to all four.
template <uint32_t kWidth>
void UnpackFixedToIds(const char* in, uint32_t previous, uint32_t* out) {
  const __m128i* words = reinterpret_cast<const __m128i*>(in);
  const __m128i one = _mm_set1_epi32(1);
  __m128i carry = _mm_set1_epi32(static_cast<int>(previous));
  const auto step = [&]<size_t kStep>() {
    __m128i v = _mm_add_epi32(LaneValues<kWidth, kStep>(words), one);
    v = _mm_add_epi32(v, _mm_slli_si128(v, 4));
    v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
    v = _mm_add_epi32(v, carry);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + kLanes * kStep), v);
    carry = _mm_shuffle_epi32(v, _MM_SHUFFLE(3, 3, 3, 3));
  };
  [&]<size_t... kStep>(std::index_sequence<kStep...>) { (step.template operator()<kStep>(), ...); }
  (std::make_index_sequence<kSteps>{});
}

#else  // no SSE2: the same values, one lane at a time

uint32_t LoadWord(const char* in, size_t word, size_t lane) {
  const auto* p = reinterpret_cast<const unsigned char*>(in + (word * kLanes + lane) * 4);
  return p[0] | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

template <uint32_t kWidth>
uint32_t LaneValue(const char* in, size_t step, size_t lane) {
  if constexpr (kWidth == 0) {
    return 0;
  } else {
    const size_t bit = step * kWidth, word = bit / 32, shift = bit % 32;
    uint64_t value = LoadWord(in, word, lane) >> shift;
    if (shift + kWidth > 32) value |= uint64_t{LoadWord(in, word + 1, lane)} << (32 - shift);
    return static_cast<uint32_t>(value & ((uint64_t{1} << kWidth) - 1));
  }
}

template <uint32_t kWidth>
void UnpackFixed(const char* in, uint32_t add, uint32_t* out) {
  for (size_t i = 0; i < kLaneBlockSize; ++i) {
    out[i] = LaneValue<kWidth>(in, i / kLanes, i % kLanes) + add;
  }
}

template <uint32_t kWidth>
void UnpackFixedToIds(const char* in, uint32_t previous, uint32_t* out) {
  for (size_t i = 0; i < kLaneBlockSize; ++i) {
    out[i] = previous += LaneValue<kWidth>(in, i / kLanes, i % kLanes) + 1;
  }
}

#endif

using Unpacker = void (*)(const char*, uint32_t, uint32_t*);

template <uint32_t... kWidths>
constexpr std::array<Unpacker, sizeof...(kWidths)> MakeUnpackers(
    std::integer_sequence<uint32_t, kWidths...>) {
  return {&UnpackFixed<kWidths>...};
}
template <uint32_t... kWidths>
constexpr std::array<Unpacker, sizeof...(kWidths)> MakeIdUnpackers(
    std::integer_sequence<uint32_t, kWidths...>) {
  return {&UnpackFixedToIds<kWidths>...};
}

// By width, 0 to 32.
constexpr auto kUnpackers = MakeUnpackers(std::make_integer_sequence<uint32_t, 33>{});
constexpr auto kIdUnpackers = MakeIdUnpackers(std::make_integer_sequence<uint32_t, 33>{});

}  // namespace

void PackLanes(std::span<const uint32_t, kLaneBlockSize> values, uint32_t width, std::string* out) {
  const size_t word_count = size_t{width} * kLanes;
  std::array<uint32_t, kLanes * 32> words;  // [word][lane]; the first word_count are used
  std::fill_n(words.begin(), word_count, 0u);
  for (size_t i = 0; i < kLaneBlockSize; ++i) {
    const size_t lane = i % kLanes, bit = (i / kLanes) * width;
    const size_t word = bit / 32, shift = bit % 32;
    words[word * kLanes + lane] |= values[i] << shift;
    if (shift + width > 32) words[(word + 1) * kLanes + lane] |= values[i] >> (32 - shift);
  }
  const size_t start = out->size();
  out->resize(start + 4 * word_count);
  char* bytes = out->data() + start;
  for (size_t w = 0; w < word_count; ++w) {  // little-endian words
    for (int b = 0; b < 4; ++b) *bytes++ = static_cast<char>(words[w] >> (8 * b));
  }
}

void UnpackLanes(const char* in, uint32_t width, uint32_t add, uint32_t* out) {
  kUnpackers[width](in, add, out);
}

void UnpackLanesToIds(const char* in, uint32_t width, uint32_t previous, uint32_t* out) {
  kIdUnpackers[width](in, previous, out);
}

}  // namespace syndex
