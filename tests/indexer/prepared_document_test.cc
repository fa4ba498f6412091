// DocumentPreparer: a document's passages as distinct terms with their
// frequencies and encoded positions, its field terms, and its dedup facts,
// checked against the analyzer's output and the dedup functions themselves.
#include "indexer/prepared_document.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/coding.h"
#include "common/format.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/content_hash.h"
#include "indexer/document_analyzer.h"
#include "tests/testing/documents.h"

namespace syndex {
namespace {

// The positions of a prepared term, decoded.
std::vector<Position> DecodePositions(std::string_view bytes) {
  std::vector<Position> positions;
  ByteReader reader(bytes);
  Position position = 0;
  for (uint32_t gap; reader.ReadVarint32(&gap);) positions.push_back(position += gap);
  return positions;
}

struct Prepared {
  AnalyzedDocument analyzed;
  PreparedDocument prepared;
  std::unique_ptr<TermIds> term_ids;  // of prepared's passage terms
};

// With `analyzer_ids`, the analyzer hands out the term ids, as in a build;
// without, the preparer interns every term itself.
Prepared Prepare(const RawDocument& raw, bool analyzer_ids = true) {
  Prepared out;
  out.term_ids = std::make_unique<TermIds>();
  DocumentAnalyzer analyzer{PassageOptions{}};
  if (analyzer_ids) analyzer.SetTermIds(out.term_ids.get());
  DocumentPreparer preparer(out.term_ids.get());
  analyzer.Analyze(raw, &out.analyzed);
  preparer.Prepare(raw, out.analyzed, &out.prepared);
  return out;
}

TEST(DocumentPreparer, PassageTermsAreTheDistinctTermsWithTheirPositions) {
  RawDocument raw;
  raw.id = "a";
  raw.title = "Costs and costs";
  raw.text = "Severe costs, swift costs and severe costs.\n\nNothing else.";
  raw.outlet = "The Wire";
  const Prepared p = Prepare(raw);
  const AnalyzedDocument& analyzed = p.analyzed;
  const PreparedDocument& prepared = p.prepared;
  ASSERT_EQ(prepared.passages.size(), analyzed.passages.size());
  EXPECT_EQ(prepared.length, analyzed.length);
  for (size_t i = 0; i < analyzed.passages.size(); ++i) {
    SCOPED_TRACE(i);
    const AnalyzedPassage& a = analyzed.passages[i];
    const PreparedPassage& b = prepared.passages[i];
    EXPECT_EQ(b.start, a.start);
    EXPECT_EQ(b.end, a.end);
    EXPECT_EQ(b.is_title, a.is_title);
    EXPECT_EQ(b.length, a.tokens.size());
    std::map<std::string, std::vector<Position>> expected;
    for (const Token& token : a.tokens) expected[token.term].push_back(token.position);
    std::map<std::string, std::vector<Position>> actual;
    for (uint32_t t = b.first_term; t < b.first_term + b.term_count; ++t) {
      const PreparedTerm& term = prepared.terms[t];
      const std::string key(prepared.Term(term));
      EXPECT_FALSE(actual.contains(key)) << key << " appears twice";
      actual[key] = DecodePositions(prepared.Positions(term));
      EXPECT_EQ(term.tf, actual[key].size()) << key;
    }
    EXPECT_EQ(actual, expected);
  }
  // "costs" three times in the text's first passage, at positions 1, 3 and 6.
  const PreparedPassage& first = prepared.passages[analyzed.passages[0].is_title ? 1 : 0];
  bool found = false;
  for (uint32_t t = first.first_term; t < first.first_term + first.term_count; ++t) {
    if (prepared.Term(prepared.terms[t]) != "cost") continue;
    found = true;
    EXPECT_EQ(DecodePositions(prepared.Positions(prepared.terms[t])),
              (std::vector<Position>{1, 3, 6}));
  }
  EXPECT_TRUE(found);
}

// Every passage term's id names its term, whether the analyzer gave the
// ids or the preparer interned the terms, and the two prepare the same
// bytes.
TEST(DocumentPreparer, PassageTermIdsNameTheirTerms) {
  const std::vector<RawDocument> docs = testing::SeedDocuments(1);
  for (bool analyzer_ids : {true, false}) {
    SCOPED_TRACE(analyzer_ids);
    const Prepared p = Prepare(docs.front(), analyzer_ids);
    ASSERT_FALSE(p.prepared.terms.empty());
    std::set<uint32_t> ids_of_a_passage;
    for (const PreparedPassage& passage : p.prepared.passages) {
      ids_of_a_passage.clear();
      for (uint32_t t = passage.first_term; t < passage.first_term + passage.term_count; ++t) {
        const PreparedTerm& term = p.prepared.terms[t];
        ASSERT_LT(term.term_id, p.term_ids->size());
        EXPECT_EQ(p.term_ids->TermOf(term.term_id), p.prepared.Term(term));
        EXPECT_TRUE(ids_of_a_passage.insert(term.term_id).second) << "a term twice in a passage";
      }
    }
    const Prepared other = Prepare(docs.front(), !analyzer_ids);
    EXPECT_EQ(p.prepared.term_bytes, other.prepared.term_bytes);
    EXPECT_EQ(p.prepared.position_bytes, other.prepared.position_bytes);
  }
}

TEST(DocumentPreparer, FieldTermsAreDistinctWithTheirCounts) {
  RawDocument raw;
  raw.title = "Costs and costs";
  raw.text = "Some text.";
  raw.outlet = "Wire Wire Service";
  const PreparedDocument prepared = Prepare(raw).prepared;
  std::map<std::string, uint32_t> title, outlet;
  for (const PreparedTerm& t : prepared.title_terms) title[std::string(prepared.Term(t))] = t.tf;
  for (const PreparedTerm& t : prepared.outlet_terms) outlet[std::string(prepared.Term(t))] = t.tf;
  EXPECT_EQ(title, (std::map<std::string, uint32_t>{{"and", 1}, {"cost", 2}}));
  EXPECT_EQ(outlet, (std::map<std::string, uint32_t>{{"servic", 1}, {"wire", 2}}));
  EXPECT_EQ(prepared.title_terms.size(), title.size());
}

TEST(DocumentPreparer, DedupFactsAreThoseOfEachPassage) {
  for (const RawDocument& raw : testing::SeedDocuments(1)) {
    SCOPED_TRACE(raw.id);
    const Prepared p = Prepare(raw);
    size_t signable = 0;
    for (size_t i = 0; i < p.analyzed.passages.size(); ++i) {
      const AnalyzedPassage& a = p.analyzed.passages[i];
      const PreparedPassage& b = p.prepared.passages[i];
      const std::string_view source = a.is_title ? raw.title : raw.text;
      const std::string_view text = source.substr(a.start, a.end - a.start);
      EXPECT_EQ(b.content_hash, ContentHash(text));
      EXPECT_EQ(b.line_words, std::min<uint32_t>(LongestLineWords(a, source), 255));
      EXPECT_EQ(b.ends_sentence, EndsLikeSentence(text));
      EXPECT_EQ(b.signable, !a.is_title && a.tokens.size() >= format::kMinSketchWords);
      signable += b.signable;
    }
    EXPECT_GT(signable, 0u);
    EXPECT_EQ(p.prepared.passage_sketches.size(), signable * format::kPassageSketchBins);
    EXPECT_EQ(p.prepared.document_sketch.size(), format::kDocumentSketchBins);
  }
}

// The index writer splits and hashes each text once, and the run's worker
// analyzes from those passages: the result must be what splitting gives.
TEST(DocumentPreparer, NotedTextPassagesAnalyzeAsSplittingDoes) {
  std::vector<RawDocument> docs = testing::SeedDocuments(1);
  RawDocument wordless_paragraph = docs.front();
  wordless_paragraph.text = " -- \n\n" + wordless_paragraph.text + "\n\n!!";
  docs.push_back(wordless_paragraph);
  for (const RawDocument& raw : docs) {
    SCOPED_TRACE(raw.id);
    const std::vector<TextPassage> noted = SplitTextPassages(raw.text, PassageOptions{});
    ASSERT_FALSE(noted.empty());
    for (const TextPassage& t : noted) {
      EXPECT_EQ(t.content_hash, ContentHash(std::string_view(raw.text).substr(
                                    t.span.start, t.span.end - t.span.start)));
    }
    const Prepared split = Prepare(raw);
    TermIds term_ids;
    DocumentAnalyzer analyzer{PassageOptions{}};
    analyzer.SetTermIds(&term_ids);
    AnalyzedDocument analyzed;
    analyzer.Analyze(raw, noted, &analyzed);
    ASSERT_EQ(analyzed.passages.size(), split.analyzed.passages.size());
    EXPECT_EQ(analyzed.length, split.analyzed.length);
    EXPECT_EQ(analyzed.title_terms, split.analyzed.title_terms);
    for (size_t i = 0; i < analyzed.passages.size(); ++i) {
      const AnalyzedPassage& a = analyzed.passages[i];
      const AnalyzedPassage& b = split.analyzed.passages[i];
      EXPECT_EQ(a.start, b.start);
      EXPECT_EQ(a.end, b.end);
      EXPECT_EQ(a.is_title, b.is_title);
      EXPECT_EQ(a.content_hash.has_value(), !a.is_title) << "noted for text passages only";
      ASSERT_EQ(a.tokens.size(), b.tokens.size());
      for (size_t t = 0; t < a.tokens.size(); ++t) EXPECT_EQ(a.tokens[t].term, b.tokens[t].term);
    }
    DocumentPreparer preparer(&term_ids);
    PreparedDocument prepared;
    preparer.Prepare(raw, analyzed, &prepared);
    ASSERT_EQ(prepared.passages.size(), split.prepared.passages.size());
    for (size_t i = 0; i < prepared.passages.size(); ++i) {
      EXPECT_EQ(prepared.passages[i].content_hash, split.prepared.passages[i].content_hash);
    }
    EXPECT_EQ(prepared.passage_sketches, split.prepared.passage_sketches);
  }
}

// A noted hash is used as it is, not worked out again.
TEST(DocumentPreparer, NotedContentHashIsTaken) {
  const RawDocument raw = testing::SeedDocuments(1).front();
  std::vector<TextPassage> noted = SplitTextPassages(raw.text, PassageOptions{});
  for (size_t i = 0; i < noted.size(); ++i) noted[i].content_hash = 1000 + i;
  TermIds term_ids;
  DocumentAnalyzer analyzer{PassageOptions{}};
  AnalyzedDocument analyzed;
  analyzer.Analyze(raw, noted, &analyzed);
  DocumentPreparer preparer(&term_ids);
  PreparedDocument prepared;
  preparer.Prepare(raw, analyzed, &prepared);
  size_t taken = 0;
  for (const PreparedPassage& passage : prepared.passages) {
    taken += passage.content_hash >= 1000 && passage.content_hash < 1000 + noted.size();
  }
  EXPECT_EQ(taken, noted.size()) << "every seed paragraph has words";
}

TEST(DocumentPreparer, DocumentWithoutWordsHasNoPassages) {
  RawDocument raw;
  raw.text = " -- ... !! ";
  const PreparedDocument prepared = Prepare(raw).prepared;
  EXPECT_TRUE(prepared.passages.empty());
  EXPECT_EQ(prepared.length, 0u);
}

TEST(DocumentPreparer, ReusedBuffersHoldOnlyTheLastDocument) {
  const std::vector<RawDocument> docs = testing::SeedDocuments(1);
  DocumentAnalyzer analyzer{PassageOptions{}};
  TermIds term_ids;
  analyzer.SetTermIds(&term_ids);
  DocumentPreparer preparer(&term_ids);
  AnalyzedDocument analyzed;
  PreparedDocument reused;
  for (const RawDocument& raw : docs) {
    analyzer.Analyze(raw, &analyzed);
    preparer.Prepare(raw, analyzed, &reused);
  }
  const PreparedDocument fresh = Prepare(docs.back()).prepared;
  EXPECT_EQ(reused.term_bytes, fresh.term_bytes);
  EXPECT_EQ(reused.position_bytes, fresh.position_bytes);
  EXPECT_EQ(reused.passage_sketches, fresh.passage_sketches);
  EXPECT_EQ(reused.document_sketch, fresh.document_sketch);
  EXPECT_EQ(reused.passages.size(), fresh.passages.size());
  EXPECT_EQ(reused.terms.size(), fresh.terms.size());
  EXPECT_GE(reused.memory_usage(), reused.term_bytes.size() + reused.position_bytes.size());
}

}  // namespace
}  // namespace syndex
