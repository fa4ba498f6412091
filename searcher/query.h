// File: searcher/query.h
//
// The parsed form of a query (see docs/QUERY.md for the language). Words are
// kept as the user typed them; the searcher analyzes them (normalize, stem)
// with the same analyzer the indexer used.
//
// Example: `"severe costs" outlet:jazeera -sanctions` parses to
//   AndNot(Or(Phrase[severe costs], Term{field=outlet}[jazeera]), Term[sanctions])
// whose DebugString() is
//   AND(OR(PHRASE("severe" "costs") outlet:TERM("jazeera")) NOT TERM("sanctions"))
#ifndef SYNDEX_SEARCHER_QUERY_H_
#define SYNDEX_SEARCHER_QUERY_H_

#include <string>
#include <vector>

namespace syndex {

enum class QueryField { kBody, kTitle, kOutlet };

struct QueryNode {
  enum class Kind {
    kTerm,    // one word: words.size() == 1
    kPhrase,  // "quoted words", in order and adjacent: words.size() >= 1
    kPrefix,  // word*: words[0] is the prefix, without the '*'
    kAnd,     // every child matches: children.size() >= 2
    kOr,      // any child matches: children.size() >= 2
    kAndNot,  // children[0] matches and children[1] does not
  };

  Kind kind = Kind::kTerm;
  // Set on leaves only (`title:(a OR b)` gives two title: terms); the parser
  // leaves operator nodes at kBody.
  QueryField field = QueryField::kBody;
  std::vector<std::string> words;
  std::vector<QueryNode> children;
  // Byte offset in the query string where this node starts, for messages:
  // for a leaf, its word or opening quote, or the field name of `field:x`;
  // for an operator node, the first token of its first operand as typed,
  // which may be '-', '+', NOT or '('. ColumnAt() in searcher/query_lexer.h
  // converts it to a column.
  size_t offset = 0;

  // A compact, unambiguous rendering for tests and --explain, e.g.
  // AND(OR(PHRASE("severe" "costs") outlet:TERM("jazeera")) NOT TERM("x")).
  // Stable format, which tests compare against:
  //   leaf:     [title:|outlet:]TERM("w"), PHRASE("w1" "w2"), PREFIX("w")
  //   kAnd:     AND(c1 c2 ...)        kOr: OR(c1 c2 ...)
  //   kAndNot:  AND(c0 NOT c1)
  // Children and words are separated by one space. Words are in double
  // quotes with '"' and '\' escaped by a backslash and bytes below 0x20 (and
  // 0x7F) written \xNN; UTF-8 is copied as is. Offsets are not shown.
  std::string DebugString() const;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_H_
