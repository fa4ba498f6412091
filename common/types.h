// File: common/types.h
//
// Names for the integer domains of the index, so that a passage id is never
// confused with a document id or a position (see PISA's type_alias.hpp).
//
// Ids are local to one segment: document d of segment s is (s, d).
#ifndef SYNDEX_COMMON_TYPES_H_
#define SYNDEX_COMMON_TYPES_H_

#include <cstdint>
#include <limits>

namespace syndex {

// A document (one article) within a segment, numbered from 0 in input order.
using DocId = uint32_t;
// A passage (paragraph or part of one) within a segment, numbered from 0.
// Passages of one document have consecutive ids, in text order.
using PassageId = uint32_t;
// A token's index within its passage, from 0.
using Position = uint32_t;
// How often a term occurs within one passage or document.
using TermFreq = uint32_t;
// A relevance score; higher is better.
using Score = float;

// Sentinel returned by cursors that have moved past their last entry.
inline constexpr uint32_t kEndId = std::numeric_limits<uint32_t>::max();

// A token's term_id when it was analyzed without a TermIds
// (common/term_ids.h).
inline constexpr uint32_t kNoTermId = std::numeric_limits<uint32_t>::max();

}  // namespace syndex

#endif  // SYNDEX_COMMON_TYPES_H_
