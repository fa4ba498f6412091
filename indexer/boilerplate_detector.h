// File: indexer/boilerplate_detector.h
//
// Finds the passages of articles that are outlet chrome rather than
// content, from the corpus's own statistics (docs/DEDUP.md):
//  * edge chrome: the run of passages made of short, unpunctuated lines at
//    the very start or end of an article ("[ad_1]", "Source link",
//    "Notify of / Inline Feedbacks / View all comments"), unless the
//    article has nothing else;
//  * repeated chrome: a passage whose text recurs in many articles of the
//    same outlet (newsletter, donation and comment prompts).
// No phrase list is involved, so it works on any outlet and language.
//
// Example:
//   BoilerplateDetector detector(BoilerplateOptions{});
//   for (const auto& doc : docs) detector.AddDocument(doc.outlet, doc.passages);
//   std::vector<std::vector<BoilerplateReason>> reasons = detector.Detect();
#ifndef SYNDEX_INDEXER_BOILERPLATE_DETECTOR_H_
#define SYNDEX_INDEXER_BOILERPLATE_DETECTOR_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "indexer/document_analyzer.h"
#include "indexer/raw_document.h"

namespace syndex {

// What the detector needs to know of one passage.
struct PassageFeatures {
  uint64_t text_hash = 0;    // of the passage's analyzed terms
  uint32_t words = 0;        // analyzed terms in its longest line
  bool is_sentence = false;  // ends with . ! ? (optionally then a closing quote)
  bool is_title = false;     // the article's headline: never chrome
};

enum class BoilerplateReason : uint8_t {
  kNone = 0,
  kEdgeChrome = 1,  // short unpunctuated line at the start or end
  kRepeatedInOutlet = 2,
};

struct BoilerplateOptions {
  // Edge chrome has at most this many words a line. Default: 4.
  uint32_t max_edge_words = 4;
  // Repeated chrome appears in at least this many articles of an outlet...
  // Default: 3.
  uint32_t min_docs = 3;
  // ...and in at least this share of them. Default: 0.02.
  double min_share = 0.02;
};

// The features of every passage of an analyzed article.
std::vector<PassageFeatures> PassageFeaturesOf(const RawDocument& raw,
                                               const AnalyzedDocument& analyzed);

// The most tokens on one line of `p`, whose range is in `source`.
uint32_t LongestLineWords(const AnalyzedPassage& p, std::string_view source);

// Whether `passage` reads as a finished sentence: its last non-space
// character is . ! ? or a closing quote or bracket right after one.
bool EndsLikeSentence(std::string_view passage);

// Not thread-safe. Memory: about 12 bytes a passage.
class BoilerplateDetector {
 public:
  explicit BoilerplateDetector(BoilerplateOptions options) : options_(options) {}

  // Adds the next article: its outlet (any id; articles without an outlet
  // share one) and its passages in order.
  void AddDocument(uint32_t outlet, std::span<const PassageFeatures> passages);

  // For every article added, in order, the reason each passage is
  // boilerplate (kNone for content).
  std::vector<std::vector<BoilerplateReason>> Detect() const;

 private:
  struct Document {
    uint32_t outlet;
    uint64_t content_hash;  // of all its passages: exact duplicates count once
    size_t first;           // into passages_
    size_t count;
  };
  void MarkEdges(const Document& doc, std::vector<BoilerplateReason>* reasons) const;
  bool IsEdgeChrome(const PassageFeatures& p) const;

  BoilerplateOptions options_;
  std::vector<Document> documents_;
  std::vector<PassageFeatures> passages_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_BOILERPLATE_DETECTOR_H_
