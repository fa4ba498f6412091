#include "indexer/boilerplate_detector.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace syndex {
namespace {

// Removes one closing quote or bracket from the end of `s`, if there is one.
bool StripCloser(std::string_view* s) {
  static constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "”", "’", "»"};
  for (std::string_view closer : kClosers) {
    if (s->size() >= closer.size() && s->substr(s->size() - closer.size()) == closer) {
      s->remove_suffix(closer.size());
      return true;
    }
  }
  return false;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Distinct articles of each outlet, exact duplicates counted once.
using OutletDocs = absl::flat_hash_map<uint32_t, uint32_t>;
// (outlet, passage text hash) -> distinct articles holding it.
using PassageDocs = absl::flat_hash_map<std::pair<uint32_t, uint64_t>, uint32_t>;

}  // namespace

bool EndsLikeSentence(std::string_view passage) {
  passage = TrimRight(passage);
  for (int closers = 0; closers < 3 && StripCloser(&passage); ++closers) {
    passage = TrimRight(passage);
  }
  return !passage.empty() &&
         (passage.back() == '.' || passage.back() == '!' || passage.back() == '?');
}

// The most tokens on one line of the passage (tokens are in text order).
uint32_t LongestLineWords(const AnalyzedPassage& p, std::string_view source) {
  const std::string_view passage = source.substr(0, p.end);
  uint32_t longest = 0, current = 0;
  size_t scanned = p.start;
  for (const Token& token : p.tokens) {
    if (passage.substr(scanned, token.start - scanned).find('\n') != std::string_view::npos) {
      current = 0;
    }
    scanned = token.start;
    longest = std::max(longest, ++current);
  }
  return longest;
}

std::vector<PassageFeatures> PassageFeaturesOf(const RawDocument& raw,
                                               const AnalyzedDocument& analyzed) {
  std::vector<PassageFeatures> features;
  features.reserve(analyzed.passages.size());
  for (const AnalyzedPassage& p : analyzed.passages) {
    const std::string_view source = p.is_title ? raw.title : raw.text;
    uint64_t hash = 0;
    for (const Token& token : p.tokens) hash = absl::HashOf(hash, token.term);
    features.push_back({hash, LongestLineWords(p, source),
                        EndsLikeSentence(source.substr(p.start, p.end - p.start)), p.is_title});
  }
  return features;
}

void BoilerplateDetector::AddDocument(uint32_t outlet, std::span<const PassageFeatures> passages) {
  uint64_t content_hash = 0;
  for (const PassageFeatures& p : passages) {
    content_hash = absl::HashOf(content_hash, p.text_hash);
    passages_.push_back(p);
  }
  documents_.push_back({outlet, content_hash, passages_.size() - passages.size(), passages.size()});
}

bool BoilerplateDetector::IsEdgeChrome(const PassageFeatures& p) const {
  return !p.is_title && !p.is_sentence && p.words <= options_.max_edge_words;
}

void BoilerplateDetector::MarkEdges(const Document& doc,
                                    std::vector<BoilerplateReason>* reasons) const {
  const PassageFeatures* passages = passages_.data() + doc.first;
  size_t front = 0;
  while (front < doc.count && (passages[front].is_title || IsEdgeChrome(passages[front]))) ++front;
  // Chrome wraps content: an article of nothing but short lines (a list, a
  // verse, a one-line note) is its own content.
  if (front == doc.count) return;
  for (size_t i = 0; i < front; ++i) {
    if (!passages[i].is_title) (*reasons)[i] = BoilerplateReason::kEdgeChrome;
  }
  for (size_t back = doc.count; back > front && IsEdgeChrome(passages[back - 1]); --back) {
    (*reasons)[back - 1] = BoilerplateReason::kEdgeChrome;
  }
}

std::vector<std::vector<BoilerplateReason>> BoilerplateDetector::Detect() const {
  OutletDocs outlet_docs;
  PassageDocs passage_docs;
  absl::flat_hash_set<std::pair<uint32_t, uint64_t>> seen_documents;
  for (const Document& doc : documents_) {
    if (!seen_documents.insert({doc.outlet, doc.content_hash}).second) continue;
    ++outlet_docs[doc.outlet];
    absl::flat_hash_set<uint64_t> in_this_doc;
    for (size_t i = doc.first; i < doc.first + doc.count; ++i) {
      if (in_this_doc.insert(passages_[i].text_hash).second) {
        ++passage_docs[{doc.outlet, passages_[i].text_hash}];
      }
    }
  }
  std::vector<std::vector<BoilerplateReason>> reasons;
  reasons.reserve(documents_.size());
  for (const Document& doc : documents_) {
    std::vector<BoilerplateReason>& r = reasons.emplace_back(doc.count, BoilerplateReason::kNone);
    const double needed = std::max<double>(options_.min_docs,
                                           std::ceil(options_.min_share * outlet_docs[doc.outlet]));
    for (size_t i = 0; i < doc.count; ++i) {
      const PassageFeatures& p = passages_[doc.first + i];
      if (!p.is_title && passage_docs[{doc.outlet, p.text_hash}] >= needed) {
        r[i] = BoilerplateReason::kRepeatedInOutlet;
      }
    }
    MarkEdges(doc, &r);
  }
  return reasons;
}

}  // namespace syndex
