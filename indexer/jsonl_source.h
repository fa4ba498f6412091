// File: indexer/jsonl_source.h
//
// Articles from a JSON Lines file, plain or zstd-compressed (".zst"), one
// JSON object a line with fields id or _id, title, text, outlet, date, url.
//
// Example:
//   ASSIGN_OR_RETURN(auto source, JsonlSource::Open("articles.jsonl.zst", warn));
//   RawDocument doc;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, source->Next(&doc));
//     if (!more) break;
//     ...
//   }
#ifndef SYNDEX_INDEXER_JSONL_SOURCE_H_
#define SYNDEX_INDEXER_JSONL_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/document_source.h"
#include "indexer/json_article_parser.h"
#include "indexer/line_reader.h"
#include "indexer/raw_document.h"

namespace syndex {

// A DocumentSource over a JSON Lines file; see DocumentSource for the
// contract. Not thread-safe.
//
// Each line is handled on its own, and these are skipped with a warning
// "FILE:LINE: reason" to the sink: a line that is not a JSON object, has a
// known field of the wrong type (see JsonArticleParser), has no text or only
// whitespace, has a NUL in its text, or is longer than max_line_bytes
// (64 MiB by default). Blank lines are skipped silently. Invalid UTF-8 is
// replaced by U+FFFD with a warning. A missing id becomes
// "<file name>:<line>", e.g. "articles.jsonl:17"; the origin is
// "<path>:<line>".
class JsonlSource : public DocumentSource {
 public:
  // Opens `path`, decompressing it if its name ends in ".zst". Returns the
  // errno-derived error naming the path if it cannot be opened. `warn` may be
  // empty, to drop warnings.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<JsonlSource>> Open(
      const std::string& path, WarningSink warn, const LineReaderOptions& options = {});

  // Returns kDataLoss naming the file and uncompressed offset for a corrupt
  // or truncated .zst file, and the errno-derived error if reading fails.
  [[nodiscard]] absl::StatusOr<bool> Next(RawDocument* doc) override;

  uint64_t bytes_read() const override { return reader_->bytes_read(); }

 private:
  JsonlSource(std::unique_ptr<LineReader> reader, WarningSink warn);

  // Turns a parsed line into *doc, or returns false after warning why the
  // line is skipped.
  bool Accept(const Line& line, RawDocument* doc);
  void Warn(uint64_t line_number, std::string_view reason) const;

  std::unique_ptr<LineReader> reader_;
  WarningSink warn_;
  std::string file_name_;  // the last component of the path, for made-up ids
  JsonArticleParser parser_;
  JsonArticle article_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_JSONL_SOURCE_H_
