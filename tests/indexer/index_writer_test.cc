#include "indexer/index_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_stats.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/segment_fixtures.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;
using testing::SeedDocuments;
using testing_internal::ScratchDir;
using testing_internal::Warnings;

IndexWriterOptions WithBudget(size_t bytes) {
  IndexWriterOptions options;
  options.memory_budget = bytes;
  return options;
}

// Builds and commits an index of `docs` in `dir`; returns the writer stats.
IndexWriterStats BuildIndex(const std::string& dir, const std::vector<RawDocument>& docs,
                            IndexWriterOptions options) {
  auto writer = IndexWriter::Create(dir, std::move(options));
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return {};
  for (const RawDocument& doc : docs) EXPECT_TRUE((*writer)->Add(doc).ok());
  EXPECT_TRUE((*writer)->Commit().ok());
  return (*writer)->stats();
}

std::set<std::string> ListDirectory(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// The names a committed index may hold: MANIFEST, LOCK and the files of
// the manifest's segments.
std::set<std::string> ExpectedFiles(const Manifest& manifest) {
  std::set<std::string> names = {std::string(format::kManifestName), "LOCK"};
  for (const SegmentInfo& s : manifest.segments) {
    for (format::FileKind kind : format::kSegmentFileKinds) {
      names.insert(s.name + std::string(format::Extension(kind)));
    }
  }
  return names;
}

// Each passage of document `d` of `segment` reads back (PassageText) as the
// range of `doc`'s text or title it was made from, up to white space; and
// the document is `doc`'s.
void ExpectDocumentText(const Segment& segment, DocId d, const RawDocument& doc) {
  SCOPED_TRACE(StrCat("document ", d, " (", doc.id, ")"));
  EXPECT_EQ(segment.documents().Meta(d).id, doc.id);
  const DocumentRecord r = segment.documents().Get(d);
  ASSERT_GT(r.passage_count, 0u);
  for (PassageId p = r.first_passage; p < r.first_passage + r.passage_count; ++p) {
    const PassageRecord record = segment.passages().Get(p);
    const std::string& source = record.is_title() ? doc.title : doc.text;
    ASSERT_LE(record.end, source.size()) << "passage " << p;
    auto text = testing::PassageText(segment, p);
    ASSERT_TRUE(text.ok()) << text.status();
    EXPECT_EQ(testing::NormalizeSpace(*text),
              testing::NormalizeSpace(source.substr(record.start, record.end - record.start)))
        << "passage " << p;
  }
}

std::unique_ptr<Segment> OpenOnlySegment(const std::string& dir) {
  auto manifest = ReadManifest(dir);
  EXPECT_TRUE(manifest.ok()) << manifest.status();
  if (!manifest.ok()) return nullptr;
  EXPECT_EQ(manifest->segments.size(), 1u);
  if (manifest->segments.size() != 1) return nullptr;
  auto segment = Segment::Open(dir, manifest->segments[0]);
  EXPECT_TRUE(segment.ok()) << segment.status();
  return segment.ok() ? std::move(*segment) : nullptr;
}

struct Postings {
  std::vector<uint32_t> ids;
  std::vector<TermFreq> tfs;
  std::vector<Position> positions;  // all postings' positions, concatenated
};

Postings ReadPostings(const Segment& segment, const DictionaryEntry& entry) {
  Postings out;
  std::optional<TermInfo> info = segment.dictionary().Find(entry.field, entry.term);
  EXPECT_TRUE(info.has_value()) << entry.term;
  if (!info) return out;
  for (PostingsCursor c = segment.Cursor(*info); c.id() != kEndId; c.Next()) {
    out.ids.push_back(c.id());
    out.tfs.push_back(c.tf());
    if (entry.field != format::Field::kBody) continue;
    for (Position p : c.Positions()) out.positions.push_back(p);
  }
  return out;
}

void ExpectSameCounts(const IndexStats& a, const IndexStats& b) {
  EXPECT_EQ(a.segments, b.segments);
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.passages, b.passages);
  EXPECT_EQ(a.tokens, b.tokens);
  EXPECT_EQ(a.outlets, b.outlets);
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.body_terms, b.body_terms);
  EXPECT_EQ(a.postings, b.postings);
}

