// File: tests/testing/files.h
//
// Whole-file reads and writes for tests, and where the test data lives:
// the seed corpus of the source tree and the shared data sets beside it.
//
// Example:
//   WriteFile(path, "bytes");
//   EXPECT_EQ(ReadFile(path), "bytes");
//   std::string article = ReadSeed("000_ee24dc4fe73d1ef1.txt");
#ifndef SYNDEX_TESTS_TESTING_FILES_H_
#define SYNDEX_TESTS_TESTING_FILES_H_

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace syndex::testing {

// The bytes of the file at `path`; a file that cannot be opened is a test
// failure (and reads as "").
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes `contents` to `path`, replacing the file; a failed write is a test
// failure.
inline void WriteFile(const std::string& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

// The 5-article seed corpus of the source tree (corpus/*.txt and meta.jsonl).
inline std::string CorpusDir() { return SYNDEX_SOURCE_DIR "/corpus"; }

// The bytes of the file `name` of the seed corpus.
inline std::string ReadSeed(std::string_view name) {
  return ReadFile(CorpusDir() + "/" + std::string(name));
}

// The shared data sets beside the tree, for tests on real corpora; they
// skip if it is absent.
inline std::string SharedDir() { return SYNDEX_SOURCE_DIR "/../shared"; }

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_FILES_H_
