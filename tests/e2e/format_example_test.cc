// End-to-end test that the worked example of docs/FORMAT.md is true: it
// builds an index of the example's two articles (taken from the document
// itself) with the real indexer, and compares every hex dump line of the
// example with the bytes at that offset of the file it shows. A format
// change that the document does not follow fails here, naming the line.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

// The part of docs/FORMAT.md from "## Worked example" up to the example
// that is not from the two-article index ("**A list with a skip table.**").
std::string WorkedExample() {
  const std::string doc = ReadFile(SYNDEX_SOURCE_DIR "/docs/FORMAT.md");
  const size_t begin = doc.find("\n## Worked example");
  const size_t end = doc.find("**A list with a skip table.**", begin);
  EXPECT_NE(begin, std::string::npos);
  EXPECT_NE(end, std::string::npos);
  return doc.substr(begin, end - begin);
}

// The example's input: the lines of its first code block.
std::string InputOf(const std::string& example) {
  const size_t open = example.find("```\n");
  const size_t close = example.find("```", open + 4);
  return example.substr(open + 4, close - open - 4);
}

// One dump line: the file it belongs to, its offset and bytes.
struct DumpLine {
  std::string file;  // "MANIFEST" or a segment file's extension (".dict")
  uint64_t offset = 0;
  std::string bytes;
  std::string text;  // the line, for messages
};

// The file that a line of prose or of a code block starts the dump of, if
// it starts one.
std::optional<std::string> FileStartedBy(const std::string& line) {
  static const std::vector<std::pair<std::string, std::string>> markers = {
      {"**MANIFEST**", "MANIFEST"},
      {".dict", ".dict"},
      {".post (", ".post"},
      {".pos (", ".pos"},
      {"**The passage table**", ".psg"},
      {"**The document table**", ".doc"},
      {"**The stored text**", ".txt"},
      {"**The sketches**", ".dup"}};
  for (const auto& [marker, file] : markers) {
    if (line.rfind(marker, 0) == 0) return file;
  }
  return std::nullopt;
}

bool IsHex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(c); });
}

// The offset and bytes of an `xxd -g1` line ("0000001c: 09 73 65 ...   comment"),
// or nullopt if `line` is not one.
std::optional<std::pair<uint64_t, std::string>> ParseDumpLine(std::string_view line) {
  if (line.size() < 12 || !IsHex(line.substr(0, 8)) || line.substr(8, 2) != ": ") {
    return std::nullopt;
  }
  std::string bytes;
  // Bytes are two hex digits each, one space apart; two spaces end them.
  for (size_t at = 10; at + 2 <= line.size() && IsHex(line.substr(at, 2)); at += 3) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(line.substr(at, 2)), nullptr, 16)));
    if (at + 2 < line.size() && line[at + 2] != ' ') return std::nullopt;
    if (at + 3 < line.size() && line[at + 3] == ' ') break;
  }
  if (bytes.empty()) return std::nullopt;
  return std::make_pair(std::stoull(std::string(line.substr(0, 8)), nullptr, 16), bytes);
}

std::vector<DumpLine> DumpLines(const std::string& example) {
  std::vector<DumpLine> lines;
  std::string file;
  std::istringstream in(example);
  for (std::string line; std::getline(in, line);) {
    if (auto started = FileStartedBy(line)) file = *started;
    if (file.empty()) continue;
    if (auto dump = ParseDumpLine(line)) {
      lines.push_back({file, dump->first, std::move(dump->second), line});
    }
  }
  return lines;
}

std::string Hex(const std::string& bytes) {
  std::string out;
  char buf[4];
  for (unsigned char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02x ", c);
    out += buf;
  }
  return out;
}

TEST(FormatWorkedExample, EveryDumpLineIsWhatTheIndexerWrites) {
  const std::string example = WorkedExample();
  ScratchDir dir;
  const std::string input = dir.PathOf("news.jsonl");
  WriteFile(input, InputOf(example));
  const std::string index = dir.PathOf("index");
  const ProcessResult build =
      RunProgram({IndexerPath(), "build", "--index", index, "--quiet", input});
  ASSERT_EQ(build.exit_code(), 0) << build.Describe();

  // The committed segment's files, by extension, and the manifest.
  std::map<std::string, std::string> files = {{"MANIFEST", ReadFile(index + "/MANIFEST")}};
  for (const std::string& name : ListDir(index)) {
    const size_t dot = name.find('.');
    if (name.rfind("seg", 0) == 0 && dot != std::string::npos) {
      files[name.substr(dot)] = ReadFile(index + "/" + name);
    }
  }

  const std::vector<DumpLine> lines = DumpLines(example);
  std::map<std::string, int> lines_per_file;
  for (const DumpLine& line : lines) {
    ++lines_per_file[line.file];
    ASSERT_TRUE(files.contains(line.file)) << "no file " << line.file << " for: " << line.text;
    const std::string& contents = files[line.file];
    const std::string actual =
        contents.substr(std::min<uint64_t>(line.offset, contents.size()), line.bytes.size());
    EXPECT_EQ(Hex(actual), Hex(line.bytes))
        << line.file << " (" << contents.size() << " bytes) differs from docs/FORMAT.md at:\n"
        << line.text;
  }
  // Every file the example shows, with its lines found.
  EXPECT_EQ(lines_per_file.size(), 8u) << ::testing::PrintToString(lines_per_file);
  EXPECT_GE(lines.size(), 80u);
  // The whole-file dumps end with the footer, at the file's end.
  for (const std::string file : {"MANIFEST", ".psg", ".doc", ".dup"}) {
    const DumpLine* last = nullptr;
    for (const DumpLine& line : lines) {
      if (line.file == file) last = &line;
    }
    ASSERT_NE(last, nullptr) << file;
    EXPECT_EQ(last->offset + last->bytes.size(), files[file].size())
        << file << " does not end where its dump does";
  }
}

}  // namespace
}  // namespace syndex::cli_test
