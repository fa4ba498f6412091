// File: common/str_cat.h
//
// StrCat and StrAppend that accept std::string_view. Debian's Abseil
// (20220623) is built with its own absl::string_view type, so absl::StrCat
// rejects std::string_view arguments; these forward everything else to it.
//
// Example:
//   return absl::DataLossError(StrCat(path, ": offset ", offset, ": ", what));
#ifndef SYNDEX_COMMON_STR_CAT_H_
#define SYNDEX_COMMON_STR_CAT_H_

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace syndex {
namespace str_cat_internal {

template <typename T>
decltype(auto) Forward(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return absl::string_view(value.data(), value.size());
  } else {
    return (value);
  }
}

}  // namespace str_cat_internal

template <typename... Args>
std::string StrCat(const Args&... args) {
  return absl::StrCat(str_cat_internal::Forward(args)...);
}

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  absl::StrAppend(out, str_cat_internal::Forward(args)...);
}

// The view as an absl::string_view, for Abseil APIs that take one.
inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace syndex

#endif  // SYNDEX_COMMON_STR_CAT_H_
