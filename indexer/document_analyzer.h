// File: indexer/document_analyzer.h
//
// Turns a RawDocument into what the segment builder indexes: its passages
// (byte ranges and tokens), and the terms of its title and outlet fields.
//
// The title becomes passage 0 (flagged as the title, its range into the
// title string) unless the text already holds it: starts with it, or has a
// paragraph that is exactly the title, as crawled pages often do (behind a
// site's banner). So a title is searchable once, in both units.
//
// Example:
//   DocumentAnalyzer analyzer(PassageOptions{});
//   AnalyzedDocument analyzed;
//   analyzer.Analyze(raw, &analyzed);
#ifndef SYNDEX_INDEXER_DOCUMENT_ANALYZER_H_
#define SYNDEX_INDEXER_DOCUMENT_ANALYZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/passage_splitter.h"
#include "common/token.h"
#include "indexer/raw_document.h"

namespace syndex {

struct AnalyzedPassage {
  uint32_t start = 0;  // byte range in the text (or title, if is_title)
  uint32_t end = 0;
  bool is_title = false;
  std::vector<Token> tokens;  // positions from 0 within the passage
};

struct AnalyzedDocument {
  std::vector<AnalyzedPassage> passages;  // only passages with tokens
  std::vector<std::string> title_terms;
  std::vector<std::string> outlet_terms;
  uint32_t length = 0;  // tokens in all passages

  void Clear();
};

// Not thread-safe (owns an Analyzer); use one per thread.
class DocumentAnalyzer {
 public:
  explicit DocumentAnalyzer(PassageOptions options) : options_(options) {}

  // Fills *out (reusing its buffers). A document whose text and title hold
  // no token gets no passages; the caller skips it.
  void Analyze(const RawDocument& doc, AnalyzedDocument* out);

  // From now on, passage tokens carry their term's id in `ids`
  // (Analyzer::SetTermIds); title and outlet terms stay strings.
  void SetTermIds(TermIds* ids) { analyzer_.SetTermIds(ids); }

 private:
  bool TextHasTitle(const AnalyzedDocument& out) const;
  AnalyzedPassage* NextPassage(AnalyzedDocument* out);

  PassageOptions options_;
  Analyzer analyzer_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_DOCUMENT_ANALYZER_H_
