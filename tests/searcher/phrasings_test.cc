// Tests of phrasings queries (~"...") through the Searcher: every class
// found in real text and ranked closest first, exact told from inflected
// by the text, synonyms weighing less, documents taking their closest
// passage's class.
#include <memory>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/phrasing_class.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;

// One document per phrasing class of ~"swift and severe costs", the
// loosest first so that index order never explains the ranking.
std::vector<RawDocument> OnePerClass() {
  return {Doc("synonym", "", "Officials warned of serious consequences."),
          Doc("partial", "", "Officials warned of severe costs."),
          Doc("reordered", "", "The costs were severe and swift, officials said."),
          Doc("gapped", "", "Officials promised swift and very severe costs."),
          Doc("inflected", "", "Officials promised a swift and severe cost."),
          Doc("exact", "", "Officials promised swift and severe costs."),
          Doc("unrelated", "", "Officials said nothing at all.")};
}

class PhrasingsSearch : public ::testing::Test {
 protected:
  void Open(const std::vector<RawDocument>& docs) {
    ASSERT_TRUE(search_testing::WriteIndex(dir_.path(), docs).ok());
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
    searcher_ = std::make_unique<Searcher>(index_.get());
    auto synonyms =
        SynonymMap::Parse("test", "severe, serious\ncost, consequence\n", searcher_->analyzer());
    ASSERT_TRUE(synonyms.ok()) << synonyms.status();
    synonyms_ = std::move(*synonyms);
    options_.group = false;
    options_.synonyms = &synonyms_;
  }

  // (doc id, class) of each hit, best first.
  std::vector<std::pair<std::string, std::string>> Ranking(std::string_view query) {
    auto results = searcher_->Search(query, options_);
    EXPECT_TRUE(results.ok()) << results.status();
    std::vector<std::pair<std::string, std::string>> ranking;
    if (!results.ok()) return ranking;
    for (const Hit& hit : results->hits) {
      const Segment& segment = *index_->segments()[hit.segment];
      const DocId doc =
          options_.unit == Unit::kDocument ? hit.unit : segment.passages().Get(hit.unit).doc;
      ranking.emplace_back(std::string(segment.documents().Meta(doc).id),
                           std::string(PhrasingClassName(ClassOfTier(hit.tier))));
    }
    return ranking;
  }

  search_testing::ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
  std::unique_ptr<Searcher> searcher_;
  SynonymMap synonyms_;
  SearchOptions options_;
};

using Ranked = std::vector<std::pair<std::string, std::string>>;

const Ranked kClassOrder = {{"exact", "exact"},     {"inflected", "inflected"},
                            {"gapped", "gapped"},   {"reordered", "reordered"},
                            {"partial", "partial"}, {"synonym", "synonym-only"}};

TEST_F(PhrasingsSearch, RanksEveryClassClosestFirst) {
  Open(OnePerClass());
  EXPECT_EQ(Ranking("~\"swift and severe costs\""), kClassOrder);
}

TEST_F(PhrasingsSearch, ClassesOutrankBm25) {
  // BM25 alone puts the short passage, which repeats "severe costs", above
  // the long one with the whole phrase; the phrasings query must not.
  Open({Doc("long", "",
            "After a long meeting in the capital the officials, who had argued for hours, "
            "promised swift and severe costs to anyone who broke the agreement."),
        Doc("short", "", "Severe costs, severe costs.")});
  SearchOptions plain_options = options_;
  plain_options.proximity.weight = 0;
  auto plain = searcher_->Search("severe costs", plain_options);
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->hits.size(), 2u);
  EXPECT_EQ(index_->segments()[0]->passages().Get(plain->hits[0].unit).doc, 1u);  // short
  const Ranked ranking = Ranking("~\"swift and severe costs\"");
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(ranking[0], std::make_pair(std::string("long"), std::string("exact")));
  EXPECT_EQ(ranking[1].second, "partial");
}

TEST_F(PhrasingsSearch, PhrasingsFlagReadsTheWholeQueryAsThePhrase) {
  Open(OnePerClass());
  options_.parse.phrasings = true;
  EXPECT_EQ(Ranking("swift and severe costs"), kClassOrder);
}

TEST_F(PhrasingsSearch, WithoutSynonymsTheSynonymOnlyPassageIsNotFound) {
  Open(OnePerClass());
  options_.synonyms = nullptr;
  Ranked expected(kClassOrder.begin(), kClassOrder.end() - 1);
  EXPECT_EQ(Ranking("~\"swift and severe costs\""), expected);
}

TEST_F(PhrasingsSearch, SynonymWeighsLessThanTheUsersWord) {
  Open({Doc("own", "", "They face severe penalties."),
        Doc("synonym", "", "They face serious penalties.")});
  auto results = searcher_->Search("~\"severe\"", options_);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 2u);
  EXPECT_EQ(ClassOfTier(results->hits[0].tier), PhrasingClass::kExact);
  EXPECT_EQ(ClassOfTier(results->hits[1].tier), PhrasingClass::kSynonymOnly);
  // Same length and document frequency: the synonym's BM25 is half.
  EXPECT_NEAR(results->hits[1].score, results->hits[0].score / 2, 1e-4);
}

TEST_F(PhrasingsSearch, DocumentsTakeTheirClosestPassage) {
  std::vector<RawDocument> docs = OnePerClass();
  docs.push_back(Doc("mixed", "",
                     "Officials warned of severe costs.\n\nThey promised swift and severe costs."));
  Open(docs);
  options_.unit = Unit::kDocument;
  const Ranked ranking = Ranking("~\"swift and severe costs\"");
  ASSERT_GE(ranking.size(), 2u);
  EXPECT_EQ(ranking[0].second, "exact");
  EXPECT_EQ(ranking[1].second, "exact");
  EXPECT_EQ(ranking[2].second, "inflected");
}

TEST_F(PhrasingsSearch, CombinesWithOtherOperands) {
  Open(OnePerClass());
  // Excluding "very" drops the gapped passage; the others keep their order.
  Ranked expected = kClassOrder;
  expected.erase(expected.begin() + 2);
  EXPECT_EQ(Ranking("~\"swift and severe costs\" -very"), expected);
}

TEST_F(PhrasingsSearch, SettlingOnlyWhatCanEnterKeepsTheRanking) {
  // Exact and inflected phrasings of many lengths: the searcher reads text
  // only for units that could enter the top k as exact, which must give the
  // first k of the ranking in which every unit's text was read.
  std::vector<RawDocument> docs;
  for (int i = 0; i < 60; ++i) {
    std::string filler;
    for (int j = 0; j < i % 17; ++j) filler += " and then more";
    const char* phrase = i % 3 == 0 ? "swift and severe costs" : "a swift and severe cost";
    docs.push_back(
        Doc(StrCat("d", i), "", StrCat("Officials promised ", phrase, filler, " today.")));
  }
  Open(docs);
  options_.k = docs.size();  // the heap never fills, so every unit is settled
  const Ranked all = Ranking("~\"swift and severe costs\"");
  ASSERT_EQ(all.size(), docs.size());
  EXPECT_EQ(all.front().second, "exact");
  EXPECT_EQ(all.back().second, "inflected");
  for (size_t k : {1, 5, 19, 20, 21, 40}) {
    options_.k = k;
    const Ranked top = Ranking("~\"swift and severe costs\"");
    EXPECT_EQ(top, Ranked(all.begin(), all.begin() + k)) << "k=" << k;
  }
}

}  // namespace
}  // namespace syndex
