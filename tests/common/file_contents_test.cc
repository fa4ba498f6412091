// Tests of ReadFileContents: every byte back, and errors that name the file.
#include "common/file_contents.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace {

TEST(ReadFileContents, ReturnsEveryByte) {
  testing::ScratchDir dir("syndex_file_contents");
  const std::string bytes = std::string("line\r\n\0nul\xff", 11) + std::string(200000, 'x');
  EXPECT_EQ(*ReadFileContents(dir.Write("a.bin", bytes)), bytes);
  EXPECT_EQ(*ReadFileContents(dir.Write("empty", "")), "");
}

TEST(ReadFileContents, MissingFileIsNotFoundNamingIt) {
  testing::ScratchDir dir("syndex_file_contents");
  const std::string path = dir.PathOf("absent.tsv");
  const absl::StatusOr<std::string> read = ReadFileContents(path, "query file");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(read.status().message().find("cannot read query file " + path), std::string_view::npos)
      << read.status();
}

TEST(ReadFileContents, DirectoryIsAnError) {
  testing::ScratchDir dir("syndex_file_contents");
  const absl::StatusOr<std::string> read = ReadFileContents(dir.path());
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find(dir.path()), std::string_view::npos) << read.status();
}

}  // namespace
}  // namespace syndex
