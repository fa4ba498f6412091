// File: common/file_writer.h
//
// Writing index files: every file is written through a FileWriter, which
// frames it with the format's header and footer (magic, kind, version,
// checksum), buffers writes, and makes the file durable (fsync) on Finish.
// Nothing becomes part of the index until the manifest that names it is
// replaced atomically (WriteFileAtomically), so a writer that dies midway
// leaves only unreferenced files behind.
//
// Example:
//   ASSIGN_OR_RETURN(auto out, FileWriter::Create(path, format::FileKind::kPassages));
//   RETURN_IF_ERROR(out->Append(record));
//   RETURN_IF_ERROR(out->Finish());
#ifndef SYNDEX_COMMON_FILE_WRITER_H_
#define SYNDEX_COMMON_FILE_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/checksum.h"
#include "common/format.h"

namespace syndex {

// Not thread-safe. If Finish is never called the file is left incomplete
// (no footer) and is rejected by every reader.
class FileWriter {
 public:
  // Creates (or truncates) `path` and writes the header. IOError names the
  // path and the system error.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<FileWriter>> Create(const std::string& path,
                                                                          format::FileKind kind);
  ~FileWriter();

  // Appends body bytes.
  [[nodiscard]] absl::Status Append(std::string_view bytes);
  // Bytes of body written so far (the header not counted).
  uint64_t body_size() const { return body_size_; }
  // Writes the footer, flushes, fsyncs and closes. REQUIRES: called once.
  [[nodiscard]] absl::Status Finish();

 private:
  FileWriter(std::string path, int fd);
  absl::Status Flush();
  absl::Status WriteRaw(std::string_view bytes);

  std::string path_;
  int fd_;
  std::string buffer_;
  Checksummer checksum_;
  uint64_t body_size_ = 0;
};

// Fsyncs the directory `dir`, so that renames and creations in it persist.
[[nodiscard]] absl::Status SyncDirectory(const std::string& dir);

// Replaces `dir/name` by a file holding `contents`, atomically: writes
// `dir/temp_name`, fsyncs it, renames it over `dir/name`, fsyncs `dir`.
// Either the old or the new file is there afterwards, even after a crash.
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& dir, std::string_view name,
                                               std::string_view temp_name,
                                               std::string_view contents);

// The header bytes of a file of `kind` at the current format version.
std::string EncodeFileHeader(format::FileKind kind);
// The footer bytes for a file whose preceding bytes have `checksum`.
std::string EncodeFileFooter(uint64_t checksum);

}  // namespace syndex

#endif  // SYNDEX_COMMON_FILE_WRITER_H_
