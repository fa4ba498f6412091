// File: searcher/query_file.h
//
// Reads the query files `searcher --batch` accepts:
//  * plain text, one query a line, numbered from 1 as their ids;
//  * `qid<TAB>query` lines;
//  * BEIR queries.jsonl: {"_id": ..., "text": ...} objects (also "id" /
//    "query"), recognized by a .jsonl/.json name or a first line (after
//    any blank and '#' lines) that starts with '{'.
// Blank lines and lines starting with '#' are skipped.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<QueryLine> queries, ReadQueryFile(path));
#ifndef SYNDEX_SEARCHER_QUERY_FILE_H_
#define SYNDEX_SEARCHER_QUERY_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace syndex {

struct QueryLine {
  std::string id;
  std::string text;
  size_t line = 0;  // 1-based line in the file, for messages
};

// NotFound if the file is missing; InvalidArgument naming the line of a
// malformed JSON line.
[[nodiscard]] absl::StatusOr<std::vector<QueryLine>> ReadQueryFile(const std::string& path);

// Parses the contents of a query file named `name` (for the format guess).
[[nodiscard]] absl::StatusOr<std::vector<QueryLine>> ParseQueryFile(const std::string& name,
                                                                    const std::string& contents);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_FILE_H_
