// File: common/io_error.h
//
// Turns a failed system call into an absl::Status whose message names the
// operation, the path and the system's reason, and whose code says what the
// caller can do: NotFound, PermissionDenied, ResourceExhausted (disk full)
// or Unavailable (any other I/O error).
//
// Example:
//   if (::fsync(fd) != 0) return ErrnoError("cannot sync", path);
#ifndef SYNDEX_COMMON_IO_ERROR_H_
#define SYNDEX_COMMON_IO_ERROR_H_

#include <string_view>

#include "absl/status/status.h"

namespace syndex {

// Reads errno; call right after the failing call.
absl::Status ErrnoError(std::string_view what, std::string_view path);

}  // namespace syndex

#endif  // SYNDEX_COMMON_IO_ERROR_H_
