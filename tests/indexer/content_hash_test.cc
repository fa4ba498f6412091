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
  // Mostly words and single spaces, as in news text, so that the 16-byte
  // runs that are copied at once occur, at every offset.
  const std::string wordy[] = {"news", "a", "of", "wire", " ", " ", " ", "\n", "\x1F", "!"};
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const bool words = trial % 2 == 1;
    const int length = static_cast<int>(random() % (words ? 60 : 120));
    for (int i = 0; i < length; ++i) {
      text += words ? wordy[random() % std::size(wordy)] : alphabet[random() % std::size(alphabet)];
    }
    EXPECT_EQ(ContentHash(text), Checksum64(testing::NormalizeSpace(text))) << "\"" << text << "\"";
  }
}

}  // namespace
}  // namespace syndex
