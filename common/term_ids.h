// File: common/term_ids.h
//
// Dense ids for the distinct terms one indexing run meets, so that a token
// is looked up by its text once: the analyzer's stem cache hands out the
// id with the stem, and the indexer groups a passage's tokens and finds a
// term's postings buffer by indexing arrays with it, where it hashed the
// term's text twice more (a third of a build's CPU went to hashing and
// comparing terms). Ids are only for this process's bookkeeping: nothing
// written depends on them.
//
// Example:
//   TermIds ids;
//   const uint32_t cost = ids.Intern("cost");  // 0
//   ids.Intern("cost");                        // 0 again
//   ids.TermOf(cost);                          // "cost"
#ifndef SYNDEX_COMMON_TERM_IDS_H_
#define SYNDEX_COMMON_TERM_IDS_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "common/types.h"

namespace syndex {

// Not thread-safe.
class TermIds {
 public:
  TermIds() = default;
  // The map holds views of the deque's strings.
  TermIds(const TermIds&) = delete;
  TermIds& operator=(const TermIds&) = delete;

  // The id of `term`, numbered from 0 in order of first appearance.
  uint32_t Intern(std::string_view term);
  // REQUIRES: id < size(). Valid as long as this TermIds.
  std::string_view TermOf(uint32_t id) const { return terms_[id]; }
  uint32_t size() const { return static_cast<uint32_t>(terms_.size()); }
  // Approximate bytes of memory held.
  size_t memory_usage() const;

 private:
  std::deque<std::string> terms_;  // by id; a deque so that views stay valid
  absl::flat_hash_map<std::string_view, uint32_t> ids_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_TERM_IDS_H_
