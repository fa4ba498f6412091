// File: tests/testing/documents.h
//
// RawDocuments for tests: draining a DocumentSource, and the seed corpus
// (corpus/) as documents.
//
// Example:
//   auto docs = ReadAllDocuments(*JsonlSource::Open(path, nullptr).value());
//   std::vector<RawDocument> seed = SeedDocuments(/*copies=*/3);  // 15 documents
#ifndef SYNDEX_TESTS_TESTING_DOCUMENTS_H_
#define SYNDEX_TESTS_TESTING_DOCUMENTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "indexer/raw_document.h"
#include "tests/testing/files.h"

namespace syndex::testing {

// Reads up to `limit` documents; the error of the first failing Next, if any.
inline absl::StatusOr<std::vector<RawDocument>> ReadAllDocuments(DocumentSource& source,
                                                                 size_t limit = SIZE_MAX) {
  std::vector<RawDocument> docs;
  RawDocument doc;
  while (docs.size() < limit) {
    absl::StatusOr<bool> more = source.Next(&doc);
    if (!more.ok()) return more.status();
    if (!*more) break;
    docs.push_back(doc);
  }
  return docs;
}

// Up to `limit` documents of the corpus at `path` (a file or directory).
inline absl::StatusOr<std::vector<RawDocument>> ReadDocuments(const std::string& path,
                                                              size_t limit) {
  auto source = OpenDocumentSource(path, nullptr);
  if (!source.ok()) return source.status();
  return ReadAllDocuments(**source, limit);
}

// The seed corpus, repeated `copies` times under distinct ids (copy n > 0
// appends "#n" to each id).
inline std::vector<RawDocument> SeedDocuments(int copies) {
  auto source = OpenDocumentSource(CorpusDir(), nullptr);
  EXPECT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  EXPECT_TRUE(docs.ok()) << docs.status();
  std::vector<RawDocument> out;
  for (int copy = 0; copy < copies; ++copy) {
    for (RawDocument doc : *docs) {
      if (copy > 0) StrAppend(&doc.id, "#", copy);
      out.push_back(std::move(doc));
    }
  }
  return out;
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_DOCUMENTS_H_
