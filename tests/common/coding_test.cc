#include "common/coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syndex {
namespace {

std::string Varint64(uint64_t value) {
  std::string out;
  PutVarint64(&out, value);
  return out;
}

std::string Varint32(uint32_t value) {
  std::string out;
  PutVarint32(&out, value);
  return out;
}

// Values around every 7-bit boundary of a 64-bit varint, and the extremes.
std::vector<uint64_t> BoundaryValues() {
  std::vector<uint64_t> values = {0, 1, UINT32_MAX, UINT64_MAX};
  for (int bits = 7; bits < 64; bits += 7) {
    const uint64_t edge = uint64_t{1} << bits;
    values.insert(values.end(), {edge - 1, edge, edge + 1});
  }
  return values;
}

TEST(Coding, FixedWidthIsLittleEndian) {
  std::string out;
  PutFixed16(&out, 0x0201);
  PutFixed32(&out, 0x06050403);
  PutFixed64(&out, 0x0E0D0C0B0A090807ULL);
  EXPECT_EQ(out, std::string_view("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E", 14));
  EXPECT_EQ(DecodeFixed16(out.data()), 0x0201);
  EXPECT_EQ(DecodeFixed32(out.data() + 2), 0x06050403u);
  EXPECT_EQ(DecodeFixed64(out.data() + 6), 0x0E0D0C0B0A090807ULL);
}

TEST(Coding, FixedWidthExtremesRoundTrip) {
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{UINT32_MAX}, UINT64_MAX}) {
    std::string out;
    PutFixed64(&out, v);
    ASSERT_EQ(out.size(), 8u);
    EXPECT_EQ(DecodeFixed64(out.data()), v);
  }
  for (uint32_t v : {0u, 1u, 0x80000000u, UINT32_MAX}) {
    std::string out;
    PutFixed32(&out, v);
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(DecodeFixed32(out.data()), v);
  }
  std::string out;
  PutFixed16(&out, UINT16_MAX);
  EXPECT_EQ(out, "\xFF\xFF");
}

TEST(Coding, VarintEncodingsAtBoundaries) {
  EXPECT_EQ(Varint64(0), std::string_view("\x00", 1));
  EXPECT_EQ(Varint64(127), "\x7F");
  EXPECT_EQ(Varint64(128), "\x80\x01");
  EXPECT_EQ(Varint64(300), "\xAC\x02");
  EXPECT_EQ(Varint64(16383), "\xFF\x7F");
  EXPECT_EQ(Varint64(16384), std::string_view("\x80\x80\x01", 3));
  EXPECT_EQ(Varint64(UINT32_MAX), "\xFF\xFF\xFF\xFF\x0F");
  EXPECT_EQ(Varint64(UINT64_MAX), "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01");
  EXPECT_EQ(Varint32(UINT32_MAX), Varint64(UINT32_MAX));
  EXPECT_EQ(Varint32(128), "\x80\x01");
}

// SkipVarints finds the end of any number of varints of every length,
// across its 16-byte steps, as decoding them one by one does.
TEST(Coding, SkipVarintsEndsWhereDecodingDoes) {
  std::string bytes;
  std::vector<size_t> ends;  // ends[k]: end of varint k
  for (uint32_t k = 0; k < 200; ++k) {
    const uint32_t value = (k * 2654435761u) >> (k % 32);  // 1 to 5 bytes
    PutVarint32(&bytes, value);
    ends.push_back(bytes.size());
  }
  const char* begin = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  EXPECT_EQ(SkipVarints(begin, limit, 0), begin);
  for (size_t count = 1; count <= ends.size(); ++count) {
    ASSERT_EQ(SkipVarints(begin, limit, count), begin + ends[count - 1]) << count;
  }
  // From the middle of the stream too.
  EXPECT_EQ(SkipVarints(begin + ends[9], limit, 50), begin + ends[59]);
  // One varint more than there are, or a truncated last one: nullptr.
  EXPECT_EQ(SkipVarints(begin, limit, ends.size() + 1), nullptr);
  EXPECT_EQ(SkipVarints(begin, limit - 1, ends.size()), nullptr);
}

