// File: searcher/result_view.h
//
// Everything shown about one result: its document's metadata, the passage
// (for --unit doc, the document's passage with the most query words), its
// byte range, text and the byte ranges of the query words in it; and what
// deduplication knows of it (docs/DEDUP.md): the group it stands for, every
// document of that group with its outlet and date, and the group's other
// texts (its variants) with how each differs from the result's text.
//
// A passage's group is its near-duplicate cluster of passage texts with
// every passage carrying one of them; a document's is its near-duplicate
// cluster of documents. The group is described whether or not the search
// collapsed it into one result (SearchOptions::group).
//
// Example:
//   ASSIGN_OR_RETURN(auto views, PresentResults(index, results, Unit::kPassage, &analyzer));
#ifndef SYNDEX_SEARCHER_RESULT_VIEW_H_
#define SYNDEX_SEARCHER_RESULT_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "searcher/explanation.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/snippet.h"

namespace syndex {

// A document carrying a result's text (or one of its variants).
struct Carrier {
  std::string name;  // its outlet ("" if it has none)
  std::string date;
  std::string doc_id;

  friend bool operator==(const Carrier&, const Carrier&) = default;
};

// Another text of a result's group.
struct Variant {
  // For passages, the variant passage's text; for documents, the title of
  // the variant document.
  std::string text;
  // WordDiff (searcher/word_diff.h) from the result's text (for documents,
  // its title) to `text`.
  std::string diff;
  std::vector<Carrier> outlets;  // the documents carrying it, as in ResultView
};

// A synonym of a phrasings query found in a result's text.
struct SynonymUse {
  std::string word;  // as the text writes it ("serious")
  std::string of;    // the phrase word it stands for ("severe")

  friend bool operator==(const SynonymUse&, const SynonymUse&) = default;
};

struct ResultView {
  size_t rank = 0;  // from 1
  Score score = 0;
  std::string doc_id, outlet, title, date, url;
  // The passage's number within its document, from 0 (the title, when it
  // is indexed as a passage of its own, is passage 0).
  uint32_t passage = 0;
  // Byte range of the passage in the document's text, or in its title.
  uint32_t start = 0, end = 0;
  bool in_title = false;
  std::string text;                   // the passage
  std::vector<ByteRange> highlights;  // query words, as ranges of `text`

  // The group, numbered uniquely within the index as opened: for passages,
  // its smallest passage (the result's own passage if it is alone); for
  // documents, its smallest document; counted from the index's first
  // passage or document, segment after segment.
  uint64_t cluster_id = 0;
  // Every document of the group, once each (a document carrying the text
  // twice is listed once), by date (undated last), then outlet and id.
  std::vector<Carrier> outlets;
  // Distinct outlet names among `outlets` (documents without an outlet
  // count as one more).
  size_t outlet_count = 0;
  // The group's distinct texts other than the result's own, in index
  // order. For documents: its documents that are not exact duplicates of
  // the result's, one per set of exact duplicates.
  std::vector<Variant> variants;

  // Phrasings queries only: the phrasing class (searcher/phrasing_class.h,
  // "" for other queries), its coverage of the phrase's content words and
  // the synonyms that the result's text uses, in text order, once each.
  std::string phrasing;
  double coverage = 0;
  size_t content_words = 0;
  std::vector<SynonymUse> synonyms;
  // With --explain: why the result scores what it does.
  std::optional<Explanation> explanation;
};

// How much of each result to present: everything, or only what a TREC
// run prints (document id, score, rank), which reads no stored text; for
// a short phrase, decompressing ten results' text blocks took ten times
// as long as finding them.
enum class Presentation { kFull, kIdsOnly };

// Reads the stored text of each hit and finds the query words in it
// (with kIdsOnly, only the document ids). DataLoss if stored text is
// damaged.
[[nodiscard]] absl::StatusOr<std::vector<ResultView>> PresentResults(
    const IndexReader& index, const SearchResults& results, Unit unit, Analyzer* analyzer,
    Presentation what = Presentation::kFull);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESULT_VIEW_H_
