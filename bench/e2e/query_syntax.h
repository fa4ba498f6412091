// File: bench/e2e/query_syntax.h
//
// A race query (query_sets.h: a class and its words) written in the query
// languages of syndex (docs/QUERY.md) and SQLite FTS5. Xapian needs no text:
// its runner builds Xapian::Query objects from the words directly.
//
//   class       syndex                      FTS5
//   or          a b c                       "a" OR "b" OR "c"
//   and         a b c   (run with --and)    "a" AND "b" AND "c"
//   long-or     w1 w2 ... wn                "w1" OR "w2" OR ... OR "wn"
//   phrase-L    "a b c"                     "a b c"
//   phrasings   ~"a b c"                    (n/a: FTS5 has no phrasings)
//
// FTS5 terms are always quoted, so that a word such as "and", "or", "not"
// or "near" is a term, never an operator. Words are plain (IsPlainWord), so
// neither language needs escaping.
//
// Example:
//   const std::string text = SyndexQueryText(QueryClass::kPhrase2, {"climate", "change"});
//   // text == "\"climate change\""
#ifndef SYNDEX_BENCH_E2E_QUERY_SYNTAX_H_
#define SYNDEX_BENCH_E2E_QUERY_SYNTAX_H_

#include <optional>
#include <string>

#include "bench/e2e/query_sets.h"

namespace syndex::race {

// SyndexQueryText() returns the syndex query of class `c`. The and class's
// text is the words alone: it is meant to run with the AND default
// operator (ParseOptions::DefaultOperator::kAnd, `searcher --and`).
std::string SyndexQueryText(QueryClass c, const WordQuery& words);

// Whether a query of class `c` runs with the AND default operator.
inline bool SyndexUsesAndDefault(QueryClass c) { return c == QueryClass::kAnd; }

// The query of class `c` as a line of a `searcher --batch` file, which has
// no default operator of its own: the and class spells out AND (the words
// are lower-case, so none is read as an operator).
std::string SyndexBatchLine(QueryClass c, const WordQuery& words);

// Fts5QueryText() returns the FTS5 MATCH expression of class `c`, or
// nullopt for phrasings, which FTS5 does not have.
std::optional<std::string> Fts5QueryText(QueryClass c, const WordQuery& words);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_QUERY_SYNTAX_H_
