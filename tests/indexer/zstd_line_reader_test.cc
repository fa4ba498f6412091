#include "indexer/zstd_line_reader.h"

#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/indexer/input_test_util.h"

namespace syndex {
namespace {

using testing_internal::ScratchDir;
using testing_internal::ZstdCompress;

// Lines of random words, long enough for several zstd blocks (128 KiB each)
// and varied enough not to compress into nothing.
std::vector<std::string> RandomLines(int count, uint32_t seed) {
  static const char* const kWords[] = {"Ukraine",  "talks", "Biden", "Putin", "market",
                                       "shares",   "fell",  "after", "the",   "report",
                                       "élection", "über",  "北京",  "said",  "on"};
  std::mt19937 random(seed);
  std::vector<std::string> lines;
  for (int i = 0; i < count; ++i) {
    std::string line;
    int words = static_cast<int>(random() % 400);
    for (int w = 0; w < words; ++w) {
      line += kWords[random() % std::size(kWords)];
      line += ' ';
      line += std::to_string(random() % 100000);
      line += ' ';
    }
    lines.push_back(line);
  }
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// Reads lines until the end or an error; returns the status at the end.
absl::Status Drain(LineReader& reader, std::vector<std::string>* lines) {
  Line line;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&line);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    lines->emplace_back(line.text);
  }
}

TEST(ZstdLineReader, DecompressesLinesInChunks) {
  const std::vector<std::string> expected = RandomLines(600, 1);
  const std::string plain = JoinLines(expected);
  ASSERT_GT(plain.size(), 1u << 20);  // several blocks and several buffer fills
  ScratchDir dir;
  LineReaderOptions options;
  options.initial_buffer_bytes = 1000;  // most lines cross the buffer end
  auto reader = ZstdLineReader::Open(dir.Write("a.jsonl.zst", ZstdCompress(plain)), options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> lines;
  ASSERT_TRUE(Drain(**reader, &lines).ok());
  EXPECT_EQ(lines, expected);
  EXPECT_EQ((*reader)->bytes_read(), plain.size());
  EXPECT_EQ((*reader)->bytes_decompressed(), plain.size());
}

TEST(ZstdLineReader, ConcatenatedFramesReadAsOneStream) {
  ScratchDir dir;
  // The first frame ends in the middle of a line: frames are byte streams.
  auto reader = ZstdLineReader::Open(
      dir.Write("a.zst", ZstdCompress("one\ntw") + ZstdCompress("o\nthree\n")));
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> lines;
  ASSERT_TRUE(Drain(**reader, &lines).ok());
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(ZstdLineReader, EmptyFileIsEmptyInput) {
  ScratchDir dir;
  auto reader = ZstdLineReader::Open(dir.Write("a.zst", ""));
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> lines;
  EXPECT_TRUE(Drain(**reader, &lines).ok());
  EXPECT_TRUE(lines.empty());
}

TEST(ZstdLineReader, TruncatedFileIsDataLossNamingFileAndOffset) {
  const std::string plain = JoinLines(RandomLines(400, 2));
  const std::string compressed = ZstdCompress(plain);
  ScratchDir dir;
  for (size_t keep :
       {size_t{5}, compressed.size() / 3, compressed.size() / 2, compressed.size() - 1}) {
    SCOPED_TRACE(keep);
    std::string path = dir.Write("cut.jsonl.zst", compressed.substr(0, keep));
    auto reader = ZstdLineReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status();
    std::vector<std::string> lines;
    absl::Status status = Drain(**reader, &lines);
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_NE(status.message().find(path), absl::string_view::npos) << status;
    EXPECT_NE(status.message().find("truncated"), absl::string_view::npos) << status;
    // The offset given is where decompression stopped: the lines before it
    // were all returned, whole and correct.
    std::string offset = std::to_string((*reader)->bytes_decompressed());
    EXPECT_NE(status.message().find("uncompressed offset " + offset), absl::string_view::npos)
        << status;
    EXPECT_LT((*reader)->bytes_decompressed(), plain.size());
    EXPECT_EQ(plain.compare(0, (*reader)->bytes_read(), JoinLines(lines)), 0);
  }
}

TEST(ZstdLineReader, FlippedBitIsDataLoss) {
  const std::string plain = JoinLines(RandomLines(400, 3));
  // With a checksum, a flip in the literals (which would otherwise decode to
  // different text without complaint) is caught too.
  const std::string compressed = ZstdCompress(plain, /*checksum=*/true);
  ScratchDir dir;
  for (size_t at : {size_t{0}, size_t{7}, compressed.size() / 4, compressed.size() / 2,
                    compressed.size() - 2}) {
    SCOPED_TRACE(at);
    std::string damaged = compressed;
    damaged[at] ^= 0x10;
    std::string path = dir.Write("flip.jsonl.zst", damaged);
    auto reader = ZstdLineReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status();
    std::vector<std::string> lines;
    absl::Status status = Drain(**reader, &lines);
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_NE(status.message().find(path), absl::string_view::npos) << status;
    EXPECT_NE(status.message().find("uncompressed offset"), absl::string_view::npos) << status;
  }
}

TEST(ZstdLineReader, PlainTextIsDataLossAtOffsetZero) {
  ScratchDir dir;
  std::string path = dir.Write("plain.zst", "{\"text\": \"not compressed\"}\n");
  auto reader = ZstdLineReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<std::string> lines;
  absl::Status status = Drain(**reader, &lines);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_NE(status.message().find("uncompressed offset 0"), absl::string_view::npos) << status;
  EXPECT_TRUE(lines.empty());
}

TEST(ZstdLineReader, MissingFileIsNotFound) {
  ScratchDir dir;
  auto reader = ZstdLineReader::Open(dir.PathOf("none.zst"));
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace syndex
