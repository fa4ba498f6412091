#include "common/io_error.h"

#include <errno.h>
#include <string.h>

#include "common/str_cat.h"

namespace syndex {

absl::Status ErrnoError(std::string_view what, std::string_view path) {
  const int saved = errno;
  const std::string message = StrCat(what, " ", path, ": ", strerror(saved));
  switch (saved) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(StrCat(message, " (the disk is full)"));
    default:
      return absl::UnavailableError(message);
  }
}

}  // namespace syndex