// Compares the postings of every 40th term and of the longest list.
void ExpectSamplePostingsEqual(const Segment& a, const Segment& b) {
  const TermDictionary& dict = a.dictionary();
  ASSERT_GT(dict.size(), 0u);
  std::vector<size_t> sample;
  size_t longest = 0;
  for (size_t i = 0; i < dict.size(); ++i) {
    if (i % 40 == 0 || i + 1 == dict.size()) sample.push_back(i);
    if (dict.Entry(i).info.doc_freq > dict.Entry(longest).info.doc_freq) longest = i;
  }
  sample.push_back(longest);
  for (size_t i : sample) {
    const DictionaryEntry entry = dict.Entry(i);
    const Postings x = ReadPostings(a, entry), y = ReadPostings(b, entry);
    EXPECT_EQ(x.ids, y.ids) << entry.term;
    EXPECT_EQ(x.tfs, y.tfs) << entry.term;
    EXPECT_EQ(x.positions, y.positions) << entry.term;
  }
}

TEST(IndexWriter, TinyBudgetGivesTheSameIndexAsOneSegment) {
  ScratchDir dir;
  const std::vector<RawDocument> docs = SeedDocuments(6);
  const std::string tiny = dir.PathOf("tiny"), roomy = dir.PathOf("roomy");
  const IndexWriterStats tiny_stats = BuildIndex(tiny, docs, WithBudget(64 << 10));
  const IndexWriterStats roomy_stats = BuildIndex(roomy, docs, IndexWriterOptions{});
  EXPECT_GT(tiny_stats.segments_flushed, 2u) << "the budget should force several flushes";
  EXPECT_EQ(roomy_stats.segments_flushed, 1u);
  EXPECT_EQ(tiny_stats.documents, docs.size());
  // Every copy of an earlier segment's text was left out when its segment
  // was built: the merge recompressed no stored text block to drop one.
  EXPECT_EQ(tiny_stats.stored_blocks_rewritten, 0u);

  auto a = ComputeIndexStats(tiny);
  auto b = ComputeIndexStats(roomy);
  ASSERT_TRUE(a.ok() && b.ok()) << a.status() << b.status();
  EXPECT_EQ(a->segments, 1u) << "Commit merges the flushed segments into one";
  EXPECT_EQ(a->documents, docs.size());
  ExpectSameCounts(*a, *b);
  EXPECT_TRUE(VerifyIndex(tiny).ok()) << VerifyIndex(tiny);

  // Both commits merged all the documents' segments: dedup decided over
  // all of them is the same however they were flushed.
  EXPECT_EQ(a->dedup.duplicate_articles, b->dedup.duplicate_articles);
  EXPECT_EQ(a->dedup.duplicate_passages, b->dedup.duplicate_passages);
  EXPECT_EQ(a->dedup.unique_passages, b->dedup.unique_passages);
  EXPECT_EQ(a->dedup.boilerplate_passages, b->dedup.boilerplate_passages);
  EXPECT_EQ(a->dedup.near_duplicate_passage_clusters, b->dedup.near_duplicate_passage_clusters);
  EXPECT_EQ(a->dedup.near_duplicate_article_clusters, b->dedup.near_duplicate_article_clusters);
  EXPECT_EQ(a->dedup.bytes_saved, b->dedup.bytes_saved);
  // Six copies of five articles: five distinct ones.
  EXPECT_EQ(a->dedup.duplicate_articles, docs.size() - 5);

  auto x = OpenOnlySegment(tiny), y = OpenOnlySegment(roomy);
  ASSERT_TRUE(x && y);
  ExpectSamplePostingsEqual(*x, *y);
  for (DocId d = 0; d < x->documents().size(); d += 7) ExpectDocumentText(*x, d, docs[d]);
  // The tiny build's copies of earlier segments' texts were dropped from
  // its stored text: it is no bigger than the roomy build's.
  EXPECT_EQ(x->stored_text().size(), y->stored_text().size());
  for (PassageId p = 0; p < x->stored_text().size(); p += 3) {
    EXPECT_EQ(*x->stored_text().Get(p), *y->stored_text().Get(p)) << "passage " << p;
  }
}

