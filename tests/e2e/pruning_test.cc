// Dynamic pruning (MaxScore in OrMatcher, block-max skipping in the
// leaves, thresholds handed down through AND) must never change a result:
// on real news, a few hundred generated queries of every kind are run with
// SearchOptions::exhaustive on and off, under several settings (passages
// and documents, grouped or not, with and without proximity, k from 1 to
// 100), and the hits must be the same units with the same scores to the
// bit, in the same order. The test also checks that pruning did happen, so
// that it cannot pass by pruning nothing.
//
// The corpus is the first kArticles AllSides articles
// (../shared/news/allsides); the test skips when it is absent.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "indexer/index_writer.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/testing/pruning_check.h"
#include "tests/testing/scratch_dir.h"

namespace syndex::e2e {
namespace {

using syndex::testing::ScratchDir;

constexpr const char* kCorpus = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
constexpr size_t kArticles = 2500;
constexpr int kQueries = 360;

// The lower-cased words of letters alone in `text`, in order.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// Queries drawn from the articles' own words, so that they match: common
// words and rare ones mixed, as users type them.
class QueryMaker {
 public:
  explicit QueryMaker(std::vector<std::vector<std::string>> bodies)
      : bodies_(std::move(bodies)), rng_(20261206) {}

  std::string Make(int i) {
    switch (i % 8) {
      case 0:  // 1-3 keywords
        return Join(RandomWords(1 + Pick(3)), " ");
      case 1:  // a long OR, as a pasted headline
        return Join(Consecutive(5 + Pick(6)), " ");
      case 2:  // AND of 2-3 words
        return Join(RandomWords(2 + Pick(2)), " AND ");
      case 3:  // a phrase of 2-3 words
        return StrCat("\"", Join(Consecutive(2 + Pick(2)), " "), "\"");
      case 4:  // every phrasing of 3-4 words
        return StrCat("~\"", Join(Consecutive(3 + Pick(2)), " "), "\"");
      case 5:  // words and a phrase
        return StrCat(Join(RandomWords(2), " "), " \"", Join(Consecutive(2), " "), "\"");
      case 6:  // OR with an exclusion
        return StrCat(Join(RandomWords(3), " "), " -", RandomWords(1)[0]);
      default:  // a nested OR inside AND
        return StrCat(RandomWords(1)[0], " AND (", Join(RandomWords(3), " OR "), ")");
    }
  }

 private:
  size_t Pick(size_t n) { return rng_() % n; }
  const std::vector<std::string>& Body() {
    while (true) {
      const auto& body = bodies_[Pick(bodies_.size())];
      if (body.size() >= 12) return body;
    }
  }
  std::vector<std::string> RandomWords(size_t n) {
    std::vector<std::string> words;
    for (size_t i = 0; i < n; ++i) {
      const auto& body = Body();
      words.push_back(body[Pick(body.size())]);
    }
    return words;
  }
  std::vector<std::string> Consecutive(size_t n) {
    const auto& body = Body();
    const size_t start = Pick(body.size() - n);
    return {body.begin() + start, body.begin() + start + n};
  }
  static std::string Join(const std::vector<std::string>& words, const char* separator) {
    std::string out;
    for (const std::string& w : words) {
      if (!out.empty()) out += separator;
      out += w;
    }
    return out;
  }

  std::vector<std::vector<std::string>> bodies_;
  std::mt19937_64 rng_;
};

class Pruning : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kCorpus)) return;
    dir_ = new ScratchDir();
    auto source = OpenDocumentSource(kCorpus, [](std::string_view) {});
    ASSERT_TRUE(source.ok()) << source.status();
    IndexWriterOptions options;
    options.warn = [](std::string_view) {};
    auto writer = IndexWriter::Create(dir_->path(), options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    std::vector<std::vector<std::string>> bodies;
    RawDocument raw;
    for (size_t n = 0; n < kArticles; ++n) {
      auto more = (*source)->Next(&raw);
      ASSERT_TRUE(more.ok()) << more.status();
      if (!*more) break;
      bodies.push_back(Words(raw.text));
      ASSERT_TRUE((*writer)->Add(raw).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    auto index = IndexReader::Open(dir_->path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = index->release();
    bodies_ = new std::vector<std::vector<std::string>>(std::move(bodies));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete bodies_;
    delete dir_;
    index_ = nullptr;
  }
  void SetUp() override {
    if (index_ == nullptr) GTEST_SKIP() << kCorpus << " is absent (../shared not mounted)";
  }

  static ScratchDir* dir_;
  static IndexReader* index_;
  static std::vector<std::vector<std::string>>* bodies_;
};

ScratchDir* Pruning::dir_ = nullptr;
IndexReader* Pruning::index_ = nullptr;
std::vector<std::vector<std::string>>* Pruning::bodies_ = nullptr;

// The settings a query runs under, varied from query to query.
SearchOptions OptionsFor(int i) {
  SearchOptions options;
  constexpr size_t kKs[] = {1, 10, 10, 100};
  options.k = kKs[i % 4];
  options.unit = i % 5 == 4 ? Unit::kDocument : Unit::kPassage;
  options.group = i % 3 != 2;
  options.include_boilerplate = i % 7 == 6;
  if (i % 6 == 5) options.proximity.weight = 0;
  if (i % 11 == 10) options.proximity.weight = 2;
  return options;
}

TEST_F(Pruning, SameHitsAsExhaustiveEvaluation) {
  QueryMaker maker(*bodies_);
  Searcher searcher(index_);
  int pruned = 0, with_hits = 0, compared_hits = 0;
  for (int i = 0; i < kQueries; ++i) {
    const std::string query = maker.Make(i);
    SearchOptions options = OptionsFor(i);
    SCOPED_TRACE(StrCat("query ", i, ": ", query, " k=", options.k));
    const syndex::testing::PrunedAndExhaustive run =
        syndex::testing::ExpectPruningChangesNothing(searcher, query, options);
    pruned += run.pruned_matches < run.exhaustive_matches;
    with_hits += run.hits > 0;
    compared_hits += static_cast<int>(run.hits);
  }
  std::printf("[pruning] %d queries, %d with hits, %d hits compared, %d pruned\n", kQueries,
              with_hits, compared_hits, pruned);
  EXPECT_GE(with_hits, kQueries * 3 / 4) << "the generated queries should mostly match";
  EXPECT_GE(pruned, kQueries / 4) << "pruning should skip units in many queries";
}

}  // namespace
}  // namespace syndex::e2e
