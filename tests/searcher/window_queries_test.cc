// Sloppy phrases and NEAR through the whole searcher: parsed, resolved,
// matched by WindowSource and scored as phrases with a sloppy frequency.
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "searcher/searcher.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;

class WindowQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<RawDocument> docs = {
        Doc("exact", "", "They held peace talks on Monday."),
        Doc("gap", "", "They held peace and unity talks on Monday."),
        Doc("swapped", "", "The talks peace activists wanted failed."),
        Doc("far", "", "Peace was the goal of the long awaited and much delayed talks."),
        Doc("none", "", "Nothing about it at all.")};
    ASSERT_TRUE(search_testing::WriteIndex(dir_.path(), docs).ok());
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
    searcher_ = std::make_unique<Searcher>(index_.get());
    options_.group = false;
    options_.proximity.weight = 0;  // scores of the leaf alone
  }

  // The ids of the matching documents, best first.
  std::vector<std::string> Ids(std::string_view query) {
    auto results = searcher_->Search(query, options_);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status();
    std::vector<std::string> ids;
    if (!results.ok()) return ids;
    const Segment& segment = *index_->segments()[0];
    for (const Hit& hit : results->hits) {
      ids.emplace_back(segment.documents().Meta(segment.passages().Get(hit.unit).doc).id);
    }
    return ids;
  }

  search_testing::ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
  std::unique_ptr<Searcher> searcher_;
  SearchOptions options_;
};

using IdList = std::vector<std::string>;

TEST_F(WindowQueries, SlopAdmitsGapsThenSwaps) {
  EXPECT_EQ(Ids("\"peace talks\""), (IdList{"exact"}));
  EXPECT_EQ(Ids("\"peace talks\"~0"), (IdList{"exact"}));
  // Two words inserted and a swap both cost 2; the shorter passage wins.
  EXPECT_EQ(Ids("\"peace talks\"~1"), (IdList{"exact"}));
  EXPECT_EQ(Ids("\"peace talks\"~2"), (IdList{"exact", "swapped", "gap"}));
  // A wide slop reaches "peace ... talks" eight words apart.
  const IdList wide = Ids("\"peace talks\"~10");
  EXPECT_EQ(wide.size(), 4u);
  EXPECT_EQ(wide[0], "exact");
}

TEST_F(WindowQueries, CloserOccurrencesScoreHigher) {
  auto results = searcher_->Search("\"peace talks\"~2", options_);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 3u);
  EXPECT_GT(results->hits[0].score, results->hits[1].score);
}

TEST_F(WindowQueries, NearIgnoresOrderAndCountsTheWordsBetween) {
  EXPECT_EQ(Ids("peace NEAR/0 talks"), (IdList{"exact", "swapped"}));
  const IdList two = Ids("peace NEAR/2 talks");
  EXPECT_EQ(two.size(), 3u);                      // "peace and unity talks": 2 words between
  EXPECT_EQ(Ids("peace NEAR talks").size(), 4u);  // NEAR is NEAR/10
  EXPECT_TRUE(Ids("peace NEAR/1 monday").empty());
}

TEST_F(WindowQueries, NearCombinesWithOtherOperators) {
  EXPECT_EQ(Ids("peace NEAR/0 talks -activists"), (IdList{"exact"}));
  EXPECT_EQ(Ids("peace NEAR/0 talks AND monday"), (IdList{"exact"}));
}

}  // namespace
}  // namespace syndex
