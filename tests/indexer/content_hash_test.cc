// Tests of ContentHash: the identity of a passage's text up to spacing.
#include "indexer/content_hash.h"

#include <random>
#include <string>

#include "common/checksum.h"
#include "gtest/gtest.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

TEST(ContentHash, SpacingDoesNotCount) {
  const uint64_t normal = ContentHash("Biden told Putin, according to a press release.");
  for (const char* spaced : {"Biden told Putin, according to a press release. ",
                             "  Biden told  Putin, according\tto a press release.",
                             "Biden told Putin,\naccording to a\r\npress release.\n\n",
                             "Biden\vtold\fPutin, according to a press release."}) {
    EXPECT_EQ(ContentHash(spaced), normal) << spaced;
  }
}

TEST(ContentHash, WordsCaseAndPunctuationCount) {
  const uint64_t normal = ContentHash("Biden told Putin.");
  for (const char* other : {"Biden told Putin", "biden told Putin.", "Biden told Putin!",
                            "Biden toldPutin.", "Biden told\x01Putin."}) {
    EXPECT_NE(ContentHash(other), normal) << other;
  }
  EXPECT_EQ(ContentHash(""), ContentHash(" \n\t "));
}

// Every text hashes as its whitespace-collapsed form does, whichever way
// ContentHash takes (text already in normal form or not).
TEST(ContentHash, IsTheChecksumOfTheCollapsedText) {
  std::mt19937 random(7);
  const std::string alphabet[] = {"a", "b", " ", " ", "\t", "\n", "\x01", "\xC3\xA9", "."};
  for (int trial = 0; trial < 5000; ++trial) {
    std::string text;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) text += alphabet[random() % std::size(alphabet)];
    EXPECT_EQ(ContentHash(text), Checksum64(testing::NormalizeSpace(text))) << "\"" << text << "\"";
  }
}

}  // namespace
}  // namespace syndex
