#include "indexer/content_hash.h"

#include <string>

#include "common/checksum.h"

namespace syndex {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Whether `text` is already in normal form: single spaces between words,
// none at the ends, no other whitespace (most paragraphs are). Branch-free
// so that the compiler checks many bytes at once; any control character
// counts as not normal, which only sends the text the slower way.
bool IsNormalized(std::string_view text) {
  if (text.empty()) return true;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  unsigned bad = bytes[0] <= ' ' || bytes[text.size() - 1] <= ' ';
  for (size_t i = 1; i < text.size(); ++i) {
    bad |= (bytes[i] <= ' ') & ((bytes[i] != ' ') | (bytes[i - 1] == ' '));
  }
  return bad == 0;
}

}  // namespace

uint64_t ContentHash(std::string_view text) {
  if (IsNormalized(text)) return Checksum64(text);
  thread_local std::string normalized;  // reused: this runs once a passage
  normalized.clear();
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      pending_space = !normalized.empty();
      continue;
    }
    if (pending_space) normalized.push_back(' ');
    pending_space = false;
    normalized.push_back(c);
  }
  return Checksum64(normalized);
}

}  // namespace syndex
