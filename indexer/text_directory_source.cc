#include "indexer/text_directory_source.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/utf8.h"
#include "indexer/line_reader.h"

namespace syndex {
namespace {

constexpr std::string_view kTextSuffix = ".txt";

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Closes a file descriptor on every return path.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() { ::close(fd_); }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

// Reads all of the open file `fd` into *out; a file that shrinks or grows
// while being read yields what could be read up to its size at fstat time.
absl::Status ReadAll(int fd, const std::string& path, size_t size, std::string* out) {
  out->resize(size);
  size_t total = 0;
  while (total < size) {
    ssize_t n = ::read(fd, out->data() + total, size - total);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("cannot read", path);
    }
    if (n == 0) break;
    total += static_cast<size_t>(n);
  }
  out->resize(total);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<TextDirectorySource>> TextDirectorySource::Open(
    const std::string& directory, WarningSink warn, const TextDirectorySourceOptions& options) {
  // Not make_unique: the constructor is private.
  std::unique_ptr<TextDirectorySource> source(
      new TextDirectorySource(directory, std::move(warn), options));
  RETURN_IF_ERROR(source->ListFiles());
  RETURN_IF_ERROR(source->ReadMeta());
  return source;
}

TextDirectorySource::TextDirectorySource(std::string directory, WarningSink warn,
                                         const TextDirectorySourceOptions& options)
    : directory_(std::move(directory)), warn_(std::move(warn)), options_(options) {}

absl::Status TextDirectorySource::ListFiles() {
  DIR* dir = ::opendir(directory_.c_str());
  if (dir == nullptr) return ErrnoError("cannot open directory", directory_);
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) break;
    std::string_view name = entry->d_name;
    if (name.size() <= kTextSuffix.size() || !name.ends_with(kTextSuffix)) continue;
    // stat rather than d_type: it follows symlinks and works on file systems
    // that report DT_UNKNOWN.
    struct stat st;
    if (::stat(PathOf(name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) files_.emplace_back(name);
  }
  int error = errno;
  ::closedir(dir);
  if (error != 0) {
    errno = error;
    return ErrnoError("cannot list directory", directory_);
  }
  // readdir's order depends on the file system; sorting makes the document
  // order, and so the doc ids, reproducible.
  std::sort(files_.begin(), files_.end());
  if (files_.empty()) Warn(directory_, "no .txt files");
  return absl::OkStatus();
}

absl::Status TextDirectorySource::ReadMeta() {
  const std::string path = PathOf(kMetaFileName);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader, LineReader::Open(path));
  JsonArticleParser parser;
  JsonArticle article;
  Line line;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(&line));
    if (!more) break;
    const std::string where = StrCat(path, ":", line.number);
    if (line.too_long) {
      Warn(where, StrCat("line of ", line.size, " bytes is too long, skipped"));
      continue;
    }
    if (IsBlank(line.text)) continue;
    Utf8Repair repair;
    absl::Status status = parser.Parse(line.text, &article, &repair);
    if (!status.ok()) {
      Warn(where, StrCat(status.message(), ", skipped"));
      continue;
    }
    if (repair.invalid_bytes > 0) {
      Warn(where, StrCat("invalid UTF-8 at byte ", repair.first_invalid_offset, " of the line, ",
                         repair.invalid_bytes, " bytes replaced by U+FFFD"));
    }
    if (article.file.empty()) {
      Warn(where, "no \"file\" field, skipped");
      continue;
    }
    if (!std::binary_search(files_.begin(), files_.end(), article.file)) {
      Warn(where, StrCat("names ", article.file, ", which is not a .txt file in ", directory_,
                         "; skipped"));
      continue;
    }
    std::string file = article.file;
    if (!meta_.try_emplace(std::move(file), std::move(article)).second) {
      Warn(where, StrCat("describes ", article.file, " again; the first line is kept"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> TextDirectorySource::Next(RawDocument* doc) {
  while (next_ < files_.size()) {
    const std::string& name = files_[next_++];
    ASSIGN_OR_RETURN(bool accepted, ReadDocument(name, doc));
    if (accepted) return true;
  }
  return false;
}

absl::StatusOr<bool> TextDirectorySource::ReadDocument(const std::string& name, RawDocument* doc) {
  std::string path = PathOf(name);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open", path);
  FdCloser closer(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoError("cannot stat", path);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  bytes_read_ += size;
  if (size > options_.max_file_bytes) {
    Warn(path, StrCat("file of ", size, " bytes is bigger than the limit of ",
                      options_.max_file_bytes, " bytes, skipped"));
    return false;
  }
  RETURN_IF_ERROR(ReadAll(fd, path, size, &doc->text));
  std::string& text = doc->text;
  if (IsBlank(text)) {
    Warn(path, text.empty() ? "empty file, skipped" : "file holds only whitespace, skipped");
    return false;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    Warn(path, StrCat("binary file (NUL byte at offset ",
                      static_cast<const char*>(nul) - text.data(), "), skipped"));
    return false;
  }
  Utf8Repair repair = RepairUtf8(&text);
  if (repair.invalid_bytes > 0) {
    Warn(path, StrCat("invalid UTF-8 at byte ", repair.first_invalid_offset, ", ",
                      repair.invalid_bytes, " bytes replaced by U+FFFD"));
  }

  auto meta = meta_.find(name);
  const JsonArticle* article = meta == meta_.end() ? nullptr : &meta->second;
  if (article != nullptr && !IsBlank(article->id)) {
    doc->id = article->id;
  } else {
    doc->id = name.substr(0, name.size() - kTextSuffix.size());
  }
  doc->title = article != nullptr ? article->title : "";
  doc->outlet = article != nullptr ? article->outlet : "";
  doc->date = article != nullptr ? article->date : "";
  doc->url = article != nullptr ? article->url : "";
  doc->origin = std::move(path);
  return true;
}

std::string TextDirectorySource::PathOf(std::string_view name) const {
  if (directory_.ends_with('/')) return StrCat(directory_, name);
  return StrCat(directory_, "/", name);
}

void TextDirectorySource::Warn(std::string_view where, std::string_view reason) const {
  if (warn_) warn_(StrCat(where, ": ", reason));
}

}  // namespace syndex
