// Tests of common/bit_packing.h: widths, the documented byte layout, and
// round trips at every width for whole blocks, short runs and runs whose
// bytes end where the buffer ends (no read past it: ASan would tell).
#include "common/bit_packing.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/format.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

TEST(BitPacking, WidthIsThatOfTheLargestValue) {
  EXPECT_EQ(BitWidth(std::vector<uint32_t>{}), 0u);
  EXPECT_EQ(BitWidth(std::vector<uint32_t>{0, 0}), 0u);
  EXPECT_EQ(BitWidth(std::vector<uint32_t>{1}), 1u);
  EXPECT_EQ(BitWidth(std::vector<uint32_t>{3, 4}), 3u);
  EXPECT_EQ(BitWidth(std::vector<uint32_t>{0xFFFFFFFF}), 32u);
  EXPECT_EQ(PackedSize(128, 0), 0u);
  EXPECT_EQ(PackedSize(3, 3), 2u);
  EXPECT_EQ(PackedSize(128, 32), 512u);
}

TEST(BitPacking, BytesAreLittleEndianBitOrder) {
  std::string out = "x";  // appends after what is there
  PackBits(std::vector<uint32_t>{5, 2, 7}, 3, &out);
  // 101 | 010 | 111 from bit 0: 0b11_010_101 = 0xD5, then the last bit 1.
  EXPECT_EQ(out, std::string("x\xD5\x01", 3));
}

// Packs `values` at their width into a buffer of exactly the packed size
// plus `slack` bytes, and unpacks them.
std::vector<uint32_t> RoundTrip(const std::vector<uint32_t>& values, uint32_t width, size_t slack) {
  std::string packed;
  PackBits(values, width, &packed);
  EXPECT_EQ(packed.size(), PackedSize(values.size(), width));
  // A heap block of exactly this size, so that ASan catches an over-read.
  const size_t size = packed.size() + slack;
  auto buffer = std::make_unique<char[]>(size == 0 ? 1 : size);
  std::copy(packed.begin(), packed.end(), buffer.get());
  std::vector<uint32_t> out(values.size() + 1, 0xDEADBEEF);
  UnpackBits(buffer.get(), size, width, values.size(), out.data());
  EXPECT_EQ(out.back(), 0xDEADBEEFu) << "wrote past n";
  out.pop_back();
  return out;
}

TEST(BitPacking, RoundTripsAtEveryWidthAndCount) {
  std::mt19937_64 random(7);
  for (uint32_t width = 0; width <= 32; ++width) {
    for (size_t n :
         {size_t{1}, size_t{2}, size_t{7}, size_t{50}, size_t{127}, size_t{format::kBlockSize}}) {
      std::vector<uint32_t> values(n);
      const uint64_t limit = uint64_t{1} << width;
      for (auto& v : values) v = static_cast<uint32_t>(random() % limit);
      values[n / 2] = static_cast<uint32_t>(limit - 1);  // the widest value
      for (size_t slack : {size_t{0}, size_t{3}, kUnpackSlack}) {
        EXPECT_EQ(RoundTrip(values, width, slack), values)
            << "width " << width << " n " << n << " slack " << slack;
      }
    }
  }
}

TEST(BitPacking, WiderThanNeededStillRoundTrips) {
  const std::vector<uint32_t> values = {1, 0, 1, 1};
  EXPECT_EQ(RoundTrip(values, 17, 0), values);
}

}  // namespace
}  // namespace syndex
