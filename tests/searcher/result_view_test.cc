// Tests for searcher/result_view.h: each view carries its document's
// metadata and its passage's number, byte range and text; for --unit doc the
// passage shown is the one with the most distinct query words (the earliest
// on ties); highlights are exactly the byte ranges of the query's words
// (stemmed forms included, negated words and phrase words outside the
// phrase excluded).
#include "searcher/result_view.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;
using search_testing::ScratchDir;
using Ranges = std::vector<ByteRange>;

// A (doc 0): title passage 0 "Swift costs" [0, 11); passage 1
//   "Paragraph one about dogs." [0, 25); passage 2 "The cat sat with another
//   cat and a bird." [27, 67); passage 3 "A bird only." [69, 81).
// B (doc 1): passage 0 "cat cat cat." [0, 12); passage 1 "bird and cat
//   together." [14, 36).
// C (doc 2): passage 0 "cat here." [0, 9); passage 1 "bird there." [11, 22).
// D (doc 3): passage 0 "Cats, and CAT." [0, 14).
std::vector<RawDocument> Docs() {
  return {
      Doc("A", "Swift costs",
          "Paragraph one about dogs.\n\nThe cat sat with another cat and a bird.\n\nA bird only.",
          "Reuters", "2024-03-01", "https://example.org/a"),
      Doc("B", "", "cat cat cat.\n\nbird and cat together.", "", "", ""),
      Doc("C", "", "cat here.\n\nbird there."), Doc("D", "", "Cats, and CAT.")};
}

class ResultViewTest : public ::testing::Test {
 protected:
  void SetUp() override { Build({Docs()}); }

  void Build(const std::vector<std::vector<RawDocument>>& groups) {
    const absl::Status written = search_testing::WriteSegmentedIndex(dir_.path(), groups);
    ASSERT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
  }

  // The views of `query`'s top 10, by doc_id (the last view of each).
  std::map<std::string, ResultView> Present(std::string_view query, Unit unit) {
    Searcher searcher(index_.get());
    SearchOptions options;
    options.unit = unit;
    auto results = searcher.Search(query, options);
    EXPECT_TRUE(results.ok()) << results.status();
    if (!results.ok()) return {};
    auto views = PresentResults(*index_, *results, unit, searcher.analyzer());
    EXPECT_TRUE(views.ok()) << views.status();
    if (!views.ok()) return {};
    EXPECT_EQ(views->size(), results->hits.size());
    std::map<std::string, ResultView> by_doc;
    for (size_t i = 0; i < views->size(); ++i) {
      EXPECT_EQ((*views)[i].rank, i + 1);
      EXPECT_EQ((*views)[i].score, results->hits[i].score);
      by_doc[(*views)[i].doc_id] = (*views)[i];
    }
    return by_doc;
  }

  ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
};

TEST_F(ResultViewTest, PassageViewCarriesMetadataRangeAndText) {
  auto views = Present("cat", Unit::kPassage);
  ASSERT_TRUE(views.contains("A"));
  const ResultView& a = views["A"];
  EXPECT_EQ(a.outlet, "Reuters");
  EXPECT_EQ(a.title, "Swift costs");
  EXPECT_EQ(a.date, "2024-03-01");
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.passage, 2u);
  EXPECT_EQ(a.start, 27u);
  EXPECT_EQ(a.end, 67u);
  EXPECT_FALSE(a.in_title);
  EXPECT_EQ(a.text, "The cat sat with another cat and a bird.");
  EXPECT_EQ(a.highlights, (Ranges{{4, 7}, {25, 28}}));
}

TEST_F(ResultViewTest, EmptyMetadataStaysEmpty) {
  auto views = Present("together", Unit::kPassage);
  ASSERT_TRUE(views.contains("B"));
  EXPECT_EQ(views["B"].outlet, "");
  EXPECT_EQ(views["B"].title, "");
  EXPECT_EQ(views["B"].url, "");
  EXPECT_EQ(views["B"].passage, 1u);
  EXPECT_EQ(views["B"].start, 14u);
  EXPECT_EQ(views["B"].end, 36u);
}

TEST_F(ResultViewTest, TitlePassage) {
  auto views = Present("swift", Unit::kPassage);
  ASSERT_EQ(views.size(), 1u);
  const ResultView& a = views["A"];
  EXPECT_TRUE(a.in_title);
  EXPECT_EQ(a.passage, 0u);
  EXPECT_EQ(a.text, "Swift costs");
  EXPECT_EQ(a.start, 0u);
  EXPECT_EQ(a.end, 11u);
  EXPECT_EQ(a.highlights, (Ranges{{0, 5}}));
}

TEST_F(ResultViewTest, HighlightsEveryQueryWord) {
  // Only A's passage 2 and B's passage 1 hold both words.
  auto views = Present("cat AND bird", Unit::kPassage);
  ASSERT_EQ(views.size(), 2u);
  ASSERT_TRUE(views.contains("A"));
  EXPECT_EQ(views["A"].highlights, (Ranges{{4, 7}, {25, 28}, {35, 39}}));
  ASSERT_TRUE(views.contains("B"));
  EXPECT_EQ(views["B"].highlights, (Ranges{{0, 4}, {9, 12}}));
}

