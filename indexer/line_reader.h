// File: indexer/line_reader.h
//
// Splits a file into lines while reading it in chunks, so memory stays
// bounded by the longest line (and a hard limit) rather than the file size.
// LineReader reads a plain file; ZstdLineReader (zstd_line_reader.h) derives
// from it and decompresses.
//
// Example:
//   ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader, LineReader::Open(path));
//   Line line;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, reader->Next(&line));
//     if (!more) break;
//     if (!line.too_long) Use(line.text);
//   }
#ifndef SYNDEX_INDEXER_LINE_READER_H_
#define SYNDEX_INDEXER_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace syndex {

// Every line returned by LineReader::Next is followed in memory by at least
// this many readable bytes (of unspecified value), so that it can be handed
// to simdjson without a copy (simdjson needs SIMDJSON_PADDING = 64).
inline constexpr size_t kLinePadding = 64;

// The longest line returned by default: one article a line, and no real
// article comes near 64 MiB, while a bigger "line" is almost surely a file
// that is not JSON Lines at all.
inline constexpr size_t kDefaultMaxLineBytes = size_t{64} << 20;

struct LineReaderOptions {
  // Size of the buffer lines are assembled in; it doubles as needed up to
  // max_line_bytes + 1. Tests make it tiny to exercise lines that cross it.
  // Default: 1 MiB.
  size_t initial_buffer_bytes = size_t{1} << 20;

  // A line longer than this is not returned: Next reports it with
  // Line::too_long and skips it without holding it in memory.
  // Default: kDefaultMaxLineBytes (64 MiB).
  size_t max_line_bytes = kDefaultMaxLineBytes;
};

// One line of input.
struct Line {
  // The line without its '\n' (a '\r' before it is kept). Points into the
  // reader's buffer: valid until the next call to Next. Empty if too_long.
  std::string_view text;
  uint64_t number = 0;    // 1-based line number
  uint64_t size = 0;      // length in bytes without the '\n', even if too_long
  bool too_long = false;  // size > LineReaderOptions::max_line_bytes
};

// Reads lines from a plain file. Not thread-safe.
class LineReader {
 public:
  // Opens `path` for reading. Returns the errno-derived error (NotFound,
  // PermissionDenied, ...) naming the path if it cannot be opened.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<LineReader>> Open(
      const std::string& path, const LineReaderOptions& options = {});

  virtual ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Reads the next line into *line. Returns true if there was one, false at
  // the end of the input. The last line need not end with '\n'. Returns an
  // error (naming the file) if the input cannot be read or decoded.
  [[nodiscard]] absl::StatusOr<bool> Next(Line* line);

  // Bytes of (uncompressed) input consumed by the lines returned so far,
  // newlines included.
  uint64_t bytes_read() const { return bytes_read_; }

  const std::string& path() const { return path_; }
  size_t max_line_bytes() const { return options_.max_line_bytes; }

 protected:
  // Takes ownership of the open file descriptor `fd`.
  LineReader(std::string path, int fd, const LineReaderOptions& options);

  // Stores up to `capacity` (> 0) bytes of decoded input at `dst` and returns
  // how many; 0 means the end of the input. The default reads the file.
  [[nodiscard]] virtual absl::StatusOr<size_t> Fill(char* dst, size_t capacity);

  // Reads up to `capacity` raw bytes of the file; 0 at the end of the file.
  [[nodiscard]] absl::StatusOr<size_t> ReadFile(char* dst, size_t capacity);

 private:
  // Emits [begin_, begin_ + size) as the next line; `terminator` is 1 if a
  // '\n' follows it and 0 at the end of the input.
  void EmitLine(size_t size, size_t terminator, Line* line);
  // Discards the current line, which is too long, up to and including its
  // '\n', and reports it.
  [[nodiscard]] absl::StatusOr<bool> SkipLongLine(Line* line);
  // Moves the unfinished line to the front of the buffer and grows the buffer
  // if it is full, so that Fill has room.
  void MakeRoom();

  std::string path_;
  int fd_;
  LineReaderOptions options_;

  // buffer_ holds capacity_ + kLinePadding bytes. Bytes [begin_, end_) are
  // read but not yet returned; [begin_, scan_) is known to hold no '\n'.
  std::unique_ptr<char[]> buffer_;
  size_t capacity_;
  size_t begin_ = 0;
  size_t scan_ = 0;
  size_t end_ = 0;
  bool eof_ = false;

  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_LINE_READER_H_
