#include "common/word_pairs.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace syndex {
namespace {

// The 36 commonest words of 3,000 AllSides articles that are function
// words (or "said", which news uses as one), in order of frequency.
constexpr std::array<std::string_view, 36> kPairWords = {
    "the",  "to",   "of",   "and",  "a",    "in",  "that", "for", "is",   "on",    "it", "he",
    "with", "as",   "said", "was",  "have", "his", "be",   "at",  "are",  "not",   "by", "but",
    "has",  "this", "from", "they", "i",    "we",  "an",   "who", "will", "would", "or", "their"};

constexpr size_t kLongestPairWord = 5;

// A term of at most kLongestPairWord bytes as one integer: its bytes, and
// its length above them, so that "a" and "a\0" differ.
constexpr uint64_t Code(std::string_view term) {
  uint64_t code = uint64_t{term.size()} << 56;
  for (size_t i = 0; i < term.size(); ++i)
    code |= uint64_t{static_cast<uint8_t>(term[i])} << (8 * i);
  return code;
}

// The pair words' codes, sorted: the indexer asks about every token, so
// a lookup is a binary search over integers, not a scan of strings.
constexpr std::array<uint64_t, kPairWords.size()> kSortedCodes = [] {
  std::array<uint64_t, kPairWords.size()> codes{};
  for (size_t i = 0; i < kPairWords.size(); ++i) codes[i] = Code(kPairWords[i]);
  std::sort(codes.begin(), codes.end());
  return codes;
}();

}  // namespace

std::span<const std::string_view> PairWords() { return kPairWords; }

bool IsPairWord(std::string_view term) {
  if (term.empty() || term.size() > kLongestPairWord) return false;
  return std::binary_search(kSortedCodes.begin(), kSortedCodes.end(), Code(term));
}

std::string PairTerm(std::string_view first, std::string_view second) {
  std::string pair;
  pair.reserve(first.size() + 1 + second.size());
  pair.append(first).append(1, ' ').append(second);
  return pair;
}

}  // namespace syndex
