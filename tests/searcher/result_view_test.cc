// Tests for searcher/result_view.h: each view carries its document's
// metadata and its passage's number, byte range and text; for --unit doc the
// passage shown is the one with the most distinct query words (the earliest
// on ties); highlights are exactly the byte ranges of the query's words
// (stemmed forms included, negated words and phrase words outside the
// phrase excluded). With deduplication: the text of a copy is its
// content's; a passage result describes its group (cluster_id unique across
// segments, every document carrying the group by date, distinct outlets,
// the other texts as variants with word diffs), and a document result its
// near-duplicate cluster (exact duplicates are not variants).
#include "searcher/result_view.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/word_diff.h"
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

// ---------------------------------------------------------------- groups

// A statement carried word for word by AP, Reuters (twice) and, with one
// word changed, by the BBC; and an article alone.
constexpr char kStatement[] =
    "The White House said the United States will respond decisively and impose swift and severe "
    "costs on Russia if it invades.";
constexpr char kVariant[] =
    "The White House said the United States will respond firmly and impose swift and severe "
    "costs on Russia if it invades.";

// Passages: A 0 (title), 1, 2 (the statement); B 3 (a copy), 4; C 5
// (title), 6, 7 (the variant); D 8 (title), 9 (a copy); Z 10.
std::vector<RawDocument> SyndicatedDocs() {
  return {
      Doc("A", "Biden warns Putin",
          StrCat("Officials spoke on Saturday about the call.\n\n", kStatement), "Reuters",
          "2024-03-02"),
      Doc("B", "", StrCat(kStatement, "\n\nThe call lasted an hour."), "AP", "2024-03-01"),
      Doc("C", "Costs for Moscow", StrCat("Markets were calm.\n\n", kVariant), "BBC", "2024-03-03"),
      Doc("D", "Another Reuters story", kStatement, "Reuters", "2024-03-04"),
      Doc("Z", "", "Markets in Asia rose on Monday.")};
}

// The same article by Reuters and (an exact duplicate) Yahoo, and by AFP
// with its title and one word changed. Documents G 0, H 1, I 2.
std::vector<RawDocument> ClusteredDocs() {
  const std::string text =
      "Diplomats met in Geneva for a second round of talks about the security of Europe and the "
      "future of NATO.\n\nThe Russian delegation demanded written guarantees that the alliance "
      "would stop expanding to the east.\n\nAmerican negotiators said some of the proposals "
      "were non-starters but offered talks on missile deployments.\n\nBoth sides agreed to "
      "continue the discussions in Brussels next week with other European partners present.";
  std::string edited = text;
  edited.replace(edited.find("second round"), 12, "new round");
  return {Doc("G", "Talks in Geneva end without a deal", text, "Reuters", "2024-04-01"),
          Doc("H", "Geneva talks end with no deal", edited, "AFP", "2024-04-02"),
          Doc("I", "Talks in Geneva end without a deal", text, "Yahoo", "2024-04-03")};
}

Carrier C(std::string name, std::string date, std::string doc_id) {
  return {std::move(name), std::move(date), std::move(doc_id)};
}

class ResultViewGroupTest : public ::testing::Test {
 protected:
  void Build(const std::vector<std::vector<RawDocument>>& segments) {
    index_.reset();
    const absl::Status written = search_testing::WriteSegmentedIndex(dir_.path(), segments);
    ASSERT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
  }

  std::vector<ResultView> Present(std::string_view query, Unit unit, bool group) {
    Searcher searcher(index_.get());
    SearchOptions options;
    options.unit = unit;
    options.group = group;
    auto results = searcher.Search(query, options);
    EXPECT_TRUE(results.ok()) << results.status();
    if (!results.ok()) return {};
    auto views = PresentResults(*index_, *results, unit, searcher.analyzer());
    EXPECT_TRUE(views.ok()) << views.status();
    return views.ok() ? *views : std::vector<ResultView>{};
  }

  ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
};

// Every document carrying the statement, by date.
const std::vector<Carrier> kStatementCarriers = {
    C("AP", "2024-03-01", "B"), C("Reuters", "2024-03-02", "A"), C("BBC", "2024-03-03", "C"),
    C("Reuters", "2024-03-04", "D")};

