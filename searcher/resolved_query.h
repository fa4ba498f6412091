// File: searcher/resolved_query.h
//
// A query made ready to run against one index: every word analyzed exactly
// as the indexer analyzed text (so "Costs" looks up "cost"), prefixes
// expanded to the terms the index holds, and each term given its BM25
// weight from collection-wide statistics. The same ResolvedQuery then runs
// on every segment, so scores are comparable across segments.
//
// Example:
//   ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(text, {}));
//   ASSIGN_OR_RETURN(ResolvedQuery q, ResolveQuery(parsed, index, options, &analyzer));
#ifndef SYNDEX_SEARCHER_RESOLVED_QUERY_H_
#define SYNDEX_SEARCHER_RESOLVED_QUERY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "common/format.h"
#include "searcher/bm25.h"
#include "searcher/index_reader.h"
#include "searcher/query.h"

namespace syndex {

// What results are: passages (the default) or whole documents.
enum class Unit { kPassage, kDocument };

struct ResolvedTerm {
  format::Field field = format::Field::kBody;
  std::string term;  // analyzed (normalized and stemmed)
};

struct ResolvedNode {
  enum class Kind {
    kTerm,    // terms.size() == 1
    kPhrase,  // body terms at fixed relative positions (offsets)
    kAnd,
    kOr,
    kAndNot,   // children[0] and not children[1]
    kNothing,  // matches nothing (a prefix no term starts with)
  };
  Kind kind = Kind::kNothing;
  std::vector<ResolvedTerm> terms;
  std::vector<Position> offsets;  // kPhrase: position of terms[i] from the first
  TermWeight weight;              // kTerm and kPhrase
  std::vector<ResolvedNode> children;

  std::string DebugString() const;
};

// What to highlight for one query word or phrase: body terms at relative
// positions (one term at offset 0 for a word).
struct HighlightPattern {
  std::vector<std::string> terms;
  std::vector<Position> offsets;
};

struct ResolvedQuery {
  ResolvedNode root;
  // The query's words and phrases not under a NOT, for highlighting: a
  // phrase's words are highlighted only where the whole phrase occurs.
  std::vector<HighlightPattern> highlights;
};

struct ResolveOptions {
  Unit unit = Unit::kPassage;
  Bm25Params bm25;
  // A prefix expands to at most this many terms, the most frequent first.
  // Default: 128.
  size_t max_prefix_expansions = 128;
};

// InvalidArgument (with the column) if the query has no searchable word,
// e.g. it is only punctuation, or its positive part is.
[[nodiscard]] absl::StatusOr<ResolvedQuery> ResolveQuery(const QueryNode& query,
                                                         const IndexReader& index,
                                                         const ResolveOptions& options,
                                                         Analyzer* analyzer);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESOLVED_QUERY_H_
