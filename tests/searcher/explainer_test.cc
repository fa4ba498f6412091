// Tests of searcher/explainer.h: an explanation's parts add up to the
// score the search gave, for every kind of query, and name the words,
// positions, synonyms and phrasing class behind it.
#include "searcher/explainer.h"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"
#include "tests/searcher/search_test_util.h"
#include "tests/testing/documents.h"

namespace syndex {
namespace {

class ExplainerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new search_testing::ScratchDir();
    auto index = search_testing::WriteAndOpenIndex(dir_->path(), testing::SeedDocuments(2));
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = index->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  void SetUp() override {
    searcher_ = std::make_unique<Searcher>(index_);
    auto synonyms =
        SynonymMap::Parse("test", "severe, serious\ncost, consequence\n", searcher_->analyzer());
    ASSERT_TRUE(synonyms.ok());
    synonyms_ = std::move(*synonyms);
    options_.synonyms = &synonyms_;
  }

  // Explains every hit of `query` and checks each total against its score.
  std::vector<Explanation> ExplainAll(std::string_view query) {
    auto results = searcher_->Search(query, options_);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status();
    std::vector<Explanation> explanations;
    if (!results.ok()) return explanations;
    EXPECT_FALSE(results->hits.empty()) << query;
    for (const Hit& hit : results->hits) {
      auto e = ExplainHit(*index_, results->query, hit, options_, searcher_->analyzer());
      EXPECT_TRUE(e.ok()) << e.status();
      if (!e.ok()) continue;
      EXPECT_NEAR(e->Total(), hit.score, 1e-4 * std::max(1.0f, hit.score)) << query;
      EXPECT_FALSE(e->parts.empty()) << query;
      explanations.push_back(std::move(*e));
    }
    return explanations;
  }

  static search_testing::ScratchDir* dir_;
  static IndexReader* index_;
  std::unique_ptr<Searcher> searcher_;
  SynonymMap synonyms_;
  SearchOptions options_;
};

search_testing::ScratchDir* ExplainerTest::dir_ = nullptr;
IndexReader* ExplainerTest::index_ = nullptr;

const char* const kQueries[] = {
    "putin",
    "swift severe costs",
    "\"severe costs\"",
    "\"putin biden\"~3",
    "biden NEAR/5 putin",
    "sanction* AND russia",
    "ukraine -hysteria",
    "title:putin talks",
    "outlet:jazeera russia",
    "~\"swift and severe costs\"",
};

TEST_F(ExplainerTest, PartsAddUpToTheScoreForPassages) {
  for (const char* query : kQueries) ExplainAll(query);
}

TEST_F(ExplainerTest, PartsAddUpToTheScoreForDocumentsWithOutletsAndNoProximity) {
  options_.unit = Unit::kDocument;
  options_.outlet_weight = 0.5;
  for (const char* query : kQueries) ExplainAll(query);
  options_.proximity.weight = 0;
  options_.unit = Unit::kPassage;
  for (const char* query : kQueries) ExplainAll(query);
}

TEST_F(ExplainerTest, NamesTheWordsTheirPositionsAndThePhrasing) {
  const std::vector<Explanation> all = ExplainAll("~\"swift and severe costs\"");
  ASSERT_FALSE(all.empty());
  const Explanation& top = all[0];
  EXPECT_EQ(top.phrasing, "exact");
  EXPECT_DOUBLE_EQ(top.coverage, 3);
  // "swift", "severe" and "costs" in a row (and "and" between the first two).
  std::vector<std::string> words;
  for (const WordMatch& m : top.matches) words.push_back(m.word);
  const std::vector<std::string> phrase = {"swift", "and", "severe", "costs"};
  EXPECT_NE(std::search(words.begin(), words.end(), phrase.begin(), phrase.end()), words.end());
  bool proximity = false;
  for (const ScorePart& part : top.parts) proximity |= part.what.rfind("proximity", 0) == 0;
  EXPECT_TRUE(proximity);
}

TEST_F(ExplainerTest, ShowsSynonymsAsSuch) {
  bool synonym_part = false, synonym_word = false;
  for (const Explanation& e : ExplainAll("~\"swift and severe costs\"")) {
    for (const ScorePart& part : e.parts) synonym_part |= part.what.rfind("synonym", 0) == 0;
    for (const WordMatch& m : e.matches) synonym_word |= m.synonym;
  }
  options_.k = 100;
  for (const Explanation& e : ExplainAll("~\"swift and severe costs\"")) {
    for (const ScorePart& part : e.parts) synonym_part |= part.what.rfind("synonym", 0) == 0;
    for (const WordMatch& m : e.matches) synonym_word |= m.synonym;
  }
  EXPECT_TRUE(synonym_part);
  EXPECT_TRUE(synonym_word);
}

}  // namespace
}  // namespace syndex
