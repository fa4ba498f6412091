// SegmentWorkers: runs built on several threads are the segments one thread
// builds, listed in run order; the first failed run's error is the one
// reported whatever the threads, and runs after it are not listed; a run's
// texts stored before are left out of its stored text.
#include "indexer/segment_workers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/format.h"
#include "common/passage_splitter.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/content_hash.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/segment_fixtures.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;
using testing::SeedDocuments;
using testing_internal::ScratchDir;

// Cuts `docs` into runs of `per_run` documents, segments "seg1", "seg2"...
std::vector<DocumentRun> CutRuns(const std::vector<RawDocument>& docs, size_t per_run) {
  std::vector<DocumentRun> runs;
  for (size_t d = 0; d < docs.size(); ++d) {
    if (d % per_run == 0) runs.push_back({StrCat("seg", runs.size() + 1), {}, {}, {}});
    runs.back().documents.push_back(docs[d]);
  }
  return runs;
}

// The bytes of every file of segment `name` in `dir`.
std::vector<std::string> SegmentFiles(const std::string& dir, const std::string& name) {
  std::vector<std::string> files;
  for (format::FileKind kind : format::kSegmentFileKinds) {
    files.push_back(testing::ReadFile(Segment::FilePath(dir, name, kind)));
  }
  return files;
}

struct Outcome {
  std::vector<absl::Status> submits;
  absl::Status finish;
  std::vector<SegmentInfo> built;
  uint64_t documents = 0;
};

Outcome BuildRuns(const std::string& dir, std::vector<DocumentRun> runs, uint32_t threads,
                  size_t in_flight) {
  SegmentWorkers workers(SegmentWorkersOptions{
      .dir = dir, .threads = threads, .max_runs_in_flight = in_flight, .passages = {}});
  Outcome outcome;
  for (DocumentRun& run : runs) outcome.submits.push_back(workers.Submit(std::move(run)));
  outcome.finish = workers.Finish();
  outcome.built = workers.built();
  outcome.documents = workers.documents();
  return outcome;
}

TEST(SegmentWorkers, ThreadsBuildTheSegmentsOneThreadBuildsInRunOrder) {
  const std::vector<RawDocument> docs = SeedDocuments(4);
  ScratchDir one_dir;
  const Outcome one = BuildRuns(one_dir.path(), CutRuns(docs, 3), 1, 1);
  ASSERT_TRUE(one.finish.ok()) << one.finish;
  ASSERT_EQ(one.built.size(), (docs.size() + 2) / 3);
  EXPECT_EQ(one.documents, docs.size());
  for (uint32_t threads : {2u, 4u}) {
    for (size_t in_flight : {size_t{1}, size_t{3}}) {
      SCOPED_TRACE(StrCat(threads, " threads, ", in_flight, " in flight"));
      ScratchDir many_dir;
      const Outcome many = BuildRuns(many_dir.path(), CutRuns(docs, 3), threads, in_flight);
      ASSERT_TRUE(many.finish.ok()) << many.finish;
      EXPECT_EQ(many.documents, one.documents);
      ASSERT_EQ(many.built.size(), one.built.size());
      for (size_t r = 0; r < one.built.size(); ++r) {
        EXPECT_EQ(many.built[r].name, StrCat("seg", r + 1));
        EXPECT_EQ(many.built[r].doc_count, one.built[r].doc_count);
        EXPECT_EQ(SegmentFiles(many_dir.path(), many.built[r].name),
                  SegmentFiles(one_dir.path(), one.built[r].name))
            << "run " << r;
      }
    }
  }
}

// The second run's segment cannot be written (its postings file's name is
// taken by a directory): every thread count reports that error, lists the
// first run only, and refuses runs submitted after the error is known.
TEST(SegmentWorkers, FirstFailedRunIsReportedWhateverTheThreads) {
  const std::vector<RawDocument> docs = SeedDocuments(3);
  for (uint32_t threads : {1u, 2u, 4u}) {
    SCOPED_TRACE(StrCat(threads, " threads"));
    ScratchDir dir;
    std::filesystem::create_directory(dir.path() + "/seg2" +
                                      std::string(format::Extension(format::FileKind::kPostings)));
    const Outcome outcome = BuildRuns(dir.path(), CutRuns(docs, 2), threads, 2);
    EXPECT_TRUE(Mentions(outcome.finish, "seg2.post")) << outcome.finish;
    ASSERT_EQ(outcome.built.size(), 1u);
    EXPECT_EQ(outcome.built[0].name, "seg1");
    EXPECT_EQ(outcome.documents, 2u);
    bool failed = false;
    for (const absl::Status& status : outcome.submits) {
      if (failed) {
        EXPECT_EQ(status, outcome.finish) << "every call after the error returns it";
      }
      failed = failed || !status.ok();
    }
  }
}

TEST(SegmentWorkers, DocumentWithoutWordsIsAnErrorNamingIt) {
  DocumentRun run{"seg1", SeedDocuments(1), {}, {}};
  run.documents[1].title = "";
  run.documents[1].text = " -- !! ";
  run.documents[1].origin = "empty.jsonl:2";
  ScratchDir dir;
  const Outcome outcome = BuildRuns(dir.path(), {run}, 1, 1);
  EXPECT_EQ(outcome.finish.code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(Mentions(outcome.finish, "empty.jsonl:2")) << outcome.finish;
  EXPECT_TRUE(outcome.built.empty());
}

// A passage whose text an earlier run stores is indexed, but its text is
// not stored again, as a copy's is not.
TEST(SegmentWorkers, TextsStoredBeforeAreLeftOut) {
  DocumentRun run{"seg1", SeedDocuments(1), {}, {}};
  const RawDocument& doc = run.documents[0];
  const PassageSpan first = SplitPassages(doc.text, PassageOptions{}).at(0);
  const std::string_view first_paragraph =
      std::string_view(doc.text).substr(first.start, first.end - first.start);
  run.texts_stored_before.insert(ContentHash(first_paragraph));
  ScratchDir dir;
  const Outcome outcome = BuildRuns(dir.path(), {run}, 1, 1);
  ASSERT_TRUE(outcome.finish.ok()) << outcome.finish;
  auto segment = Segment::Open(dir.path(), outcome.built[0]);
  ASSERT_TRUE(segment.ok()) << segment.status();
  size_t left_out = 0;
  for (PassageId p = 0; p < (*segment)->passages().size(); ++p) {
    const PassageRecord r = (*segment)->passages().Get(p);
    if (r.is_title() || r.is_copy() || r.doc != 0) continue;
    const auto text = (*segment)->stored_text().Get(p);
    ASSERT_TRUE(text.ok()) << text.status();
    const std::string_view input = std::string_view(doc.text).substr(r.start, r.end - r.start);
    if (input == first_paragraph) {
      EXPECT_EQ(*text, "") << "passage " << p;
      ++left_out;
    } else {
      EXPECT_EQ(*text, input) << "passage " << p;
    }
  }
  EXPECT_EQ(left_out, 1u);
}

}  // namespace
}  // namespace syndex
