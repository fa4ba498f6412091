#include "tests/fuzz/fuzz_support.h"

#include <stdlib.h>
#include <unistd.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "absl/strings/ascii.h"
#include "common/str_cat.h"
#include "common/utf8.h"
#include "indexer/document_analyzer.h"
#include "indexer/index_writer.h"

namespace syndex::fuzz {
namespace {

std::string MakeScratchDir() {
  std::string parent = "/dev/shm";
  if (::access(parent.c_str(), W_OK) != 0) {
    const char* tmp = ::getenv("TMPDIR");
    parent = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::string pattern = parent + "/syndex_fuzz_XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) Die(StrCat("cannot make a directory ", pattern));
  return pattern;
}

void RemoveScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(FuzzScratchDir(), ignored);
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

RawDocument Doc(std::string id, std::string title, std::string outlet, std::string date,
                std::string text) {
  RawDocument doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.outlet = std::move(outlet);
  doc.date = std::move(date);
  doc.url = "https://example.org/" + doc.id;
  doc.text = std::move(text);
  doc.origin = "fuzz";
  return doc;
}

// Analysis is linear but not cheap; past this the reader, not the
// analyzer, is what an input exercises.
constexpr size_t kMaxAnalyzedBytes = size_t{64} << 10;

}  // namespace

void Die(std::string_view what) {
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

const std::string& FuzzScratchDir() {
  static const std::string* const dir = [] {
    auto* path = new std::string(MakeScratchDir());
    std::atexit(RemoveScratchDir);
    return path;
  }();
  return *dir;
}

void WriteFileOrDie(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) Die(StrCat("cannot write ", path));
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die(StrCat("cannot read ", path));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void ClearDirectory(const std::string& dir) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::filesystem::remove_all(entry.path(), error);
  }
  if (error) Die(StrCat("cannot clear ", dir, ": ", error.message()));
}

void CheckDocument(const RawDocument& doc) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"id", &doc.id},         {"title", &doc.title}, {"text", &doc.text},
      {"outlet", &doc.outlet}, {"date", &doc.date},   {"url", &doc.url}};
  for (const auto& [name, value] : fields) {
    if (!IsValidUtf8(*value)) Die(StrCat(doc.origin, ": the ", name, " is not valid UTF-8"));
  }
  if (doc.id.empty()) Die(StrCat(doc.origin, ": empty id"));
  if (IsBlank(doc.text)) Die(StrCat(doc.origin, ": blank text"));
  if (doc.text.find('\0') != std::string::npos) Die(StrCat(doc.origin, ": NUL in the text"));
  if (doc.text.size() + doc.title.size() > kMaxAnalyzedBytes) return;
  static DocumentAnalyzer* const analyzer = new DocumentAnalyzer(PassageOptions{});
  AnalyzedDocument analyzed;
  analyzer->Analyze(doc, &analyzed);
  uint32_t tokens = 0;
  for (const AnalyzedPassage& p : analyzed.passages) {
    const size_t size = p.is_title ? doc.title.size() : doc.text.size();
    if (p.start > p.end || p.end > size) {
      Die(StrCat(doc.origin, ": passage [", p.start, ", ", p.end, ") outside its ", size,
                 " bytes"));
    }
    if (p.tokens.empty()) Die(StrCat(doc.origin, ": a passage without tokens"));
    tokens += static_cast<uint32_t>(p.tokens.size());
  }
  if (tokens != analyzed.length) Die(StrCat(doc.origin, ": length disagrees with the passages"));
}

void CheckStatusCode(const absl::Status& status, std::initializer_list<absl::StatusCode> allowed,
                     std::string_view context) {
  if (status.ok()) return;
  for (absl::StatusCode code : allowed) {
    if (status.code() == code) return;
  }
  Die(StrCat(context, ": unexpected error ", status.ToString()));
}

