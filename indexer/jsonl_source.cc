#include "indexer/jsonl_source.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/utf8.h"
#include "indexer/zstd_line_reader.h"

namespace syndex {
namespace {

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string FileName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

absl::StatusOr<std::unique_ptr<JsonlSource>> JsonlSource::Open(const std::string& path,
                                                               WarningSink warn,
                                                               const LineReaderOptions& options) {
  std::unique_ptr<LineReader> reader;
  if (absl::EndsWithIgnoreCase(path, ".zst")) {
    ASSIGN_OR_RETURN(reader, ZstdLineReader::Open(path, options));
  } else {
    ASSIGN_OR_RETURN(reader, LineReader::Open(path, options));
  }
  // Not make_unique: the constructor is private.
  return std::unique_ptr<JsonlSource>(new JsonlSource(std::move(reader), std::move(warn)));
}

JsonlSource::JsonlSource(std::unique_ptr<LineReader> reader, WarningSink warn)
    : reader_(std::move(reader)), warn_(std::move(warn)), file_name_(FileName(reader_->path())) {}

absl::StatusOr<bool> JsonlSource::Next(RawDocument* doc) {
  Line line;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader_->Next(&line));
    if (!more) return false;
    if (Accept(line, doc)) return true;
  }
}

bool JsonlSource::Accept(const Line& line, RawDocument* doc) {
  if (line.too_long) {
    Warn(line.number, StrCat("line of ", line.size, " bytes is longer than the limit of ",
                             reader_->max_line_bytes(), " bytes, skipped"));
    return false;
  }
  if (IsBlank(line.text)) return false;
  Utf8Repair repair;
  absl::Status status = parser_.Parse(line.text, &article_, &repair);
  if (!status.ok()) {
    Warn(line.number, StrCat(status.message(), ", skipped"));
    return false;
  }
  if (repair.invalid_bytes > 0) {
    Warn(line.number, StrCat("invalid UTF-8 at byte ", repair.first_invalid_offset,
                             " of the line, ", repair.invalid_bytes, " bytes replaced by U+FFFD"));
  }
  if (IsBlank(article_.text)) {
    Warn(line.number, "no text, skipped");
    return false;
  }
  // Only "\u0000" gets a NUL this far (simdjson rejects raw control bytes);
  // treat it as binary data, as TextDirectorySource does.
  if (std::memchr(article_.text.data(), '\0', article_.text.size()) != nullptr) {
    Warn(line.number, "text contains a NUL byte (binary data?), skipped");
    return false;
  }
  // Swapping hands the caller's old buffers to article_, so a caller that
  // reuses its RawDocument causes no allocation per line.
  if (IsBlank(article_.id)) {
    doc->id = StrCat(file_name_, ":", line.number);
  } else {
    doc->id.swap(article_.id);
  }
  doc->title.swap(article_.title);
  doc->text.swap(article_.text);
  doc->outlet.swap(article_.outlet);
  doc->date.swap(article_.date);
  doc->url.swap(article_.url);
  doc->origin = StrCat(reader_->path(), ":", line.number);
  return true;
}

void JsonlSource::Warn(uint64_t line_number, std::string_view reason) const {
  if (warn_) warn_(StrCat(reader_->path(), ":", line_number, ": ", reason));
}

}  // namespace syndex
