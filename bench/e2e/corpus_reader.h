// File: bench/e2e/corpus_reader.h
//
// Reads the race's corpus the way `indexer build` does (OpenDocumentSource:
// a JSON Lines file, plain or .zst, or a directory of .txt files), so that
// every engine indexes the very same articles, repaired and skipped alike.
// Warnings about skipped or repaired input are counted, not printed: the
// race reports figures, and `indexer build` shows them.
//
// Example:
//   uint64_t bytes = 0;
//   RETURN_IF_ERROR(ForEachArticle(corpus, [&](const RawDocument& doc) {
//     bytes += TextBytes(doc);
//     return absl::OkStatus();
//   }));
#ifndef SYNDEX_BENCH_E2E_CORPUS_READER_H_
#define SYNDEX_BENCH_E2E_CORPUS_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/e2e/query_sets.h"
#include "indexer/raw_document.h"

namespace syndex::race {

// The race's measure of input: the bytes of an article's title and body,
// the text that every engine indexes (ids, outlets, dates and URLs are not
// counted, and nor is the JSON around them).
inline uint64_t TextBytes(const RawDocument& doc) { return doc.title.size() + doc.text.size(); }

// ForEachArticle() calls `each` on every article of `corpus`, in input
// order, and stops at the first error it returns. NotFound or
// InvalidArgument if the corpus cannot be opened; an error if it cannot be
// read to the end. `*warnings`, if given, receives the count of input
// warnings.
[[nodiscard]] absl::Status ForEachArticle(
    const std::string& corpus, const std::function<absl::Status(const RawDocument&)>& each,
    uint64_t* warnings = nullptr);

// LoadArticles() returns the title and body of every article, in input
// order, for the query generator (query_sets.h).
[[nodiscard]] absl::StatusOr<std::vector<CorpusArticle>> LoadArticles(const std::string& corpus);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_CORPUS_READER_H_
