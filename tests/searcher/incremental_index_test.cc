// Adding to, deleting from and compacting an index (indexer/index_writer.h,
// indexer/index_maintenance.h), judged against the index of building the
// same articles at once: add(A, B) must give the files of build(A + B), and
// deleting A from build(A + B) then compacting the files of build(B) (the
// stored text compared entry by entry, since its blocks may be cut
// differently). Before compaction, searches must skip deleted articles,
// and readers keep the snapshot they opened.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "common/document_deletions.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "indexer/index_lock.h"
#include "indexer/index_maintenance.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"
#include "searcher/index_follower.h"
#include "searcher/index_reader.h"
#include "searcher/result_view.h"
#include "searcher/searcher.h"
#include "tests/searcher/search_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;
using testing::ReadFile;
using testing::SeedDocuments;

class IncrementalIndex : public ::testing::Test {
 protected:
  // Seeds 0-4, then copies #1 (5-9) and #2 (10-14): every text of a copy is
  // a copy of a seed's, so deleting the seeds turns copies into contents.
  IncrementalIndex() : docs_(SeedDocuments(3)) {}

  std::string Dir(std::string_view name) const { return scratch_.PathOf(name); }

  static std::vector<RawDocument> Slice(const std::vector<RawDocument>& docs, size_t begin,
                                        size_t end) {
    return {docs.begin() + begin, docs.begin() + end};
  }

  static absl::Status Write(const std::string& dir, const std::vector<RawDocument>& docs, bool add,
                            IndexWriterStats* stats = nullptr) {
    IndexWriterOptions options;
    options.threads = 1;
    return search_testing::WriteIndexWith(dir, docs, options, add, stats);
  }

  static std::vector<std::string> IdsOf(const std::vector<RawDocument>& docs) {
    std::vector<std::string> ids;
    for (const RawDocument& doc : docs) ids.push_back(doc.id);
    return ids;
  }

  // The article ids of every hit of `query` (every occurrence, no pruning).
  static std::multiset<std::string> HitIds(const IndexReader& index, std::string_view query,
                                           Unit unit = Unit::kPassage) {
    Searcher searcher(&index);
    SearchOptions options;
    options.k = 1000;
    options.group = false;
    options.exhaustive = true;
    options.unit = unit;
    auto results = searcher.Search(query, options);
    EXPECT_TRUE(results.ok()) << results.status();
    std::multiset<std::string> ids;
    if (!results.ok()) return ids;
    for (const Hit& hit : results->hits) {
      const Segment& segment = *index.segments()[hit.segment];
      const DocId doc =
          unit == Unit::kPassage ? segment.passages().Get(hit.unit).doc : DocId{hit.unit};
      ids.insert(std::string(segment.documents().Meta(doc).id));
    }
    return ids;
  }

  static std::multiset<std::string> HitIds(const std::string& dir, std::string_view query,
                                           Unit unit = Unit::kPassage) {
    auto index = IndexReader::Open(dir);
    EXPECT_TRUE(index.ok()) << index.status();
    return index.ok() ? HitIds(**index, query, unit) : std::multiset<std::string>{};
  }

  // Expects the one segment of `a` and of `b` to have the same files, and
  // the same stored text entry by entry.
  static void ExpectSameIndex(const std::string& a, const std::string& b) {
    auto left = ReadManifest(a), right = ReadManifest(b);
    ASSERT_TRUE(left.ok() && right.ok());
    ASSERT_EQ(left->segments.size(), 1u);
    ASSERT_EQ(right->segments.size(), 1u);
    SegmentInfo l = left->segments[0], r = right->segments[0];
    EXPECT_EQ(l.doc_count, r.doc_count);
    EXPECT_EQ(l.passage_count, r.passage_count);
    EXPECT_EQ(l.token_count, r.token_count);
    EXPECT_EQ(l.content_count, r.content_count);
    EXPECT_EQ(l.content_token_count, r.content_token_count);
    EXPECT_EQ(l.deleted_count, 0u);
    for (format::FileKind kind : format::kSegmentFileKinds) {
      if (kind == format::FileKind::kStoredText) continue;
      EXPECT_EQ(ReadFile(Segment::FilePath(a, l.name, kind)),
                ReadFile(Segment::FilePath(b, r.name, kind)))
          << format::KindName(kind) << " files differ";
    }
    auto ls = Segment::Open(a, l), rs = Segment::Open(b, r);
    ASSERT_TRUE(ls.ok() && rs.ok());
    ASSERT_EQ((*ls)->stored_text().size(), (*rs)->stored_text().size());
    for (uint32_t e = 0; e < (*ls)->stored_text().size(); ++e) {
      auto lt = (*ls)->stored_text().Get(e), rt = (*rs)->stored_text().Get(e);
      ASSERT_TRUE(lt.ok() && rt.ok());
      EXPECT_EQ(*lt, *rt) << "stored text entry " << e;
    }
    EXPECT_TRUE((*ls)->Verify().ok());
  }