TEST(IndexWriter, CommitMergesEvenASingleSegment) {
  ScratchDir dir;
  const std::vector<RawDocument> docs = SeedDocuments(2);
  const IndexWriterStats stats = BuildIndex(dir.path(), docs, IndexWriterOptions{});
  EXPECT_EQ(stats.segments_flushed, 1u);
  auto manifest = ReadManifest(dir.path());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  ASSERT_EQ(manifest->segments.size(), 1u);
  EXPECT_EQ(manifest->segments[0].name, "seg000002") << "seg000001 was flushed, then merged";
  EXPECT_EQ(ListDirectory(dir.path()), ExpectedFiles(*manifest));
  EXPECT_TRUE(ListDirectory(dir.path()).contains("seg000002.dup"));
  auto segment = OpenOnlySegment(dir.path());
  ASSERT_NE(segment, nullptr);
  EXPECT_TRUE(segment->Verify().ok()) << segment->Verify();
  // What only the merge decides: boilerplate ("[ad_1]" ... "Source link" in
  // corpus/002) and duplicate documents (the second copy of each article).
  uint32_t edge_chrome = 0;
  for (PassageId p = 0; p < segment->passages().size(); ++p) {
    edge_chrome += (segment->passages().Get(p).flags & format::kPassageEdgeChrome) != 0;
  }
  EXPECT_GT(edge_chrome, 0u);
  for (DocId d = 5; d < 10; ++d) {
    EXPECT_EQ(segment->documents().Get(d).canonical, d - 5) << "document " << d;
    EXPECT_EQ(segment->documents().Get(d).cluster, d - 5) << "document " << d;
  }
  EXPECT_GT(stats.dedup_seconds, 0.0);
}

TEST(IndexWriter, CommitLeavesOnlyTheManifestsFiles) {
  ScratchDir dir;
  BuildIndex(dir.path(), SeedDocuments(2), WithBudget(64 << 10));
  auto manifest = ReadManifest(dir.path());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_EQ(ListDirectory(dir.path()), ExpectedFiles(*manifest));
}

TEST(IndexWriter, SecondWriterIsRefusedWhileTheFirstLives) {
  ScratchDir dir;
  auto first = IndexWriter::Create(dir.path(), IndexWriterOptions{});
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = IndexWriter::Create(dir.path(), IndexWriterOptions{});
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  EXPECT_TRUE(Mentions(second.status(), "another indexer")) << second.status();
  EXPECT_TRUE(Mentions(second.status(), dir.path())) << second.status();
  first->reset();  // releases the lock
  auto third = IndexWriter::Create(dir.path(), IndexWriterOptions{});
  EXPECT_TRUE(third.ok()) << third.status();
}

TEST(IndexWriter, CreateMakesTheDirectory) {
  ScratchDir dir;
  const std::string index = dir.PathOf("new_index");
  BuildIndex(index, SeedDocuments(1), IndexWriterOptions{});
  auto stats = ComputeIndexStats(index);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->documents, 5u);
  EXPECT_EQ(stats->generation, 0u);
}

