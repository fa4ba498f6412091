// File: common/json_string.h
//
// Appends a string to JSON output as a quoted, escaped JSON string.
// The input must be valid UTF-8 (the indexer repairs all text it stores).
//
// Example:
//   std::string out = "{\"title\": ";
//   AppendJsonString(title, &out);
#ifndef SYNDEX_COMMON_JSON_STRING_H_
#define SYNDEX_COMMON_JSON_STRING_H_

#include <string>
#include <string_view>

namespace syndex {

void AppendJsonString(std::string_view value, std::string* out);

}  // namespace syndex

#endif  // SYNDEX_COMMON_JSON_STRING_H_
