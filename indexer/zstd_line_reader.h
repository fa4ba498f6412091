// File: indexer/zstd_line_reader.h
//
// Lines of a zstd-compressed file, decompressed as a stream: memory holds one
// compressed chunk (ZSTD_DStreamInSize, ~128 KiB), the line buffer and the
// zstd window (8 MiB for `zstd -19` output), never the whole file. Several
// concatenated frames (`cat a.zst b.zst`) read as one stream.
//
// Example:
//   ASSIGN_OR_RETURN(auto reader, ZstdLineReader::Open("articles.jsonl.zst"));
//   Line line;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, reader->Next(&line));  // kDataLoss if corrupt
//     if (!more) break;
//     ...
//   }
#ifndef SYNDEX_INDEXER_ZSTD_LINE_READER_H_
#define SYNDEX_INDEXER_ZSTD_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "indexer/line_reader.h"

struct ZSTD_DCtx_s;  // zstd.h's ZSTD_DCtx; keeps zstd.h out of this header.

namespace syndex {

// Reads lines from a zstd-compressed file. Not thread-safe.
//
// Next returns kDataLoss, naming the file and the uncompressed offset, when
// the data is not zstd, is corrupt, fails its checksum, or ends inside a
// frame (a truncated file). Lines before the damage are returned first. An
// empty file is an empty input. Note that a checksum is only checked at the
// end of its frame, after the lines of that frame have been returned.
class ZstdLineReader : public LineReader {
 public:
  // Opens `path`. Returns the errno-derived error naming the path if it cannot
  // be opened, kResourceExhausted if zstd cannot allocate its context.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ZstdLineReader>> Open(
      const std::string& path, const LineReaderOptions& options = {});

  ~ZstdLineReader() override;

  // Bytes decompressed so far, including some not yet returned as lines;
  // after an error, the offset it names.
  uint64_t bytes_decompressed() const { return decompressed_; }

 protected:
  [[nodiscard]] absl::StatusOr<size_t> Fill(char* dst, size_t capacity) override;

 private:
  ZstdLineReader(std::string path, int fd, const LineReaderOptions& options, ZSTD_DCtx_s* context);

  // Refills input_ from the file once it is used up; sets file_eof_.
  [[nodiscard]] absl::Status ReadInput();
  // Records the kDataLoss error `what`, found after `produced` bytes of this
  // Fill, naming the file and offset; returns those bytes if any, else the
  // error.
  [[nodiscard]] absl::StatusOr<size_t> Fail(std::string_view what, size_t produced);

  ZSTD_DCtx_s* context_;  // owned
  std::unique_ptr<char[]> input_;
  size_t input_capacity_;
  size_t input_size_ = 0;  // bytes of input_ holding compressed data
  size_t input_pos_ = 0;   // bytes of those already decompressed
  bool file_eof_ = false;
  // True between frames: at the start, and when zstd has finished a frame
  // and flushed all its output. Ending the file otherwise means truncation.
  bool frame_done_ = true;
  uint64_t decompressed_ = 0;
  absl::Status error_;  // once set, returned by every Fill
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_ZSTD_LINE_READER_H_
