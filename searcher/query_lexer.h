// File: searcher/query_lexer.h
//
// Splits a query (docs/QUERY.md) into tokens with byte offsets, for the
// parser in query_parser.cc, and converts byte offsets to the columns that
// error messages and carets use.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<QueryToken> tokens, LexQuery("title:gaza -ceasefire"));
//   // kWord "title", kColon, kWord "gaza", kMinus, kWord "ceasefire", kEnd
//   size_t column = ColumnAt(query, tokens[3].offset);  // 12
//   // "a b"~2 x NEAR/3 y ~"c d": kPhrase, kSlop "~2", kWord, kNear "NEAR/3",
//   // kWord, kPhrasings "c d", kEnd
#ifndef SYNDEX_SEARCHER_QUERY_LEXER_H_
#define SYNDEX_SEARCHER_QUERY_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace syndex {

struct QueryToken {
  enum class Kind {
    kWord,        // text is the word, without a trailing '*'
    kPhrase,      // text is everything between the quotes; words splits it
    kPhrasings,   // ~"...": as kPhrase, but offset is the '~'
    kSlop,        // "~N" directly after a closing quote; text is '~' and the run after it
    kLeftParen,   // (
    kRightParen,  // )
    kColon,       // follows a kWord that names a field ("title", "outlet")
    kStar,        // one or more '*' ending a word, or standing alone
    kMinus,       // '-' at the start of a word
    kPlus,        // '+' at the start of a word
    kAnd,         // the upper-case words AND, OR, NOT
    kOr,
    kNot,
    kNear,  // NEAR, or a run that starts with NEAR/ (text "NEAR/5"; the parser reads N)
    kEnd,   // always the last token; offset == end == query.size()
  };

  Kind kind = Kind::kEnd;
  // Views into the query passed to LexQuery; valid as long as it is.
  std::string_view text;
  std::vector<std::string_view> words;  // kPhrase, kPhrasings: the words, split at white space
  size_t offset = 0;                    // byte offset of the token's first byte
  size_t end = 0;                       // byte offset just past its last byte
};

// Returns the tokens of `query`, ending with one kEnd token. A word is a run of
// characters other than white space (ASCII or Unicode), phrase quotes (" and
// U+201C, U+201D, U+201E, any of which closes any other), '(' and ')'.
//   * A run that starts with "title:" or "outlet:" (any case) yields kWord,
//     kColon, and lexing resumes after the colon; any other colon is part of
//     the word ("10:30", "foo:bar", "https://x").
//   * A run that is exactly AND, OR, NOT or NEAR is that operator, and so is
//     a run that starts with NEAR/ (NEAR/5, or NEAR/x for the parser to refuse).
//   * A '~' that starts a token and is directly followed by a quote opens a
//     phrasings query (kPhrasings); any other '~' is a word character ("~5",
//     "approx~"), except the next rule's.
//   * A '~' directly after the closing quote of a phrase or phrasings query
//     yields kSlop, spanning the '~' and the run of word characters after it
//     ("~2", but also "~" or "~x", which the parser refuses with a message).
//   * '-' and '+' are operators when they start a run and are directly
//     followed by a word character, a quote or '(' (but not by '-' or '+');
//     otherwise they are word characters: "de-escalate", "a - b", "--".
//   * Trailing '*'s of a run become one kStar token after the kWord.
// Invalid UTF-8 bytes are word characters.
//
// Errors (InvalidArgument, "column N: ..."): a quote that is never closed, and
// a phrase or phrasings query with no words ("" or ~" ").
[[nodiscard]] absl::StatusOr<std::vector<QueryToken>> LexQuery(std::string_view query);

// A word of SplitPlainWords: its text, and the byte offset in the query of
// its first character (a dropped quote or '~' included).
struct PlainWord {
  std::string text;
  size_t offset = 0;
};

// The words of `query` with no operators at all, for `searcher --phrasings`:
// runs of characters other than white space (as for LexQuery), with every
// phrase quote (" and U+201C, U+201D, U+201E) removed, and a '~' dropped when
// it is the query's first character after white space. A word left empty
// disappears. `~"swift and" “severe” costs` gives swift, and, severe, costs;
// `"a"b` gives the one word ab. Never fails; may return no words.
std::vector<PlainWord> SplitPlainWords(std::string_view query);

// The 1-based column of byte `offset` in `query`, counted in Unicode code
// points; each invalid UTF-8 byte counts as one. ColumnAt(q, q.size()) is one
// past the last character. REQUIRES: offset <= query.size().
size_t ColumnAt(std::string_view query, size_t offset);

// InvalidArgument with the message "column N: <message>", N = ColumnAt(query, offset).
absl::Status QuerySyntaxError(std::string_view query, size_t offset, std::string_view message);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_LEXER_H_
