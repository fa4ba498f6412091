// Tests of indexer/ordered_batches.h: batches are encoded on any thread
// but written in order, an error stops the writing, and batches are cut
// by bytes and by count.
#include "indexer/ordered_batches.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

TEST(EncodeInOrder, WritesEveryBatchInOrderWhateverTheThreads) {
  for (uint32_t threads : {1u, 2u, 4u, 8u}) {
    SCOPED_TRACE(threads);
    std::vector<size_t> written;
    std::atomic<int> encoded = 0;
    const absl::Status status = EncodeInOrder<std::string>(
        100, threads,
        [&](size_t b) {
          // Early batches finish last, so the writer must wait for them.
          if (b % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
          ++encoded;
          return std::to_string(b * b);
        },
        [&](size_t b, std::string result) {
          EXPECT_EQ(result, std::to_string(b * b));
          written.push_back(b);
          return absl::OkStatus();
        });
    ASSERT_TRUE(status.ok()) << status;
    ASSERT_EQ(written.size(), 100u);
    for (size_t b = 0; b < written.size(); ++b) EXPECT_EQ(written[b], b);
    EXPECT_EQ(encoded.load(), 100);
  }
}

TEST(EncodeInOrder, FirstWriteErrorStopsAndIsReturned) {
  for (uint32_t threads : {1u, 3u}) {
    SCOPED_TRACE(threads);
    size_t writes = 0;
    const absl::Status status = EncodeInOrder<int>(
        50, threads, [](size_t b) { return static_cast<int>(b); },
        [&](size_t b, int) {
          ++writes;
          return b == 10 ? absl::ResourceExhaustedError("disk full at batch 10") : absl::OkStatus();
        });
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_EQ(writes, 11u);
  }
}

TEST(EncodeInOrder, NothingToDo) {
  bool called = false;
  EXPECT_TRUE(EncodeInOrder<int>(
                  0, 4, [&](size_t) { return called = true, 0; },
                  [&](size_t, int) { return called = true, absl::OkStatus(); })
                  .ok());
  EXPECT_FALSE(called);
}

TEST(CutBatches, ByBytesAndByCount) {
  // Sizes 5, 5, 30, 1, 1, 1, 1, 1: a 10-byte limit closes a batch once it
  // holds 10 bytes; a large item is a batch of its own.
  const std::vector<uint64_t> sizes = {5, 5, 30, 1, 1, 1, 1, 1};
  const auto batches = CutBatches(sizes.size(), 10, 3, [&](size_t i) { return sizes[i]; });
  const std::vector<std::pair<size_t, size_t>> expected = {{0, 2}, {2, 3}, {3, 6}, {6, 8}};
  EXPECT_EQ(batches, expected);
  EXPECT_TRUE(CutBatches(0, 10, 3, [](size_t) { return uint64_t{1}; }).empty());
}

}  // namespace
}  // namespace syndex
