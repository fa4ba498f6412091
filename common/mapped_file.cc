#include "common/mapped_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "common/checksum.h"
#include "common/coding.h"
#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

absl::Status OpenError(const std::string& path) { return ErrnoError("cannot open", path); }

// Marks the error of a file that fails its checksum (IsChecksumMismatch).
constexpr char kChecksumMismatchPayload[] = "syndex/checksum-mismatch";

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
    return absl::DataLossError(StrCat(path_, ": offset ", size_,
                                      ": truncated: the file ends after ", size_,
                                      " bytes, shorter than a header and footer"));
  }
  if (DecodeFixed32(data_) != format::kHeaderMagic) {
    return absl::DataLossError(StrCat(path_, ": bytes [0, 4): not a syndex file (bad magic)"));
  }
  const uint16_t file_kind = DecodeFixed16(data_ + 4);
  const uint16_t version = DecodeFixed16(data_ + 6);
  if (version > format::kVersion || version < format::kOldestReadableVersion) {
    // Every version has this header and footer, so a file that another
    // syndex wrote passes its checksum, and a damaged version field fails it.
    if (verify_checksum && !ChecksumMatches()) {
      return absl::DataLossError(StrCat(path_, ": bytes [6, 8): format version ", version,
                                        " and a checksum mismatch: the header is damaged"));
    }
    if (version > format::kVersion) {
      return absl::FailedPreconditionError(StrCat(path_, ": format version ", version,
                                                  " is newer than this syndex reads (",
                                                  format::kVersion, "); upgrade syndex"));
    }
    return absl::FailedPreconditionError(
        StrCat(path_, ": format version ", version, " is older than this syndex reads (",
               format::kOldestReadableVersion, "); rebuild the index"));
  }
  if (file_kind != static_cast<uint16_t>(kind)) {
    return absl::DataLossError(StrCat(path_, ": bytes [4, 6): file kind ", file_kind, ", expected ",
                                      format::KindName(kind)));
  }
  if (DecodeFixed64(data_ + 8) != 0) {
    return absl::DataLossError(StrCat(path_, ": bytes [8, 16): reserved header bytes not zero"));
  }
  if (DecodeFixed64(data_ + size_ - 8) != format::kFooterMagic) {
    return absl::DataLossError(StrCat(path_, ": bytes [", size_ - 8, ", ", size_,
                                      "): no footer (the file is truncated or incomplete)"));
  }
  version_ = version;
  const bool chunked = format::HasChunkTable(kind, version);
  const uint64_t covered = chunked ? format::CoveredSize(size_) : size_ - format::kFooterSize;
  if (covered == 0) {
    return absl::DataLossError(StrCat(path_, ": offset ", size_, ": ", size_,
                                      " bytes is not the size of a whole file (truncated or "
                                      "extended)"));
  }
  if (verify_checksum && !ChecksumMatches()) return ChecksumMismatch(covered, chunked);
  body_ = std::string_view(data_ + format::kHeaderSize, covered - format::kHeaderSize);
  return absl::OkStatus();
}

bool MappedFile::ChecksumMatches() const {
  const uint64_t before_footer = size_ - format::kFooterSize;
  return Checksum64(std::string_view(data_, before_footer)) == DecodeFixed64(data_ + before_footer);
}

absl::Status MappedFile::ChecksumMismatch(uint64_t covered, bool chunked) const {
  using Range = std::pair<uint64_t, uint64_t>;
  std::vector<Range> ranges;
  std::string_view what = "checksum mismatch (the file is damaged there)";
  if (!chunked) {
    // Anywhere in the header, the body or the footer's checksum.
    ranges.push_back({0, size_ - 8});
  } else {
    // The table's own checksum says whether to trust the table: if it
    // holds, the chunks whose checksums differ are damaged; if not, the
    // entries that disagree with their chunks are.
    const uint64_t chunks = format::ChunkCount(covered);
    const char* table = data_ + covered;
    const std::string_view entries(table, chunks * format::kChunkChecksumSize);
    const bool table_sound = Checksum64(entries) == DecodeFixed64(table + entries.size());
    for (uint64_t i = 0; i < chunks; ++i) {
      const uint64_t begin = i * format::kChecksumChunkSize;
      const uint64_t end = std::min<uint64_t>(begin + format::kChecksumChunkSize, covered);
      if (Checksum64(std::string_view(data_ + begin, end - begin)) ==
          DecodeFixed64(table + i * format::kChunkChecksumSize)) {
        continue;
      }
      const Range range = table_sound ? Range{begin, end}
                                      : Range{covered + i * format::kChunkChecksumSize,
                                              covered + (i + 1) * format::kChunkChecksumSize};
      if (!ranges.empty() && ranges.back().second == range.first) {
        ranges.back().second = range.second;  // adjacent damaged chunks read as one range
      } else {
        ranges.push_back(range);
      }
    }
    if (!table_sound) {
      what = "checksum mismatch in the chunk checksum table";
      if (ranges.empty()) ranges.push_back({covered + entries.size(), size_ - format::kFooterSize});
    } else if (ranges.empty()) {
      // Every chunk and the table check out: only the footer's checksum
      // itself can differ.
      what = "the footer's checksum is damaged";
      ranges.push_back({size_ - format::kFooterSize, size_ - 8});
    }
  }
  constexpr size_t kMaxRanges = 8;
  std::string where;
  for (size_t i = 0; i < ranges.size() && i < kMaxRanges; ++i) {
    StrAppend(&where, i > 0 ? ", " : "", "[", ranges[i].first, ", ", ranges[i].second, ")");
  }
  if (ranges.size() > kMaxRanges) StrAppend(&where, " and ", ranges.size() - kMaxRanges, " more");
  absl::Status status = absl::DataLossError(StrCat(path_, ": bytes ", where, ": ", what));
  status.SetPayload(kChecksumMismatchPayload, absl::Cord(path_));
  return status;
}

bool MappedFile::IsChecksumMismatch(const absl::Status& status) {
  return status.GetPayload(kChecksumMismatchPayload).has_value();
}

void MappedFile::ReleaseMemory() const {
  if (data_ != nullptr) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

absl::Status MappedFile::Corruption(size_t body_offset, std::string_view what) const {
  return absl::DataLossError(
      StrCat(path_, ": offset ", body_offset + format::kHeaderSize, ": ", what));
}

}  // namespace syndex
