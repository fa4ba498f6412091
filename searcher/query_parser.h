// File: searcher/query_parser.h
//
// Parses the syndex query language (docs/QUERY.md):
//   word            a term; bare words are combined with the default operator
//   "a b c"         a phrase (matches stemmed forms: "severe cost" = "severe costs")
//   "a b c"~N       a sloppy phrase: slop N (0..1000), no space before '~'; N > 0 not in a field
//   a NEAR b, a NEAR/N b   the words within N (0..1000, default 10) words of each
//                   other, in any order; operands are plain body words only; a
//                   chain a NEAR/2 b NEAR/5 c is one kNear node with slop 5
//   ~"a b c"        a phrasings query (kPhrasings); not in a field, not excluded,
//                   no "~N" after it
//   a AND b, a OR b, NOT a, -a, +a   (AND binds tighter than OR; operators are
//                   upper-case; lower-case "and"/"or" are ordinary words)
//   ( ... )         grouping
//   word*           prefix
//   title:x, outlet:x, title:"a b", outlet:(a OR b)   fields
// Precedence, loosest first: OR, then implicit (juxtaposition, the default
// operator), then AND, then NOT / '-' / '+', then NEAR: `x a NEAR b` is
// Or(x, Near(a, b)), and `-a NEAR b` excludes the NEAR. A negative child of a
// juxtaposition or AND is subtracted from the rest: `a b -c` is
// AndNot(Or(a, b), c). A query with nothing positive is an error, and so is
// a negative operand of OR (`a OR -b`).
// '+x' matters only in a juxtaposition with the OR default: the required
// operands and the OR of the others are ANDed, so `a b +c` is
// And(Or(a, b), c) (at least one of a, b must match too; it is not Lucene's
// "optional, for ranking only"). Under the AND default, and elsewhere, '+' is
// a no-op. A parenthesized group is a plain operand: `x (+a)` is Or(x, a).
//
// Example:
//   ASSIGN_OR_RETURN(QueryNode q, ParseQuery("\"severe costs\" -sanctions", {}));
#ifndef SYNDEX_SEARCHER_QUERY_PARSER_H_
#define SYNDEX_SEARCHER_QUERY_PARSER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "searcher/query.h"

namespace syndex {

struct ParseOptions {
  // How juxtaposed words combine. Default: OR (ranked, like Lucene and Xapian);
  // `searcher --and` sets AND.
  enum class DefaultOperator { kOr, kAnd };
  DefaultOperator default_operator = DefaultOperator::kOr;
  // Whether the whole query is one phrasings query, as if written ~"...":
  // the result is a single kPhrasings node of the query's words split at
  // white space (SplitPlainWords in query_lexer.h: quotes and a leading '~'
  // dropped). Nothing is an operator: AND, -, NEAR, '(' are words. Default:
  // false; `searcher --phrasings` sets it.
  bool phrasings = false;
};

// Returns the query tree, or InvalidArgument with a message that names the
// problem and the 1-based column where it is, e.g.
//   "column 9: unbalanced '(' (opened at column 1 and never closed)".
// Columns count Unicode code points (an invalid UTF-8 byte counts as one),
// not bytes, so a caret printed under the query lines up for most scripts;
// a quote or '(' that is never closed is reported one past the end of the
// query, with the column where it was opened. An empty or blank query is an
// error too, also with `options.phrasings`. Any input, even invalid UTF-8,
// yields a tree or InvalidArgument.
[[nodiscard]] absl::StatusOr<QueryNode> ParseQuery(std::string_view query,
                                                   const ParseOptions& options);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_PARSER_H_
