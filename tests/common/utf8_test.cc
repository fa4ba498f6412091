#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace syndex {
namespace {

// Decodes all of `text`, returning each result (code point or -1).
std::vector<int32_t> DecodeAll(std::string_view text) {
  std::vector<int32_t> out;
  size_t pos = 0;
  while (pos < text.size()) out.push_back(DecodeUtf8(text, &pos));
  return out;
}

TEST(Utf8, DecodesOneToFourByteSequences) {
  // $ (1 byte), é (2), ’ (3), 😀 U+1F600 (4).
  const std::string text = "$\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80";
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(text, &pos), 0x24);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(text, &pos), 0xE9);
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(DecodeUtf8(text, &pos), 0x2019);
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(DecodeUtf8(text, &pos), 0x1F600);
  EXPECT_EQ(pos, 10u);
}

TEST(Utf8, DecodesBoundaryCodePoints) {
  EXPECT_EQ(DecodeAll("\xC2\x80"), std::vector<int32_t>{0x80});
  EXPECT_EQ(DecodeAll("\xDF\xBF"), std::vector<int32_t>{0x7FF});
  EXPECT_EQ(DecodeAll("\xE0\xA0\x80"), std::vector<int32_t>{0x800});
  EXPECT_EQ(DecodeAll("\xEF\xBF\xBF"), std::vector<int32_t>{0xFFFF});
  EXPECT_EQ(DecodeAll("\xF0\x90\x80\x80"), std::vector<int32_t>{0x10000});
  EXPECT_EQ(DecodeAll("\xF4\x8F\xBF\xBF"), std::vector<int32_t>{0x10FFFF});
}

TEST(Utf8, RejectsOverlongEncodingsOneByteAtATime) {
  // '/' encoded in 2, 3 and 4 bytes: each byte is rejected on its own.
  EXPECT_EQ(DecodeAll("\xC0\xAF"), (std::vector<int32_t>{-1, -1}));
  EXPECT_EQ(DecodeAll("\xE0\x80\xAF"), (std::vector<int32_t>{-1, -1, -1}));
  EXPECT_EQ(DecodeAll("\xF0\x80\x80\xAF"), (std::vector<int32_t>{-1, -1, -1, -1}));
  // U+07FF in three bytes is overlong too.
  EXPECT_EQ(DecodeAll("\xE0\x9F\xBF"), (std::vector<int32_t>{-1, -1, -1}));
}

TEST(Utf8, RejectsSurrogatesAndValuesAboveMax) {
  EXPECT_EQ(DecodeAll("\xED\xA0\x80"), (std::vector<int32_t>{-1, -1, -1}));  // U+D800
  EXPECT_EQ(DecodeAll("\xED\xBF\xBF"), (std::vector<int32_t>{-1, -1, -1}));  // U+DFFF
  EXPECT_EQ(DecodeAll("\xF4\x90\x80\x80"), (std::vector<int32_t>{-1, -1, -1, -1}));
  EXPECT_EQ(DecodeAll("\xF5\x80"), (std::vector<int32_t>{-1, -1}));
  EXPECT_EQ(DecodeAll("\xFF"), (std::vector<int32_t>{-1}));
}

TEST(Utf8, TruncatedSequenceDoesNotSwallowFollowingText) {
  // ’ missing its last byte, then "ab": the 'a' must survive.
  EXPECT_EQ(DecodeAll("\xE2\x80"
                      "ab"),
            (std::vector<int32_t>{-1, -1, 'a', 'b'}));
  // Truncated by the end of the text.
  EXPECT_EQ(DecodeAll("x\xF0\x9F\x98"), (std::vector<int32_t>{'x', -1, -1, -1}));
  // A lone continuation byte.
  EXPECT_EQ(DecodeAll("a\x80"
                      "b"),
            (std::vector<int32_t>{'a', -1, 'b'}));
}

TEST(Utf8, DecodePastTheEndFailsWithoutMoving) {
  size_t pos = 3;
  EXPECT_EQ(DecodeUtf8("abc", &pos), -1);
  EXPECT_EQ(pos, 3u);
}

TEST(Utf8, AppendRoundTripsThroughDecode) {
  for (int32_t cp :
       {0x0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF}) {
    std::string encoded;
    AppendUtf8(cp, &encoded);
    size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(encoded, &pos), cp);
    EXPECT_EQ(pos, encoded.size());
  }
}

TEST(Utf8, AppendEncodesKnownBytes) {
  std::string out;
  AppendUtf8(0x2019, &out);
  AppendUtf8(0xE9, &out);
  EXPECT_EQ(out, "\xE2\x80\x99\xC3\xA9");
}

TEST(Utf8, AppendReplacesNonScalarValues) {
  std::string out;
  AppendUtf8(0xD800, &out);
  AppendUtf8(0x110000, &out);
  AppendUtf8(-5, &out);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, IsValid) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(
      IsValidUtf8("Elys\xC3\xA9"
                  "e"));
  EXPECT_TRUE(IsValidUtf8(std::string_view("a\0b", 3)));  // NUL is valid UTF-8
  EXPECT_FALSE(IsValidUtf8("Elys\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
}

TEST(Utf8, RepairLeavesValidTextAlone) {
  std::string text = "Russia\xE2\x80\x99s";
  const Utf8Repair repair = RepairUtf8(&text);
  EXPECT_EQ(text, "Russia\xE2\x80\x99s");
  EXPECT_EQ(repair.invalid_bytes, 0u);
  EXPECT_EQ(repair.nul_bytes, 0u);
  EXPECT_EQ(repair.first_invalid_offset, 0u);
}

TEST(Utf8, RepairReplacesEachInvalidByte) {
  // Offsets: "ab" 0-1, C0 AF 2-3 (overlong), "c" 4, E2 80 5-6 (truncated), "d" 7.
  std::string text =
      "ab\xC0\xAF"
      "c\xE2\x80"
      "d";
  const Utf8Repair repair = RepairUtf8(&text);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(text, "ab" + fffd + fffd + "c" + fffd + fffd + "d");
  EXPECT_EQ(repair.invalid_bytes, 4u);
  EXPECT_EQ(repair.first_invalid_offset, 2u);
  EXPECT_EQ(repair.nul_bytes, 0u);
  EXPECT_TRUE(IsValidUtf8(text));
}

TEST(Utf8, RepairTurnsNulIntoSpace) {
  std::string text("a\0b\0\x80", 5);
  const Utf8Repair repair = RepairUtf8(&text);
  EXPECT_EQ(text, "a b \xEF\xBF\xBD");
  EXPECT_EQ(repair.nul_bytes, 2u);
  EXPECT_EQ(repair.invalid_bytes, 1u);
  EXPECT_EQ(repair.first_invalid_offset, 4u);
}

TEST(Utf8, RepairOfEmptyText) {
  std::string text;
  const Utf8Repair repair = RepairUtf8(&text);
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(repair.invalid_bytes, 0u);
}

}  // namespace
}  // namespace syndex
