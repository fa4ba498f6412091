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
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/passage_splitter.h"
#include "common/token.h"
#include "indexer/raw_document.h"

namespace syndex {

// A passage of a document's text as SplitPassages cuts it, with its
// content hash (content_hash.h). The index writer notes these for every
// document in input order (to tell which texts an earlier run stores) and
// hands them to the run's analyzer, so that neither is worked out twice.
struct TextPassage {
  PassageSpan span;
  uint64_t content_hash = 0;
};

// The text passages of `text`, hashed.
std::vector<TextPassage> SplitTextPassages(std::string_view text, const PassageOptions& options);

struct AnalyzedPassage {
  uint32_t start = 0;  // byte range in the text (or title, if is_title)
  uint32_t end = 0;
  bool is_title = false;
  std::vector<Token> tokens;  // positions from 0 within the passage
  // Its content hash, when the caller knew it (TextPassage).
  std::optional<uint64_t> content_hash;
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
  // The same for a document whose text passages are known already:
  // `passages` must be SplitTextPassages(doc.text) with the same options.
  void Analyze(const RawDocument& doc, std::span<const TextPassage> passages,
               AnalyzedDocument* out);

  // From now on, passage tokens carry their term's id in `ids`
  // (Analyzer::SetTermIds); title and outlet terms stay strings.
  void SetTermIds(TermIds* ids) { analyzer_.SetTermIds(ids); }

 private:
  bool TextHasTitle(const AnalyzedDocument& out) const;
  // Analyzes the text passage [span) of `doc` into a new passage of *out,
  // dropped again if it has no token.
  AnalyzedPassage* AddTextPassage(const RawDocument& doc, PassageSpan span, AnalyzedDocument* out);
  // Clears *out and analyzes the title's and the outlet's terms.
  void StartDocument(const RawDocument& doc, AnalyzedDocument* out);
  // Adds the title as a passage unless the text holds it; counts the tokens.
  void AddTitle(const RawDocument& doc, AnalyzedDocument* out);
  AnalyzedPassage* NextPassage(AnalyzedDocument* out);

  PassageOptions options_;
  Analyzer analyzer_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_DOCUMENT_ANALYZER_H_
