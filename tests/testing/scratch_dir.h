// File: tests/testing/scratch_dir.h
//
// A scratch directory for tests: a fresh directory under the test temp dir,
// removed with its contents when the object goes out of scope.
//
// Example:
//   testing::ScratchDir dir("syndex_tables");  // syndex_tables_XXXXXX
//   std::string path = dir.Write("a.txt", "contents");
//   dir.MakeSubdir("sub");
#ifndef SYNDEX_TESTS_TESTING_SCRATCH_DIR_H_
#define SYNDEX_TESTS_TESTING_SCRATCH_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "gtest/gtest.h"
#include "tests/testing/files.h"

namespace syndex::testing {

class ScratchDir {
 public:
  // The directory is named `prefix` followed by "_" and six random
  // characters; a directory that cannot be made is a test failure.
  explicit ScratchDir(std::string_view prefix = "syndex") {
    std::string pattern = ::testing::TempDir() + std::string(prefix) + "_XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed: " << pattern;
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view name) const { return path_ + "/" + std::string(name); }

  // Writes `contents` to the file `name` (which may contain '/' for a file in
  // an existing subdirectory) and returns its path; see WriteFile.
  std::string Write(std::string_view name, std::string_view contents) const {
    std::string path = PathOf(name);
    WriteFile(path, contents);
    return path;
  }

  // Makes the subdirectory `name` and returns its path.
  std::string MakeSubdir(std::string_view name) const {
    std::string path = PathOf(name);
    std::filesystem::create_directory(path);
    return path;
  }

 private:
  std::string path_;
};

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_SCRATCH_DIR_H_
