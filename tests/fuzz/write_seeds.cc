// fuzz_seeds: writes the seed corpora of the fuzz targets.
//
//   fuzz_seeds OUT_DIR
//
// Writes OUT_DIR/<target>/seed-NNN for each target of tests/fuzz: queries
// of every construct of docs/QUERY.md for query_parser_fuzzer; JSON Lines
// files (sound, damaged, with every kind of field) in each of the modes of
// jsonl_source_fuzzer; small text directories with and without meta.jsonl
// for text_directory_fuzzer; and, for segment_fuzzer, every file of the
// index it builds (BuildFuzzIndex, the same bytes), with and without the
// flag that recomputes the checksum. Seeds are made at build time rather
// than committed, so that they follow the format when it changes.
// Exits 0 on success and 2 on bad usage; aborts with a message if a seed
// cannot be written.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "tests/fuzz/fuzz_support.h"

namespace syndex::fuzz {
namespace {

namespace fs = std::filesystem;

class SeedWriter {
 public:
  SeedWriter(const std::string& out, std::string_view target) : dir_(StrCat(out, "/", target)) {
    fs::create_directories(dir_);
  }
  void Add(std::string_view bytes) {
    char name[32];
    std::snprintf(name, sizeof name, "/seed-%03zu", count_++);
    WriteFileOrDie(dir_ + name, bytes);
  }
  size_t count() const { return count_; }

 private:
  std::string dir_;
  size_t count_ = 0;
};

void WriteQuerySeeds(const std::string& out) {
  SeedWriter seeds(out, "query_parser_fuzzer");
  for (std::string_view query : {
           "gaza ceasefire",
           "\"peace talks\" -hamas",
           "title:zelensk* outlet:(reuters OR ap)",
           "sanction* AND (russia OR iran) NOT \"oil price cap\"",
           "\"peace talks\"~2",
           "putin NEAR/5 zelensky NEAR biden",
           "~\"swift and severe costs\"",
           "gaza talks +ceasefire",
           "(kyiv OR kiev) AND drone*",
           "title:\"peace talks\" outlet:ap",
           "\xE2\x80\x9C" "peace talks" "\xE2\x80\x9D",  // “peace talks”
           "\xE2\x80\x9E" "a b" "\xE2\x80\x9C",          // „a b“
           "Зеленський Elysée 東京 l’Élysée don't",
           "a\xC2\xA0" "b\xE2\x80\xAF" "c",  // no-break spaces
           "Biden - Trump a -- b C++ e-mail 10:30 https://example.org/x",
           "NOT a",
           "a OR -b",
           "((a)",
           "\"unclosed",
           "a NEAR/1001 b",
           "\"a b\"~1001",
           "*ism a*b x*",
           "\xFF\xFE invalid \xC3",
       }) {
    seeds.Add(query);
  }
  seeds.Add(std::string(100, '(') + "a" + std::string(100, ')'));  // as deep as allowed
  seeds.Add(std::string(101, '(') + "a");                           // deeper
}

void WriteJsonlSeeds(const std::string& out) {
  SeedWriter seeds(out, "jsonl_source_fuzzer");
  const std::vector<std::string> files = {
      R"({"id": "a1", "title": "Talks", "text": "Swift and severe costs.\n\nSecond paragraph.", "outlet": "AP", "date": "2022-02-12", "url": "https://example.org/a"})"
      "\n"
      R"({"_id": 42, "text": "numeric _id", "topic": {"nested": [1, 2.5e3, true, null]}})"
      "\n",
      "\xEF\xBB\xBF" R"({"id": "bom", "text": "after a byte order mark"})" "\r\n"
      "\n   \n"
      R"({"id": null, "title": null, "text": "null id and title"})" "\n"
      R"({"id": -7.5e2, "text": "\u00e9l\u00e9e \ud83d\ude00 \"quoted\" \\ \/ \b\f\n\r\t"})",
      R"({"id": "bad", "text": "caf)" "\xC3" R"( \xFF"})" "\n"
      R"({"id": ["array"], "text": "wrong id type"})" "\n"
      R"({"id": "x", "text": 5})" "\n"
      R"({"id": "nul", "text": "a\u0000b"})" "\n"
      R"({"id": "blank", "text": "  \n\t "})" "\n"
      R"(["not", "an", "object"])" "\n"
      R"({"id": "trailing", "text": "t"} junk)" "\n"
      R"({"id": "nul", "text": nul})" "\n"
      R"({"id": "cut", "text": "unterminated)",
      std::string(R"({"id": "long", "text": ")") + std::string(1500, 'w') + "\"}\n" +
          R"({"id": "short", "text": "after the long line"})" "\n",
  };
  for (const std::string& file : files) {
    // Every mode, with the default buffers, then tiny buffers and limits.
    for (uint8_t options : {0x00, 0x14, 0x28}) {
      seeds.Add(std::string(1, static_cast<char>(options | kJsonlPlain)) + file);
      seeds.Add(std::string(1, static_cast<char>(options | kJsonlZstdRaw)) + ZstdCompress(file));
      seeds.Add(std::string(1, static_cast<char>(options | kJsonlZstdOneFrame)) + file);
      seeds.Add(std::string(1, static_cast<char>(options | kJsonlZstdTwoFrames)) + file);
    }
  }
  // A truncated frame and a damaged one.
  const std::string frame = ZstdCompress(files[0]);
  seeds.Add(std::string(1, kJsonlZstdRaw) + frame.substr(0, frame.size() / 2));
  std::string damaged = frame;
  damaged[damaged.size() / 2] ^= 0x20;
  seeds.Add(std::string(1, kJsonlZstdRaw) + damaged);
}

