// Tests of common/lane_packing.h: the documented byte layout, and round
// trips at every width 0-32 of values, of values plus a constant and of
// gaps summed to ids (wrapping modulo 2^32 as the format defines), each
// decoded from a buffer of exactly the packed size (ASan would tell a read
// past it).
#include "common/lane_packing.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/bit_packing.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

constexpr size_t kN = kLaneBlockSize;

std::vector<uint32_t> RandomValues(uint32_t width, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> values(kN);
  const uint64_t limit = uint64_t{1} << width;
  for (uint32_t& v : values) v = static_cast<uint32_t>(rng() % limit);
  if (width > 0) values[rng() % kN] = static_cast<uint32_t>(limit - 1);  // the widest value
  return values;
}

// The packed bytes, copied into a heap block of exactly their size.
std::unique_ptr<char[]> Packed(const std::vector<uint32_t>& values, uint32_t width) {
  std::string packed;
  PackLanes(std::span<const uint32_t, kN>(values.data(), kN), width, &packed);
  EXPECT_EQ(packed.size(), LanePackedSize(width));
  EXPECT_EQ(packed.size(), PackedSize(kN, width));           // as many bytes as back to back
  auto exact = std::make_unique<char[]>(packed.size() + 1);  // + 1: never empty
  std::copy(packed.begin(), packed.end(), exact.get());
  return exact;
}

TEST(LanePacking, ValueIIsLaneIModFourWordsInterleaved) {
  // Width 8: each lane word holds four values. Value i = i makes lane l's
  // word 0 hold values l, l + 4, l + 8, l + 12, one byte each.
  std::vector<uint32_t> values(kN);
  for (uint32_t i = 0; i < kN; ++i) values[i] = i;
  std::string packed = "x";  // appends after what is there
  PackLanes(std::span<const uint32_t, kN>(values.data(), kN), 8, &packed);
  ASSERT_EQ(packed.size(), 1 + 128u);
  EXPECT_EQ(packed.substr(1, 8), std::string("\x00\x04\x08\x0c\x01\x05\x09\x0d", 8));
  // Word 1 of lane 0: lane 0's values 4-7, which are values 16, 20, 24, 28.
  EXPECT_EQ(packed.substr(1 + 16, 4), std::string("\x10\x14\x18\x1c", 4));
}

TEST(LanePacking, AValueMaySpanTwoWordsOfItsLane) {
  // Width 3: lane 0's value 10 (value 40) takes bits 30-32 of the lane,
  // so bits 30-31 of word 0 and bit 0 of word 1.
  std::vector<uint32_t> values(kN, 0);
  values[40] = 7;
  std::string packed;
  PackLanes(std::span<const uint32_t, kN>(values.data(), kN), 3, &packed);
  EXPECT_EQ(static_cast<uint8_t>(packed[3]), 0xC0);   // word 0 of lane 0, its top byte
  EXPECT_EQ(static_cast<uint8_t>(packed[16]), 0x01);  // word 1 of lane 0, its lowest byte
  uint32_t out[kN];
  UnpackLanes(packed.data(), 3, 0, out);
  EXPECT_EQ(std::vector<uint32_t>(out, out + kN), values);
}

class LaneRoundTrip : public ::testing::TestWithParam<uint32_t> {};

TEST_P(LaneRoundTrip, ValuesComeBackPlusTheConstant) {
  const uint32_t width = GetParam();
  const std::vector<uint32_t> values = RandomValues(width, 1000 + width);
  const std::unique_ptr<char[]> packed = Packed(values, width);
  for (const uint32_t add : {0u, 1u}) {
    uint32_t out[kN];
    UnpackLanes(packed.get(), width, add, out);
    for (size_t i = 0; i < kN; ++i) {
      ASSERT_EQ(out[i], values[i] + add) << "width " << width << " value " << i;
    }
  }
}

TEST_P(LaneRoundTrip, GapsSumToIdsModulo32Bits) {
  const uint32_t width = GetParam();
  const std::vector<uint32_t> gaps = RandomValues(width, 2000 + width);
  const std::unique_ptr<char[]> packed = Packed(gaps, width);
  // -1 is the "previous id" of a list's first block; a large previous id
  // with wide gaps wraps around, which the decoder must do as the scalar
  // sum does (the cursor rejects such blocks itself).
  for (const uint32_t previous : {0xFFFFFFFFu, 0u, 1000u, 0xFFFFFF00u}) {
    uint32_t out[kN];
    UnpackLanesToIds(packed.get(), width, previous, out);
    uint32_t id = previous;
    for (size_t i = 0; i < kN; ++i) {
      id += gaps[i] + 1;
      ASSERT_EQ(out[i], id) << "width " << width << " previous " << previous << " id " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryWidth, LaneRoundTrip, ::testing::Range(0u, 33u));

}  // namespace
}  // namespace syndex
