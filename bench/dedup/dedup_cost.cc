// dedup_cost: what deduplication costs and saves on a real corpus.
//
//   syndex_dedup_cost [CORPUS] [--passages]
//
// CORPUS defaults to ../shared/news/allsides/articles.jsonl.zst. In one run:
//  1. builds a syndex index of CORPUS (the indexing time dedup is a share of);
//  2. analyzes every article again (timed apart: the indexer's analysis is
//     shared with dedup, so it is not dedup's cost);
//  3. does the dedup work on the analyzed articles, timed: term hashes,
//     passage text hashes and boilerplate features, article MinHash
//     signatures and clustering, boilerplate detection, and with --passages
//     also passage signatures and clustering;
// then prints the times, dedup's share of indexing time, and what dedup
// finds: exact-duplicate articles and passages, near-duplicate clusters,
// boilerplate passages, and the bytes of passage text stored more than once.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/index_writer.h"
#include "indexer/minhash.h"
#include "indexer/near_duplicate_clusterer.h"

namespace syndex {
namespace {

using Clock = std::chrono::steady_clock;

// Passages are signed once per distinct text (repeats are exact duplicates,
// found by their hash) and only when long enough to have near-duplicates
// that are not exact ones: a line of a few words is either repeated
// verbatim or not at all.
constexpr size_t kMinNearDuplicateWords = 10;
constexpr uint32_t kPassageBins = 64;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Article {
  uint32_t outlet;
  std::vector<PassageFeatures> features;
  std::vector<uint32_t> passage_bytes;
  MinHashSignature signature;                        // of the whole article
  std::vector<MinHashSignature> passage_signatures;  // with --passages only
};

struct Corpus {
  std::vector<Article> articles;
  uint64_t bytes = 0;
  double analysis_seconds = 0;
  double features_seconds = 0;
};

bool ReadCorpus(const std::string& path, bool passages, Corpus* corpus) {
  auto source = OpenDocumentSource(path, [](std::string_view) {});
  if (!source.ok()) return std::fprintf(stderr, "%s\n", source.status().ToString().c_str()), false;
  DocumentAnalyzer analyzer{PassageOptions{}};
  const MinHasher hasher(MinHashOptions{});
  const MinHasher passage_hasher(MinHashOptions{kPassageBins, 3});
  absl::flat_hash_set<uint64_t> signed_passages;
  std::map<std::string, uint32_t> outlets;
  RawDocument raw;
  AnalyzedDocument analyzed;
  while (true) {
    auto more = (*source)->Next(&raw);
    if (!more.ok() || !*more) break;
    auto start = Clock::now();
    analyzer.Analyze(raw, &analyzed);
    corpus->analysis_seconds += Seconds(start);
    if (analyzed.passages.empty()) continue;
    start = Clock::now();
    Article a;
    a.outlet = outlets.try_emplace(raw.outlet, outlets.size()).first->second;
    a.features = PassageFeaturesOf(raw, analyzed);
    std::vector<uint64_t> article_hashes, passage_hashes;
    for (const AnalyzedPassage& p : analyzed.passages) {
      a.passage_bytes.push_back(p.end - p.start);
      passage_hashes.clear();
      for (const Token& t : p.tokens) passage_hashes.push_back(TermHash(t.term));
      article_hashes.insert(article_hashes.end(), passage_hashes.begin(), passage_hashes.end());
      const uint64_t text_hash = a.features[a.passage_bytes.size() - 1].text_hash;
      if (passages && passage_hashes.size() >= kMinNearDuplicateWords &&
          signed_passages.insert(text_hash).second) {
        a.passage_signatures.push_back(passage_hasher.SignatureOfHashes(passage_hashes));
      }
    }
    a.signature = hasher.SignatureOfHashes(article_hashes);
    corpus->features_seconds += Seconds(start);
    corpus->bytes += raw.text.size();
    corpus->articles.push_back(std::move(a));
  }
  return true;
}

double BuildIndex(const std::string& path) {
  char dir[] = "/tmp/syndex_dedup_cost_XXXXXX";
  if (::mkdtemp(dir) == nullptr) return -1;
  const auto start = Clock::now();
  auto writer = IndexWriter::Create(dir, IndexWriterOptions{});
  auto source = OpenDocumentSource(path, [](std::string_view) {});
  if (!writer.ok() || !source.ok()) return -1;
  RawDocument raw;
  while (true) {
    auto more = (*source)->Next(&raw);
    if (!more.ok() || !*more || !(*writer)->Add(raw).ok()) break;
  }
  if (!(*writer)->Commit().ok()) return -1;
  const double seconds = Seconds(start);
  std::system((std::string("rm -rf ") + dir).c_str());
  return seconds;
}

size_t ClusteredItems(const std::vector<uint32_t>& cluster_of) {
  size_t n = 0;
  for (uint32_t i = 0; i < cluster_of.size(); ++i) n += cluster_of[i] != i;
  return n;
}

void ReportDuplicates(const Corpus& corpus) {
  absl::flat_hash_map<uint64_t, uint32_t> passages, articles;
  uint64_t duplicate_passages = 0, duplicate_bytes = 0, duplicate_articles = 0, total = 0;
  for (const Article& a : corpus.articles) {
    uint64_t article_hash = 0;
    for (size_t i = 0; i < a.features.size(); ++i) {
      ++total;
      article_hash = absl::HashOf(article_hash, a.features[i].text_hash);
      if (passages[a.features[i].text_hash]++ > 0) {
        ++duplicate_passages;
        duplicate_bytes += a.passage_bytes[i];
      }
    }
    duplicate_articles += articles[article_hash]++ > 0;
  }
  std::printf("articles %zu (%.1f MB), exact-duplicate articles %llu\n", corpus.articles.size(),
              corpus.bytes / 1e6, static_cast<unsigned long long>(duplicate_articles));
  std::printf(
      "passages %llu, unique %zu, duplicate occurrences %llu, their text %.2f MB (%.1f%%)\n",
      static_cast<unsigned long long>(total), passages.size(),
      static_cast<unsigned long long>(duplicate_passages), duplicate_bytes / 1e6,
      100.0 * duplicate_bytes / corpus.bytes);
}

double DedupWork(const Corpus& corpus, bool passages) {
  const auto start = Clock::now();
  NearDuplicateClusterer articles{ClusterOptions{}}, passage_clusters{ClusterOptions{}};
  BoilerplateDetector boilerplate{BoilerplateOptions{}};
  for (const Article& a : corpus.articles) {
    articles.Add(a.signature);
    boilerplate.AddDocument(a.outlet, a.features);
    for (const MinHashSignature& s : a.passage_signatures) passage_clusters.Add(s);
  }
  const std::vector<uint32_t> article_clusters = articles.Cluster();
  const std::vector<uint32_t> passage_cluster_of = passage_clusters.Cluster();
  const auto reasons = boilerplate.Detect();
  const double seconds = Seconds(start);
  size_t edge = 0, repeated = 0;
  for (const auto& doc : reasons) {
    for (BoilerplateReason r : doc) {
      edge += r == BoilerplateReason::kEdgeChrome;
      repeated += r == BoilerplateReason::kRepeatedInOutlet;
    }
  }
  std::printf("near-duplicate articles (joined to a cluster) %zu\n",
              ClusteredItems(article_clusters));
  if (passages) {
    std::printf("near-duplicate passages (joined to a cluster) %zu\n",
                ClusteredItems(passage_cluster_of));
  }
  std::printf("boilerplate passages: edge chrome %zu, repeated in an outlet %zu\n", edge, repeated);
  return seconds;
}

int Run(int argc, char** argv) {
  std::string path = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
  bool passages = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--passages") {
      passages = true;
    } else {
      path = argv[i];
    }
  }
  if (::access(path.c_str(), R_OK) != 0) {
    std::printf("skipped: %s is absent\n", path.c_str());
    return 0;
  }
  const double build = BuildIndex(path);
  Corpus corpus;
  if (build < 0 || !ReadCorpus(path, passages, &corpus)) return 1;
  ReportDuplicates(corpus);
  const double dedup = DedupWork(corpus, passages) + corpus.features_seconds;
  std::printf(
      "index build %.2f s; analysis (shared) %.2f s; dedup work %.2f s = %.1f%% of the build\n",
      build, corpus.analysis_seconds, dedup, 100 * dedup / build);
  return 0;
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Run(argc, argv); }
