// text_directory_fuzzer: arbitrary bytes as a directory of .txt files with
// a meta.jsonl.
//
// The input is split into meta.jsonl and up to eight files 000.txt, 001.txt,
// ... (layout in fuzz_support.h: byte 0 picks max_file_bytes, parts are
// separated by "\n@@@@\n"), which are written to a fresh directory; then
// TextDirectorySource::Open lists and reads it and Next reads every
// document.
//
// Checks: nothing crashes or trips ASan/UBSan; Open and Next never fail (the
// files are all there and readable; bad content is warned about and
// skipped); every document keeps the promises of DocumentSource
// (CheckDocument: valid UTF-8 in every field, an id, a text that is neither
// blank nor holds NUL) and analyzes into passages inside its text; no more
// documents come out than there are .txt files, and none twice.
//
// Run: scripts/fuzz.sh (all targets), or
//   build-fuzz/tests/fuzz/text_directory_fuzzer -dict=tests/fuzz/json.dict CORPUS SEEDS
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "common/str_cat.h"
#include "indexer/text_directory_source.h"
#include "tests/fuzz/fuzz_support.h"

namespace syndex::fuzz {
namespace {

constexpr size_t kMaxFileBytes[] = {TextDirectorySourceOptions().max_file_bytes, 16, 256, 4096};

}  // namespace
}  // namespace syndex::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syndex;
  using namespace syndex::fuzz;
  const TextDirectoryInput input =
      SplitTextDirectoryInput(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string dir = FuzzScratchDir() + "/corpus";
  std::filesystem::create_directories(dir);
  ClearDirectory(dir);
  if (input.has_meta) WriteFileOrDie(StrCat(dir, "/", kMetaFileName), input.meta);
  for (size_t i = 0; i < input.files.size(); ++i) {
    WriteFileOrDie(StrCat(dir, "/", TextFileName(i)), input.files[i]);
  }

  TextDirectorySourceOptions options;
  options.max_file_bytes = kMaxFileBytes[input.options & 3];
  auto source = TextDirectorySource::Open(dir, [](std::string_view warning) {
    if (warning.empty()) Die("an empty warning");
  }, options);
  if (!source.ok()) Die(StrCat("TextDirectorySource::Open: ", source.status().ToString()));

  std::set<std::string> origins;
  RawDocument doc;
  while (true) {
    absl::StatusOr<bool> more = (*source)->Next(&doc);
    if (!more.ok()) Die(StrCat("TextDirectorySource::Next: ", more.status().ToString()));
    if (!*more) break;
    CheckDocument(doc);
    if (!origins.insert(doc.origin).second) Die(StrCat(doc.origin, " read twice"));
  }
  if (origins.size() > input.files.size()) Die("more documents than files");
  return 0;
}
