// File: common/file_writer.h
//
// Writing index files: every file is written through a FileWriter, which
// frames it with the format's header, chunk checksum table and footer
// (magic, kind, version, checksums; docs/FORMAT.md, "The file envelope"),
// buffers writes, and makes the file durable (fsync) on Finish.
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
  // Writes the chunk table and the footer, flushes, fsyncs and closes.
  // REQUIRES: called once. On any error the file is left without its
  // footer, which every reader rejects.
  [[nodiscard]] absl::Status Finish();

 private:
  FileWriter(std::string path, int fd, format::FileKind kind);
  // Adds header or body bytes to the checksums and the buffer.
  void Checksum(std::string_view bytes);
  absl::Status Flush();
  absl::Status WriteRaw(std::string_view bytes);

  std::string path_;
  int fd_;
  bool chunked_;  // format::HasChunkTable
  std::string buffer_;
  Checksummer checksum_;  // every byte before the footer
  Checksummer chunk_;     // the bytes of the current chunk so far
  uint64_t chunk_fill_ = 0;
  std::string chunk_table_;  // the checksums of the chunks before it
  uint64_t body_size_ = 0;
};

// Fsyncs the directory `dir`, so that renames and creations in it persist.
[[nodiscard]] absl::Status SyncDirectory(const std::string& dir);

// Replaces `dir/name` by a file holding `contents`, atomically: writes
// `dir/temp_name`, fsyncs it and renames it over `dir/name`. Either the old
// or the new file is there afterwards; the new one only once OK is
// returned. The rename is durable only after SyncDirectory(dir).
[[nodiscard]] absl::Status ReplaceFile(const std::string& dir, std::string_view name,
                                       std::string_view temp_name, std::string_view contents);

// ReplaceFile, then SyncDirectory: either the old or the new file is there
// afterwards, even after a crash.
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& dir, std::string_view name,
                                               std::string_view temp_name,
                                               std::string_view contents);

// The header bytes of a file of `kind` at the current format version.
std::string EncodeFileHeader(format::FileKind kind);
// The chunk table of a file whose header and body are `covered`: the
// checksum of each format::kChecksumChunkSize bytes, then the table's own.
// Goes between the body and the footer of a file that has one
// (format::HasChunkTable).
std::string EncodeChunkTable(std::string_view covered);
// The footer bytes for a file whose preceding bytes have `checksum`.
std::string EncodeFileFooter(uint64_t checksum);

}  // namespace syndex

#endif  // SYNDEX_COMMON_FILE_WRITER_H_
