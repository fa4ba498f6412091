// File: bench/e2e/query_sets.h
//
// The query sets of the end-to-end race (bench/e2e/race_main.cc), made
// deterministically from the corpus: the same corpus, seed and count give
// the same queries on every machine and every run. Each query is a list of
// words as syndex's analyzer splits the text (lower-cased, not stemmed),
// which each engine then writes in its own query language (query_syntax.h,
// and the Xapian runner), so no word is ever an operator.
//
// Only "plain" words are used, of ASCII letters and digits alone as
// written in the text (IsPlainWord): "U.S.", "trump's" or "1,000" are split
// differently by syndex's, Xapian's and SQLite's tokenizers, and a query
// word one engine splits and another does not would race different queries.
//
// The classes, `per_class` queries each (QuerySetOptions):
//   or         1-3 keywords of a headline, ORed
//   and        the same keywords, ANDed
//   long-or    a whole headline (its plain words, at least 4), ORed
//   phrase-2/3/4   2, 3, 4 consecutive words of a passage of an article body
//   phrasings  the 3- and 4-word phrases alternately (phrase-3's first,
//              phrase-4's first, phrase-3's second, ...), as syndex ~"..."
// The draws: the article of a draw is r % articles and every choice inside
// it is the next raw output r of an std::mt19937_64 (its output sequence is
// fixed by the C++ standard, unlike std::uniform_int_distribution's). Each
// kind has its own generator, seeded seed + 0 (keywords), + 1 (headlines),
// + 2, + 3, + 4 (phrases of that length), so one kind's draws never shift
// another's. A draw that finds nothing usable is drawn again.
//   keywords:  the distinct plain words of the title that are not function
//              words (IsPhrasingStopword); c = 1 + r % 3 (at most all of
//              them); then c times, the word at index r % remaining is taken
//              out, in the order drawn.
//   headline:  the distinct plain words of the title, in order; at least
//              min_headline_words.
//   phrase L:  the body is split into passages as the indexer splits it
//              (SplitPassages, default PassageOptions), so that a phrase
//              never spans two of syndex's units; passage r % passages; its
//              words; the starts s where words s..s+L-1 are all plain and
//              the first and last are not function words ("climate change",
//              "swift and severe costs", not "of the"); start r % starts.
//
// Example:
//   ASSIGN_OR_RETURN(QuerySets sets, GenerateQuerySets(articles, QuerySetOptions{}));
//   for (const WordQuery& q : sets.of(QueryClass::kPhrase3)) ...
#ifndef SYNDEX_BENCH_E2E_QUERY_SETS_H_
#define SYNDEX_BENCH_E2E_QUERY_SETS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace syndex::race {

enum class QueryClass { kOr, kAnd, kLongOr, kPhrase2, kPhrase3, kPhrase4, kPhrasings };
inline constexpr size_t kQueryClassCount = 7;
inline constexpr std::array<QueryClass, kQueryClassCount> kAllQueryClasses = {
    QueryClass::kOr,      QueryClass::kAnd,     QueryClass::kLongOr,   QueryClass::kPhrase2,
    QueryClass::kPhrase3, QueryClass::kPhrase4, QueryClass::kPhrasings};

// "or", "and", "long-or", "phrase-2", "phrase-3", "phrase-4", "phrasings".
std::string_view QueryClassName(QueryClass c);

// The words of one query, in order.
using WordQuery = std::vector<std::string>;

// One article as the generator sees it.
struct CorpusArticle {
  std::string title;
  std::string body;
};

inline constexpr uint64_t kDefaultQuerySeed = 20261123;

struct QuerySetOptions {
  // Queries per class. Default: 300.
  size_t per_class = 300;
  // Seed of the generators (see the file comment). Default: kDefaultQuerySeed.
  uint64_t seed = kDefaultQuerySeed;
  // Fewest plain words of a long-or headline. Default: 4.
  size_t min_headline_words = 4;
};

// The queries of every class, `per_class` each, in draw order.
struct QuerySets {
  std::array<std::vector<WordQuery>, kQueryClassCount> by_class;
  const std::vector<WordQuery>& of(QueryClass c) const { return by_class[static_cast<size_t>(c)]; }
};

// IsPlainWord() is true for a non-empty word of ASCII letters and digits
// alone, lower-case: [a-z0-9]+.
bool IsPlainWord(std::string_view word);

// GenerateQuerySets() draws the query sets from `articles` as the file
// comment describes. FailedPrecondition if the corpus has too few usable
// titles or passages to draw a kind's queries from (a draw is retried at
// most 1000 + 100 * per_class times per kind); InvalidArgument if
// per_class is 0.
[[nodiscard]] absl::StatusOr<QuerySets> GenerateQuerySets(
    const std::vector<CorpusArticle>& articles, const QuerySetOptions& options);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_QUERY_SETS_H_
