#include "indexer/line_reader.h"

#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/indexer/input_test_util.h"

namespace syndex {
namespace {

using testing_internal::ScratchDir;

struct ReadLine {
  std::string text;
  uint64_t number;
  uint64_t size;
  bool too_long;
};

std::vector<ReadLine> ReadAllLines(LineReader& reader) {
  std::vector<ReadLine> lines;
  Line line;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&line);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    lines.push_back({std::string(line.text), line.number, line.size, line.too_long});
  }
  return lines;
}

std::vector<std::string> Texts(const std::vector<ReadLine>& lines) {
  std::vector<std::string> texts;
  for (const ReadLine& line : lines) texts.push_back(line.text);
  return texts;
}

TEST(LineReader, SplitsLinesAndNumbersThem) {
  ScratchDir dir;
  const std::string contents = "first\nsecond line\n\n  \nlast without newline";
  auto reader = LineReader::Open(dir.Write("a.txt", contents));
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<ReadLine> lines = ReadAllLines(**reader);
  EXPECT_EQ(Texts(lines),
            (std::vector<std::string>{"first", "second line", "", "  ", "last without newline"}));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].number, i + 1);
    EXPECT_EQ(lines[i].size, lines[i].text.size());
    EXPECT_FALSE(lines[i].too_long);
  }
  EXPECT_EQ((*reader)->bytes_read(), contents.size());
}

TEST(LineReader, FinalNewlineAddsNoEmptyLineAndCarriageReturnsStay) {
  ScratchDir dir;
  auto reader = LineReader::Open(dir.Write("a.txt", "a\r\nb\n"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(Texts(ReadAllLines(**reader)), (std::vector<std::string>{"a\r", "b"}));
  EXPECT_EQ((*reader)->bytes_read(), 5u);
}

TEST(LineReader, EmptyFileHasNoLines) {
  ScratchDir dir;
  auto reader = LineReader::Open(dir.Write("empty", ""));
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_TRUE(ReadAllLines(**reader).empty());
  Line line;
  absl::StatusOr<bool> again = (*reader)->Next(&line);  // still the end
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

TEST(LineReader, LinesLongerThanTheBufferAreAssembled) {
  std::mt19937 random(42);
  std::vector<std::string> expected;
  std::string contents;
  for (int i = 0; i < 300; ++i) {
    std::string line(random() % 200, 'a' + i % 26);
    contents += line + "\n";
    expected.push_back(line);
  }
  ScratchDir dir;
  LineReaderOptions options;
  options.initial_buffer_bytes = 7;  // every line but the shortest crosses it
  auto reader = LineReader::Open(dir.Write("a.txt", contents), options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(Texts(ReadAllLines(**reader)), expected);
  EXPECT_EQ((*reader)->bytes_read(), contents.size());
}

TEST(LineReader, LineOfExactlyTheLimitIsReturned) {
  ScratchDir dir;
  LineReaderOptions options;
  options.initial_buffer_bytes = 4;
  options.max_line_bytes = 10;
  auto reader = LineReader::Open(dir.Write("a.txt", "0123456789\n0123456789"), options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<ReadLine> lines = ReadAllLines(**reader);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "0123456789");
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_EQ(lines[1].text, "0123456789");
  EXPECT_FALSE(lines[1].too_long);
}

TEST(LineReader, TooLongLinesAreReportedAndSkipped) {
  ScratchDir dir;
  LineReaderOptions options;
  options.initial_buffer_bytes = 4;
  options.max_line_bytes = 10;
  const std::string contents = "short\n" + std::string(11, 'x') + "\n" + std::string(1000, 'y') +
                               "\nafter\n" + std::string(25, 'z');
  auto reader = LineReader::Open(dir.Write("a.txt", contents), options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<ReadLine> lines = ReadAllLines(**reader);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].text, "short");
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].size, 11u);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_TRUE(lines[2].too_long);
  EXPECT_EQ(lines[2].size, 1000u);
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_EQ(lines[3].text, "after");
  EXPECT_FALSE(lines[3].too_long);
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_TRUE(lines[4].too_long);  // the last line, with no newline
  EXPECT_EQ(lines[4].size, 25u);
  EXPECT_EQ((*reader)->bytes_read(), contents.size());
}

TEST(LineReader, MissingFileIsNotFound) {
  ScratchDir dir;
  auto reader = LineReader::Open(dir.PathOf("nothing.jsonl"));
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(reader.status().message().find("nothing.jsonl"), absl::string_view::npos);
}

}  // namespace
}  // namespace syndex
