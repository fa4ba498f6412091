// File: common/internal/word_segmenter.h
//
// Splits text into the words the analyzer indexes. Word characters are
// letters, digits and combining marks (Unicode categories L*, N*, M*). A few
// characters join the word characters on both sides into one word:
//   - an apostrophe (' U+2019 U+2018 U+02BC) between two letters: "Russia’s";
//   - '.' or ',' between two digits: "5.93", "100,000";
//   - an invisible format character (soft hyphen, ZWNJ, ZWJ, word joiner)
//     between word characters, because it is markup inside a word, not a
//     break; normalization then deletes it.
// A dotted acronym of two or more single letters ("U.S.", "U.K.", "e.g.",
// "U.S.A") is one word whose byte range includes its final period, so a
// highlighter marks "U.S." whole; the normalizer drops the periods ("us").
// Everything else separates words: white space, punctuation, hyphens and
// dashes ("de-escalate" is "de" + "escalate"), slashes, symbols and every
// invalid UTF-8 byte.
//
// Header-only because Next() is the innermost loop of indexing (and
// common/CMakeLists.txt compiles only common/*.cc).
//
// Example:
//   WordSegmenter segmenter(text);
//   for (Word word; segmenter.Next(&word);) {
//     std::string_view bytes = text.substr(word.start, word.end - word.start);
//   }
#ifndef SYNDEX_COMMON_INTERNAL_WORD_SEGMENTER_H_
#define SYNDEX_COMMON_INTERNAL_WORD_SEGMENTER_H_

#include <utf8proc.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/utf8.h"

namespace syndex::analysis_internal {

// What a character means to word segmentation.
enum class CharClass : uint8_t {
  kSeparator,
  kLetter,
  kDigit,
  kMark,
  kApostrophe,
  kPeriod,
  kComma,
  kIgnorable,  // a format character that is deleted inside a word
};

inline bool IsWordClass(CharClass c) {
  return c == CharClass::kLetter || c == CharClass::kDigit || c == CharClass::kMark;
}

constexpr std::array<CharClass, 128> MakeAsciiClasses() {
  std::array<CharClass, 128> classes{};  // all kSeparator
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = CharClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = CharClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = CharClass::kDigit;
  classes['\''] = CharClass::kApostrophe;
  classes['.'] = CharClass::kPeriod;
  classes[','] = CharClass::kComma;
  return classes;
}

// ASCII is classified by table lookup: most news text never reaches utf8proc.
inline constexpr std::array<CharClass, 128> kAsciiClasses = MakeAsciiClasses();

inline CharClass ClassifyCategory(utf8proc_category_t category) {
  if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
    return CharClass::kLetter;
  }
  if (category >= UTF8PROC_CATEGORY_MN && category <= UTF8PROC_CATEGORY_ME) {
    return CharClass::kMark;
  }
  if (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO) {
    return CharClass::kDigit;
  }
  return CharClass::kSeparator;
}

// Classifies a non-ASCII code point. U+02BC is a letter (Lm) to Unicode but
// an apostrophe in practice ("Kyivʼs"), so the exceptions are checked first.
inline CharClass ClassifyNonAscii(int32_t code_point) {
  switch (code_point) {
    case 0x2018:
    case 0x2019:
    case 0x02BC:
      return CharClass::kApostrophe;
    case 0x00AD:
    case 0x200C:
    case 0x200D:
    case 0x2060:
      return CharClass::kIgnorable;
    default:
      return ClassifyCategory(utf8proc_category(code_point));
  }
}

// Classifies the character at text[pos] and sets *next just past it. An
// invalid byte is a one-byte separator; past the end is a separator too.
inline CharClass ClassifyAt(std::string_view text, size_t pos, size_t* next) {
  *next = pos;
  if (pos >= text.size()) return CharClass::kSeparator;
  const uint8_t byte = static_cast<uint8_t>(text[pos]);
  if (byte < 0x80) {
    *next = pos + 1;
    return kAsciiClasses[byte];
  }
  const int32_t code_point = DecodeUtf8(text, next);
  return code_point < 0 ? CharClass::kSeparator : ClassifyNonAscii(code_point);
}

// Whether `joiner` glues the word characters `last` (the last non-mark one
// before it) and `following` together.
inline bool Joins(CharClass last, CharClass joiner, CharClass following) {
  switch (joiner) {
    case CharClass::kApostrophe:
      return last == CharClass::kLetter && following == CharClass::kLetter;
    case CharClass::kPeriod:
    case CharClass::kComma:
      return last == CharClass::kDigit && following == CharClass::kDigit;
    case CharClass::kIgnorable:
      return IsWordClass(following);
    default:
      return false;
  }
}

// A word: the byte range [start, end) of the text it came from.
struct Word {
  uint32_t start = 0;
  uint32_t end = 0;
  // A dotted acronym: its periods are not part of the term.
  bool acronym = false;
};

// Iterates over the words of a text. The text must outlive the segmenter.
// Offsets are 32-bit: texts are single articles, far below 4 GiB.
class WordSegmenter {
 public:
  explicit WordSegmenter(std::string_view text) : text_(text) {}

  // Stores the next word in *word and returns true, or returns false once
  // the text is exhausted.
  bool Next(Word* word) {
    if (!SkipSeparators()) return false;
    word->start = static_cast<uint32_t>(pos_);
    word->acronym = ScanAcronym();
    if (!word->acronym) ScanWord();
    word->end = static_cast<uint32_t>(pos_);
    return true;
  }

 private:
  // Moves pos_ to the next word character; false if there is none.
  bool SkipSeparators() {
    while (pos_ < text_.size()) {
      size_t next;
      if (IsWordClass(ClassifyAt(text_, pos_, &next))) return true;
      pos_ = next;
    }
    return false;
  }

  // If a dotted acronym of at least two single letters starts at pos_,
  // moves pos_ past it (and past its final period, if any) and returns true.
  bool ScanAcronym() {
    size_t pos = pos_, end = pos_, after_letter, after_next;
    int letters = 0;
    while (ClassifyAt(text_, pos, &after_letter) == CharClass::kLetter) {
      const CharClass following = ClassifyAt(text_, after_letter, &after_next);
      if (following == CharClass::kPeriod) {
        ++letters;
        pos = end = after_next;
        continue;
      }
      // A last letter without a period ends the acronym if nothing follows
      // it in the same word: "U.S" but not "U.Sa".
      if (letters > 0 && !IsWordClass(following)) {
        ++letters;
        end = after_letter;
      }
      break;
    }
    if (letters < 2) return false;
    pos_ = end;
    return true;
  }

  // Moves pos_ past the word that starts there: word characters and the
  // joiners between them.
  void ScanWord() {
    size_t next, after;
    CharClass last = ClassifyAt(text_, pos_, &next);
    pos_ = next;
    for (;;) {
      const CharClass c = ClassifyAt(text_, pos_, &next);
      if (IsWordClass(c)) {
        if (c != CharClass::kMark) last = c;  // "café's": the mark is not the letter
        pos_ = next;
        continue;
      }
      const CharClass following = ClassifyAt(text_, next, &after);
      if (!Joins(last, c, following)) return;
      if (following != CharClass::kMark) last = following;
      pos_ = after;
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace syndex::analysis_internal

#endif  // SYNDEX_COMMON_INTERNAL_WORD_SEGMENTER_H_
