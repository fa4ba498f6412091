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

#include <cstdint>
#include <string>
#include <vector>

namespace syndex {

enum class QueryField { kBody, kTitle, kOutlet };

struct QueryNode {
  enum class Kind {
    kTerm,       // one word: words.size() == 1
    kPhrase,     // "quoted words", in order and adjacent (or within `slop`): words.size() >= 1
    kPrefix,     // word*: words[0] is the prefix, without the '*'
    kAnd,        // every child matches: children.size() >= 2
    kOr,         // any child matches: children.size() >= 2
    kAndNot,     // children[0] matches and children[1] does not
    kNear,       // a NEAR/N b: children.size() >= 2, each a body kTerm; slop = N
    kPhrasings,  // ~"quoted words": words.size() >= 1; see below
  };
  // kPhrasings finds every phrasing of its words, ranked by class, closest
  // first: exact > inflected (same stems) > gapped (in order, a few words
  // inserted) > reordered > partial (more of the words first) > synonym-only;
  // within a class by BM25 (docs/QUERY.md, "Phrasings"). The parser never
  // puts one in a field, inside a kNear, or where it would exclude (under the
  // second child of a kAndNot), and its slop is 0.

  Kind kind = Kind::kTerm;
  // Set on leaves only (`title:(a OR b)` gives two title: terms); the parser
  // leaves operator nodes at kBody.
  QueryField field = QueryField::kBody;
  std::vector<std::string> words;
  std::vector<QueryNode> children;
  // The number of positions the words may be moved, for kPhrase ("a b"~N) and
  // kNear (a NEAR/N b); 0 for every other kind. At most 1000.
  //   kPhrase: Lucene's slop, the edit distance in positions from the words'
  //     order and adjacency: 0 is the exact phrase, 1 allows one extra word
  //     between two of them, 2 also allows swapping two neighbours. The
  //     parser sets it only on body phrases (fields have no positions).
  //   kNear: every child word occurs within `slop` words of each other, in
  //     any order: at most `slop` other words between the first and the last.
  //     A chain a NEAR/2 b NEAR/5 c is one node with the largest N (5);
  //     NEAR without /N is NEAR/10.
  uint32_t slop = 0;
  // Byte offset in the query string where this node starts, for messages:
  // for a leaf, its word or opening quote (the '~' of ~"..."), or the field
  // name of `field:x`; with ParseOptions::phrasings, the first word;
  // for an operator node, the first token of its first operand as typed,
  // which may be '-', '+', NOT or '('. ColumnAt() in searcher/query_lexer.h
  // converts it to a column.
  size_t offset = 0;

  // A compact, unambiguous rendering for tests and --explain, e.g.
  // AND(OR(PHRASE("severe" "costs") outlet:TERM("jazeera")) NOT TERM("x")).
  // Stable format, which tests compare against:
  //   leaf:     [title:|outlet:]TERM("w"), PHRASE("w1" "w2"), PREFIX("w"),
  //             PHRASE~3("w1" "w2") (slop > 0 only), PHRASINGS("w1" "w2")
  //   kAnd:     AND(c1 c2 ...)        kOr: OR(c1 c2 ...)
  //   kAndNot:  AND(c0 NOT c1)
  //   kNear:    NEAR/5(TERM("a") TERM("b")), always with the slop
  // Children and words are separated by one space. Words are in double
  // quotes with '"' and '\' escaped by a backslash and bytes below 0x20 (and
  // 0x7F) written \xNN; UTF-8 is copied as is. Offsets are not shown.
  std::string DebugString() const;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_H_
