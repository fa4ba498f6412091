// File: tests/testing/segment_fixtures.h
//
// Analyzed corpora and segments built from them with SegmentBuilder, for the
// tests of the segment builder and merger.
//
// Example:
//   Corpus corpus = LoadSeedCorpus(/*copies=*/2);
//   auto segment = BuildSegment(dir.path(), "seg000001", corpus.Slice(0, 3));
#ifndef SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_
#define SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/segment.h"
#include "gtest/gtest.h"
#include "indexer/document_analyzer.h"
#include "indexer/raw_document.h"
#include "indexer/segment_builder.h"
#include "tests/testing/documents.h"

namespace syndex::testing {

// Documents with their analyses, in the same order.
struct Corpus {
  std::vector<RawDocument> raw;
  std::vector<AnalyzedDocument> analyzed;

  // Documents [begin, end) as a corpus of their own.
  Corpus Slice(size_t begin, size_t end) const {
    return {{raw.begin() + begin, raw.begin() + end},
            {analyzed.begin() + begin, analyzed.begin() + end}};
  }
  void Append(const Corpus& other) {
    raw.insert(raw.end(), other.raw.begin(), other.raw.end());
    analyzed.insert(analyzed.end(), other.analyzed.begin(), other.analyzed.end());
  }
};

// The seed corpus, repeated `copies` times under distinct ids, analyzed.
inline Corpus LoadSeedCorpus(int copies) {
  Corpus corpus;
  DocumentAnalyzer analyzer{PassageOptions{}};
  for (RawDocument& doc : SeedDocuments(copies)) {
    corpus.analyzed.emplace_back();
    analyzer.Analyze(doc, &corpus.analyzed.back());
    corpus.raw.push_back(std::move(doc));
  }
  return corpus;
}

// Builds the segment `name` of `corpus` in `dir` and opens it. With
// `expect_doc_count`, it also expects the builder to count every document.
inline absl::StatusOr<std::unique_ptr<Segment>> BuildSegment(const std::string& dir,
                                                             const std::string& name,
                                                             const Corpus& corpus,
                                                             bool expect_doc_count = false) {
  auto builder = SegmentBuilder::Create(dir, name);
  if (!builder.ok()) return builder.status();
  for (size_t d = 0; d < corpus.raw.size(); ++d) {
    if (absl::Status s = (*builder)->Add(corpus.raw[d], corpus.analyzed[d]); !s.ok()) return s;
  }
  if (expect_doc_count) {
    EXPECT_EQ((*builder)->doc_count(), corpus.raw.size());
  }
  auto info = (*builder)->Finish();
  if (!info.ok()) return info.status();
  return Segment::Open(dir, *info);
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_
