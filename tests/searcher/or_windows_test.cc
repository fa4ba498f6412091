// OrMatcher's windows (searcher/boolean_matchers.h) must never change a
// result: on a synthetic collection large enough for many postings blocks,
// whose words come in bursts (so that block bounds differ a lot from one
// window of ids to the next), random OR queries of 2 to 8 words return the
// same hits, to the bit, with pruning on and off. Unlike
// tests/e2e/pruning_test.cc it needs no corpus, so it runs everywhere.
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/index_writer.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/testing/pruning_check.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace {

using syndex::testing::ScratchDir;

constexpr int kDocuments = 6000;
constexpr int kVocabulary = 2000;
constexpr int kQueries = 300;

// Made-up words that the analyzer keeps as they are ("wq" + base-26 digits).
std::string Word(int n) {
  std::string word = "wq";
  do {
    word.push_back(static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return word;
}

// Documents of 1 to 4 paragraphs of 3 to 80 words. Word ranks follow a
// Zipf-like law; besides, each word is "in the news" for a stretch of
// documents, where it is drawn far more often, so its postings come in
// bursts and its block bounds vary along the list.
std::vector<RawDocument> MakeDocuments() {
  std::mt19937 rng(20261206);
  std::vector<double> weights(kVocabulary);
  for (int w = 0; w < kVocabulary; ++w) weights[w] = 1.0 / (w + 3);
  std::discrete_distribution<int> zipf(weights.begin(), weights.end());
  std::vector<RawDocument> documents;
  for (int d = 0; d < kDocuments; ++d) {
    const int burst = (d / 150) * 37 % kVocabulary;  // this stretch's news words
    RawDocument& raw = documents.emplace_back();
    raw.id = StrCat("d", d);
    raw.outlet = StrCat("outlet", d % 17);
    const int paragraphs = 1 + static_cast<int>(rng() % 4);
    for (int p = 0; p < paragraphs; ++p) {
      const int words = 3 + static_cast<int>(rng() % 78);
      for (int i = 0; i < words; ++i) {
        const int w =
            rng() % 5 == 0 ? (burst + static_cast<int>(rng() % 6)) % kVocabulary : zipf(rng);
        raw.text += Word(w);
        raw.text += i + 1 < words ? " " : ".\n\n";
      }
    }
  }
  return documents;
}

class OrWindows : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    IndexWriterOptions options;
    options.warn = [](std::string_view) {};
    auto writer = IndexWriter::Create(dir_->path(), options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const RawDocument& raw : MakeDocuments()) ASSERT_TRUE((*writer)->Add(raw).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    auto index = IndexReader::Open(dir_->path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = index->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
    index_ = nullptr;
  }

  static ScratchDir* dir_;
  static IndexReader* index_;
};

ScratchDir* OrWindows::dir_ = nullptr;
IndexReader* OrWindows::index_ = nullptr;

TEST_F(OrWindows, SameHitsAsExhaustiveEvaluation) {
  std::mt19937 rng(7);
  std::vector<double> weights(kVocabulary);
  for (int w = 0; w < kVocabulary; ++w) weights[w] = 1.0 / (w + 10);
  std::discrete_distribution<int> pick(weights.begin(), weights.end());
  Searcher searcher(index_);
  int pruned = 0;
  for (int q = 0; q < kQueries; ++q) {
    std::string query;
    const int words = 2 + static_cast<int>(rng() % 7);
    for (int i = 0; i < words; ++i) {
      if (i > 0) query += ' ';
      query += Word(pick(rng));
    }
    SearchOptions options;
    options.k = q % 3 == 0 ? 1 : q % 3 == 1 ? 10 : 50;
    if (q % 4 == 3) options.proximity.weight = 0;
    SCOPED_TRACE(StrCat("query ", q, ": ", query, " k=", options.k));
    const syndex::testing::PrunedAndExhaustive run =
        syndex::testing::ExpectPruningChangesNothing(searcher, query, options);
    EXPECT_GT(run.hits, 0u);
    pruned += run.pruned_matches < run.exhaustive_matches / 2;
  }
  // Most queries must have skipped most units, or this tests little.
  EXPECT_GE(pruned, kQueries / 2);
}

// A word that is essential only early in the ids runs out inside a window
// where the other word's blocks are too weak to matter; that word's best
// passages come much later, in a block of their own. The OR must go on to
// them rather than stop when its essential words run out.
TEST(OrWindowsEnd, WordsThatAreNotEssentialInAWindowAreFollowedPastIt) {
  std::vector<RawDocument> documents;
  // Each text ends in a word of its own, so that none is a copy of another
  // (copies are not ranked).
  auto add = [&](const std::string& text) {
    RawDocument& raw = documents.emplace_back();
    raw.id = StrCat("d", documents.size());
    raw.text = StrCat(text, " ", Word(static_cast<int>(documents.size())), ".");
  };
  for (int i = 0; i < 400; ++i) add("wqdense wqa");  // passages 0-399
  std::string pad;
  for (int i = 0; i < 80; ++i) pad += " wqpad";
  for (int i = 0; i < 256; ++i) add("wqlate" + pad);  // two weak blocks
  for (int i = 0; i < 3000; ++i) add("wqfill wqother");
  for (int i = 0; i < 5; ++i) add("wqlate wqlate wqlate");  // the best, far later
  ScratchDir dir;
  IndexWriterOptions writer_options;
  writer_options.warn = [](std::string_view) {};
  auto writer = IndexWriter::Create(dir.path(), writer_options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const RawDocument& raw : documents) ASSERT_TRUE((*writer)->Add(raw).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto index = IndexReader::Open(dir.path());
  ASSERT_TRUE(index.ok()) << index.status();
  Searcher searcher(index->get());
  for (size_t k : {1, 3, 10}) {
    SCOPED_TRACE(StrCat("k=", k));
    SearchOptions options;
    options.k = k;
    options.proximity.weight = 0;
    const syndex::testing::PrunedAndExhaustive run =
        syndex::testing::ExpectPruningChangesNothing(searcher, "wqdense wqlate", options);
    EXPECT_EQ(run.hits, k);
  }
}

}  // namespace
}  // namespace syndex
