// ParallelPreparer: documents come back in push order, prepared as one
// thread prepares them, whatever the threads; the documents held stay
// within the bound; dropping the preparer with documents pending stops it.
#include "indexer/parallel_preparer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/str_cat.h"
#include "tests/testing/documents.h"

namespace syndex {
namespace {

// 200 documents of different sizes: the seed corpus, each cut at its own
// length so that workers finish them out of order.
std::vector<RawDocument> Documents() {
  std::vector<RawDocument> docs = testing::SeedDocuments(40);
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].text.resize(docs[i].text.size() * (1 + i % 10) / 10);
  }
  return docs;
}

PreparedDocument PrepareHere(const RawDocument& raw) {
  DocumentAnalyzer analyzer{PassageOptions{}};
  AnalyzedDocument analyzed;
  DocumentPreparer preparer;
  PreparedDocument prepared;
  analyzer.Analyze(raw, &analyzed);
  preparer.Prepare(raw, analyzed, &prepared);
  return prepared;
}

void ExpectSamePrepared(const PreparedDocument& a, const PreparedDocument& b) {
  EXPECT_EQ(a.passages.size(), b.passages.size());
  EXPECT_EQ(a.terms.size(), b.terms.size());
  EXPECT_EQ(a.title_terms.size(), b.title_terms.size());
  EXPECT_EQ(a.outlet_terms.size(), b.outlet_terms.size());
  EXPECT_EQ(a.term_bytes, b.term_bytes);
  EXPECT_EQ(a.position_bytes, b.position_bytes);
  EXPECT_EQ(a.passage_sketches, b.passage_sketches);
  EXPECT_EQ(a.document_sketch, b.document_sketch);
  EXPECT_EQ(a.length, b.length);
  for (size_t i = 0; i < std::min(a.passages.size(), b.passages.size()); ++i) {
    EXPECT_EQ(a.passages[i].content_hash, b.passages[i].content_hash) << "passage " << i;
  }
}

ParallelPreparerOptions WithThreads(uint32_t threads, size_t max_pending_bytes = 8 << 20) {
  ParallelPreparerOptions options;
  options.threads = threads;
  options.max_pending_bytes = max_pending_bytes;
  return options;
}

class ParallelPreparerTest : public ::testing::TestWithParam<uint32_t> {};

TEST_P(ParallelPreparerTest, HandsDocumentsBackInPushOrder) {
  const std::vector<RawDocument> docs = Documents();
  ParallelPreparer preparer(WithThreads(GetParam()));
  std::vector<std::string> ids;
  auto consume = [&] {
    const PreparedEntry& entry = preparer.Front();
    SCOPED_TRACE(StrCat("document ", ids.size()));
    ExpectSamePrepared(entry.prepared, PrepareHere(docs[ids.size()]));
    ids.push_back(entry.raw.id);
    preparer.Pop();
  };
  for (const RawDocument& doc : docs) {
    preparer.Push(doc);
    while (!preparer.empty() && (preparer.full() || preparer.FrontReady())) consume();
  }
  while (!preparer.empty()) consume();
  std::vector<std::string> expected;
  for (const RawDocument& doc : docs) expected.push_back(doc.id);
  EXPECT_EQ(ids, expected);
}

TEST_P(ParallelPreparerTest, PendingDocumentsStayWithinTheBound) {
  const std::vector<RawDocument> docs = Documents();
  const size_t bound = 256 << 10;
  ParallelPreparer preparer(WithThreads(GetParam(), bound));
  size_t most_pending = 0, pending = 0;
  for (const RawDocument& doc : docs) {
    // What a caller does: pop while full, then push.
    while (preparer.full()) {
      preparer.Front();
      preparer.Pop();
      --pending;
    }
    const size_t before = preparer.memory_usage();
    EXPECT_LT(before, bound + GetParam() * (32 << 10)) << "the bound and the threads' scratch";
    preparer.Push(doc);
    most_pending = std::max(most_pending, ++pending);
  }
  if (GetParam() == 1) {
    EXPECT_EQ(most_pending, 1u) << "one thread prepares each document when asked";
  } else {
    EXPECT_GT(most_pending, 2u) << "workers have documents to prepare ahead";
  }
  while (!preparer.empty()) {
    preparer.Front();
    preparer.Pop();
  }
}

TEST_P(ParallelPreparerTest, DroppedWithDocumentsPendingStopsItsWorkers) {
  const std::vector<RawDocument> docs = Documents();
  ParallelPreparer preparer(WithThreads(GetParam()));
  for (size_t i = 0; i < 50; ++i) preparer.Push(docs[i]);
  preparer.Front();  // and the destructor must not wait for the other 49
}

INSTANTIATE_TEST_SUITE_P(Threads, ParallelPreparerTest, ::testing::Values(1u, 2u, 4u),
                         [](const auto& info) { return StrCat(info.param, "threads"); });

TEST(ParallelPreparer, OneThreadPreparesOnTheCallersThreadWhenAsked) {
  const std::vector<RawDocument> docs = Documents();
  ParallelPreparer preparer(WithThreads(1));
  EXPECT_TRUE(preparer.empty());
  EXPECT_FALSE(preparer.full());
  preparer.Push(docs[0]);
  EXPECT_TRUE(preparer.full());
  EXPECT_FALSE(preparer.FrontReady()) << "no worker prepares it";
  const PreparedEntry& entry = preparer.Front();
  EXPECT_TRUE(preparer.FrontReady());
  EXPECT_TRUE(entry.prepared_by_consumer);
  EXPECT_EQ(entry.raw.id, docs[0].id);
  preparer.Pop();
  EXPECT_TRUE(preparer.empty());
}

}  // namespace
}  // namespace syndex