  testing::ScratchDir scratch_{"syndex_incremental"};
  std::vector<RawDocument> docs_;
};

TEST_F(IncrementalIndex, AddGivesTheIndexOfBuildingEverythingAtOnce) {
  ASSERT_TRUE(Write(Dir("whole"), docs_, /*add=*/false).ok());
  // Copies #1 of the seeds arrive in the add: dedup must see them as copies
  // of texts the index holds.
  ASSERT_TRUE(Write(Dir("grown"), Slice(docs_, 0, 7), false).ok());
  IndexWriterStats stats;
  ASSERT_TRUE(Write(Dir("grown"), Slice(docs_, 7, 15), /*add=*/true, &stats).ok());
  EXPECT_EQ(stats.replaced, 0u);
  auto manifest = ReadManifest(Dir("grown"));
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(manifest->generation, 1u);
  ExpectSameIndex(Dir("grown"), Dir("whole"));
}

TEST_F(IncrementalIndex, DeletingAndCompactingGivesTheIndexOfTheRest) {
  ASSERT_TRUE(Write(Dir("rest"), Slice(docs_, 5, 15), false).ok());
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, docs_, false).ok());
  // The seeds hold the texts (and sketches) that their copies point to.
  auto deleted = DeleteDocuments(index, IdsOf(Slice(docs_, 0, 5)));
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->deleted, 5u);
  EXPECT_EQ(deleted->generation, 1u);
  // Before compaction the statistics already leave the deleted articles
  // out: the copies of the deleted seeds count as distinct texts.
  auto stats = ComputeIndexStats(index), rest = ComputeIndexStats(Dir("rest"));
  ASSERT_TRUE(stats.ok() && rest.ok());
  EXPECT_EQ(stats->documents, rest->documents);
  EXPECT_EQ(stats->deleted_documents, 5u);
  EXPECT_EQ(stats->dedup.unique_passages, rest->dedup.unique_passages);
  EXPECT_EQ(stats->dedup.duplicate_passages, rest->dedup.duplicate_passages);
  EXPECT_EQ(stats->dedup.bytes_saved, rest->dedup.bytes_saved);
  EXPECT_EQ(stats->dedup.duplicate_articles, rest->dedup.duplicate_articles);
  EXPECT_EQ(stats->dedup.near_duplicate_article_clusters,
            rest->dedup.near_duplicate_article_clusters);
  auto compacted = CompactIndex(index, CompactOptions{});
  ASSERT_TRUE(compacted.ok()) << compacted.status();
  EXPECT_TRUE(compacted->changed);
  EXPECT_EQ(compacted->documents_dropped, 5u);
  EXPECT_EQ(compacted->documents, 10u);
  ExpectSameIndex(index, Dir("rest"));
}

TEST_F(IncrementalIndex, SearchesSkipDeletedArticlesBeforeCompaction) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, docs_, false).ok());
  ASSERT_TRUE(Write(Dir("rest"), Slice(docs_, 0, 10), false).ok());
  const std::vector<RawDocument> gone = Slice(docs_, 10, 15);
  const std::string query = "sanctions OR \"swift and severe\" OR russia OR costs";
  const std::multiset<std::string> before = HitIds(index, query);
  ASSERT_TRUE(DeleteDocuments(index, IdsOf(gone)).ok());
  const std::multiset<std::string> after = HitIds(index, query);
  for (const RawDocument& doc : gone) {
    EXPECT_TRUE(before.contains(doc.id)) << "the query should match " << doc.id;
    EXPECT_FALSE(after.contains(doc.id)) << doc.id << " was deleted";
  }
  // The same articles match as in an index built without them (scores
  // differ: ranking statistics count deleted articles until compaction).
  EXPECT_EQ(after, HitIds(Dir("rest"), query));
  EXPECT_EQ(HitIds(index, query, Unit::kDocument), HitIds(Dir("rest"), query, Unit::kDocument));
}