TEST(IndexWriter, AbandonedBuildLeavesThePreviousCommitIntact) {
  ScratchDir dir;
  const std::vector<RawDocument> docs = SeedDocuments(4);
  const std::vector<RawDocument> first_three(docs.begin(), docs.begin() + 3);
  BuildIndex(dir.path(), first_three, IndexWriterOptions{});
  auto committed = ReadManifest(dir.path());
  ASSERT_TRUE(committed.ok());
  const std::set<std::string> committed_files = ListDirectory(dir.path());

  {  // A build that flushes segments and is then dropped without Commit.
    auto writer = IndexWriter::Create(dir.path(), WithBudget(64 << 10));
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const RawDocument& doc : docs) ASSERT_TRUE((*writer)->Add(doc).ok());
    ASSERT_GT((*writer)->stats().segments_flushed, 0u);
  }
  const std::set<std::string> after_abandon = ListDirectory(dir.path());
  ASSERT_GT(after_abandon.size(), committed_files.size()) << "the abandoned build wrote files";
  auto manifest = ReadManifest(dir.path());
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(*manifest, *committed);
  EXPECT_TRUE(VerifyIndex(dir.path()).ok()) << VerifyIndex(dir.path());
  auto stats = ComputeIndexStats(dir.path());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3u);

  BuildIndex(dir.path(), docs, IndexWriterOptions{});
  auto next = ReadManifest(dir.path());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->generation, committed->generation + 1);
  EXPECT_EQ(ListDirectory(dir.path()), ExpectedFiles(*next)) << "leftovers are removed";
  for (const SegmentInfo& s : next->segments) {
    for (const SegmentInfo& old : committed->segments) EXPECT_NE(s.name, old.name);
  }
  EXPECT_TRUE(VerifyIndex(dir.path()).ok());
  EXPECT_EQ(ComputeIndexStats(dir.path())->documents, docs.size());
}

TEST(IndexWriter, DuplicateIdsAreSkippedWithAWarning) {
  ScratchDir dir;
  std::vector<RawDocument> docs = SeedDocuments(1);
  RawDocument duplicate = docs[1];
  duplicate.text = "A different text under the same id.";
  duplicate.origin = "second.jsonl:7";
  docs.push_back(duplicate);
  Warnings warnings;
  IndexWriterOptions options;
  options.warn = warnings.sink();
  const IndexWriterStats stats = BuildIndex(dir.path(), docs, options);
  EXPECT_EQ(stats.documents, 5u);
  EXPECT_EQ(stats.skipped, 1u);
  ASSERT_EQ(warnings.list().size(), 1u);
  EXPECT_NE(warnings.list()[0].find("second.jsonl:7"), std::string::npos) << warnings.list()[0];
  EXPECT_NE(warnings.list()[0].find("duplicate document id \"" + docs[1].id + "\""),
            std::string::npos)
      << warnings.list()[0];
  auto segment = OpenOnlySegment(dir.path());
  ASSERT_NE(segment, nullptr);
  ASSERT_EQ(segment->documents().size(), 5u);
  ExpectDocumentText(*segment, 1, docs[1]);  // the first one is kept
  for (PassageId p = 0; p < segment->passages().size(); ++p) {
    EXPECT_NE(*testing::PassageText(*segment, p), duplicate.text) << "passage " << p;
  }
}

TEST(IndexWriter, DocumentWithoutWordsIsSkipped) {
  ScratchDir dir;
  std::vector<RawDocument> docs = SeedDocuments(1);
  RawDocument empty;
  empty.id = "empty";
  empty.text = " -- ... !! ";
  empty.origin = "empty.txt";
  docs.insert(docs.begin() + 2, empty);
  Warnings warnings;
  IndexWriterOptions options;
  options.warn = warnings.sink();
  const IndexWriterStats stats = BuildIndex(dir.path(), docs, options);
  EXPECT_EQ(stats.documents, 5u);
  EXPECT_EQ(stats.skipped, 1u);
  ASSERT_EQ(warnings.list().size(), 1u);
  EXPECT_NE(warnings.list()[0].find("empty.txt"), std::string::npos) << warnings.list()[0];
  EXPECT_NE(warnings.list()[0].find("no words"), std::string::npos) << warnings.list()[0];
}

