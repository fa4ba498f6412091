#include "bench/e2e/race_engine.h"

#include <filesystem>
#include <system_error>

#include "bench/e2e/fts5_engine.h"
#include "bench/e2e/syndex_engine.h"
#include "bench/e2e/xapian_engine.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::race {
namespace {

namespace fs = std::filesystem;

// The bytes of the file at `path`, or of every file under it (recursively)
// if it is a directory; also the bytes of the files whose name ends ".txt".
absl::StatusOr<IndexBytes> FileBytes(const std::string& path) {
  std::error_code error;
  IndexBytes bytes;
  if (!fs::is_directory(path, error)) {
    bytes.total = fs::file_size(path, error);
    if (error) return absl::NotFoundError(StrCat(path, ": ", error.message()));
    return bytes;
  }
  for (auto it = fs::recursive_directory_iterator(path, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    const uint64_t size = it->file_size(error);
    if (error) break;
    bytes.total += size;
    if (it->path().extension() == ".txt") bytes.stored_text += size;
  }
  if (error) return absl::UnavailableError(StrCat("measuring ", path, ": ", error.message()));
  return bytes;
}

}  // namespace

std::string_view EngineName(Engine e) {
  switch (e) {
    case Engine::kSyndex:
      return "syndex";
    case Engine::kXapian:
      return "xapian";
    case Engine::kFts5:
      return "fts5";
  }
  return "?";
}

std::optional<Engine> ParseEngine(std::string_view name) {
  for (Engine e : kAllEngines) {
    if (EngineName(e) == name) return e;
  }
  return std::nullopt;
}

std::string_view RankedUnit(Engine e) {
  switch (e) {
    case Engine::kSyndex:
      return "passages (paragraphs), copies and near-duplicates grouped";
    case Engine::kXapian:
      return "documents (articles)";
    case Engine::kFts5:
      return "rows (articles)";
  }
  return "?";
}

std::string IndexPathIn(const std::string& work_dir, Engine e) {
  return StrCat(work_dir, "/", EngineName(e), e == Engine::kFts5 ? ".sqlite" : "");
}

absl::StatusOr<BuildOutcome> BuildIndex(Engine e, const BuildSettings& settings) {
  switch (e) {
    case Engine::kSyndex:
      return BuildSyndexIndex(settings);
    case Engine::kXapian:
      return BuildXapianIndex(settings);
    case Engine::kFts5:
      return BuildFts5Index(settings);
  }
  return absl::InvalidArgumentError("unknown engine");
}

absl::StatusOr<IndexBytes> MeasureIndex(Engine e, const std::string& index_path) {
  ASSIGN_OR_RETURN(IndexBytes bytes, FileBytes(index_path));
  if (e != Engine::kSyndex) bytes.stored_text = 0;  // a ".txt" there is no stored text
  if (e == Engine::kFts5) {
    ASSIGN_OR_RETURN(bytes.free, Fts5FreeBytes(index_path));
  }
  return bytes;
}

absl::StatusOr<std::unique_ptr<QueryRunner>> OpenRunner(Engine e, const std::string& index_path) {
  switch (e) {
    case Engine::kSyndex:
      return OpenSyndexRunner(index_path);
    case Engine::kXapian:
      return OpenXapianRunner(index_path);
    case Engine::kFts5:
      return OpenFts5Runner(index_path);
  }
  return absl::InvalidArgumentError("unknown engine");
}

}  // namespace syndex::race