TEST_F(IncrementalIndex, GroupsCountOnlyLiveOutlets) {
  const std::string index = Dir("index");
  // Two copies of the seeds, the second under other outlets, so each group
  // of copies is carried by two outlets until the second copy is deleted.
  std::vector<RawDocument> docs = Slice(docs_, 0, 10);
  for (size_t i = 5; i < 10; ++i) docs[i].outlet = "Other Outlet " + std::to_string(i);
  ASSERT_TRUE(Write(index, docs, false).ok());
  auto count_outlets = [&] {
    auto reader = IndexReader::Open(index);
    EXPECT_TRUE(reader.ok());
    Searcher searcher(reader->get());
    SearchOptions options;
    auto results = searcher.Search("\"swift and severe\"", options);
    EXPECT_TRUE(results.ok());
    auto views = PresentResults(**reader, *results, Unit::kPassage, searcher.analyzer(),
                                Presentation::kFull);
    EXPECT_TRUE(views.ok() && !views->empty());
    std::set<std::string> outlets;
    for (const Carrier& c : views->front().outlets) outlets.insert(c.name);
    EXPECT_EQ(outlets.size(), views->front().outlet_count);
    return outlets;
  };
  const std::set<std::string> before = count_outlets();
  ASSERT_TRUE(DeleteDocuments(index, IdsOf(Slice(docs, 5, 10))).ok());
  const std::set<std::string> after = count_outlets();
  EXPECT_GT(before.size(), after.size());
  for (const std::string& outlet : after) EXPECT_EQ(outlet.find("Other Outlet"), std::string::npos);
}

TEST_F(IncrementalIndex, AddReplacesAnArticleWithTheSameId) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  RawDocument replacement = docs_[0];
  replacement.title = "Zebras";
  replacement.text = "A quagga and a zebra walked into the newsroom.";
  IndexWriterStats stats;
  ASSERT_TRUE(Write(index, {replacement}, /*add=*/true, &stats).ok());
  EXPECT_EQ(stats.replaced, 1u);
  auto manifest = ReadManifest(index);
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(manifest->segments[0].doc_count, 5u);
  EXPECT_EQ(HitIds(index, "quagga"), std::multiset<std::string>{docs_[0].id});
  // Nothing of the old article is left under its id.
  std::vector<RawDocument> others = Slice(docs_, 1, 5);
  others.push_back(replacement);
  ASSERT_TRUE(Write(Dir("expected"), others, false).ok());
  EXPECT_EQ(HitIds(index, "sanctions OR russia OR costs"),
            HitIds(Dir("expected"), "sanctions OR russia OR costs"));
}

TEST_F(IncrementalIndex, DeleteCountsWhatItCouldNotDelete) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  auto first = DeleteDocuments(index, {docs_[0].id, "no-such-article"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->deleted, 1u);
  EXPECT_EQ(first->not_found, 1u);
  EXPECT_EQ(first->not_found_examples, std::vector<std::string>{"no-such-article"});
  EXPECT_TRUE(std::filesystem::exists(DeletionsFileName(index + "/seg000002", 1)));
  auto second = DeleteDocuments(index, {docs_[0].id, docs_[1].id});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->deleted, 1u);
  EXPECT_EQ(second->already_deleted, 1u);
  EXPECT_EQ(second->generation, 2u);
  // The deletion file of generation 1 is replaced by that of generation 2.
  EXPECT_FALSE(std::filesystem::exists(DeletionsFileName(index + "/seg000002", 1)));
  EXPECT_TRUE(std::filesystem::exists(DeletionsFileName(index + "/seg000002", 2)));
  // Nothing new to delete: no commit.
  auto third = DeleteDocuments(index, {docs_[0].id});
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->deleted, 0u);
  EXPECT_EQ(ReadManifest(index)->generation, 2u);
  auto manifest = ReadManifest(index);
  EXPECT_EQ(manifest->segments[0].deleted_count, 2u);
}

TEST_F(IncrementalIndex, CompactingACompactIndexChangesNothing) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  auto result = CompactIndex(index, CompactOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->changed);
  EXPECT_EQ(ReadManifest(index)->generation, 0u);
}