std::vector<RawDocument> FuzzIndexDocuments() {
  const std::string wire =
      "Subscribe to our newsletter\n\n"
      "WASHINGTON (AP) — President Biden warned that Russia would pay swift and severe costs "
      "if it invaded Ukraine, the White House said on Saturday.\n\n"
      "The two leaders spoke for about an hour. Officials said the call was professional and "
      "substantive but yielded no fundamental change.\n\n"
      "Source link";
  std::string edited = wire;
  edited.replace(edited.find("Saturday"), 8, "Sunday");
  edited.replace(edited.find("about an hour"), 13, "62 minutes");
  std::string notes;
  for (int i = 0; i < 140; ++i) {
    StrAppend(&notes, "Sanctions note ", i, ": the ministry listed ", i % 7 == 0 ? "oil " : "",
              "exports.\n\n");
  }
  std::vector<RawDocument> docs;
  docs.push_back(Doc("ap-1", "Biden warns Putin of swift and severe costs", "AP", "2022-02-12",
                     wire));
  docs.push_back(
      Doc("reuters-1", "Biden warns of severe costs", "Reuters", "2022-02-13", edited));
  docs.push_back(Doc("ap-2", "Biden warns Putin of swift and severe costs", "AP", "2022-02-12",
                     wire));
  docs.push_back(Doc("kyiv-1", "Зеленський: переговори тривають", "Kyiv Independent",
                     "2022-02-14",
                     "Зеленський заявив, що переговори тривають.\n\n"
                     "東京 officials and the Élysée urged de-escalation; don't expect a "
                     "breakthrough, l’Élysée said.\n\n"
                     "Source link"));
  docs.push_back(Doc("notes-1", "", "", "", notes));
  docs.push_back(Doc("brief-1", "Oil price cap", "Financial Times", "",
                     "The oil price cap took effect. Oil exports fell; the cap held.\n"
                     "Analysts expect further invasion talk to move prices."));
  return docs;
}

void BuildFuzzIndex(const std::string& dir) {
  IndexWriterOptions options;
  options.memory_budget = size_t{16} << 20;
  options.threads = 1;
  auto writer = IndexWriter::Create(dir, options);
  if (!writer.ok()) Die(StrCat("cannot create the index: ", writer.status().ToString()));
  for (const RawDocument& doc : FuzzIndexDocuments()) {
    if (absl::Status s = (*writer)->Add(doc); !s.ok()) Die(StrCat("Add: ", s.ToString()));
  }
  if (absl::Status s = (*writer)->Commit(); !s.ok()) Die(StrCat("Commit: ", s.ToString()));
}

TextDirectoryInput SplitTextDirectoryInput(std::string_view data) {
  TextDirectoryInput input;
  if (data.empty()) return input;
  input.options = static_cast<uint8_t>(data[0]);
  data.remove_prefix(1);
  std::vector<std::string_view> parts;
  while (true) {
    const size_t at = data.find(kPartSeparator);
    if (at == std::string_view::npos || parts.size() == kMaxTextFiles) break;
    parts.push_back(data.substr(0, at));
    data.remove_prefix(at + kPartSeparator.size());
  }
  parts.push_back(data);  // the rest, separators and all
  if (parts.size() > 1) {
    input.has_meta = true;
    input.meta = parts[0];
    parts.erase(parts.begin());
  }
  input.files.assign(parts.begin(), parts.end());
  return input;
}

std::string JoinTextDirectoryInput(const TextDirectoryInput& input) {
  std::string out(1, static_cast<char>(input.options));
  if (input.has_meta) StrAppend(&out, input.meta, kPartSeparator);
  for (size_t i = 0; i < input.files.size(); ++i) {
    if (i > 0) out += kPartSeparator;
    out += input.files[i];
  }
  return out;
}

std::string TextFileName(size_t index) {
  char name[16];
  std::snprintf(name, sizeof name, "%03zu.txt", index);
  return name;
}

std::string ZstdCompress(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const size_t size = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(size)) Die(StrCat("ZSTD_compress: ", ZSTD_getErrorName(size)));
  out.resize(size);
  return out;
}

}  // namespace syndex::fuzz