TEST_F(ResultViewGroupTest, GroupedPassageListsEveryCarrierAndTheVariant) {
  Build({SyndicatedDocs()});
  const std::vector<ResultView> views = Present("decisively", Unit::kPassage, true);
  ASSERT_EQ(views.size(), 1u);
  const ResultView& v = views[0];
  EXPECT_EQ(v.text, kStatement);
  EXPECT_EQ(v.cluster_id, 2u);  // the group's smallest passage: A's
  EXPECT_EQ(v.outlets, kStatementCarriers);
  EXPECT_EQ(v.outlet_count, 3u);  // Reuters twice
  ASSERT_EQ(v.variants.size(), 1u);
  EXPECT_EQ(v.variants[0].text, kVariant);
  EXPECT_EQ(v.variants[0].outlets, (std::vector<Carrier>{C("BBC", "2024-03-03", "C")}));
  EXPECT_EQ(v.variants[0].diff,
            "The White House said the United States will respond [-decisively-]{+firmly+} and "
            "impose swift and severe costs on Russia if it invades.");
}

TEST_F(ResultViewGroupTest, TheVariantsOfAVariantAreTheOtherTexts) {
  Build({SyndicatedDocs()});
  const std::vector<ResultView> views = Present("firmly", Unit::kPassage, true);
  ASSERT_EQ(views.size(), 1u);
  const ResultView& v = views[0];
  EXPECT_EQ(v.doc_id, "C");
  EXPECT_EQ(v.passage, 2u);
  EXPECT_EQ(v.text, kVariant);
  EXPECT_EQ(v.cluster_id, 2u);
  EXPECT_EQ(v.outlets, kStatementCarriers);
  ASSERT_EQ(v.variants.size(), 1u);
  EXPECT_EQ(v.variants[0].text, kStatement);
  EXPECT_EQ(v.variants[0].outlets,
            (std::vector<Carrier>{C("AP", "2024-03-01", "B"), C("Reuters", "2024-03-02", "A"),
                                  C("Reuters", "2024-03-04", "D")}));
  EXPECT_EQ(v.variants[0].diff,
            "The White House said the United States will respond [-firmly-]{+decisively+} and "
            "impose swift and severe costs on Russia if it invades.");
}

TEST_F(ResultViewGroupTest, UngroupedOccurrencesShowTheirContentsTextAndShareTheGroup) {
  Build({SyndicatedDocs()});
  std::map<std::string, ResultView> by_doc;
  for (ResultView& v : Present("decisively", Unit::kPassage, false)) by_doc[v.doc_id] = v;
  ASSERT_EQ(by_doc.size(), 3u);
  // B's and D's passages are copies: their own stored entries are empty.
  for (const auto& [doc, passage] : std::map<std::string, uint32_t>{{"A", 2}, {"B", 0}, {"D", 1}}) {
    SCOPED_TRACE(doc);
    const ResultView& v = by_doc[doc];
    EXPECT_EQ(v.passage, passage);
    EXPECT_EQ(v.text, kStatement);
    EXPECT_EQ(v.highlights.size(), 1u);
    EXPECT_EQ(v.cluster_id, 2u);
    EXPECT_EQ(v.outlets, kStatementCarriers);
    ASSERT_EQ(v.variants.size(), 1u);
    EXPECT_EQ(v.variants[0].text, kVariant);
  }
  EXPECT_EQ(by_doc["B"].start, 0u);
  EXPECT_EQ(by_doc["B"].end, std::string_view(kStatement).size());
  EXPECT_EQ(by_doc["D"].outlet, "Reuters");
  EXPECT_EQ(by_doc["D"].title, "Another Reuters story");
}

TEST_F(ResultViewGroupTest, APassageAloneIsItsOwnGroup) {
  Build({SyndicatedDocs()});
  const std::vector<ResultView> views = Present("asia", Unit::kPassage, true);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].cluster_id, 10u);
  EXPECT_EQ(views[0].outlets, (std::vector<Carrier>{C("", "", "Z")}));
  EXPECT_EQ(views[0].outlet_count, 1u);
  EXPECT_TRUE(views[0].variants.empty());
}

