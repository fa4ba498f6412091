// File: common/utf8.h
//
// UTF-8 validation and repair. Documents are repaired once when they are
// read, so everything stored and printed afterwards is valid UTF-8.
//
// Example:
//   std::string text = ReadFile(...);
//   Utf8Repair repair = RepairUtf8(&text);
//   if (repair.invalid_bytes > 0) Warn("invalid UTF-8 at byte", repair.first_invalid_offset);
#ifndef SYNDEX_COMMON_UTF8_H_
#define SYNDEX_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace syndex {

// Decodes one code point at `text[*pos]`, advancing *pos past it. An invalid,
// overlong, surrogate or truncated sequence yields -1 and advances one byte.
int32_t DecodeUtf8(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of `code_point` (must be a valid scalar value).
void AppendUtf8(int32_t code_point, std::string* out);

bool IsValidUtf8(std::string_view text);

struct Utf8Repair {
  size_t invalid_bytes = 0;         // bytes that were replaced
  size_t first_invalid_offset = 0;  // offset of the first one in the input
  size_t nul_bytes = 0;             // NUL bytes (a sign of binary input)
};

// Replaces every invalid byte of *text with U+FFFD and NUL bytes with spaces.
Utf8Repair RepairUtf8(std::string* text);

}  // namespace syndex

#endif  // SYNDEX_COMMON_UTF8_H_
