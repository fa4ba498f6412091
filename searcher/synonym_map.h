// File: searcher/synonym_map.h
//
// Synonyms for phrasings queries (~"..."): the other terms a query term may
// be matched as. Rules are read from a file in Solr's synonyms.txt format
// (docs/SYNONYMS.md has the details):
//
//   # a comment
//   severe, serious, harsh, tough   <- equivalent: each word expands to the others
//   embargo => sanction             <- one-way: embargo expands to sanction, not back
//
// Every entry must be one word. It is analyzed exactly as the index analyzes
// text, so the map goes from index terms to index terms ("severe" is "sever").
// Rules that mention the same word are merged, but equivalence is not
// transitive across lines: with "a, b" and "b, c", a expands to b only.
//
// Example:
//   Analyzer analyzer;
//   ASSIGN_OR_RETURN(SynonymMap synonyms, SynonymMap::Load(path, &analyzer));
//   for (const std::string& term : synonyms.Expansions("sever")) {
//     Show(synonyms.Word(term));  // "serious", as in "serious (synonym of severe)"
//   }
#ifndef SYNDEX_SEARCHER_SYNONYM_MAP_H_
#define SYNDEX_SEARCHER_SYNONYM_MAP_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/analyzer.h"

namespace syndex {

// A map from a term to its synonyms, both as the index stores them. Immutable
// once built; its const methods may be called from several threads at once.
class SynonymMap {
 public:
  // An empty map: no term has synonyms (for --no-synonyms).
  SynonymMap() = default;

  // Parse()
  //
  // Builds the map from the text of a synonyms file; `source_name` names it in
  // messages. `analyzer` is used only during the call. On a malformed rule
  // returns InvalidArgument "SOURCE:LINE: what is wrong", quoting the rule or
  // entry: an entry that is not exactly one word, an empty entry (",," or a
  // comma at either end), a side of "=>" with no words, more than one "=>", a
  // rule of a single word, or invalid UTF-8. A leading UTF-8 byte order mark
  // is skipped.
  // REQUIRES: analyzer != nullptr.
  [[nodiscard]] static absl::StatusOr<SynonymMap> Parse(std::string_view source_name,
                                                        std::string_view contents,
                                                        Analyzer* analyzer);

  // Load()
  //
  // Parse() on the contents of the file at `path`, which also names it in
  // messages. A missing file is NotFound, an unreadable one PermissionDenied
  // or Unavailable, each with the path (common/file_contents.h).
  // REQUIRES: analyzer != nullptr.
  [[nodiscard]] static absl::StatusOr<SynonymMap> Load(const std::string& path, Analyzer* analyzer);

  // Expansions()
  //
  // The synonyms of `term` (an analyzed term, such as "sever"), as analyzed
  // terms: deduplicated, sorted bytewise, never containing `term` itself.
  // Empty if the term has none. The span is valid until the map is destroyed.
  std::span<const std::string> Expansions(std::string_view term) const;

  // Word()
  //
  // How the file first wrote `term` (trimmed, case kept), for showing an
  // expansion to users: Word("serious") is "serious" where Expansions("sever")
  // gave "serious". Every term a rule mentions has a word, including ones
  // that expand to nothing; any other term gives "". The view is valid until
  // the map is destroyed.
  std::string_view Word(std::string_view term) const;

  // The number of terms that have at least one expansion.
  size_t size() const { return expansions_.size(); }
  bool empty() const { return expansions_.empty(); }

  // The number of rules (lines that are neither blank nor comments) read,
  // including rules that turned out to expand nothing ("cost, costs").
  size_t rule_count() const { return rule_count_; }

 private:
  using TermMap = absl::flat_hash_map<std::string, std::vector<std::string>>;
  using WordMap = absl::flat_hash_map<std::string, std::string>;

  SynonymMap(TermMap expansions, WordMap words, size_t rule_count)
      : expansions_(std::move(expansions)), words_(std::move(words)), rule_count_(rule_count) {}

  TermMap expansions_;  // term -> its expansions (never an empty vector)
  WordMap words_;       // term -> the word the file first wrote it as
  size_t rule_count_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SYNONYM_MAP_H_
