// jsonl_source_fuzzer: arbitrary bytes as a JSON Lines file, plain or zstd.
//
// Byte 0 of the input holds options, the rest is the payload (layout in
// fuzz_support.h): the payload is written as in.jsonl (LineReader), as
// in.jsonl.zst as it is (ZstdLineReader on random bytes or on a zstd stream
// the mutator damaged), or compressed into in.jsonl.zst in one frame or two
// concatenated ones (ZstdLineReader on valid zstd whose content the mutator
// changes freely); small line buffers and line limits make short inputs
// reach the paths of lines crossing and outgrowing the buffer and of lines
// too long. Every document is read with JsonlSource::Next until the end or
// an error.
//
// Checks: nothing crashes or trips ASan/UBSan; every document keeps the
// promises of DocumentSource (CheckDocument: valid UTF-8 in every field, an
// id, a text that is neither blank nor holds NUL) and analyzes into
// passages inside its text; an error is DataLoss (damaged zstd) and comes
// only from the raw .zst mode, never from a plain file or one zstd wrote;
// bytes_read() never goes backwards.
//
// Run: scripts/fuzz.sh (all targets), or
//   build-fuzz/tests/fuzz/jsonl_source_fuzzer -dict=tests/fuzz/json.dict CORPUS SEEDS
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/str_cat.h"
#include "indexer/jsonl_source.h"
#include "indexer/line_reader.h"
#include "tests/fuzz/fuzz_support.h"

namespace syndex::fuzz {
namespace {

constexpr size_t kInitialBufferBytes[] = {size_t{1} << 20, 1, 16, 256};
constexpr size_t kMaxLineBytes[] = {kDefaultMaxLineBytes, 8, 100, 1000};

// A zstd stream can expand a few bytes into megabytes; past this much
// decompressed input, further lines add time, not coverage.
constexpr uint64_t kMaxBytesRead = uint64_t{4} << 20;

}  // namespace
}  // namespace syndex::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syndex;
  using namespace syndex::fuzz;
  if (size == 0) return 0;
  const uint8_t options_byte = data[0];
  const std::string_view payload(reinterpret_cast<const char*>(data) + 1, size - 1);

  const uint8_t mode = options_byte & 3;
  std::string path = FuzzScratchDir() + (mode == kJsonlPlain ? "/in.jsonl" : "/in.jsonl.zst");
  switch (mode) {
    case kJsonlPlain:
    case kJsonlZstdRaw:
      WriteFileOrDie(path, payload);
      break;
    case kJsonlZstdOneFrame:
      WriteFileOrDie(path, ZstdCompress(payload));
      break;
    case kJsonlZstdTwoFrames: {
      const size_t half = payload.size() / 2;
      WriteFileOrDie(path, ZstdCompress(payload.substr(0, half)) +
                               ZstdCompress(payload.substr(half)));
      break;
    }
  }

  LineReaderOptions options;
  options.initial_buffer_bytes = kInitialBufferBytes[(options_byte >> 2) & 3];
  options.max_line_bytes = kMaxLineBytes[(options_byte >> 4) & 3];
  auto source = JsonlSource::Open(path, [](std::string_view warning) {
    if (warning.empty()) Die("an empty warning");
  }, options);
  if (!source.ok()) Die(StrCat("JsonlSource::Open: ", source.status().ToString()));

  RawDocument doc;
  uint64_t bytes_read = 0;
  while ((*source)->bytes_read() < kMaxBytesRead) {
    absl::StatusOr<bool> more = (*source)->Next(&doc);
    if (!more.ok()) {
      if (mode != kJsonlZstdRaw) Die(StrCat("a sound file failed: ", more.status().ToString()));
      CheckStatusCode(more.status(), {absl::StatusCode::kDataLoss}, "JsonlSource::Next");
      break;
    }
    if (!*more) break;
    CheckDocument(doc);
    if ((*source)->bytes_read() < bytes_read) Die("bytes_read went backwards");
    bytes_read = (*source)->bytes_read();
  }
  return 0;
}
