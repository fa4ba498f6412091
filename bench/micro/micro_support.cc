#include "bench/micro/micro_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include "indexer/document_source.h"

namespace syndex {
namespace {

constexpr char kAllSides[] = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
constexpr char kSeedCorpus[] = SYNDEX_SOURCE_DIR "/corpus";

// Reads documents from `path` until their texts hold `min_bytes` (all of
// them if min_bytes is 0).
NewsSample Read(const std::string& path, size_t min_bytes) {
  auto source = OpenDocumentSource(path, WarningSink());
  CheckOrDie(source.ok(), "cannot open " + path + ": " + std::string(source.status().message()));
  NewsSample sample;
  RawDocument doc;
  while (min_bytes == 0 || sample.text_bytes < min_bytes) {
    auto more = (*source)->Next(&doc);
    CheckOrDie(more.ok(), "cannot read " + path + ": " + std::string(more.status().message()));
    if (!*more) break;
    sample.text_bytes += doc.text.size();
    sample.documents.push_back(doc);
  }
  CheckOrDie(!sample.documents.empty(), "no documents in " + path);
  return sample;
}

}  // namespace

void CheckOrDie(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "syndex_microbench: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

const NewsSample& LoadNewsSample(size_t min_bytes) {
  static auto* samples = new std::map<size_t, NewsSample>();
  auto it = samples->find(min_bytes);
  if (it != samples->end()) return it->second;
  NewsSample sample;
  if (std::filesystem::exists(kAllSides)) {
    sample = Read(kAllSides, min_bytes);
    sample.label = "allsides";
  } else {
    sample = Read(kSeedCorpus, 0);
    sample.label = "corpus/ (allsides absent)";
  }
  return samples->emplace(min_bytes, std::move(sample)).first->second;
}

}  // namespace syndex
