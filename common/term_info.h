// File: common/term_info.h
//
// What the term dictionary says about one term of one segment: its
// statistics and where its postings and positions are.
#ifndef SYNDEX_COMMON_TERM_INFO_H_
#define SYNDEX_COMMON_TERM_INFO_H_

#include <cstdint>

#include "common/types.h"

namespace syndex {

struct TermInfo {
  uint32_t doc_freq = 0;         // postings in the list (passages or documents)
  uint32_t document_count = 0;   // distinct documents among them
  // Body: postings of passages that are not copies, i.e. distinct texts
  // holding the term, which BM25 counts (docs/DEDUP.md). Fields: doc_freq.
  uint32_t content_freq = 0;
  uint64_t total_freq = 0;       // occurrences in all of them
  TermFreq max_tf = 0;           // the largest term frequency in the list
  uint32_t min_length = 0;       // the shortest unit length among postings
  uint64_t postings_offset = 0;  // into the .post body
  uint64_t postings_size = 0;
  uint64_t positions_offset = 0;  // into the .pos body; 0 size if no positions
  uint64_t positions_size = 0;

  uint32_t block_count() const;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_TERM_INFO_H_
