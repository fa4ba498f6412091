// segment_fuzzer: the index readers on mutated index files.
//
// At startup a small real index is built (FuzzIndexDocuments: one segment
// of six articles, with copies, near-duplicate groups, boilerplate, titles,
// outlets and a postings list of several blocks). Byte 0 of the input picks
// one of its files (the segment's seven, or the MANIFEST) and flags (layout
// in fuzz_support.h); the rest of the input replaces that file's bytes.
// With the "recompute checksum" flag the footer's checksum is made right
// for the new bytes, so that mutations reach the structural checks behind
// it; another flag opens without checksum verification, as
// `searcher --no-verify` does. Then:
//   IndexReader::Open (ReadManifest, Segment::Open), Segment::Verify of
//   every segment, and, over whatever opened, whether it verified or not,
//   a search for passages and one for documents, and PresentResults of
//   their hits (stored text, highlights, groups, variants). Bits 5-7 of
//   byte 0 pick the query among eight of every kind: term, phrase, sloppy
//   phrase, NEAR, prefix with OR, AND NOT, fields, phrasings.
// The file's original bytes are put back after each input.
//
// Checks: nothing crashes, hangs or trips ASan/UBSan; every error is a
// status: DataLoss for damage, FailedPrecondition for a version out of
// range, NotFound only for a MANIFEST naming a segment that is not there.
//
// Run: scripts/fuzz.sh (all targets; fuzz_seeds writes the seeds from the
// same index), or
//   build-fuzz/tests/fuzz/segment_fuzzer CORPUS build-fuzz/fuzz-seeds/segment_fuzzer
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "searcher/index_reader.h"
#include "searcher/result_view.h"
#include "searcher/searcher.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/testing/footer_checksum.h"

namespace syndex::fuzz {
namespace {

constexpr std::string_view kQueries[1 << (8 - kSegmentQueryShift)] = {
    "sanctions",
    "\"swift and severe costs\"",
    "\"severe costs\"~2 biden",
    "biden NEAR/5 costs",
    "sanction* OR oil OR зеленський",
    "oil -cap",
    "title:biden outlet:(ap OR reuters)",
    "~\"swift and severe costs\"",
};

struct Fixture {
  std::string dir;
  std::string paths[8];      // by file index: the segment's files, then the MANIFEST
  std::string originals[8];  // their bytes as built
};

Fixture* fixture = nullptr;

void SearchAndPresent(const IndexReader& index, std::string_view query, Unit unit) {
  Searcher searcher(&index);
  SearchOptions options;
  options.unit = unit;
  options.k = 4;
  absl::StatusOr<SearchResults> results = searcher.Search(query, options);
  if (!results.ok()) {
    CheckStatusCode(results.status(), {absl::StatusCode::kDataLoss}, StrCat("Search ", query));
    return;
  }
  auto views = PresentResults(index, *results, unit, searcher.analyzer());
  if (!views.ok()) {
    CheckStatusCode(views.status(), {absl::StatusCode::kDataLoss},
                    StrCat("PresentResults ", query));
  }
}

}  // namespace
}  // namespace syndex::fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  using namespace syndex;
  using namespace syndex::fuzz;
  fixture = new Fixture;
  fixture->dir = FuzzScratchDir() + "/index";
  BuildFuzzIndex(fixture->dir);
  auto manifest = ReadManifest(fixture->dir);
  if (!manifest.ok() || manifest->segments.size() != 1) Die("the fuzz index is not one segment");
  const std::string& name = manifest->segments[0].name;
  for (size_t i = 0; i < 7; ++i) {
    fixture->paths[i] = Segment::FilePath(fixture->dir, name, format::kSegmentFileKinds[i]);
  }
  fixture->paths[kManifestFileIndex] = StrCat(fixture->dir, "/", format::kManifestName);
  for (size_t i = 0; i < 8; ++i) fixture->originals[i] = ReadFileOrDie(fixture->paths[i]);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syndex;
  using namespace syndex::fuzz;
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const size_t which = flags & kSegmentFileMask;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (flags & kRecomputeChecksum) testing::RecomputeFooterChecksum(&bytes);
  WriteFileOrDie(fixture->paths[which], bytes);

  {
    IndexReader::Options options;
    options.verify_checksums = !(flags & kSkipChecksums);
    auto index = IndexReader::Open(fixture->dir, options);
    if (!index.ok()) {
      if (which == kManifestFileIndex) {
        CheckStatusCode(index.status(),
                        {absl::StatusCode::kDataLoss, absl::StatusCode::kFailedPrecondition,
                         absl::StatusCode::kNotFound},
                        "IndexReader::Open");
      } else {
        CheckStatusCode(index.status(),
                        {absl::StatusCode::kDataLoss, absl::StatusCode::kFailedPrecondition},
                        "IndexReader::Open");
      }
    } else {
      for (const auto& segment : (*index)->segments()) {
        CheckStatusCode(segment->Verify(), {absl::StatusCode::kDataLoss}, "Segment::Verify");
      }
      const std::string_view query = kQueries[flags >> kSegmentQueryShift];
      SearchAndPresent(**index, query, Unit::kPassage);
      SearchAndPresent(**index, query, Unit::kDocument);
    }
  }  // the index is closed (unmapped) before its file is put back

  WriteFileOrDie(fixture->paths[which], fixture->originals[which]);
  return 0;
}
