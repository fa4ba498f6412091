// File: common/file_contents.h
//
// Reads a small file whole (a query file, relevance judgments, a run), with
// errors that name the file and the system's reason (common/io_error.h).
// Index files are not read this way: they are mapped (common/mapped_file.h).
//
// Example:
//   ASSIGN_OR_RETURN(std::string text, ReadFileContents(path, "query file"));
#ifndef SYNDEX_COMMON_FILE_CONTENTS_H_
#define SYNDEX_COMMON_FILE_CONTENTS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace syndex {

// The bytes of the file at `path`. On failure (opening or reading) the
// message reads "cannot read WHAT PATH: reason"; `what` may be empty.
[[nodiscard]] absl::StatusOr<std::string> ReadFileContents(const std::string& path,
                                                           std::string_view what = "");

}  // namespace syndex

#endif  // SYNDEX_COMMON_FILE_CONTENTS_H_
