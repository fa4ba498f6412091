// File: common/utf8.cc
//
// A strict decoder (RFC 3629): overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences are all rejected one byte at a time, so a
// single bad byte never swallows the valid text that follows it.
#include "common/utf8.h"

namespace syndex {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
constexpr int32_t kMaxCodePoint = 0x10FFFF;

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

bool IsSurrogate(int32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

// What a lead byte announces: the sequence length, its payload bits and the
// smallest code point that needs that length (anything below is overlong).
// length is 0 for continuation bytes and 0xF8..0xFF, which never lead.
struct LeadByte {
  int length;
  int32_t bits;
  int32_t min_code_point;
};

LeadByte ParseLeadByte(uint8_t lead) {
  if ((lead & 0xE0) == 0xC0) return {2, lead & 0x1F, 0x80};
  if ((lead & 0xF0) == 0xE0) return {3, lead & 0x0F, 0x800};
  if ((lead & 0xF8) == 0xF0) return {4, lead & 0x07, 0x10000};
  return {0, 0, 0};
}

// Decodes the multi-byte sequence at text[pos] and sets *length; returns -1
// if it is invalid.
int32_t DecodeMultiByte(std::string_view text, size_t pos, int* length) {
  const LeadByte lead = ParseLeadByte(static_cast<uint8_t>(text[pos]));
  *length = lead.length;
  if (lead.length == 0 || text.size() - pos < static_cast<size_t>(lead.length)) return -1;
  int32_t cp = lead.bits;
  for (int k = 1; k < lead.length; ++k) {
    const uint8_t byte = static_cast<uint8_t>(text[pos + k]);
    if (!IsContinuation(byte)) return -1;
    cp = (cp << 6) | (byte & 0x3F);
  }
  if (cp < lead.min_code_point || cp > kMaxCodePoint || IsSurrogate(cp)) return -1;
  return cp;
}

// Offset of the first byte RepairUtf8 would change (invalid or NUL), or
// text.size() when there is none.
size_t FindFirstRepair(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    if (DecodeUtf8(text, &pos) <= 0) return start;
  }
  return text.size();
}

}  // namespace

int32_t DecodeUtf8(std::string_view text, size_t* pos) {
  if (*pos >= text.size()) return -1;
  const uint8_t lead = static_cast<uint8_t>(text[*pos]);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int length = 1;
  const int32_t cp = DecodeMultiByte(text, *pos, &length);
  *pos += cp < 0 ? 1 : length;
  return cp;
}

void AppendUtf8(int32_t code_point, std::string* out) {
  // Callers promise a scalar value; U+FFFD keeps the output valid if not.
  if (code_point < 0 || code_point > kMaxCodePoint || IsSurrogate(code_point)) {
    out->append(kReplacement);
    return;
  }
  const uint32_t cp = static_cast<uint32_t>(code_point);
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (DecodeUtf8(text, &pos) < 0) return false;
  }
  return true;
}

Utf8Repair RepairUtf8(std::string* text) {
  Utf8Repair repair;
  const size_t first = FindFirstRepair(*text);
  if (first == text->size()) return repair;  // the common case: no copy
  std::string out(*text, 0, first);
  out.reserve(text->size() + 16);
  size_t pos = first;
  while (pos < text->size()) {
    const size_t start = pos;
    const int32_t cp = DecodeUtf8(*text, &pos);
    if (cp < 0) {
      if (repair.invalid_bytes++ == 0) repair.first_invalid_offset = start;
      out.append(kReplacement);
    } else if (cp == 0) {
      ++repair.nul_bytes;
      out.push_back(' ');
    } else {
      out.append(*text, start, pos - start);
    }
  }
  text->swap(out);
  return repair;
}

}  // namespace syndex
