// File: tests/indexer/input_test_util.h
//
// Helpers for the tests of the input readers: their scratch directories,
// zstd compression, collecting warnings and comparing documents. Files and
// draining a DocumentSource are in tests/testing.
//
// Example:
//   ScratchDir dir;
//   std::string path = dir.Write("a.jsonl.zst", ZstdCompress("{\"text\": \"x\"}\n"));
//   Warnings warnings;
//   auto docs = ReadAllDocuments(*JsonlSource::Open(path, warnings.sink()));
#ifndef SYNDEX_TESTS_INDEXER_INPUT_TEST_UTIL_H_
#define SYNDEX_TESTS_INDEXER_INPUT_TEST_UTIL_H_

#include <zstd.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "indexer/raw_document.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace testing_internal {

// Scratch directories of the input tests: syndex_input_XXXXXX.
class ScratchDir : public testing::ScratchDir {
 public:
  ScratchDir() : testing::ScratchDir("syndex_input") {}
};

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
  std::string compressed = testing::ReadFile(path);
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

// The ids of `docs`, in order.
inline std::vector<std::string> Ids(const std::vector<RawDocument>& docs) {
  std::vector<std::string> ids;
  for (const RawDocument& doc : docs) ids.push_back(doc.id);
  return ids;
}

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
