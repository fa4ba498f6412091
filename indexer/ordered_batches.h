// File: indexer/ordered_batches.h
//
// Encodes numbered batches of work on several threads and writes them in
// order on the calling thread: the shape of writing a segment's postings,
// where re-encoding the terms' lists is most of the work, each term's is
// independent, and the file must come out the same byte for byte whatever
// the threads (segment_builder.cc, segment_merger.cc).
//
// Example:
//   RETURN_IF_ERROR(EncodeInOrder<std::string>(
//       batch_count, threads,
//       [&](size_t b) { return EncodeBatch(b); },                   // any thread
//       [&](size_t b, std::string bytes) { return file->Append(bytes); }));  // in order
#ifndef SYNDEX_INDEXER_ORDERED_BATCHES_H_
#define SYNDEX_INDEXER_ORDERED_BATCHES_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace syndex {

// Cuts items [0, n) into consecutive batches [begin, end): a batch ends
// once the bytes of its items (bytes_of(i)) reach max_bytes or it holds
// max_items, so that a large item makes a batch of its own and a run of
// small ones shares one. The limit by count keeps even small inputs in
// several batches.
template <typename BytesOf>
std::vector<std::pair<size_t, size_t>> CutBatches(size_t n, uint64_t max_bytes, size_t max_items,
                                                  BytesOf bytes_of) {
  std::vector<std::pair<size_t, size_t>> batches;
  size_t begin = 0;
  uint64_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    bytes += bytes_of(i);
    if (bytes >= max_bytes || i + 1 - begin >= max_items || i + 1 == n) {
      batches.emplace_back(begin, i + 1);
      begin = i + 1;
      bytes = 0;
    }
  }
  return batches;
}

// Calls encode(b) for every b in [0, count), on `threads` workers (on the
// calling thread alone if threads <= 1), and write(b, result) on the
// calling thread for b = 0, 1, ... in order. Workers run at most
// 2 * threads batches ahead of the writer, which bounds the memory the
// encoded batches hold. Stops at the first error of write and returns it;
// encode cannot fail. `encode` must be safe to call concurrently.
template <typename Result, typename Encode, typename Write>
absl::Status EncodeInOrder(size_t count, uint32_t threads, Encode encode, Write write) {
  if (threads <= 1) {
    for (size_t b = 0; b < count; ++b) {
      if (absl::Status status = write(b, encode(b)); !status.ok()) return status;
    }
    return absl::OkStatus();
  }
  const size_t ahead = 2 * size_t{threads};
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<Result>> done(count);
  size_t next = 0, written = 0;
  bool stop = false;
  auto work = [&] {
    std::unique_lock lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return stop || next >= count || next < written + ahead; });
      if (stop || next >= count) return;
      const size_t b = next++;
      lock.unlock();
      Result result = encode(b);
      lock.lock();
      done[b] = std::move(result);
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (uint32_t t = 0; t < threads; ++t) workers.emplace_back(work);
  absl::Status status;
  for (size_t b = 0; b < count && status.ok(); ++b) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return done[b].has_value(); });
      result = std::move(done[b]);
      done[b].reset();
    }
    status = write(b, std::move(*result));
    std::lock_guard lock(mutex);
    written = b + 1;
    changed.notify_all();
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
    changed.notify_all();
  }
  for (std::thread& worker : workers) worker.join();
  return status;
}

}  // namespace syndex

#endif  // SYNDEX_INDEXER_ORDERED_BATCHES_H_
