// Readers against a writer: searcher threads open and search an index over
// and over while one writer adds, deletes and compacts it. No reader may
// crash or fail, and every answer must come from one committed snapshot:
// each hit is an article that the snapshot's commit holds alive, the hit
// counts are those of that commit, and a reader's own statistics agree
// with its manifest. Run it under ThreadSanitizer (SYNDEX_TSAN=ON,
// docs/RELIABILITY.md) to check for data races too.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "indexer/index_maintenance.h"
#include "indexer/index_writer.h"
#include "searcher/index_follower.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/searcher/search_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace {

constexpr int kReaders = 4;
constexpr int kWriterRounds = 12;
constexpr char kQuery[] = "sanctions OR russia OR \"swift and severe\"";

// What a query must find at one commit: the ids of the articles it hits.
using Answer = std::multiset<std::string>;

Answer Ask(const IndexReader& index, Searcher* searcher) {
  SearchOptions options;
  options.k = 1000;
  options.group = false;
  auto results = searcher->Search(kQuery, options);
  EXPECT_TRUE(results.ok()) << results.status();
  Answer ids;
  if (!results.ok()) return ids;
  for (const Hit& hit : results->hits) {
    const Segment& segment = *index.segments()[hit.segment];
    ids.insert(std::string(segment.documents().Meta(segment.passages().Get(hit.unit).doc).id));
  }
  return ids;
}

// The answers of every commit, by generation, recorded by the writer right
// after it commits (the generation's answer can only be checked once known).
class Answers {
 public:
  void Record(uint64_t generation, Answer answer) {
    std::lock_guard<std::mutex> lock(mutex_);
    answers_[generation] = std::move(answer);
  }
  bool Lookup(uint64_t generation, Answer* answer) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = answers_.find(generation);
    if (it == answers_.end()) return false;
    *answer = it->second;
    return true;
  }

 private:
  mutable std::mutex mutex_;
  std::map<uint64_t, Answer> answers_;
};

absl::Status Write(const std::string& dir, const std::vector<RawDocument>& docs, bool add) {
  IndexWriterOptions options;
  options.threads = 2;
  return search_testing::WriteIndexWith(dir, docs, options, add);
}

// Records the answer of the commit the index now holds.
void RecordAnswer(const std::string& dir, Answers* answers) {
  auto index = IndexReader::Open(dir);
  ASSERT_TRUE(index.ok()) << index.status();
  Searcher searcher(index->get());
  answers->Record((*index)->manifest().generation, Ask(**index, &searcher));
}

TEST(ConcurrencyStress, ReadersSeeWholeCommitsWhileAWriterChangesTheIndex) {
  testing::ScratchDir scratch("syndex_stress");
  const std::string dir = scratch.PathOf("index");
  const std::vector<RawDocument> docs = testing::SeedDocuments(10);  // 50 articles
  ASSERT_TRUE(Write(dir, {docs.begin(), docs.begin() + 10}, false).ok());
  Answers answers;
  RecordAnswer(dir, &answers);

  std::atomic<bool> writing{true};
  std::atomic<int> searches{0}, checked{0}, reopened{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      // Half the readers follow commits; the other half open afresh.
      const bool follow = r % 2 == 0;
      auto follower = IndexFollower::Open(dir, IndexReader::Options());
      ASSERT_TRUE(follower.ok()) << follower.status();
      while (writing.load()) {
        std::unique_ptr<IndexReader> fresh;
        const IndexReader* index = &follower->current();
        if (follow) {
          auto changed = follower->Refresh();
          ASSERT_TRUE(changed.ok()) << changed.status();
          reopened += *changed;
          index = &follower->current();
        } else {
          auto opened = IndexReader::Open(dir);
          ASSERT_TRUE(opened.ok()) << opened.status();
          fresh = std::move(*opened);
          index = fresh.get();
        }
        // The reader's statistics are its manifest's.
        uint64_t documents = 0;
        for (const SegmentInfo& s : index->manifest().segments) documents += s.doc_count;
        ASSERT_EQ(index->stats().documents, documents);
        Searcher searcher(index);
        const Answer answer = Ask(*index, &searcher);
        ++searches;
        Answer expected;
        if (answers.Lookup(index->manifest().generation, &expected)) {
          ASSERT_EQ(answer, expected) << "generation " << index->manifest().generation;
          ++checked;
        }
      }
    });
  }

  // The writer: adds (some replacing articles), deletes and compactions.
  for (int round = 0; round < kWriterRounds; ++round) {
    switch (round % 3) {
      case 0: {
        const size_t begin = 10 + (round / 3) * 8 % 30;
        std::vector<RawDocument> batch(docs.begin() + begin, docs.begin() + begin + 8);
        ASSERT_TRUE(Write(dir, batch, /*add=*/true).ok());
        break;
      }
      case 1: {
        std::vector<std::string> ids;
        for (size_t i = round; i < docs.size(); i += 7) ids.push_back(docs[i].id);
        ASSERT_TRUE(DeleteDocuments(dir, ids).ok());
        break;
      }
      case 2:
        ASSERT_TRUE(CompactIndex(dir, CompactOptions{}).ok());
        break;
    }
    RecordAnswer(dir, &answers);
  }
  writing = false;
  for (std::thread& t : readers) t.join();
  std::cout << searches << " searches, " << checked << " checked against their commit, " << reopened
            << " commits picked up by followers\n";
  EXPECT_GT(searches.load(), kReaders);
  EXPECT_GT(checked.load(), 0);
}

}  // namespace
}  // namespace syndex