TEST(IndexWriter, CommitWithoutDocumentsWritesAnEmptyIndex) {
  ScratchDir dir;
  BuildIndex(dir.path(), {}, IndexWriterOptions{});
  auto manifest = ReadManifest(dir.path());
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  EXPECT_TRUE(manifest->segments.empty());
  EXPECT_TRUE(VerifyIndex(dir.path()).ok());
  EXPECT_EQ(ComputeIndexStats(dir.path())->documents, 0u);
}

TEST(IndexWriter, RebuildReplacesThePreviousIndex) {
  ScratchDir dir;
  const std::vector<RawDocument> docs = SeedDocuments(1);
  BuildIndex(dir.path(), docs, IndexWriterOptions{});
  BuildIndex(dir.path(), {docs[4]}, IndexWriterOptions{});
  auto stats = ComputeIndexStats(dir.path());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1u);
  EXPECT_EQ(stats->generation, 1u);
  auto manifest = ReadManifest(dir.path());
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(ListDirectory(dir.path()), ExpectedFiles(*manifest));
}

// ---- Threads: the index does not depend on them (issue 5).

// The bytes of every file of the index in `dir` but LOCK, by name.
std::map<std::string, std::string> IndexFiles(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const std::string& name : ListDirectory(dir)) {
    if (name != "LOCK") files[name] = testing::ReadFile(dir + "/" + name);
  }
  return files;
}

IndexWriterOptions WithThreads(uint32_t threads, size_t budget, WarningSink warn = nullptr) {
  IndexWriterOptions options = WithBudget(budget);
  options.threads = threads;
  options.warn = std::move(warn);
  return options;
}

// 200 documents of the seed corpus, each made distinct by a sentence of its
// own (and 10 more exact copies of earlier ones), so that the build has
// copies within and across segments, near duplicates and boilerplate.
std::vector<RawDocument> VariedSeedDocuments() {
  std::vector<RawDocument> docs = SeedDocuments(40);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i % 20 == 19) continue;  // an exact copy under another id
    StrAppend(&docs[i].text, "\n\nReport number ", i, " was filed from desk ", i % 7, ".");
  }
  return docs;
}

// Builds `docs` with 1, 2 and 4 threads at each budget and expects the
// same files, byte for byte, and a valid index.
void ExpectSameIndexWhateverTheThreads(const std::vector<RawDocument>& docs,
                                       const std::vector<size_t>& budgets) {
  ScratchDir dir;
  for (size_t budget : budgets) {
    SCOPED_TRACE(StrCat("budget ", budget));
    const std::string one = dir.PathOf(StrCat("t1_", budget));
    const IndexWriterStats reference = BuildIndex(one, docs, WithThreads(1, budget));
    EXPECT_GT(reference.segments_flushed, 2u) << "the budget should force several flushes";
    EXPECT_TRUE(VerifyIndex(one).ok()) << VerifyIndex(one);
    const std::map<std::string, std::string> expected = IndexFiles(one);
    for (uint32_t threads : {2u, 4u}) {
      SCOPED_TRACE(StrCat(threads, " threads"));
      const std::string index = dir.PathOf(StrCat("t", threads, "_", budget));
      const IndexWriterStats stats = BuildIndex(index, docs, WithThreads(threads, budget));
      EXPECT_EQ(stats.documents, reference.documents);
      EXPECT_EQ(stats.skipped, reference.skipped);
      EXPECT_EQ(stats.segments_flushed, reference.segments_flushed);
      EXPECT_EQ(stats.input_bytes, reference.input_bytes);
      const std::map<std::string, std::string> files = IndexFiles(index);
      ASSERT_EQ(files.size(), expected.size());
      for (const auto& [name, bytes] : expected) {
        ASSERT_TRUE(files.contains(name)) << name;
        EXPECT_TRUE(files.at(name) == bytes) << name << " differs";
      }
      EXPECT_TRUE(VerifyIndex(index).ok()) << VerifyIndex(index);
    }
  }
}

