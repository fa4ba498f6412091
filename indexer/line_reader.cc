#include "indexer/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "common/io_error.h"
#include "common/status_macros.h"

namespace syndex {

absl::StatusOr<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                             const LineReaderOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open", path);
  // Not make_unique: the constructor is protected.
  return std::unique_ptr<LineReader>(new LineReader(path, fd, options));
}

LineReader::LineReader(std::string path, int fd, const LineReaderOptions& options)
    : path_(std::move(path)),
      fd_(fd),
      options_(options),
      // Never bigger than the longest line needs, never empty.
      capacity_(
          std::max<size_t>(1, std::min(options.initial_buffer_bytes, options.max_line_bytes + 1))) {
  buffer_ = std::make_unique<char[]>(capacity_ + kLinePadding);
  // We read front to back once; let the kernel read ahead generously.
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

LineReader::~LineReader() { ::close(fd_); }

absl::StatusOr<bool> LineReader::Next(Line* line) {
  while (true) {
    char* data = buffer_.get();
    if (auto* newline = static_cast<char*>(std::memchr(data + scan_, '\n', end_ - scan_))) {
      // The buffer holds at most max_line_bytes + 1 bytes, so a line that
      // ends inside it is never too long.
      EmitLine(static_cast<size_t>(newline - (data + begin_)), 1, line);
      return true;
    }
    scan_ = end_;
    size_t pending = end_ - begin_;
    if (eof_) {
      if (pending == 0) return false;
      EmitLine(pending, 0, line);
      if (pending > options_.max_line_bytes) {
        line->too_long = true;
        line->text = {};
      }
      return true;
    }
    if (pending > options_.max_line_bytes) return SkipLongLine(line);
    MakeRoom();
    ASSIGN_OR_RETURN(size_t filled, Fill(buffer_.get() + end_, capacity_ - end_));
    if (filled == 0) eof_ = true;
    end_ += filled;
  }
}

void LineReader::EmitLine(size_t size, size_t terminator, Line* line) {
  line->text = std::string_view(buffer_.get() + begin_, size);
  line->number = ++line_number_;
  line->size = size;
  line->too_long = false;
  bytes_read_ += size + terminator;
  begin_ += size + terminator;
  scan_ = begin_;
}

absl::StatusOr<bool> LineReader::SkipLongLine(Line* line) {
  uint64_t size = end_ - begin_;
  begin_ = scan_ = end_ = 0;
  while (!eof_) {
    ASSIGN_OR_RETURN(size_t filled, Fill(buffer_.get(), capacity_));
    if (filled == 0) {
      eof_ = true;
      break;
    }
    end_ = filled;
    if (auto* newline = static_cast<char*>(std::memchr(buffer_.get(), '\n', filled))) {
      size_t tail = static_cast<size_t>(newline - buffer_.get());
      size += tail;
      begin_ = scan_ = tail + 1;
      bytes_read_ += size + 1;
      line->number = ++line_number_;
      line->size = size;
      line->too_long = true;
      line->text = {};
      return true;
    }
    size += filled;
    end_ = 0;
  }
  bytes_read_ += size;
  line->number = ++line_number_;
  line->size = size;
  line->too_long = true;
  line->text = {};
  return true;
}

void LineReader::MakeRoom() {
  char* data = buffer_.get();
  size_t pending = end_ - begin_;
  if (begin_ > 0) {
    // The unfinished line is usually a few KB, so moving it is cheap.
    std::memmove(data, data + begin_, pending);
    scan_ -= begin_;
    begin_ = 0;
    end_ = pending;
  }
  if (end_ < capacity_) return;
  // The line fills the whole buffer: grow it. Next has checked that the line
  // is not longer than max_line_bytes, so max_line_bytes + 1 leaves room.
  size_t capacity = std::min(capacity_ * 2, options_.max_line_bytes + 1);
  auto buffer = std::make_unique<char[]>(capacity + kLinePadding);
  std::memcpy(buffer.get(), data, end_);
  buffer_ = std::move(buffer);
  capacity_ = capacity;
}

absl::StatusOr<size_t> LineReader::Fill(char* dst, size_t capacity) {
  return ReadFile(dst, capacity);
}

absl::StatusOr<size_t> LineReader::ReadFile(char* dst, size_t capacity) {
  size_t total = 0;
  // read() may return less than asked (pipes, signals); fill what we can so
  // that callers see few, large chunks.
  while (total < capacity) {
    ssize_t n = ::read(fd_, dst + total, capacity - total);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("cannot read", path_);
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
  }
  return total;
}

}  // namespace syndex
