#include "indexer/content_hash.h"

#include <string>

#include "common/checksum.h"

namespace syndex {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

uint64_t ContentHash(std::string_view text) {
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
