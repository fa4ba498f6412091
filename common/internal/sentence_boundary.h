// File: common/internal/sentence_boundary.h
//
// Decides whether two consecutive words (runs of non-space bytes) are
// separated by a sentence end, for cutting long paragraphs into passages.
// A sentence ends after a word ending in '.', '!' or '?', optionally
// followed by closing quotes or brackets, when the next word starts with an
// upper-case letter, a digit or an opening quote. A '.' after a listed
// abbreviation ("Mr.", "Feb."), a single capital initial ("F.") or a dotted
// acronym ("U.S.") does not end a sentence: "the U.S. Navy" is one sentence,
// at the price of missing the end of "... in the U.S. The next".
//
// Header-only because common/CMakeLists.txt compiles only common/*.cc.
//
// Example:
//   IsSentenceBoundary("costs.”", "The");  // true
//   IsSentenceBoundary("Mr.", "Putin");    // false
#ifndef SYNDEX_COMMON_INTERNAL_SENTENCE_BOUNDARY_H_
#define SYNDEX_COMMON_INTERNAL_SENTENCE_BOUNDARY_H_

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include "common/utf8.h"

namespace syndex::analysis_internal {

// Abbreviations that are usually followed by a capitalized word or a number
// ("Mr. Putin", "Feb. 20"). "Inc.", "Co." and "etc." are left out because
// they end sentences as often as not.
inline constexpr auto kAbbreviations = std::to_array<std::string_view>(
    {"Mr",  "Mrs", "Ms",   "Dr",   "St",  "Jr",  "Sr",   "Prof", "Gen", "Gens",  "Gov",
     "Sen", "Rep", "Reps", "Rev",  "Lt",  "Col", "Capt", "Sgt",  "Maj", "Adm",   "Cmdr",
     "Hon", "Mt",  "Ft",   "No",   "Nos", "vs",  "Jan",  "Feb",  "Mar", "Apr",   "Jun",
     "Jul", "Aug", "Sep",  "Sept", "Oct", "Nov", "Dec",  "Fig",  "Vol", "approx"});

// Closing: " ' ) ] ” ’ »; opening quotes: " ' “ ‘ «; what may precede an
// abbreviation: " ( “ ‘.
inline constexpr auto kClosers = std::to_array<std::string_view>(
    {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"});
inline constexpr auto kOpeningQuotes =
    std::to_array<std::string_view>({"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB"});
inline constexpr auto kOpeners =
    std::to_array<std::string_view>({"\"", "(", "\xE2\x80\x9C", "\xE2\x80\x98"});

inline bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Returns the length of the element of `set` that `s` ends with, or 0.
template <size_t N>
inline size_t EndsWithAny(std::string_view s, const std::array<std::string_view, N>& set) {
  for (std::string_view x : set) {
    if (s.ends_with(x)) return x.size();
  }
  return 0;
}

template <size_t N>
inline size_t StartsWithAny(std::string_view s, const std::array<std::string_view, N>& set) {
  for (std::string_view x : set) {
    if (s.starts_with(x)) return x.size();
  }
  return 0;
}

// "U.S" (the final period already removed): single ASCII letters separated
// by periods.
inline bool IsDottedAcronym(std::string_view s) {
  if (s.size() < 3 || s.size() % 2 == 0) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i % 2 == 0 ? !IsAsciiLetter(s[i]) : s[i] != '.') return false;
  }
  return true;
}

// True if `word` starts with an upper-case or title-case letter.
inline bool StartsWithUpperCase(std::string_view word) {
  size_t pos = 0;
  const int32_t code_point = DecodeUtf8(word, &pos);
  if (code_point < 0) return false;
  const utf8proc_category_t category = utf8proc_category(code_point);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

inline bool IsSingleCapital(std::string_view s) {
  size_t pos = 0;
  if (DecodeUtf8(s, &pos) < 0 || pos != s.size()) return false;
  return StartsWithUpperCase(s);
}

// `stem` is a word without its final period.
inline bool IsAbbreviation(std::string_view stem) {
  if (IsSingleCapital(stem) || IsDottedAcronym(stem)) return true;
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), stem) != kAbbreviations.end();
}

inline bool EndsSentence(std::string_view word) {
  while (const size_t n = EndsWithAny(word, kClosers)) word.remove_suffix(n);
  if (word.empty()) return false;
  const char last = word.back();
  if (last == '!' || last == '?') return true;
  if (last != '.') return false;
  word.remove_suffix(1);
  while (const size_t n = StartsWithAny(word, kOpeners)) word.remove_prefix(n);
  return !IsAbbreviation(word);
}

inline bool StartsSentence(std::string_view word) {
  if (word[0] >= '0' && word[0] <= '9') return true;
  return StartsWithAny(word, kOpeningQuotes) > 0 || StartsWithUpperCase(word);
}

// True if a sentence ends between `previous` and `next`, two non-empty words
// separated by white space.
inline bool IsSentenceBoundary(std::string_view previous, std::string_view next) {
  return StartsSentence(next) && EndsSentence(previous);
}

}  // namespace syndex::analysis_internal

#endif  // SYNDEX_COMMON_INTERNAL_SENTENCE_BOUNDARY_H_
