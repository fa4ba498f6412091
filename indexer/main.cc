// The `indexer` program: builds, changes, inspects and verifies syndex
// indexes.
//
//   indexer build   --index DIR [--memory-mb N] [--threads N]
//                   [--near-duplicate-threshold T]
//                   [--boilerplate-min-docs N] [--boilerplate-min-share F] INPUT...
//   indexer add     --index DIR [the options of build] INPUT...
//   indexer delete  --index DIR --ids FILE
//   indexer compact --index DIR [--memory-mb N] [--threads N] [dedup options]
//   indexer stats   --index DIR [--json]
//   indexer verify  --index DIR
//
// See docs/CLI.md. Exit status: 0 on success, 1 on error, 2 on bad usage.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common/command_line.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_maintenance.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"

namespace syndex {
namespace {

constexpr char kUsage[] =
    "usage: indexer build   --index DIR [--memory-mb N] [--threads N] [--quiet]\n"
    "                       [--near-duplicate-threshold T] [--passage-threshold P]\n"
    "                       [--boilerplate-min-docs N] [--boilerplate-min-share F] INPUT...\n"
    "       indexer add     --index DIR [the options of build] INPUT...\n"
    "       indexer delete  --index DIR --ids FILE\n"
    "       indexer compact --index DIR [--memory-mb N] [--threads N] [dedup options]\n"
    "       indexer stats   --index DIR [--json]\n"
    "       indexer verify  --index DIR\n"
    "build makes a new index of INPUT (replacing any index in DIR); add adds INPUT to\n"
    "the index (an article whose id the index holds replaces it); delete deletes the\n"
    "articles whose ids FILE lists, one a line; compact merges the index into one\n"
    "segment without its deleted articles. Each commits atomically: a reader sees the\n"
    "index before or after, and a killed indexer leaves the last commit intact.\n"
    "INPUT: a directory of .txt files (with an optional meta.jsonl), or a JSON Lines\n"
    "file (.jsonl, optionally .zst-compressed) with id, title, text, outlet, date, url.\n"
    "--threads N: threads analyzing documents (default: one per core); the index is\n"
    "the same byte for byte whatever N.\n"
    "Dedup (docs/DEDUP.md): articles whose 3-word-shingle Jaccard similarity reaches T\n"
    "(default 0.7) are near duplicates, and passages whose similarity reaches P\n"
    "(default 0.5); a passage in at least N (default 3) articles of an outlet and at\n"
    "least F (default 0.02) of them is that outlet's boilerplate.\n";

// Prints "indexed N documents, X MB, Y MB/s" on one refreshed line of a
// terminal, at most a few times a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  void Update(const IndexWriterStats& stats, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double mb = stats.input_bytes / 1e6;
    std::fprintf(stderr, "\rindexed %llu documents, %.1f MB, %.1f MB/s   ",
                 static_cast<unsigned long long>(stats.documents), mb,
                 mb / std::max(seconds, 1e-9));
  }
  void Done() {
    if (enabled_) std::fputc('\n', stderr);
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_;
  Clock::time_point last_;
};

absl::Status AddInput(DocumentSource* source, IndexWriter* writer, Progress* progress) {
  RawDocument doc;
  while (true) {
    ASSIGN_OR_RETURN(bool more, source->Next(&doc));
    if (!more) return absl::OkStatus();
    RETURN_IF_ERROR(writer->Add(doc));
    progress->Update(writer->stats());
  }
}

// Opens every input before the index is touched, so that a mistyped path
// leaves no index directory behind.
absl::StatusOr<std::vector<std::unique_ptr<DocumentSource>>> OpenInputs(const CommandLine& cl,
                                                                        const WarningSink& warn) {
  std::vector<std::unique_ptr<DocumentSource>> sources;
  for (const std::string& input : cl.positional()) {
    ASSIGN_OR_RETURN(auto source, OpenDocumentSource(input, warn));
    sources.push_back(std::move(source));
  }
  return sources;
}

absl::Status ReadDedupOptions(const CommandLine& cl, DedupOptions* dedup) {
  const DedupOptions defaults;
  ASSIGN_OR_RETURN(dedup->articles.threshold, cl.GetNumber("near-duplicate-threshold",
                                                           defaults.articles.threshold, 0.05, 1.0));
  ASSIGN_OR_RETURN(dedup->passages.threshold,
                   cl.GetNumber("passage-threshold", defaults.passages.threshold, 0.05, 1.0));
  ASSIGN_OR_RETURN(const double min_docs,
                   cl.GetNumber("boilerplate-min-docs", defaults.boilerplate.min_docs, 2, 1e9));
  dedup->boilerplate.min_docs = static_cast<uint32_t>(min_docs);
  ASSIGN_OR_RETURN(dedup->boilerplate.min_share,
                   cl.GetNumber("boilerplate-min-share", defaults.boilerplate.min_share, 0.0, 1.0));
  return absl::OkStatus();
}

void PrintWarning(std::string_view message) { std::cerr << "warning: " << message << "\n"; }

// `build` and `add`: `add` adds to the index in --index, `build` replaces it.
absl::Status Write(const CommandLine& cl, bool add) {
  ASSIGN_OR_RETURN(double memory_mb, cl.GetNumber("memory-mb", 256, 16, 1 << 20));
  const IndexWriterOptions defaults;
  ASSIGN_OR_RETURN(const uint64_t threads, cl.GetWholeNumber("threads", defaults.threads, 1, 1024));
  uint64_t warnings = 0;
  const bool quiet = cl.Has("quiet");
  WarningSink warn = [&](std::string_view message) {
    if (++warnings <= 100 && !quiet) std::cerr << "\rwarning: " << message << "\n";
    if (warnings == 101 && !quiet) std::cerr << "warning: further warnings not shown\n";
  };
  ASSIGN_OR_RETURN(auto sources, OpenInputs(cl, warn));
  IndexWriterOptions options;
  RETURN_IF_ERROR(ReadDedupOptions(cl, &options.dedup));
  options.memory_budget = static_cast<size_t>(memory_mb * (1 << 20));
  options.threads = static_cast<uint32_t>(threads);
  options.warn = warn;
  options.commit_warn = PrintWarning;
  ASSIGN_OR_RETURN(auto writer, add ? IndexWriter::CreateForAdd(cl.Get("index"), options)
                                    : IndexWriter::Create(cl.Get("index"), options));
  Progress progress(!quiet && ::isatty(STDERR_FILENO));
  for (auto& source : sources) RETURN_IF_ERROR(AddInput(source.get(), writer.get(), &progress));
  sources.clear();  // the readers' buffers are memory the commit's merge can use
  progress.Update(writer->stats(), /*force=*/true);
  progress.Done();
  RETURN_IF_ERROR(writer->Commit());
  const IndexWriterStats& s = writer->stats();
  if (!quiet) {
    const double seconds = progress.seconds();
    if (add) {
      std::fprintf(stderr, "added %llu documents, of which %llu replaced an article of the index\n",
                   static_cast<unsigned long long>(s.documents),
                   static_cast<unsigned long long>(s.replaced));
    }
    std::fprintf(
        stderr,
        "indexed %llu documents (%.1f MB) in %.2f s (dedup %.2f s = %.1f%%, %.2f s of "
        "it at commit); commit %.2f s, merging %llu segments %.2f s; %llu warnings (skipped or "
        "repaired input)\n",
        static_cast<unsigned long long>(s.documents), s.input_bytes / 1e6, seconds, s.dedup_seconds,
        100 * s.dedup_seconds / std::max(seconds, 1e-9), s.dedup_commit_seconds, s.commit_seconds,
        static_cast<unsigned long long>(s.segments_merged), s.merge_seconds,
        static_cast<unsigned long long>(warnings));
  }
  return absl::OkStatus();
}

absl::Status Delete(const CommandLine& cl) {
  if (!cl.Has("ids")) return absl::InvalidArgumentError("--ids FILE is required");
  ASSIGN_OR_RETURN(const std::vector<std::string> ids, ReadIdFile(cl.Get("ids")));
  ASSIGN_OR_RETURN(const DeleteResult result, DeleteDocuments(cl.Get("index"), ids, PrintWarning));
  std::cout << "deleted " << result.deleted << " articles (" << result.already_deleted
            << " already deleted, " << result.not_found << " not in the index); generation "
            << result.generation << "\n";
  if (result.not_found > 0) {
    std::cerr << "warning: no article with id";
    for (const std::string& id : result.not_found_examples) std::cerr << " \"" << id << "\"";
    if (result.not_found > result.not_found_examples.size()) std::cerr << " ...";
    std::cerr << "\n";
  }
  return absl::OkStatus();
}

absl::Status Compact(const CommandLine& cl) {
  ASSIGN_OR_RETURN(double memory_mb, cl.GetNumber("memory-mb", 256, 16, 1 << 20));
  const IndexWriterOptions defaults;
  ASSIGN_OR_RETURN(const uint64_t threads, cl.GetWholeNumber("threads", defaults.threads, 1, 1024));
  CompactOptions options;
  RETURN_IF_ERROR(ReadDedupOptions(cl, &options.dedup));
  options.threads = static_cast<uint32_t>(threads);
  options.memory_budget = static_cast<size_t>(memory_mb * (1 << 20));
  options.warn = PrintWarning;
  ASSIGN_OR_RETURN(const CompactResult result, CompactIndex(cl.Get("index"), options));
  if (!result.changed) {
    std::cout << "already compact: one segment without deleted articles; generation "
              << result.generation << "\n";
  } else {
    std::cout << "compacted " << result.segments_before << " segments into "
              << (result.documents > 0 ? 1 : 0) << ": " << result.documents << " articles, "
              << result.documents_dropped << " deleted ones dropped; generation "
              << result.generation << "\n";
  }
  return absl::OkStatus();
}

absl::Status Stats(const CommandLine& cl) {
  ASSIGN_OR_RETURN(IndexStats stats, ComputeIndexStats(cl.Get("index")));
  std::cout << FormatIndexStats(stats, cl.Has("json"));
  return absl::OkStatus();
}

absl::Status Verify(const CommandLine& cl) {
  RETURN_IF_ERROR(VerifyIndex(cl.Get("index")));
  ASSIGN_OR_RETURN(IndexStats stats, ComputeIndexStats(cl.Get("index")));
  std::cout << "OK: " << cl.Get("index") << ": " << stats.segments << " segments, "
            << stats.documents << " documents, " << stats.passages << " passages, every checksum "
            << "and invariant holds\n";
  return absl::OkStatus();
}

int Run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  if (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cout << kUsage;
    return 0;
  }
  const std::string command = argv[1];
  const bool takes_input = command == "build" || command == "add";
  if (!takes_input && command != "delete" && command != "compact" && command != "stats" &&
      command != "verify") {
    std::cerr << "indexer: unknown command \"" << command << "\"\n" << kUsage;
    return 2;
  }
  CommandLine cl({{"index", true},
                  {"memory-mb", true},
                  {"threads", true},
                  {"near-duplicate-threshold", true},
                  {"passage-threshold", true},
                  {"boilerplate-min-docs", true},
                  {"boilerplate-min-share", true},
                  {"ids", true},
                  {"json", false},
                  {"quiet", false}});
  absl::Status status = cl.Parse(argc, argv, 2);
  if (status.ok() && !cl.Has("index"))
    status = absl::InvalidArgumentError("--index DIR is required");
  if (status.ok() && takes_input && cl.positional().empty()) {
    status = absl::InvalidArgumentError("no INPUT given");
  }
  if (status.ok() && command == "delete" && !cl.Has("ids")) {
    status = absl::InvalidArgumentError("--ids FILE is required");
  }
  if (status.ok() && !takes_input && !cl.positional().empty()) {
    status = absl::InvalidArgumentError(StrCat("unexpected argument \"", cl.positional()[0], "\""));
  }
  if (!status.ok()) {
    std::cerr << "indexer " << command << ": " << status.message() << "\n" << kUsage;
    return 2;
  }
  if (takes_input) {
    status = Write(cl, command == "add");
  } else if (command == "delete") {
    status = Delete(cl);
  } else if (command == "compact") {
    status = Compact(cl);
  } else if (command == "stats") {
    status = Stats(cl);
  } else {
    status = Verify(cl);
  }
  if (!status.ok()) {
    std::cerr << "indexer " << command << ": error: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Run(argc, argv); }
