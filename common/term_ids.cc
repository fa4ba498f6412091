#include "common/term_ids.h"

namespace syndex {

uint32_t TermIds::Intern(std::string_view term) {
  const auto it = ids_.find(term);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(terms_.size());
  const std::string& stored = terms_.emplace_back(term);
  ids_.emplace(std::string_view(stored), id);
  return id;
}

size_t TermIds::memory_usage() const {
  // A string, its heap copy when it is longer than the inline buffer, and
  // its map slot.
  constexpr size_t kPerTerm = sizeof(std::string) + 16 + sizeof(std::string_view) + 8;
  return terms_.size() * kPerTerm + ids_.capacity() * (sizeof(std::string_view) + 8);
}

}  // namespace syndex
