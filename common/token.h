// File: common/token.h
//
// A token: one indexable word of a text, as the analyzer produced it.
#ifndef SYNDEX_COMMON_TOKEN_H_
#define SYNDEX_COMMON_TOKEN_H_

#include <cstdint>
#include <string>

#include "common/types.h"

namespace syndex {

struct Token {
  // The indexed form: normalized (NFKC, case-folded, diacritics removed,
  // typographic quotes and dashes mapped to ASCII) and then stemmed.
  std::string term;
  // Byte range [start, end) of the word in the analyzed text.
  uint32_t start = 0;
  uint32_t end = 0;
  // Index of the token in the analyzed text, counting from the caller's base.
  Position position = 0;
  // The term's id in the TermIds the analyzer was given
  // (Analyzer::SetTermIds), or kNoTermId.
  uint32_t term_id = kNoTermId;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_TOKEN_H_