TEST(IndexWriterThreads, SeedDocumentsGiveTheSameFilesWhateverTheThreads) {
  const std::vector<RawDocument> docs = VariedSeedDocuments();
  ASSERT_EQ(docs.size(), 200u);
  ExpectSameIndexWhateverTheThreads(docs, {256 << 10, 1 << 20});
}

TEST(IndexWriterThreads, ReutersSliceGivesTheSameFilesWhateverTheThreads) {
  const std::string path = testing::SharedDir() + "/news/reuters21578/articles.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent (../shared not mounted)";
  auto docs = testing::ReadDocuments(path, 200);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 200u);
  ExpectSameIndexWhateverTheThreads(*docs, {384 << 10, 1 << 20});
}

// `status` with `dir` in its message replaced by "INDEX", to compare the
// errors of builds in different directories.
absl::Status InIndex(const absl::Status& status, const std::string& dir) {
  std::string message(status.message());
  for (size_t at; (at = message.find(dir)) != std::string::npos;) {
    message.replace(at, dir.size(), "INDEX");
  }
  return absl::Status(status.code(), message);
}

// What Add and Commit return, and the warnings, of one build.
struct BuildOutcome {
  absl::Status first_error;  // of Add or Commit, the directory named "INDEX"
  std::vector<std::string> warnings;
  IndexWriterStats stats;
};

// Adds `docs` (after `before_adding` ran on the index directory) and
// commits, going on after an error to check that every later call returns
// that error.
BuildOutcome BuildCollecting(
    const std::string& dir, const std::vector<RawDocument>& docs, uint32_t threads, size_t budget,
    const std::function<void()>& before_adding = [] {}) {
  BuildOutcome outcome;
  Warnings warnings;
  auto writer = IndexWriter::Create(dir, WithThreads(threads, budget, warnings.sink()));
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return outcome;
  before_adding();
  for (const RawDocument& doc : docs) {
    absl::Status status = (*writer)->Add(doc);
    if (outcome.first_error.ok()) {
      outcome.first_error = status;
    } else {
      EXPECT_EQ(status, outcome.first_error) << "an error is returned by every later call";
    }
  }
  absl::Status commit = (*writer)->Commit();
  if (outcome.first_error.ok()) {
    outcome.first_error = commit;
  } else {
    EXPECT_EQ(commit, outcome.first_error) << "an error is returned by every later call";
  }
  outcome.first_error = InIndex(outcome.first_error, dir);
  outcome.warnings = warnings.list();
  outcome.stats = (*writer)->stats();
  return outcome;
}

TEST(IndexWriterThreads, SkippedDocumentsAreReportedTheSameWhateverTheThreads) {
  std::vector<RawDocument> docs = VariedSeedDocuments();
  for (size_t i = 3; i < docs.size(); i += 17) {
    RawDocument duplicate = docs[i - 3];
    duplicate.text = "Another text under an id already taken.";
    duplicate.origin = StrCat("dup.jsonl:", i);
    docs.insert(docs.begin() + i, duplicate);
  }
  for (size_t i = 5; i < docs.size(); i += 23) {
    RawDocument empty;
    empty.id = StrCat("empty", i);
    empty.text = " -- ... !! ";
    empty.origin = StrCat("empty.jsonl:", i);
    docs.insert(docs.begin() + i, empty);
    // The id of a document skipped for having no words is free again.
    RawDocument reuse = docs[i + 1];
    reuse.id = empty.id;
    docs.insert(docs.begin() + i + 2, reuse);
  }
  ScratchDir dir;
  const BuildOutcome one = BuildCollecting(dir.PathOf("t1"), docs, 1, 256 << 10);
  ASSERT_TRUE(one.first_error.ok()) << one.first_error;
  EXPECT_GT(one.stats.skipped, 20u);
  for (uint32_t threads : {2u, 4u}) {
    SCOPED_TRACE(StrCat(threads, " threads"));
    const BuildOutcome many =
        BuildCollecting(dir.PathOf(StrCat("t", threads)), docs, threads, 256 << 10);
    EXPECT_TRUE(many.first_error.ok()) << many.first_error;
    EXPECT_EQ(many.warnings, one.warnings);
    EXPECT_EQ(many.stats.documents, one.stats.documents);
    EXPECT_EQ(many.stats.skipped, one.stats.skipped);
    EXPECT_EQ(IndexFiles(dir.PathOf(StrCat("t", threads))), IndexFiles(dir.PathOf("t1")));
  }
}