TEST_F(ResultViewTest, HighlightsStemmedFormsWithoutPunctuation) {
  // "Cats," and "CAT." analyze to "cat": the ranges cover the words only.
  auto views = Present("cats", Unit::kPassage);
  ASSERT_TRUE(views.contains("D"));
  EXPECT_EQ(views["D"].text, "Cats, and CAT.");
  EXPECT_EQ(views["D"].highlights, (Ranges{{0, 4}, {10, 13}}));
}

TEST_F(ResultViewTest, PhraseWordsAreHighlightedOnlyWhereThePhraseOccurs) {
  // "the cat" occurs at the start of A's passage 2; its second "cat" is not
  // preceded by "the".
  auto views = Present("\"the cat\"", Unit::kPassage);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views["A"].highlights, (Ranges{{0, 3}, {4, 7}}));
}

TEST_F(ResultViewTest, NegatedWordsAreNotHighlighted) {
  // A has "bird" but no "fish", so it matches; "bird" must not be marked.
  auto views = Present("cat -(bird AND fish)", Unit::kDocument);
  ASSERT_TRUE(views.contains("A"));
  EXPECT_EQ(views["A"].passage, 2u);
  EXPECT_EQ(views["A"].highlights, (Ranges{{4, 7}, {25, 28}}));
}

TEST_F(ResultViewTest, DocumentUnitShowsThePassageWithMostDistinctQueryWords) {
  auto views = Present("cat bird", Unit::kDocument);
  // B: passage 0 has "cat" three times, passage 1 has both words.
  ASSERT_TRUE(views.contains("B"));
  EXPECT_EQ(views["B"].passage, 1u);
  EXPECT_EQ(views["B"].text, "bird and cat together.");
  EXPECT_EQ(views["B"].start, 14u);
  EXPECT_EQ(views["B"].end, 36u);
  EXPECT_EQ(views["B"].highlights, (Ranges{{0, 4}, {9, 12}}));
  // A: passage 2 has both words, passage 3 only "bird".
  ASSERT_TRUE(views.contains("A"));
  EXPECT_EQ(views["A"].passage, 2u);
  EXPECT_FALSE(views["A"].in_title);
  // C: one word in each passage: the earliest.
  ASSERT_TRUE(views.contains("C"));
  EXPECT_EQ(views["C"].passage, 0u);
  EXPECT_EQ(views["C"].text, "cat here.");
  EXPECT_EQ(views["C"].highlights, (Ranges{{0, 3}}));
}

TEST_F(ResultViewTest, DocumentUnitCanShowTheTitle) {
  auto views = Present("swift", Unit::kDocument);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_TRUE(views["A"].in_title);
  EXPECT_EQ(views["A"].passage, 0u);
  EXPECT_EQ(views["A"].text, "Swift costs");
}

TEST_F(ResultViewTest, DocumentUnitMatchedByAFieldOnly) {
  // No body word of the query: no passage has any, so the first is shown,
  // without highlights.
  auto views = Present("outlet:reuters", Unit::kDocument);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views["A"].passage, 0u);
  EXPECT_TRUE(views["A"].highlights.empty());
}

TEST_F(ResultViewTest, NoHits) {
  Searcher searcher(index_.get());
  auto results = searcher.Search("zebra", SearchOptions{});
  ASSERT_TRUE(results.ok());
  auto views = PresentResults(*index_, *results, Unit::kPassage, searcher.analyzer());
  ASSERT_TRUE(views.ok());
  EXPECT_TRUE(views->empty());
}

TEST_F(ResultViewTest, ViewsFromSeveralSegments) {
  // Rebuild as two segments: A alone, then B, C and D.
  index_.reset();
  std::vector<RawDocument> docs = Docs();
  ScratchDir other;
  const absl::Status written =
      search_testing::WriteSegmentedIndex(other.path(), {{docs[0]}, {docs[1], docs[2], docs[3]}});
  ASSERT_TRUE(written.ok()) << written;
  auto index = IndexReader::Open(other.path());
  ASSERT_TRUE(index.ok()) << index.status();
  index_ = std::move(*index);
  ASSERT_EQ(index_->segments().size(), 2u);
  auto views = Present("cat bird", Unit::kDocument);
  ASSERT_EQ(views.size(), 4u);
  EXPECT_EQ(views["A"].text, "The cat sat with another cat and a bird.");
  EXPECT_EQ(views["B"].text, "bird and cat together.");
  EXPECT_EQ(views["C"].text, "cat here.");
  EXPECT_EQ(views["D"].text, "Cats, and CAT.");
  EXPECT_EQ(views["A"].outlet, "Reuters");
  EXPECT_EQ(views["B"].outlet, "");
}

}  // namespace
}  // namespace syndex
