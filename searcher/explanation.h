// File: searcher/explanation.h
//
// Why a result ranks where it does (--explain, :explain in the prompt):
// which query word matched which word of the text at which position, the
// phrasing class of a phrasings query, and every term of the score.
#ifndef SYNDEX_SEARCHER_EXPLANATION_H_
#define SYNDEX_SEARCHER_EXPLANATION_H_

#include <string>
#include <vector>

#include "common/types.h"

namespace syndex {

// Query term `term` found as `word` at `position` of the result's passage
// `passage` (numbered within its document, from 0).
struct WordMatch {
  std::string term;  // as the index holds it (stemmed)
  std::string word;  // as the text writes it
  uint32_t passage = 0;
  Position position = 0;
  bool synonym = false;  // matched through the synonym of a phrase word
};

// One added term of the score.
struct ScorePart {
  std::string what;  // e.g. `term "cost"`, `phrase "sever cost"`, `proximity`
  double value = 0;
  std::string detail;  // e.g. "tf 2, idf 3.41, length 31 (average 24.7)"
};

struct Explanation {
  std::vector<WordMatch> matches;  // by passage and position
  std::vector<ScorePart> parts;    // their values add up to the score...
  double multiplier = 1;           // ...times this (--outlet-weight)
  std::string multiplier_detail;
  // For phrasings queries: the class (searcher/phrasing_class.h) and the
  // coverage of the closest phrasing; empty otherwise.
  std::string phrasing;
  double coverage = 0;

  // The score these parts give: their sum times the multiplier.
  double Total() const {
    double sum = 0;
    for (const ScorePart& part : parts) sum += part.value;
    return sum * multiplier;
  }
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_EXPLANATION_H_
