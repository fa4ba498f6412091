// File: searcher/result_writer.h
//
// Writes results in the formats of `searcher --format`:
//  * text: a readable block per result (rank, score, outlet, date, id,
//    passage and byte range, title, highlighted snippet); for phrasings
//    queries the phrasing class, coverage and synonyms used; with
//    --explain the score's parts; for grouped
//    results, the outlets that carried the text and how many variants it
//    has, or with `expand` each variant as a word diff;
//  * json: JSON Lines, one object per result with query_id, rank, score,
//    doc_id, outlet, title, date, url, passage, start, end, in_title,
//    snippet, cluster_id, outlets [{name, date, doc_id}], outlet_count and
//    variants [{text, diff, outlets}]; for phrasings queries, phrasing
//    {class, coverage, content_words, synonyms [{word, of}]}; with
//    --explain, explain {parts [{what, value, detail}], multiplier,
//    multiplier_detail, total, matches [{term, word, passage, position,
//    synonym}]};
//  * trec: `qid Q0 docid rank score syndex`, one line per document (a
//    document's best-ranked passage stands for it), for trec_eval.
//
// Example:
//   std::string out;
//   OutputOptions options;
//   options.format = OutputFormat::kJson;
//   WriteResults({"q1", "swift", views, matches}, options, &out);
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

struct OutputOptions {
  OutputFormat format = OutputFormat::kText;
  // Text: how query words are marked in snippets (json always uses
  // brackets).
  HighlightStyle style = HighlightStyle::kBrackets;
  // Text: each result stands for its group (SearchOptions::group), so say
  // which outlets carried it and how many variants it has. Default: true.
  bool grouped = true;
  // Text, with `grouped`: list the variants themselves (--expand).
  bool expand = false;
};

struct QueryResults {
  std::string_view query_id;
  std::string_view query;
  const std::vector<ResultView>& views;
  uint64_t matches = 0;
  // False when pruning skipped units: matches is then a lower bound, and
  // text says "at least N matching".
  bool matches_exact = true;
};

void WriteResults(const QueryResults& results, const OutputOptions& options, std::string* out);

// Text: the explanation of `view` (REQUIRES: it has one): each part of
// the score on a line, the multiplier, the total, and the query words
// found in the text.
void WriteExplanation(const ResultView& view, std::string* out);

// Text: one line per variant of `view`, "   variant i · Outlet (date), ...:
// <word diff against the result's text>"; nothing if it has none.
void WriteVariants(const ResultView& view, std::string* out);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESULT_WRITER_H_