void WriteTextDirectorySeeds(const std::string& out) {
  SeedWriter seeds(out, "text_directory_fuzzer");
  TextDirectoryInput plain;
  plain.files = {"A text without meta.jsonl.\n\nIts second paragraph."};
  seeds.Add(JoinTextDirectoryInput(plain));

  TextDirectoryInput full;
  full.has_meta = true;
  full.meta =
      R"({"file": "000.txt", "id": "first", "title": "Title", "outlet": "AP", "date": "2022-02-12", "url": "u"})"
      "\n"
      R"({"file": "001.txt", "id": 17, "title": "Zelensky \u0417"})" "\n"
      R"({"file": "001.txt", "id": "again"})" "\n"
      R"({"file": "missing.txt", "id": "none"})" "\n"
      R"({"id": "no file"})" "\n"
      "not json\n";
  full.files = {"First article.\r\n\r\nWith CRLF line ends.",
                "Второй текст. Élysée, 東京.\n",
                "caf\xC3 invalid \xFF UTF-8",
                std::string("binary\0file", 11), "   \n\t ", ""};
  for (uint8_t options : {0, 1, 2}) {
    full.options = options;
    seeds.Add(JoinTextDirectoryInput(full));
  }
}

void WriteSegmentSeeds(const std::string& out) {
  SeedWriter seeds(out, "segment_fuzzer");
  const std::string dir = FuzzScratchDir() + "/index";
  BuildFuzzIndex(dir);
  auto manifest = ReadManifest(dir);
  if (!manifest.ok() || manifest->segments.size() != 1) Die("the fuzz index is not one segment");
  for (uint8_t which = 0; which < 8; ++which) {
    const std::string path =
        which == kManifestFileIndex
            ? StrCat(dir, "/", format::kManifestName)
            : Segment::FilePath(dir, manifest->segments[0].name, format::kSegmentFileKinds[which]);
    const std::string bytes = ReadFileOrDie(path);
    // Each file with every query when its checksum is recomputed (the
    // mode that reaches furthest), and with one query in the other modes.
    for (uint8_t query = 0; query < 8; ++query) {
      const uint8_t first = which | kRecomputeChecksum | (query << kSegmentQueryShift);
      seeds.Add(std::string(1, static_cast<char>(first)) + bytes);
    }
    for (uint8_t flags : {uint8_t{0}, kSkipChecksums}) {
      const uint8_t first = which | flags | (which << kSegmentQueryShift);
      seeds.Add(std::string(1, static_cast<char>(first)) + bytes);
    }
  }
}

}  // namespace
}  // namespace syndex::fuzz

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const std::string out = argv[1];
  syndex::fuzz::WriteQuerySeeds(out);
  syndex::fuzz::WriteJsonlSeeds(out);
  syndex::fuzz::WriteTextDirectorySeeds(out);
  syndex::fuzz::WriteSegmentSeeds(out);
  std::printf("fuzz_seeds: wrote the seeds of every target under %s\n", out.c_str());
  return 0;
}
