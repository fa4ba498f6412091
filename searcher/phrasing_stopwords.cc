#include "searcher/phrasing_stopwords.h"

#include "absl/container/flat_hash_set.h"

namespace syndex {

bool IsPhrasingStopword(std::string_view normalized_word) {
  // Lucene's English stop set (EnglishAnalyzer) without "no" and "not"
  // (a negation changes what a phrasing says), plus a few pronouns and
  // auxiliaries that news phrases carry. Small on purpose: a word listed
  // here stops counting towards coverage.
  static const auto* const kWords = new absl::flat_hash_set<std::string_view>{
      "a",    "an",    "and",  "are",   "as",    "at",    "be",    "but",  "by",   "for",
      "if",   "in",    "into", "is",    "it",    "of",    "on",    "or",   "such", "that",
      "the",  "their", "then", "there", "these", "they",  "this",  "to",   "was",  "will",
      "with", "its",   "has",  "have",  "had",   "were",  "been",  "from", "he",   "she",
      "we",   "his",   "her",  "our",   "would", "could", "should"};
  return kWords->contains(normalized_word);
}

}  // namespace syndex
