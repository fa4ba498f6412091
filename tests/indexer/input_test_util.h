// File: tests/indexer/input_test_util.h
//
// Helpers for the tests of the input readers: scratch directories, files,
// zstd compression and draining a DocumentSource.
//
// Example:
//   ScratchDir dir;
//   std::string path = dir.Write("a.jsonl.zst", ZstdCompress("{\"text\": \"x\"}\n"));
//   Warnings warnings;
//   auto docs = ReadAllDocuments(*JsonlSource::Open(path, warnings.sink()));
#ifndef SYNDEX_TESTS_INDEXER_INPUT_TEST_UTIL_H_
#define SYNDEX_TESTS_INDEXER_INPUT_TEST_UTIL_H_

#include <stdlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "indexer/raw_document.h"

namespace syndex {
namespace testing_internal {

// A fresh directory under the test temp dir, removed with its contents when
// the object goes out of scope.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "syndex_input_XXXXXX";
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
  // an existing subdirectory) and returns its path.
  std::string Write(std::string_view name, std::string_view contents) const {
    std::string path = PathOf(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) ADD_FAILURE() << "cannot write " << path;
    return path;
  }

  std::string MakeSubdir(std::string_view name) const {
    std::string path = PathOf(name);
    std::filesystem::create_directory(path);
    return path;
  }

 private:
  std::string path_;
};

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One zstd frame holding `data`, with a content checksum if asked (so that
// any flipped bit is caught, not only those that break the structure).
inline std::string ZstdCompress(std::string_view data, bool checksum = false, int level = 3) {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t size = ZSTD_compress2(context, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(context);
  if (ZSTD_isError(size)) {
    ADD_FAILURE() << "ZSTD_compress2: " << ZSTD_getErrorName(size);
    return "";
  }
  out.resize(size);
  return out;
}

// Decompresses a whole zstd file (test data only; the readers stream).
inline std::string ZstdDecompressFile(const std::string& path) {
  std::string compressed = ReadFileBytes(path);
  std::string out;
  ZSTD_DCtx* context = ZSTD_createDCtx();
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  while (in.pos < in.size) {
    ZSTD_outBuffer buffer{chunk.data(), chunk.size(), 0};
    size_t result = ZSTD_decompressStream(context, &buffer, &in);
    if (ZSTD_isError(result)) {
      ADD_FAILURE() << path << ": " << ZSTD_getErrorName(result);
      break;
    }
    out.append(chunk.data(), buffer.pos);
  }
  ZSTD_freeDCtx(context);
  return out;
}

// Collects the warnings sent to sink().
class Warnings {
 public:
  WarningSink sink() {
    return [this](std::string_view warning) { list_.emplace_back(warning); };
  }
  const std::vector<std::string>& list() const { return list_; }

 private:
  std::vector<std::string> list_;
};

// Reads every document; the error of the first failing Next, if any.
inline absl::StatusOr<std::vector<RawDocument>> ReadAllDocuments(DocumentSource& source) {
  std::vector<RawDocument> docs;
  RawDocument doc;
  while (true) {
    absl::StatusOr<bool> more = source.Next(&doc);
    if (!more.ok()) return more.status();
    if (!*more) return docs;
    docs.push_back(doc);
  }
}

// Where ../shared is, for tests on real corpora; they skip if it is absent.
inline std::string SharedDir() { return std::string(SYNDEX_SOURCE_DIR) + "/../shared"; }

inline bool SameContent(const RawDocument& a, const RawDocument& b) {
  return a.id == b.id && a.title == b.title && a.text == b.text && a.outlet == b.outlet &&
         a.date == b.date && a.url == b.url;
}

}  // namespace testing_internal

// For readable failures of EXPECT_EQ and container matchers.
inline void PrintTo(const RawDocument& doc, std::ostream* out) {
  *out << "{id=\"" << doc.id << "\" title=\"" << doc.title << "\" outlet=\"" << doc.outlet
       << "\" date=\"" << doc.date << "\" url=\"" << doc.url << "\" origin=\"" << doc.origin
       << "\" text=" << doc.text.size() << " bytes \"" << doc.text.substr(0, 40) << "\"}";
}

}  // namespace syndex

#endif  // SYNDEX_TESTS_INDEXER_INPUT_TEST_UTIL_H_