TEST_F(IncrementalIndex, DeletingEveryArticleLeavesAnEmptyIndex) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  ASSERT_TRUE(DeleteDocuments(index, IdsOf(Slice(docs_, 0, 5))).ok());
  EXPECT_TRUE(HitIds(index, "sanctions OR russia").empty());
  auto compacted = CompactIndex(index, CompactOptions{});
  ASSERT_TRUE(compacted.ok()) << compacted.status();
  EXPECT_EQ(compacted->documents, 0u);
  auto manifest = ReadManifest(index);
  ASSERT_TRUE(manifest.ok());
  EXPECT_TRUE(manifest->segments.empty());
  EXPECT_TRUE(HitIds(index, "sanctions OR russia").empty());
  // An empty index takes adds.
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 1), /*add=*/true).ok());
  EXPECT_FALSE(HitIds(index, "sanctions OR russia").empty());
}

TEST_F(IncrementalIndex, AddAndDeleteNeedAnIndex) {
  const absl::Status add = Write(Dir("none"), Slice(docs_, 0, 1), /*add=*/true);
  EXPECT_TRUE(absl::IsNotFound(add)) << add;
  EXPECT_FALSE(std::filesystem::exists(Dir("none"))) << "a mistyped directory is not created";
  EXPECT_TRUE(absl::IsNotFound(DeleteDocuments(Dir("none"), {"x"}).status()));
  EXPECT_TRUE(absl::IsNotFound(CompactIndex(Dir("none"), CompactOptions{}).status()));
}

TEST_F(IncrementalIndex, AReaderKeepsItsSnapshot) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, docs_, false).ok());
  auto old_reader = IndexReader::Open(index);
  ASSERT_TRUE(old_reader.ok());
  const std::string query = "sanctions OR russia";
  const std::multiset<std::string> before = HitIds(**old_reader, query);
  ASSERT_TRUE(DeleteDocuments(index, IdsOf(Slice(docs_, 0, 10))).ok());
  ASSERT_TRUE(CompactIndex(index, CompactOptions{}).ok());
  // The old snapshot's files are deleted, but it still reads them.
  EXPECT_FALSE(std::filesystem::exists(index + "/seg000002.dict"));
  EXPECT_EQ(HitIds(**old_reader, query), before);
  EXPECT_LT(HitIds(index, query).size(), before.size());
}

TEST_F(IncrementalIndex, AFollowerPicksUpNewCommits) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  auto follower = IndexFollower::Open(index, IndexReader::Options());
  ASSERT_TRUE(follower.ok());
  auto unchanged = follower->Refresh();
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(*unchanged);
  ASSERT_TRUE(Write(index, Slice(docs_, 5, 10), /*add=*/true).ok());
  auto changed = follower->Refresh();
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_TRUE(*changed);
  EXPECT_EQ(follower->current().manifest().generation, 1u);
  EXPECT_EQ(follower->current().stats().documents, 10u);
  // A commit that cannot be opened leaves the follower where it was.
  ASSERT_TRUE(DeleteDocuments(index, {docs_[0].id}).ok());
  const std::string deletions =
      DeletionsFileName(index + "/" + follower->current().manifest().segments[0].name, 2);
  ASSERT_TRUE(std::filesystem::exists(deletions));
  std::filesystem::remove(deletions);
  EXPECT_FALSE(follower->Refresh().ok());
  EXPECT_EQ(follower->current().manifest().generation, 1u);
}

TEST_F(IncrementalIndex, ADamagedDeletionFileIsRefusedNamingIt) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  ASSERT_TRUE(DeleteDocuments(index, {docs_[1].id}).ok());
  const std::string path = DeletionsFileName(index + "/seg000002", 1);
  std::string bytes = ReadFile(path);
  bytes[format::kHeaderSize + format::kDeletionsPrefixSize] ^= 0x01;  // another document
  testing::WriteFile(path, bytes);
  const absl::Status status = IndexReader::Open(index).status();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
}

TEST_F(IncrementalIndex, OneWriterAtATime) {
  const std::string index = Dir("index");
  ASSERT_TRUE(Write(index, Slice(docs_, 0, 5), false).ok());
  {
    auto lock = IndexLock::Acquire(index);
    ASSERT_TRUE(lock.ok());
    for (const absl::Status& refused :
         {Write(index, Slice(docs_, 5, 6), true), DeleteDocuments(index, {docs_[0].id}).status(),
          CompactIndex(index, CompactOptions{}).status(), Write(index, docs_, false)}) {
      EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
      EXPECT_TRUE(Mentions(refused, "another indexer")) << refused;
      EXPECT_TRUE(Mentions(refused, std::to_string(::getpid()))) << refused;
    }
  }  // the lock is released
  EXPECT_TRUE(DeleteDocuments(index, {docs_[0].id}).ok());
}

}  // namespace
}  // namespace syndex