TEST(Coding, VarintLengthMatchesEncoding) {
  EXPECT_EQ(VarintLength(0), 1);
  EXPECT_EQ(VarintLength(127), 1);
  EXPECT_EQ(VarintLength(128), 2);
  EXPECT_EQ(VarintLength(UINT32_MAX), 5);
  EXPECT_EQ(VarintLength(UINT64_MAX), 10);
  for (uint64_t v : BoundaryValues()) {
    EXPECT_EQ(VarintLength(v), static_cast<int>(Varint64(v).size())) << v;
  }
}

TEST(Coding, Varint64RoundTripsAtBoundaries) {
  std::string buf;
  const std::vector<uint64_t> values = BoundaryValues();
  for (uint64_t v : values) PutVarint64(&buf, v);
  const char* p = buf.data();
  const char* limit = buf.data() + buf.size();
  for (uint64_t expected : values) {
    uint64_t v = 0;
    p = GetVarint64Ptr(p, limit, &v);
    ASSERT_NE(p, nullptr) << "while decoding " << expected;
    EXPECT_EQ(v, expected);
  }
  EXPECT_EQ(p, limit);
}

TEST(Coding, Varint32RoundTripsAtBoundaries) {
  const std::vector<uint32_t> values = {0,         1,
                                        127,       128,
                                        129,       16383,
                                        16384,     (1u << 21) - 1,
                                        1u << 21,  (1u << 28) - 1,
                                        1u << 28,  UINT32_MAX - 1,
                                        UINT32_MAX};
  std::string buf;
  for (uint32_t v : values) PutVarint32(&buf, v);
  ByteReader in(buf);
  for (uint32_t expected : values) {
    uint32_t v = 0;
    ASSERT_TRUE(in.ReadVarint32(&v)) << "while decoding " << expected;
    EXPECT_EQ(v, expected);
  }
  EXPECT_TRUE(in.empty());
}

TEST(Coding, TruncatedVarintReturnsNull) {
  for (uint64_t v : {uint64_t{128}, uint64_t{UINT32_MAX}, UINT64_MAX}) {
    const std::string full = Varint64(v);
    for (size_t n = 0; n < full.size(); ++n) {
      uint64_t v64 = 12345;
      EXPECT_EQ(GetVarint64Ptr(full.data(), full.data() + n, &v64), nullptr)
          << v << " cut at " << n;
      uint32_t v32 = 12345;
      EXPECT_EQ(GetVarint32Ptr(full.data(), full.data() + n, &v32), nullptr)
          << v << " cut at " << n;
    }
  }
}

TEST(Coding, Varint32RejectsValuesAboveUint32) {
  const std::string too_big = Varint64(uint64_t{UINT32_MAX} + 1);  // 5 bytes, 33 bits
  uint32_t v = 0;
  EXPECT_EQ(GetVarint32Ptr(too_big.data(), too_big.data() + too_big.size(), &v), nullptr);
  // A 6-byte encoding can never be a uint32, even of a small value.
  const std::string overlong("\x81\x80\x80\x80\x80\x00", 6);
  EXPECT_EQ(GetVarint32Ptr(overlong.data(), overlong.data() + overlong.size(), &v), nullptr);
}

