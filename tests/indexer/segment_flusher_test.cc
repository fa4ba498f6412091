// SegmentFlusher: segments written in the background are the segments
// written at once, flushed() lists them in order, memory_usage() falls to
// nothing, and a failed write is reported by the next call.
#include "indexer/segment_flusher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/format.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/segment_fixtures.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Corpus;
using testing::LoadSeedCorpus;
using testing::Mentions;
using testing_internal::ScratchDir;

std::unique_ptr<SegmentBuilder> FilledBuilder(const std::string& dir, const std::string& name,
                                              const Corpus& corpus) {
  auto builder = SegmentBuilder::Create(dir, name);
  EXPECT_TRUE(builder.ok()) << builder.status();
  if (!builder.ok()) return nullptr;
  for (size_t d = 0; d < corpus.raw.size(); ++d) {
    EXPECT_TRUE((*builder)->Add(corpus.raw[d], corpus.analyzed[d]).ok());
  }
  return std::move(*builder);
}

// The bytes of every file of segment `name` in `dir`.
std::vector<std::string> SegmentFiles(const std::string& dir, const std::string& name) {
  std::vector<std::string> files;
  for (format::FileKind kind : format::kSegmentFileKinds) {
    files.push_back(testing::ReadFile(Segment::FilePath(dir, name, kind)));
  }
  return files;
}

TEST(SegmentFlusher, BackgroundWritesTheSameSegmentsInOrder) {
  const Corpus corpus = LoadSeedCorpus(2);
  ScratchDir at_once, background;
  SegmentFlusher now(/*background=*/false), later(/*background=*/true);
  for (const char* name : {"seg000001", "seg000002", "seg000003"}) {
    ASSERT_TRUE(now.Flush(FilledBuilder(at_once.path(), name, corpus)).ok());
    EXPECT_FALSE(now.busy());
    EXPECT_EQ(now.memory_usage(), 0u);
    ASSERT_TRUE(later.Flush(FilledBuilder(background.path(), name, corpus)).ok());
  }
  ASSERT_TRUE(later.Wait().ok());
  EXPECT_FALSE(later.busy());
  EXPECT_EQ(later.memory_usage(), 0u);
  ASSERT_EQ(now.flushed().size(), 3u);
  ASSERT_EQ(later.flushed().size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(later.flushed()[i], now.flushed()[i]);
    EXPECT_EQ(SegmentFiles(background.path(), later.flushed()[i].name),
              SegmentFiles(at_once.path(), now.flushed()[i].name));
  }
  EXPECT_GT(later.dedup_seconds(), 0.0);
}

TEST(SegmentFlusher, FinishGivesBackMostOfTheBuildersMemory) {
  const Corpus corpus = LoadSeedCorpus(4);
  ScratchDir dir;
  std::unique_ptr<SegmentBuilder> builder = FilledBuilder(dir.path(), "seg000001", corpus);
  ASSERT_NE(builder, nullptr);
  const size_t held = builder->memory_usage();
  EXPECT_EQ(builder->released_bytes(), 0u);
  ASSERT_TRUE(builder->Finish().ok());
  // All but the stored text's open blocks, which memory_usage() counts as
  // a constant.
  EXPECT_GE(builder->released_bytes(), held - 3 * format::kStoredBlockTargetBytes);
  EXPECT_LE(builder->released_bytes(), held);
}

TEST(SegmentFlusher, FailedBackgroundWriteIsReportedByTheNextCall) {
  const Corpus corpus = LoadSeedCorpus(1);
  ScratchDir dir;
  // The postings file's name is taken by a directory.
  std::filesystem::create_directory(
      dir.PathOf("seg000001" + std::string(format::Extension(format::FileKind::kPostings))));
  SegmentFlusher flusher(/*background=*/true);
  ASSERT_TRUE(flusher.Flush(FilledBuilder(dir.path(), "seg000001", corpus)).ok());
  const absl::Status status = flusher.Flush(FilledBuilder(dir.path(), "seg000002", corpus));
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(Mentions(status, "seg000001.post")) << status;
  EXPECT_TRUE(flusher.flushed().empty());
  EXPECT_TRUE(flusher.Wait().ok()) << "the second segment was not started";
}

}  // namespace
}  // namespace syndex