TEST_F(ResultViewGroupTest, DocumentUnitShowsTheTextOfACopy) {
  Build({SyndicatedDocs()});
  std::map<std::string, ResultView> by_doc;
  for (ResultView& v : Present("decisively", Unit::kDocument, false)) by_doc[v.doc_id] = v;
  ASSERT_TRUE(by_doc.contains("B"));
  EXPECT_EQ(by_doc["B"].passage, 0u);
  EXPECT_EQ(by_doc["B"].text, kStatement);
  ASSERT_TRUE(by_doc.contains("D"));
  EXPECT_EQ(by_doc["D"].passage, 1u);  // after its title
  EXPECT_EQ(by_doc["D"].text, kStatement);
}

TEST_F(ResultViewGroupTest, ClusterIdsCountThePassagesAndDocumentsOfEarlierSegments) {
  // Z (one passage, one document) alone in the first segment.
  std::vector<RawDocument> docs = SyndicatedDocs();
  const RawDocument z = docs.back();
  docs.pop_back();
  Build({{z}, docs});
  ASSERT_EQ(index_->segments().size(), 2u);
  std::vector<ResultView> views = Present("decisively", Unit::kPassage, true);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].cluster_id, 1u + 2u);
  EXPECT_EQ(views[0].outlets, kStatementCarriers);
  views = Present("asia", Unit::kPassage, true);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].cluster_id, 0u);
  views = Present("firmly", Unit::kDocument, false);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].doc_id, "C");
  const DocId cluster = index_->segments()[1]->documents().Get(2).cluster;
  EXPECT_EQ(views[0].cluster_id, 1u + cluster);
}

TEST_F(ResultViewGroupTest, GroupedDocumentListsItsClusterWithoutExactDuplicatesAsVariants) {
  Build({ClusteredDocs()});
  const std::string g_title = "Talks in Geneva end without a deal";
  const std::string h_title = "Geneva talks end with no deal";
  const std::vector<ResultView> views = Present("geneva", Unit::kDocument, true);
  ASSERT_EQ(views.size(), 1u);
  const ResultView& v = views[0];
  EXPECT_EQ(v.cluster_id, 0u);  // G
  EXPECT_EQ(v.outlets,
            (std::vector<Carrier>{C("Reuters", "2024-04-01", "G"), C("AFP", "2024-04-02", "H"),
                                  C("Yahoo", "2024-04-03", "I")}));
  EXPECT_EQ(v.outlet_count, 3u);
  ASSERT_EQ(v.variants.size(), 1u);
  if (v.doc_id == "H") {
    EXPECT_EQ(v.variants[0].text, g_title);
    EXPECT_EQ(v.variants[0].outlets, (std::vector<Carrier>{C("Reuters", "2024-04-01", "G"),
                                                           C("Yahoo", "2024-04-03", "I")}));
  } else {
    EXPECT_EQ(v.variants[0].text, h_title);
    EXPECT_EQ(v.variants[0].outlets, (std::vector<Carrier>{C("AFP", "2024-04-02", "H")}));
  }
  EXPECT_EQ(v.variants[0].diff, WordDiff(v.title, v.variants[0].text));
}

TEST_F(ResultViewGroupTest, UngroupedDocumentsEachDescribeTheirCluster) {
  Build({ClusteredDocs()});
  std::map<std::string, ResultView> by_doc;
  for (ResultView& v : Present("geneva", Unit::kDocument, false)) by_doc[v.doc_id] = v;
  ASSERT_EQ(by_doc.size(), 3u);
  for (const auto& [doc, v] : by_doc) {
    EXPECT_EQ(v.cluster_id, 0u) << doc;
    EXPECT_EQ(v.outlets.size(), 3u) << doc;
    ASSERT_EQ(v.variants.size(), 1u) << doc;
  }
  // G and I are exact duplicates: to each, only H is a variant.
  EXPECT_EQ(by_doc["G"].variants[0].text, "Geneva talks end with no deal");
  EXPECT_EQ(by_doc["G"].variants[0].diff,
            "[-Talks in-] Geneva {+talks+} end [-without a-]{+with no+} deal");
  EXPECT_EQ(by_doc["I"].variants[0].text, "Geneva talks end with no deal");
  EXPECT_EQ(by_doc["H"].variants[0].text, "Talks in Geneva end without a deal");
  EXPECT_EQ(by_doc["H"].variants[0].outlets.size(), 2u);
}

}  // namespace
}  // namespace syndex
