// dedup_cost: what deduplication costs and saves on a real corpus.
//
//   syndex_dedup_cost [CORPUS] [--memory-mb N] [--threshold T] [--passage-threshold P]
//
// CORPUS defaults to ../shared/news/allsides/articles.jsonl.zst (skipped
// with a message when absent). Builds a syndex index of CORPUS exactly as
// `indexer build` does, in a temporary directory, and prints:
//  * the build's time and the part of it spent on deduplication, measured
//    inside the indexer (IndexWriterStats): hashing passage texts and
//    sketching them while segments are built, and at commit deciding
//    copies, waiting for the boilerplate and clusters decided on a second
//    thread while postings merge, and rewriting stored text blocks that
//    held copies; dedup's share of the build (aim: under 15%); and dedup's
//    processor time on both threads;
//  * peak resident memory;
//  * what dedup found and saved (`indexer stats`): duplicate articles and
//    passages, near-duplicate clusters and their sizes, boilerplate
//    passages, the bytes of passage text not stored again (raw, and at the
//    stored text's compression ratio), and the sketch file's size.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"

namespace syndex {
namespace {

using Clock = std::chrono::steady_clock;

struct Settings {
  std::string corpus = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
  double memory_mb = 256;
  DedupOptions dedup;
};

absl::StatusOr<double> Build(const Settings& settings, const std::string& dir,
                             IndexWriterStats* stats) {
  IndexWriterOptions options;
  options.memory_budget = static_cast<size_t>(settings.memory_mb * (1 << 20));
  options.dedup = settings.dedup;
  const auto start = Clock::now();
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(settings.corpus, WarningSink()));
  ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(dir, options));
  RawDocument doc;
  while (true) {
    ASSIGN_OR_RETURN(bool more, source->Next(&doc));
    if (!more) break;
    RETURN_IF_ERROR(writer->Add(doc));
  }
  RETURN_IF_ERROR(writer->Commit());
  *stats = writer->stats();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void PrintFindings(const IndexStats& index) {
  const DedupStats& d = index.dedup;
  const uint64_t text_bytes = index.bytes_by_file.at("stored text");
  std::printf(
      "found: %llu duplicate articles, %llu article clusters; %llu distinct passages, "
      "%llu copies, %llu near-duplicate passage clusters; %llu boilerplate passages "
      "(%llu edge chrome, %llu repeated in an outlet)\n",
      (unsigned long long)d.duplicate_articles,
      (unsigned long long)d.near_duplicate_article_clusters, (unsigned long long)d.unique_passages,
      (unsigned long long)d.duplicate_passages,
      (unsigned long long)d.near_duplicate_passage_clusters,
      (unsigned long long)d.boilerplate_passages, (unsigned long long)d.edge_chrome_passages,
      (unsigned long long)d.repeated_chrome_passages);
  std::string sizes;
  for (const auto& [bucket, count] : d.passage_cluster_sizes) {
    StrAppend(&sizes, " ", bucket, ":", count);
  }
  std::printf("passage cluster sizes (distinct texts):%s\n", sizes.c_str());
  sizes.clear();
  for (const auto& [bucket, count] : d.article_cluster_sizes) {
    StrAppend(&sizes, " ", bucket, ":", count);
  }
  std::printf("article cluster sizes:%s\n", sizes.c_str());
  std::printf(
      "saved: %.2f MB of passage text not stored again; stored text %.1f MB, "
      "sketches %.1f MB, index %.1f MB\n",
      d.bytes_saved / 1e6, text_bytes / 1e6, index.bytes_by_file.at("dedup sketches") / 1e6,
      index.total_bytes / 1e6);
}

absl::Status Run(const Settings& settings) {
  char dir_template[] = "/tmp/syndex_dedup_cost_XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) return absl::InternalError("mkdtemp failed");
  const std::string dir = dir_template;
  IndexWriterStats stats;
  ASSIGN_OR_RETURN(const double seconds, Build(settings, dir, &stats));
  rusage usage;
  ::getrusage(RUSAGE_SELF, &usage);
  std::printf("corpus: %s (%llu articles, %.1f MB)\n", settings.corpus.c_str(),
              (unsigned long long)stats.documents, stats.input_bytes / 1e6);
  std::printf("build: %.2f s (%.1f MB/s), peak RSS %.0f MiB at --memory-mb %.0f\n", seconds,
              stats.input_bytes / 1e6 / seconds, usage.ru_maxrss / 1024.0, settings.memory_mb);
  std::printf(
      "dedup: %.2f s = %.1f%% of the build (%.2f s building segments, %.2f s at "
      "commit); aim: under 15%%\n",
      stats.dedup_seconds, 100 * stats.dedup_seconds / seconds,
      stats.dedup_seconds - stats.dedup_commit_seconds, stats.dedup_commit_seconds);
  std::printf(
      "dedup work: %.2f s of processor time, counting the commit's clustering on a "
      "second thread while postings merge\n",
      stats.dedup_work_seconds);
  ASSIGN_OR_RETURN(IndexStats index, ComputeIndexStats(dir));
  PrintFindings(index);
  const std::string remove = StrCat("rm -rf '", dir, "'");
  return std::system(remove.c_str()) == 0 ? absl::OkStatus()
                                          : absl::InternalError(StrCat("cannot remove ", dir));
}

int Main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--memory-mb" && i + 1 < argc) {
      settings.memory_mb = std::atof(argv[++i]);
    } else if (arg == "--threshold" && i + 1 < argc) {
      settings.dedup.articles.threshold = std::atof(argv[++i]);
    } else if (arg == "--passage-threshold" && i + 1 < argc) {
      settings.dedup.passages.threshold = std::atof(argv[++i]);
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr,
                   "usage: syndex_dedup_cost [CORPUS] [--memory-mb N] [--threshold T] "
                   "[--passage-threshold P]\n");
      return 2;
    } else {
      settings.corpus = arg;
    }
  }
  if (::access(settings.corpus.c_str(), R_OK) != 0) {
    std::printf("skipped: %s is absent\n", settings.corpus.c_str());
    return 0;
  }
  const absl::Status status = Run(settings);
  if (!status.ok()) {
    std::fprintf(stderr, "syndex_dedup_cost: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Main(argc, argv); }
