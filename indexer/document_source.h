// File: indexer/document_source.h
//
// Reading articles from the inputs `indexer build` accepts:
//  * a directory of .txt files (sorted by name), with an optional meta.jsonl
//    beside them whose lines give id, file, outlet, title, date, url of a file;
//    a file without a meta line gets its file name (without .txt) as id;
//  * a JSON Lines file, plain or zstd-compressed (.zst), one article a line,
//    with fields id or _id, title, text, outlet, date, url (unknown fields
//    ignored; a numeric id is turned into its decimal string).
//
// Example:
//   ASSIGN_OR_RETURN(auto source, OpenDocumentSource(path, warn));
//   RawDocument doc;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, source->Next(&doc));
//     if (!more) break;
//     ...
//   }
#ifndef SYNDEX_INDEXER_DOCUMENT_SOURCE_H_
#define SYNDEX_INDEXER_DOCUMENT_SOURCE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "indexer/raw_document.h"

namespace syndex {

// Receives one human-readable warning about input that was repaired or
// skipped, naming the file and line or offset ("a.jsonl:17: not valid JSON").
using WarningSink = std::function<void(std::string_view)>;

// A stream of documents. Not thread-safe.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;

  // Reads the next document into *doc. Returns true if one was read and
  // false at the end of the input. Returns an error only when reading cannot
  // go on (an unreadable file, a corrupt zstd frame); a malformed line or a
  // document with no text is reported to the WarningSink and skipped. Text
  // with invalid UTF-8 is repaired (see common/utf8.h) with a warning;
  // binary text (NUL bytes) is skipped with a warning.
  [[nodiscard]] virtual absl::StatusOr<bool> Next(RawDocument* doc) = 0;

  // Bytes of input consumed so far (uncompressed), for progress reports.
  virtual uint64_t bytes_read() const = 0;
};

// Opens `path`: a directory of .txt files, or a .jsonl / .json / .zst file.
// Returns NotFound if it does not exist, InvalidArgument if it is neither.
[[nodiscard]] absl::StatusOr<std::unique_ptr<DocumentSource>> OpenDocumentSource(
    const std::string& path, WarningSink warn);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_DOCUMENT_SOURCE_H_