// The first segment cannot be written (its postings file's name is taken
// by a directory): every thread count reports that same error, though with
// several threads the segment is written in the background.
TEST(IndexWriterThreads, FailedFlushIsReportedTheSameWhateverTheThreads) {
  const std::vector<RawDocument> docs = VariedSeedDocuments();
  ScratchDir dir;
  std::vector<BuildOutcome> outcomes;
  for (uint32_t threads : {1u, 2u, 4u}) {
    const std::string index = dir.PathOf(StrCat("t", threads));
    outcomes.push_back(BuildCollecting(index, docs, threads, 256 << 10, [&] {
      std::filesystem::create_directory(
          index + "/seg000001" + std::string(format::Extension(format::FileKind::kPostings)));
    }));
    const BuildOutcome& outcome = outcomes.back();
    SCOPED_TRACE(StrCat(threads, " threads"));
    EXPECT_FALSE(outcome.first_error.ok());
    EXPECT_TRUE(Mentions(outcome.first_error, "INDEX/seg000001.post")) << outcome.first_error;
    EXPECT_EQ(outcome.first_error, outcomes[0].first_error);
    EXPECT_FALSE(ReadManifest(index).ok()) << "nothing was committed";
  }
}

// The index directory disappears before the first document: the first
// segment cannot even be started.
TEST(IndexWriterThreads, FailedSegmentIsReportedTheSameWhateverTheThreads) {
  const std::vector<RawDocument> docs = SeedDocuments(4);
  ScratchDir dir;
  std::vector<BuildOutcome> outcomes;
  for (uint32_t threads : {1u, 2u, 4u}) {
    const std::string index = dir.PathOf(StrCat("t", threads));
    outcomes.push_back(BuildCollecting(index, docs, threads, 64 << 20,
                                       [&] { std::filesystem::remove_all(index); }));
    SCOPED_TRACE(StrCat(threads, " threads"));
    EXPECT_TRUE(Mentions(outcomes.back().first_error, "INDEX/seg000001"))
        << outcomes.back().first_error;
    EXPECT_EQ(outcomes.back().first_error, outcomes[0].first_error);
    EXPECT_EQ(outcomes.back().stats.documents, 0u);
  }
}

TEST(RemoveUnreferencedFiles, KeepsOnlyLiveSegmentsAndForeignFiles) {
  ScratchDir dir;
  for (const char* name : {"seg000001.dict", "seg000001.txt", "seg000002.dict", "seg000003.post",
                           "MANIFEST.tmp", "notes.txt", "LOCK"}) {
    dir.Write(name, "x");
  }
  Manifest manifest;
  manifest.segments.push_back({"seg000001", 1, 1, 1});
  ASSERT_TRUE(RemoveUnreferencedFiles(dir.path(), manifest).ok());
  EXPECT_EQ(ListDirectory(dir.path()),
            (std::set<std::string>{"seg000001.dict", "seg000001.txt", "notes.txt", "LOCK"}));
}

}  // namespace
}  // namespace syndex
