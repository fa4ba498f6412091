// File: searcher/result_writer.h
//
// Writes results in the formats of `searcher --format`:
//  * text: a readable block per result (rank, score, outlet, date, id,
//    passage and byte range, title, highlighted snippet);
//  * json: JSON Lines, one object per result with query_id, rank, score,
//    doc_id, outlet, title, date, url, passage, start, end, in_title, snippet;
//  * trec: `qid Q0 docid rank score syndex`, one line per document (a
//    document's best-ranked passage stands for it), for trec_eval.
//
// Example:
//   std::string out;
//   WriteResults({"q1", "swift", views, matches}, OutputFormat::kJson, HighlightStyle::kBrackets,
//   &out);
#ifndef SYNDEX_SEARCHER_RESULT_WRITER_H_
#define SYNDEX_SEARCHER_RESULT_WRITER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/result_view.h"
#include "searcher/snippet.h"

namespace syndex {

enum class OutputFormat { kText, kJson, kTrec };

// "text", "json" or "trec"; nullopt otherwise.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

struct QueryResults {
  std::string_view query_id;
  std::string_view query;
  const std::vector<ResultView>& views;
  uint64_t matches = 0;
};

void WriteResults(const QueryResults& results, OutputFormat format, HighlightStyle style,
                  std::string* out);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESULT_WRITER_H_
