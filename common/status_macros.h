// File: common/status_macros.h
//
// RETURN_IF_ERROR and ASSIGN_OR_RETURN with the meaning of upstream
// absl/status/status_macros.h, which the Abseil we link (20220623) lacks.
//
// Example:
//   absl::StatusOr<Segment> Open(const std::string& path) {
//     RETURN_IF_ERROR(CheckExists(path));
//     ASSIGN_OR_RETURN(MappedFile file, MappedFile::Open(path));
//     return Segment(std::move(file));
//   }
#ifndef SYNDEX_COMMON_STATUS_MACROS_H_
#define SYNDEX_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SYNDEX_CONCAT_INNER_(a, b) a##b
#define SYNDEX_CONCAT_(a, b) SYNDEX_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) and returns it from the enclosing
// function if it is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::absl::Status syndex_status_ = (expr);          \
    if (!syndex_status_.ok()) return syndex_status_; \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status from
// the enclosing function, otherwise moves the value into `lhs`, which may be
// a declaration ("auto x") or an existing variable.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  SYNDEX_ASSIGN_OR_RETURN_IMPL_(SYNDEX_CONCAT_(syndex_statusor_, __LINE__), lhs, rexpr)

#define SYNDEX_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // SYNDEX_COMMON_STATUS_MACROS_H_
