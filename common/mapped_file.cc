#include "common/mapped_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/checksum.h"
#include "common/coding.h"
#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

absl::Status OpenError(const std::string& path) { return ErrnoError("cannot open", path); }

}  // namespace

absl::StatusOr<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path,
                                                             format::FileKind kind,
                                                             OpenOptions options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return OpenError(path);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const char* data = nullptr;
  if (size > 0) {
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
      ::close(fd);
      return OpenError(path);
    }
    data = static_cast<const char*>(map);
  }
  ::close(fd);  // the mapping keeps the file alive
  std::unique_ptr<MappedFile> file(new MappedFile(path, data, size));
  RETURN_IF_ERROR(file->CheckEnvelope(kind, options.verify_checksum));
  if (options.verify_checksum) file->ReleaseMemory();  // verification read it all
  return file;
}

MappedFile::MappedFile(std::string path, const char* data, uint64_t size)
    : path_(std::move(path)), data_(data), size_(size) {}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

absl::Status MappedFile::CheckEnvelope(format::FileKind kind, bool verify_checksum) {
  if (size_ < format::kHeaderSize + format::kFooterSize) {
    return absl::DataLossError(
        StrCat(path_, ": truncated: ", size_, " bytes, shorter than a header and footer"));
  }
  if (DecodeFixed32(data_) != format::kHeaderMagic) {
    return absl::DataLossError(StrCat(path_, ": offset 0: not a syndex file (bad magic)"));
  }
  const uint16_t file_kind = DecodeFixed16(data_ + 4);
  const uint16_t version = DecodeFixed16(data_ + 6);
  if (version > format::kVersion) {
    return absl::FailedPreconditionError(StrCat(path_, ": format version ", version,
                                                " is newer than this syndex reads (",
                                                format::kVersion, "); upgrade syndex"));
  }
  if (version < format::kOldestReadableVersion) {
    return absl::FailedPreconditionError(
        StrCat(path_, ": format version ", version, " is older than this syndex reads (",
               format::kOldestReadableVersion, "); rebuild the index"));
  }
  if (file_kind != static_cast<uint16_t>(kind)) {
    return absl::DataLossError(
        StrCat(path_, ": offset 4: file kind ", file_kind, ", expected ", format::KindName(kind)));
  }
  if (DecodeFixed64(data_ + 8) != 0) {
    return absl::DataLossError(StrCat(path_, ": offset 8: reserved header bytes not zero"));
  }
  const char* footer = data_ + size_ - format::kFooterSize;
  if (DecodeFixed64(footer + 8) != format::kFooterMagic) {
    return absl::DataLossError(
        StrCat(path_, ": offset ", size_ - 8, ": no footer (the file is truncated or incomplete)"));
  }
  if (verify_checksum &&
      Checksum64(std::string_view(data_, size_ - format::kFooterSize)) != DecodeFixed64(footer)) {
    return absl::DataLossError(StrCat(path_, ": checksum mismatch (the file is damaged)"));
  }
  body_ = std::string_view(data_ + format::kHeaderSize,
                           size_ - format::kHeaderSize - format::kFooterSize);
  return absl::OkStatus();
}

void MappedFile::ReleaseMemory() const {
  if (data_ != nullptr) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

absl::Status MappedFile::Corruption(size_t body_offset, std::string_view what) const {
  return absl::DataLossError(
      StrCat(path_, ": offset ", body_offset + format::kHeaderSize, ": ", what));
}

}  // namespace syndex
