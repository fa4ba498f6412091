// File: searcher/result_view.h
//
// Everything shown about one result: its document's metadata, the passage
// (for --unit doc, the document's passage with the most query words), its
// byte range, text and the byte ranges of the query words in it.
//
// Example:
//   ASSIGN_OR_RETURN(auto views, PresentResults(index, results, Unit::kPassage, &analyzer));
#ifndef SYNDEX_SEARCHER_RESULT_VIEW_H_
#define SYNDEX_SEARCHER_RESULT_VIEW_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/snippet.h"

namespace syndex {

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
};

// Reads the stored text of each hit and finds the query words in it.
// DataLoss if stored text is damaged.
[[nodiscard]] absl::StatusOr<std::vector<ResultView>> PresentResults(const IndexReader& index,
                                                                     const SearchResults& results,
                                                                     Unit unit, Analyzer* analyzer);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESULT_VIEW_H_
