#include "indexer/zstd_line_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <utility>

#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

absl::StatusOr<std::unique_ptr<ZstdLineReader>> ZstdLineReader::Open(
    const std::string& path, const LineReaderOptions& options) {
  ZSTD_DCtx* context = ZSTD_createDCtx();
  if (context == nullptr) {
    return absl::ResourceExhaustedError(
        StrCat(path, ": cannot allocate a zstd decompression context"));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    absl::Status status = ErrnoError("cannot open", path);  // before free() can touch errno
    ZSTD_freeDCtx(context);
    return status;
  }
  // Not make_unique: the constructor is private.
  return std::unique_ptr<ZstdLineReader>(new ZstdLineReader(path, fd, options, context));
}

ZstdLineReader::ZstdLineReader(std::string path, int fd, const LineReaderOptions& options,
                               ZSTD_DCtx_s* context)
    : LineReader(std::move(path), fd, options),
      context_(context),
      // The size zstd recommends: at least one whole block, so that each call
      // makes progress without internal copying.
      input_capacity_(ZSTD_DStreamInSize()) {
  input_ = std::make_unique<char[]>(input_capacity_);
}

ZstdLineReader::~ZstdLineReader() { ZSTD_freeDCtx(context_); }

absl::StatusOr<size_t> ZstdLineReader::Fill(char* dst, size_t capacity) {
  // zstd cannot go on after an error; neither can we.
  if (!error_.ok()) return error_;
  ZSTD_outBuffer out{dst, capacity, 0};
  while (out.pos < out.size) {
    if (input_pos_ == input_size_ && !file_eof_) RETURN_IF_ERROR(ReadInput());
    bool input_used_up = input_pos_ == input_size_ && file_eof_;
    if (input_used_up && frame_done_) break;  // a clean end
    ZSTD_inBuffer in{input_.get(), input_size_, input_pos_};
    size_t out_before = out.pos;
    size_t in_before = in.pos;
    size_t result = ZSTD_decompressStream(context_, &out, &in);
    input_pos_ = in.pos;
    if (ZSTD_isError(result)) {
      return Fail(StrCat("corrupt zstd data (", ZSTD_getErrorName(result), ")"), out.pos);
    }
    // 0 means the frame is complete and flushed; what follows, if anything,
    // is another frame.
    frame_done_ = result == 0;
    // With no input left and room for output, zstd makes no progress only if
    // it needs bytes the file does not have.
    if (input_used_up && !frame_done_ && out.pos == out_before && in.pos == in_before) {
      return Fail("truncated zstd data (the file ends inside a frame)", out.pos);
    }
  }
  decompressed_ += out.pos;
  return out.pos;
}

absl::Status ZstdLineReader::ReadInput() {
  ASSIGN_OR_RETURN(size_t size, ReadFile(input_.get(), input_capacity_));
  input_size_ = size;
  input_pos_ = 0;
  if (size == 0) file_eof_ = true;
  return absl::OkStatus();
}

absl::StatusOr<size_t> ZstdLineReader::Fail(std::string_view what, size_t produced) {
  decompressed_ += produced;
  error_ =
      absl::DataLossError(StrCat(path(), ": ", what, " at uncompressed offset ", decompressed_));
  // Hand over the good bytes first, so that the lines before the damage are
  // read; the next call reports the error.
  if (produced > 0) return produced;
  return error_;
}

}  // namespace syndex
