// File: common/mapped_file.h
//
// Read-only access to an index file through mmap, with the file envelope
// (header, chunk table, footer, checksum) validated once when it is opened,
// so that code reading the body afterwards can trust the bytes were written
// whole by us. Structural checks of the body are the job of each file's
// reader.
//
// Example:
//   ASSIGN_OR_RETURN(auto file, MappedFile::Open(path, format::FileKind::kPassages));
//   std::string_view body = file->body();
#ifndef SYNDEX_COMMON_MAPPED_FILE_H_
#define SYNDEX_COMMON_MAPPED_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/format.h"

namespace syndex {

// Immutable after Open; safe to read from any number of threads.
class MappedFile {
 public:
  struct OpenOptions {
    // Verify the checksum of the whole file. Default: true. Costs one pass
    // over the file (tens of GB/s); turning it off leaves only the envelope
    // (sizes and magics) checked.
    bool verify_checksum = true;
  };

  // Maps `path` and checks that it is a complete file of `kind` at a
  // readable version. Errors: NotFound if missing; DataLoss naming the path
  // and offset if truncated or of the wrong kind; DataLoss naming the path
  // and the damaged byte ranges if it fails its checksum (found through its
  // chunk table; IsChecksumMismatch is true of that error); FailedPrecondition
  // if written by a too old or too new syndex (a version field that fails
  // the checksum is damage: DataLoss).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path,
                                                                        format::FileKind kind,
                                                                        OpenOptions options);
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path,
                                                                        format::FileKind kind) {
    return Open(path, kind, OpenOptions());
  }
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // The bytes between the header and the chunk table (or the footer, in a
  // file without one). Valid for the object's lifetime.
  std::string_view body() const { return body_; }
  const std::string& path() const { return path_; }
  uint64_t file_size() const { return size_; }
  // The format version the file was written at (a readable one).
  uint16_t version() const { return version_; }
  // Offset of body()[0] in the file, for error messages.
  static constexpr size_t body_offset() { return format::kHeaderSize; }

  // Drops this process's copies of the file's pages (madvise DONTNEED); they
  // stay in the page cache and come back on the next read. Keeps the
  // resident size of a long sequential pass (a merge) bounded.
  void ReleaseMemory() const;

  // A DataLoss error "PATH: offset N: what" for a body offset.
  absl::Status Corruption(size_t body_offset, std::string_view what) const;

  // Whether `status` is Open's report that a file fails its checksum (its
  // envelope being whole): the error whose structure a verifier may still
  // want to check, with checksums off, for a more exact location.
  static bool IsChecksumMismatch(const absl::Status& status);

 private:
  MappedFile(std::string path, const char* data, uint64_t size);
  absl::Status CheckEnvelope(format::FileKind kind, bool verify_checksum);
  // Whether the footer's checksum matches the bytes before the footer.
  bool ChecksumMatches() const;
  // The DataLoss error of a file that fails its checksum, naming the bytes
  // that its chunk table shows damaged; `covered` is the size of its header
  // and body, and `chunked` whether a chunk table follows them.
  absl::Status ChecksumMismatch(uint64_t covered, bool chunked) const;

  std::string path_;
  uint16_t version_ = 0;
  const char* data_;
  uint64_t size_;
  std::string_view body_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_MAPPED_FILE_H_
