#include "common/word_pairs.h"

#include <algorithm>
#include <array>

namespace syndex {
namespace {

// The 36 commonest words of 3,000 AllSides articles that are function
// words (or "said", which news uses as one), in order of frequency.
constexpr std::array<std::string_view, 36> kPairWords = {
    "the",  "to",   "of",   "and",  "a",    "in",  "that", "for", "is",   "on",    "it", "he",
    "with", "as",   "said", "was",  "have", "his", "be",   "at",  "are",  "not",   "by", "but",
    "has",  "this", "from", "they", "i",    "we",  "an",   "who", "will", "would", "or", "their"};

}  // namespace

std::span<const std::string_view> PairWords() { return kPairWords; }

bool IsPairWord(std::string_view term) {
  // Every pair word is 1 to 5 bytes: a length test turns most terms away.
  if (term.empty() || term.size() > 5) return false;
  return std::find(kPairWords.begin(), kPairWords.end(), term) != kPairWords.end();
}

std::string PairTerm(std::string_view first, std::string_view second) {
  std::string pair;
  pair.reserve(first.size() + 1 + second.size());
  pair.append(first).append(1, ' ').append(second);
  return pair;
}

}  // namespace syndex
