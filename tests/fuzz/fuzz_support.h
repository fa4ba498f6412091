// File: tests/fuzz/fuzz_support.h
//
// What the libFuzzer targets of tests/fuzz share: a scratch directory for
// the files they feed to readers, the checks every document read must pass,
// the small index the query and segment fuzzers search, and the layouts of
// the inputs of the multi-file targets, which fuzz_seeds (write_seeds.cc)
// writes and the targets read.
//
// A broken expectation calls Die, which prints the reason and aborts: to
// libFuzzer a crash like any other, saved as a reproducer.
//
// Example:
//   const std::string path = FuzzScratchDir() + "/in.jsonl";
//   WriteFileOrDie(path, bytes);
//   ... read documents ...; CheckDocument(doc);
#ifndef SYNDEX_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define SYNDEX_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "indexer/raw_document.h"

namespace syndex::fuzz {

// Prints "fuzz check failed: " and `what` to stderr and aborts.
[[noreturn]] void Die(std::string_view what);

// A fresh directory for this process's files, made on first use under
// /dev/shm if it is writable (no disk I/O per input), else $TMPDIR or /tmp,
// named syndex_fuzz_XXXXXX; removed at normal exit. A crash leaves it
// behind, which is what a reproducer needs anyway.
const std::string& FuzzScratchDir();

// Replaces the file at `path` by `bytes`; dies if that fails.
void WriteFileOrDie(const std::string& path, std::string_view bytes);
// The bytes of the file at `path`; dies if it cannot be read.
std::string ReadFileOrDie(const std::string& path);
// Removes everything inside `dir`, keeping `dir`.
void ClearDirectory(const std::string& dir);

// Dies unless `doc` keeps the promises of DocumentSource::Next: every field
// is valid UTF-8, the id is not empty, and the text is neither blank nor
// holds a NUL byte. Then analyzes it (DocumentAnalyzer, as the indexer
// would) and dies unless every passage lies inside its text or title, when
// the text is short enough to be worth it.
void CheckDocument(const RawDocument& doc);

// Dies unless `status` is OK or has one of the codes `allowed`, naming
// `context` and the status.
void CheckStatusCode(const absl::Status& status, std::initializer_list<absl::StatusCode> allowed,
                     std::string_view context);

// The documents of the fuzzers' index: a handful of short articles with
// exact and near duplicates, titles, outlets, boilerplate, non-Latin
// scripts, and one article of many short paragraphs so that a body term has
// postings of more than one block (a skip table). The same on every call.
std::vector<RawDocument> FuzzIndexDocuments();

// Builds a committed index of FuzzIndexDocuments() in `dir` (created if
// needed) with IndexWriter, on one thread; dies on error. Deterministic: the
// files are the same byte for byte on every call, which lets fuzz_seeds
// write seeds for the index segment_fuzzer builds.
void BuildFuzzIndex(const std::string& dir);

// ---- Input layouts ---------------------------------------------------

// segment_fuzzer: byte 0 says what to do, the rest are the new bytes of
// one file of the index. Bits 0-2 pick the file: 0-6 the segment's files in
// the order of format::kSegmentFileKinds, 7 the MANIFEST. Bit 3 asks to
// recompute the footer's checksum after the replacement
// (tests/testing/footer_checksum.h), so that mutations get past it. Bit 4
// opens the index without checksum verification (searcher --no-verify).
// Bits 5-7 pick the query searched (one of eight, one of each kind), so
// that an input costs one query's searches, not eight.
inline constexpr uint8_t kSegmentFileMask = 0x07;
inline constexpr uint8_t kManifestFileIndex = 7;
inline constexpr uint8_t kRecomputeChecksum = 0x08;
inline constexpr uint8_t kSkipChecksums = 0x10;
inline constexpr int kSegmentQueryShift = 5;

// text_directory_fuzzer: byte 0 holds options (bits 0-1 pick
// max_file_bytes: the default, 16, 256 or 4096); the rest is split at each
// kPartSeparator. One part is the file 000.txt alone; with more, the first
// part is meta.jsonl and the others are 000.txt, 001.txt, ... (at most
// kMaxTextFiles; further parts belong to the last file).
inline constexpr std::string_view kPartSeparator = "\n@@@@\n";
inline constexpr size_t kMaxTextFiles = 8;

struct TextDirectoryInput {
  uint8_t options = 0;
  bool has_meta = false;
  std::string meta;                // meta.jsonl, if has_meta
  std::vector<std::string> files;  // 000.txt, 001.txt, ...
};
TextDirectoryInput SplitTextDirectoryInput(std::string_view data);
std::string JoinTextDirectoryInput(const TextDirectoryInput& input);
// "000.txt" for 0.
std::string TextFileName(size_t index);

// jsonl_source_fuzzer: byte 0 holds options, the rest is the payload.
// Bits 0-1: how the payload reaches JsonlSource: 0 as a plain .jsonl file;
// 1 as a .jsonl.zst file, as it is (random bytes or a zstd stream);
// 2 compressed (one zstd frame) into a .jsonl.zst file; 3 compressed as
// two concatenated frames, split in the middle. Bits 2-3: the line
// buffer's initial size (1 MiB, 1, 16 or 256 bytes); bits 4-5: the longest
// line (64 MiB, 8, 100 or 1000 bytes), so that short inputs reach the paths
// of lines crossing and outgrowing the buffer and of lines too long.
inline constexpr uint8_t kJsonlPlain = 0;
inline constexpr uint8_t kJsonlZstdRaw = 1;
inline constexpr uint8_t kJsonlZstdOneFrame = 2;
inline constexpr uint8_t kJsonlZstdTwoFrames = 3;

// The zstd compression of `bytes` (level 3), one frame.
std::string ZstdCompress(std::string_view bytes);

}  // namespace syndex::fuzz

#endif  // SYNDEX_TESTS_FUZZ_FUZZ_SUPPORT_H_
