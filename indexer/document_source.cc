#include "indexer/document_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "common/io_error.h"
#include "common/str_cat.h"
#include "indexer/jsonl_source.h"
#include "indexer/text_directory_source.h"

namespace syndex {
namespace {

bool IsJsonLinesName(const std::string& path) {
  for (std::string_view suffix : {".jsonl", ".json", ".zst"}) {
    if (absl::EndsWithIgnoreCase(path, ToAbsl(suffix))) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DocumentSource>> OpenDocumentSource(const std::string& path,
                                                                   WarningSink warn) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return absl::NotFoundError(StrCat(path, ": no such file or directory"));
    }
    return ErrnoError("cannot access", path);
  }
  if (S_ISDIR(st.st_mode)) return TextDirectorySource::Open(path, std::move(warn));
  // Decided by name, not content, so that a mistyped path fails at once
  // instead of producing one warning per line. Not only regular files: a
  // named pipe (mkfifo x.jsonl) streams fine.
  if (IsJsonLinesName(path)) return JsonlSource::Open(path, std::move(warn));
  return absl::InvalidArgumentError(
      StrCat(path,
             ": cannot read this kind of input; expected a directory of .txt files, "
             "a JSON Lines file (.jsonl or .json) or a zstd-compressed one (.zst)"));
}

}  // namespace syndex
