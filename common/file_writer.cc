#include "common/file_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>

#include "common/coding.h"
#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

constexpr size_t kBufferSize = 1 << 20;

absl::Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("cannot write", path);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodeFileHeader(format::FileKind kind) {
  std::string header;
  PutFixed32(&header, format::kHeaderMagic);
  PutFixed16(&header, static_cast<uint16_t>(kind));
  PutFixed16(&header, format::kVersion);
  PutFixed64(&header, 0);  // reserved
  return header;
}

std::string EncodeChunkTable(std::string_view covered) {
  std::string table;
  for (size_t at = 0; at < covered.size(); at += format::kChecksumChunkSize) {
    PutFixed64(&table, Checksum64(covered.substr(at, format::kChecksumChunkSize)));
  }
  PutFixed64(&table, Checksum64(table));
  return table;
}

std::string EncodeFileFooter(uint64_t checksum) {
  std::string footer;
  PutFixed64(&footer, checksum);
  PutFixed64(&footer, format::kFooterMagic);
  return footer;
}

absl::StatusOr<std::unique_ptr<FileWriter>> FileWriter::Create(const std::string& path,
                                                               format::FileKind kind) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot create", path);
  std::unique_ptr<FileWriter> writer(new FileWriter(path, fd, kind));
  writer->buffer_ = EncodeFileHeader(kind);
  writer->Checksum(writer->buffer_);
  return writer;
}

FileWriter::FileWriter(std::string path, int fd, format::FileKind kind)
    : path_(std::move(path)), fd_(fd), chunked_(format::HasChunkTable(kind, format::kVersion)) {
  buffer_.reserve(kBufferSize);
}

void FileWriter::Checksum(std::string_view bytes) {
  checksum_.Update(bytes);
  while (chunked_ && !bytes.empty()) {
    const size_t n = std::min<size_t>(bytes.size(), format::kChecksumChunkSize - chunk_fill_);
    chunk_.Update(bytes.substr(0, n));
    bytes.remove_prefix(n);
    chunk_fill_ += n;
    if (chunk_fill_ == format::kChecksumChunkSize) {
      PutFixed64(&chunk_table_, chunk_.Digest());
      chunk_.Reset();
      chunk_fill_ = 0;
    }
  }
}

FileWriter::~FileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status FileWriter::Append(std::string_view bytes) {
  Checksum(bytes);
  body_size_ += bytes.size();
  if (buffer_.size() + bytes.size() > kBufferSize) {
    RETURN_IF_ERROR(Flush());
    if (bytes.size() > kBufferSize) return WriteRaw(bytes);
  }
  buffer_.append(bytes);
  return absl::OkStatus();
}

absl::Status FileWriter::Flush() {
  RETURN_IF_ERROR(WriteRaw(buffer_));
  buffer_.clear();
  return absl::OkStatus();
}

absl::Status FileWriter::WriteRaw(std::string_view bytes) { return WriteAll(fd_, bytes, path_); }

absl::Status FileWriter::Finish() {
  if (chunked_) {
    if (chunk_fill_ > 0) PutFixed64(&chunk_table_, chunk_.Digest());  // the last, short chunk
    PutFixed64(&chunk_table_, Checksum64(chunk_table_));
    checksum_.Update(chunk_table_);
    buffer_.append(chunk_table_);
  }
  buffer_.append(EncodeFileFooter(checksum_.Digest()));
  RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) return ErrnoError("cannot sync", path_);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return ErrnoError("cannot close", path_);
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoError("cannot sync directory", dir);
  return absl::OkStatus();
}

absl::Status ReplaceFile(const std::string& dir, std::string_view name, std::string_view temp_name,
                         std::string_view contents) {
  const std::string temp_path = StrCat(dir, "/", temp_name);
  const std::string final_path = StrCat(dir, "/", name);
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot create", temp_path);
  absl::Status status = WriteAll(fd, contents, temp_path);
  if (status.ok() && ::fsync(fd) != 0) status = ErrnoError("cannot sync", temp_path);
  if (::close(fd) != 0 && status.ok()) status = ErrnoError("cannot close", temp_path);
  if (!status.ok()) {
    ::unlink(temp_path.c_str());
    return status;
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    return ErrnoError("cannot rename into place", final_path);
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& dir, std::string_view name,
                                 std::string_view temp_name, std::string_view contents) {
  RETURN_IF_ERROR(ReplaceFile(dir, name, temp_name, contents));
  return SyncDirectory(dir);
}

}  // namespace syndex
