// File: indexer/json_article_parser.h
//
// Decodes one line of JSON Lines into the fields of an article. Shared by
// JsonlSource (articles) and TextDirectorySource (meta.jsonl), so both accept
// the same field names and types.
//
// Example:
//   JsonArticleParser parser;
//   JsonArticle article;
//   Utf8Repair repair;
//   absl::Status status = parser.Parse(line.text, &article, &repair);  // line from LineReader
//   if (!status.ok()) Warn(file, line.number, status.message());
#ifndef SYNDEX_INDEXER_JSON_ARTICLE_PARSER_H_
#define SYNDEX_INDEXER_JSON_ARTICLE_PARSER_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/utf8.h"

namespace syndex {

// The fields syndex knows; all others are ignored. A field that is missing or
// JSON null is empty.
struct JsonArticle {
  std::string id;    // "id", or "_id" if there is no "id"; a number as written ("42")
  std::string file;  // meta.jsonl only: the .txt file the line describes
  std::string title;
  std::string text;
  std::string outlet;
  std::string date;
  std::string url;
};

// Parses JSON objects with simdjson On-Demand. Not thread-safe; reuses its
// buffers from line to line.
class JsonArticleParser {
 public:
  JsonArticleParser();
  ~JsonArticleParser();
  JsonArticleParser(const JsonArticleParser&) = delete;
  JsonArticleParser& operator=(const JsonArticleParser&) = delete;

  // Parses `json`, one JSON object (a leading UTF-8 byte order mark is
  // skipped), into *article, overwriting every field.
  //
  // Invalid UTF-8 is replaced by U+FFFD before parsing, and *repair says how
  // much was replaced and where (offsets within `json`); repair->invalid_bytes
  // is 0 if nothing was.
  //
  // Returns InvalidArgument with a short reason, fit for a warning, if `json`
  // is not a JSON object, or if a known field has the wrong type (ids must be
  // strings or numbers, other fields strings). Values of unknown fields are
  // skipped without being fully validated.
  //
  // REQUIRES: kLinePadding (line_reader.h) readable bytes follow `json` in
  // memory, as they do for a Line from LineReader.
  [[nodiscard]] absl::Status Parse(std::string_view json, JsonArticle* article, Utf8Repair* repair);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_JSON_ARTICLE_PARSER_H_
