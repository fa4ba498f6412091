// File: tests/testing/segment_fixtures.h
//
// Analyzed corpora and segments built from them with SegmentBuilder, for the
// tests of the segment builder and merger; and reading a passage's text back
// from a segment (format v2 stores each distinct text once).
//
// Example:
//   Corpus corpus = LoadSeedCorpus(/*copies=*/2);
//   auto segment = BuildSegment(dir.path(), "seg000001", corpus.Slice(0, 3));
//   auto merged = BuildMergedSegment(dir.path(), "seg000002", corpus, DedupOptions{});
//   absl::StatusOr<std::string> text = PassageText(**merged, passage);
#ifndef SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_
#define SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/segment.h"
#include "gtest/gtest.h"
#include "indexer/dedup_plan.h"
#include "indexer/document_analyzer.h"
#include "indexer/raw_document.h"
#include "indexer/segment_builder.h"
#include "indexer/segment_merger.h"
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

// `docs`, analyzed with the default passage options.
inline Corpus AnalyzeDocuments(std::vector<RawDocument> docs) {
  Corpus corpus;
  DocumentAnalyzer analyzer{PassageOptions{}};
  for (RawDocument& doc : docs) {
    corpus.analyzed.emplace_back();
    analyzer.Analyze(doc, &corpus.analyzed.back());
    corpus.raw.push_back(std::move(doc));
  }
  return corpus;
}

// The seed corpus, repeated `copies` times under distinct ids, analyzed.
inline Corpus LoadSeedCorpus(int copies) { return AnalyzeDocuments(SeedDocuments(copies)); }

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

// Builds segment `name` + "_built" of `corpus`, then merges it alone into
// segment `name` (as IndexWriter::Commit does, so the result has boilerplate
// flags and near-duplicate clusters) and opens that.
inline absl::StatusOr<std::unique_ptr<Segment>> BuildMergedSegment(const std::string& dir,
                                                                   const std::string& name,
                                                                   const Corpus& corpus,
                                                                   const DedupOptions& options) {
  auto built = BuildSegment(dir, name + "_built", corpus);
  if (!built.ok()) return built.status();
  MergeOptions merge;
  merge.dedup = options;
  auto info = MergeSegments({built->get()}, dir, name, merge);
  if (!info.ok()) return info.status();
  return Segment::Open(dir, *info);
}

// `text` with every run of ASCII white space read as one space and none at
// either end: what two passages must share to be copies (indexer/content_hash.h),
// written out here independently of it.
inline std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The text of passage `p` of `segment` as a reader finds it: a title
// passage's range of its document's title; otherwise the stored entry of the
// passage holding its text (ContentOf), or that passage's title range if it
// is a title. For a copy this equals its own text up to white space.
inline absl::StatusOr<std::string> PassageText(const Segment& segment, PassageId p) {
  auto title_range = [&](PassageId title) {
    const PassageRecord r = segment.passages().Get(title);
    const std::string_view t = segment.documents().Meta(r.doc).title;
    if (r.start > r.end || r.end > t.size()) return std::string("<title range out of bounds>");
    return std::string(t.substr(r.start, r.end - r.start));
  };
  if (segment.passages().Get(p).is_title()) return title_range(p);
  const PassageId content = segment.passages().ContentOf(p);
  if (segment.passages().Get(content).is_title()) return title_range(content);
  return segment.stored_text().Get(content);
}

// The text passage `p` of `corpus` was made from (of its title or body).
inline std::string_view SourceText(const Corpus& corpus, DocId doc, const AnalyzedPassage& p) {
  const RawDocument& raw = corpus.raw[doc];
  const std::string_view source = p.is_title ? raw.title : raw.text;
  return source.substr(p.start, p.end - p.start);
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_SEGMENT_FIXTURES_H_
