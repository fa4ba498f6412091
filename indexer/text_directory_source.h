// File: indexer/text_directory_source.h
//
// Articles from a directory of .txt files, one article a file, in file name
// order, with an optional meta.jsonl beside them whose lines describe the
// files: {"file": "000.txt", "id": ..., "outlet": ..., "title": ...,
// "date": ..., "url": ...}. Subdirectories are not read.
//
// Example:
//   ASSIGN_OR_RETURN(auto source, TextDirectorySource::Open("corpus", warn));
//   RawDocument doc;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, source->Next(&doc));
//     if (!more) break;
//     ...
//   }
#ifndef SYNDEX_INDEXER_TEXT_DIRECTORY_SOURCE_H_
#define SYNDEX_INDEXER_TEXT_DIRECTORY_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "indexer/document_source.h"
#include "indexer/json_article_parser.h"
#include "indexer/raw_document.h"

namespace syndex {

// The name of the metadata file in a text directory.
inline constexpr std::string_view kMetaFileName = "meta.jsonl";

struct TextDirectorySourceOptions {
  // A .txt file bigger than this is skipped with a warning, as JsonlSource
  // skips a longer line. Default: 64 MiB.
  size_t max_file_bytes = size_t{64} << 20;
};

// A DocumentSource over a directory of .txt files; see DocumentSource for the
// contract. Not thread-safe.
//
// Warnings, each naming the file: a meta.jsonl line that is not valid, has
// no "file", names a file that is not a .txt in the directory, or repeats
// one (the first line wins); a .txt file that is empty or only whitespace,
// contains a NUL byte (binary), or is too big, which is skipped; invalid
// UTF-8, which is replaced by U+FFFD. A file without a meta line, or whose
// meta line has no id, gets its name without ".txt" as id. The origin is the
// directory path joined with the file name ("corpus/000.txt"). The text is
// the file's bytes (after any UTF-8 repair), not trimmed.
class TextDirectorySource : public DocumentSource {
 public:
  // Lists the .txt files of `directory` and reads its meta.jsonl, if any.
  // Returns the errno-derived error (NotFound, PermissionDenied, ...) naming
  // the path if the directory or meta.jsonl cannot be read. `warn` may be
  // empty, to drop warnings.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<TextDirectorySource>> Open(
      const std::string& directory, WarningSink warn,
      const TextDirectorySourceOptions& options = {});

  // Returns the errno-derived error naming the file if a .txt file cannot be
  // read (it vanished, or permission is denied).
  [[nodiscard]] absl::StatusOr<bool> Next(RawDocument* doc) override;

  // Bytes of the .txt files read so far (meta.jsonl not included).
  uint64_t bytes_read() const override { return bytes_read_; }

 private:
  TextDirectorySource(std::string directory, WarningSink warn,
                      const TextDirectorySourceOptions& options);

  // Fills files_ with the sorted .txt names.
  [[nodiscard]] absl::Status ListFiles();
  // Fills meta_ from meta.jsonl if there is one.
  [[nodiscard]] absl::Status ReadMeta();
  // Reads the file `name` into *doc, or returns false after warning why the
  // file is skipped.
  [[nodiscard]] absl::StatusOr<bool> ReadDocument(const std::string& name, RawDocument* doc);
  std::string PathOf(std::string_view name) const;
  void Warn(std::string_view where, std::string_view reason) const;

  std::string directory_;
  WarningSink warn_;
  TextDirectorySourceOptions options_;
  std::vector<std::string> files_;                      // .txt names, sorted bytewise
  size_t next_ = 0;                                     // index in files_ of the next file to read
  absl::flat_hash_map<std::string, JsonArticle> meta_;  // by file name
  uint64_t bytes_read_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_TEXT_DIRECTORY_SOURCE_H_
