// File: common/analyzer.h
//
// The analyzer turns text into the terms the index stores and the query
// engine looks up. The indexer and the searcher must use the same analyzer,
// which is why it lives in common/.
//
// Pipeline: UTF-8 decoding that survives invalid bytes (each bad byte is a
// separator) -> word segmentation (letters and digits; an apostrophe between
// letters, a '.' or ',' between digits and dotted acronyms such as "U.S." stay
// inside a word; hyphens and dashes split) -> normalization (utf8proc NFKC,
// case folding, diacritics stripped, typographic apostrophes folded) ->
// English Snowball stemming (libstemmer).
//
// Example:
//   Analyzer analyzer;
//   std::vector<Token> tokens;
//   analyzer.Analyze("“Swift and severe costs”", /*first_position=*/0, &tokens);
//   // tokens: swift[3,8) and[9,12) sever[13,19) cost[20,25) (“ is 3 bytes)
#ifndef SYNDEX_COMMON_ANALYZER_H_
#define SYNDEX_COMMON_ANALYZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/term_ids.h"
#include "common/token.h"

namespace syndex {

// Not thread-safe (the Snowball stemmer keeps state): use one Analyzer per
// thread. Construction is cheap enough to do once per thread or per query.
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Appends the tokens of `text` to `out`, numbering positions from
  // `first_position`. Byte offsets are relative to `text`. Never fails:
  // invalid UTF-8 separates words and is otherwise ignored.
  void Analyze(std::string_view text, Position first_position, std::vector<Token>* out);

  // Whether `text` holds at least one term: whether Analyze would append a
  // token. Stops at the first, so it is cheap on text with words.
  bool HasTerm(std::string_view text);

  // The terms of `text`, in order (Analyze without offsets or positions).
  std::vector<std::string> Terms(std::string_view text);

  // Splits `text` into words and returns each word normalized but not
  // stemmed (for prefix queries, which match the start of a word).
  std::vector<std::string> NormalizedWords(std::string_view text);

  // Stems one already-normalized word.
  std::string Stem(std::string_view normalized_word);

  // From now on, Analyze also gives each token its term's id in `ids`
  // (Token::term_id), interning new terms; null stops it. `ids` must
  // outlive its use. The stem cache keeps ids, so a token costs one hash
  // lookup for both its stem and its id.
  void SetTermIds(TermIds* ids);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_ANALYZER_H_