TEST(Coding, Varint64RejectsMoreThanTenBytes) {
  const std::string eleven("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 11);
  uint64_t v = 0;
  EXPECT_EQ(GetVarint64Ptr(eleven.data(), eleven.data() + eleven.size(), &v), nullptr);
  // Ten continuation bytes with nothing after them are truncated too.
  EXPECT_EQ(GetVarint64Ptr(eleven.data(), eleven.data() + 10, &v), nullptr);
}

TEST(Coding, Varint64RejectsBitsBeyond64) {
  // The tenth byte holds bit 63 only; 0x02 there would be 2^64.
  const std::string overflow("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02", 10);
  uint64_t v = 0;
  EXPECT_EQ(GetVarint64Ptr(overflow.data(), overflow.data() + overflow.size(), &v), nullptr);
}

TEST(Coding, DecodingStopsAtTheVarint) {
  const std::string buf = Varint64(300) + "tail";
  uint64_t v = 0;
  const char* next = GetVarint64Ptr(buf.data(), buf.data() + buf.size(), &v);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(v, 300u);
  EXPECT_EQ(std::string_view(next, 4), "tail");
}

TEST(Coding, LengthPrefixedRoundTrip) {
  const std::string long_value(300, 'x');  // needs a two-byte length
  std::string buf;
  PutLengthPrefixed(&buf, "");
  PutLengthPrefixed(&buf, "abc");
  PutLengthPrefixed(&buf, long_value);
  EXPECT_EQ(buf.size(), 1u + 4u + 2u + 300u);
  ByteReader in(buf);
  std::string_view v;
  ASSERT_TRUE(in.ReadLengthPrefixed(&v));
  EXPECT_EQ(v, "");
  ASSERT_TRUE(in.ReadLengthPrefixed(&v));
  EXPECT_EQ(v, "abc");
  ASSERT_TRUE(in.ReadLengthPrefixed(&v));
  EXPECT_EQ(v, long_value);
  EXPECT_TRUE(in.empty());
  EXPECT_FALSE(in.ReadLengthPrefixed(&v));
}

TEST(ByteReader, ReadsFixedFieldsInOrder) {
  std::string buf;
  PutFixed16(&buf, 7);
  PutFixed32(&buf, 70000);
  PutFixed64(&buf, uint64_t{1} << 40);
  ByteReader in(buf);
  uint16_t a = 0;
  uint32_t b = 0;
  uint64_t c = 0;
  ASSERT_TRUE(in.ReadFixed16(&a));
  EXPECT_EQ(in.remaining(), 12u);
  ASSERT_TRUE(in.ReadFixed32(&b));
  ASSERT_TRUE(in.ReadFixed64(&c));
  EXPECT_EQ(a, 7);
  EXPECT_EQ(b, 70000u);
  EXPECT_EQ(c, uint64_t{1} << 40);
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(in.position(), buf.data() + buf.size());
}

TEST(ByteReader, ShortReadFailsAndLeavesReaderUnusable) {
  const std::string buf("\x01\x02\x03", 3);
  ByteReader in(buf);
  uint32_t v32 = 0;
  EXPECT_FALSE(in.ReadFixed32(&v32));
  EXPECT_TRUE(in.empty());
  // Three bytes were there, but after a failure nothing more is read.
  uint16_t v16 = 0;
  EXPECT_FALSE(in.ReadFixed16(&v16));
  EXPECT_EQ(v16, 0);
}

TEST(ByteReader, LengthBeyondTheEndFails) {
  std::string buf;
  PutVarint32(&buf, 10);
  buf += "short";
  ByteReader in(buf);
  std::string_view v;
  EXPECT_FALSE(in.ReadLengthPrefixed(&v));
  EXPECT_EQ(in.remaining(), 0u);
}

TEST(ByteReader, HugeLengthDoesNotWrapAround) {
  std::string buf;
  PutVarint32(&buf, UINT32_MAX);
  buf += "abc";
  ByteReader in(buf);
  std::string_view v;
  EXPECT_FALSE(in.ReadLengthPrefixed(&v));
}

TEST(ByteReader, BytesAndSkipRespectBounds) {
  const std::string buf = "0123456789";
  ByteReader in(buf);
  std::string_view v;
  ASSERT_TRUE(in.ReadBytes(3, &v));
  EXPECT_EQ(v, "012");
  ASSERT_TRUE(in.Skip(2));
  ASSERT_TRUE(in.ReadBytes(5, &v));
  EXPECT_EQ(v, "56789");
  EXPECT_TRUE(in.ReadBytes(0, &v));  // zero bytes at the end is fine
  EXPECT_EQ(v, "");
  EXPECT_FALSE(in.Skip(1));

  ByteReader again(buf);
  EXPECT_FALSE(again.Skip(11));
  EXPECT_TRUE(again.empty());
  EXPECT_FALSE(again.ReadBytes(1, &v));
}

TEST(ByteReader, TruncatedVarintFails) {
  const std::string buf("\x80\x80", 2);
  ByteReader in(buf);
  uint64_t v64 = 0;
  EXPECT_FALSE(in.ReadVarint64(&v64));
  EXPECT_TRUE(in.empty());
  ByteReader in32(buf);
  uint32_t v32 = 0;
  EXPECT_FALSE(in32.ReadVarint32(&v32));
}

TEST(ByteReader, DefaultConstructedIsEmpty) {
  ByteReader in;
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(in.remaining(), 0u);
  uint32_t v = 0;
  EXPECT_FALSE(in.ReadVarint32(&v));
  EXPECT_FALSE(in.ReadFixed32(&v));
}

}  // namespace
}  // namespace syndex
