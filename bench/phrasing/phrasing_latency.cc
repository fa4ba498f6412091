// phrasing_latency: what the proximity bonus and phrasings queries cost per
// query, against a plain OR query of the same words.
//
//   syndex_phrasing_latency [--corpus FILE] [--index DIR] [--queries N]
//                           [--rounds R] [--json FILE]
//
// The index: DIR when it holds one (reused as it is, so repeated runs skip
// the build); otherwise CORPUS (default ../shared/news/allsides/
// articles.jsonl.zst beside the source tree; skipped with a message when
// absent and needed) is built, as `indexer build` does, into DIR, or into a
// temporary directory removed afterwards when --index is not given.
//
// The queries, N of them (default 500), are made deterministically from the
// titles stored in the index, in index order (for a fresh build, the
// corpus's order), so a reused index gives the same queries without the
// corpus: query i starts at title i * max(1, titles / N) and takes the first
// title from there (wrapping around) with at least two words; its words are
// split and normalized by the index's analyzer (Analyzer::NormalizedWords:
// case-folded, punctuation gone, so no word is a query operator); a run of
// L = 2 + r % 4 consecutive words (at most all of them) is taken, starting
// at word r' % (words - L + 1), r and r' the next outputs of an
// std::mt19937_64 seeded with kSeed (its output sequence is fixed by the
// C++ standard, unlike std::uniform_int_distribution's).
//
// Each query runs in three settings, k = 10, passages, grouped (the
// searcher's defaults otherwise):
//   or          the words ORed, proximity weight 0
//   or+prox     the same with proximity at its default weight
//   phrasings   the words as one phrasings query (ParseOptions::phrasings),
//               the built-in news synonyms, proximity at its default
// Timing is warm and single-threaded: every query runs once untimed in each
// setting, then R rounds (default 3) time each query in each setting, the
// settings interleaved per query in rotating order so that drift in the
// machine's speed falls on all three alike. A query's latency is the median
// of its R rounds (one Searcher::Search call: parse, resolve, match, rank).
// Reported per setting: p50, p95, p99 (nearest rank) and mean latency, QPS
// (1 / mean: one thread), the mean number of matching passages, and the
// ratios or+prox / or and phrasings / or at p50 and at the mean, against
// the requirement that both stay within 2x; and, to see where the tail comes
// from, the slowest queries of or+prox and phrasings beside their or time.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/analyzer.h"
#include "common/command_line.h"
#include "common/json_string.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_writer.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"

namespace syndex {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kSeed = 20240611;
constexpr double kAllowedRatio = 2.0;
constexpr size_t kSettings = 3;
constexpr size_t kSlowest = 4;  // slowest queries shown per setting

constexpr char kUsage[] =
    "usage: syndex_phrasing_latency [--corpus FILE] [--index DIR] [--queries N] [--rounds R]\n"
    "                               [--json FILE]\n"
    "  --corpus FILE  articles to index when DIR holds no index (default\n"
    "                 ../shared/news/allsides/articles.jsonl.zst)\n"
    "  --index DIR    reuse the index in DIR, or build one there (default: a temporary\n"
    "                 directory, removed afterwards)\n"
    "  --queries N    queries made from titles (default 500)\n"
    "  --rounds R     timed runs of each query per setting; the median counts (default 3)\n"
    "  --json FILE    also write the figures as JSON to FILE\n";

struct Settings {
  std::string corpus = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
  std::string index;  // empty: a temporary directory
  size_t queries = 500;
  size_t rounds = 3;
  std::string json;  // empty: no JSON
  bool help = false;
};

struct Setting {
  std::string name;
  SearchOptions options;
};

// The latencies of one setting, in seconds, one per query.
struct Latencies {
  std::vector<double> seconds;
  double mean_matches = 0;
  double Percentile(double p) const {
    std::vector<double> sorted = seconds;
    std::sort(sorted.begin(), sorted.end());
    const size_t rank = static_cast<size_t>(std::ceil(p * sorted.size()));
    return sorted[std::max<size_t>(rank, 1) - 1];
  }
  double Mean() const {
    double sum = 0;
    for (double s : seconds) sum += s;
    return sum / seconds.size();
  }
};

absl::Status Build(const std::string& corpus, const std::string& dir) {
  const auto start = Clock::now();
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(corpus, WarningSink()));
  ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(dir, IndexWriterOptions{}));
  RawDocument doc;
  while (true) {
    ASSIGN_OR_RETURN(bool more, source->Next(&doc));
    if (!more) break;
    RETURN_IF_ERROR(writer->Add(doc));
  }
  RETURN_IF_ERROR(writer->Commit());
  std::printf("built %s from %s: %llu articles in %.1f s\n", dir.c_str(), corpus.c_str(),
              (unsigned long long)writer->stats().documents,
              std::chrono::duration<double>(Clock::now() - start).count());
  return absl::OkStatus();
}

std::vector<std::string_view> Titles(const IndexReader& index) {
  std::vector<std::string_view> titles;
  for (const auto& segment : index.segments()) {
    const DocumentTable& documents = segment->documents();
    for (DocId doc = 0; doc < documents.size(); ++doc) titles.push_back(documents.Meta(doc).title);
  }
  return titles;
}

// The words of the first title from `first` on (wrapping) with at least
// two; empty if there is none.
std::vector<std::string> TitleWords(const std::vector<std::string_view>& titles, size_t first,
                                    Analyzer* analyzer) {
  for (size_t i = 0; i < titles.size(); ++i) {
    std::vector<std::string> words = analyzer->NormalizedWords(titles[(first + i) % titles.size()]);
    if (words.size() >= 2) return words;
  }
  return {};
}

// The queries, as described in the file comment.
absl::StatusOr<std::vector<std::string>> MakeQueries(const IndexReader& index, size_t n,
                                                     Analyzer* analyzer) {
  const std::vector<std::string_view> titles = Titles(index);
  const size_t stride = std::max<size_t>(1, titles.size() / n);
  std::mt19937_64 random(kSeed);
  std::vector<std::string> queries;
  for (size_t i = 0; i < n; ++i) {
    const std::vector<std::string> words = TitleWords(titles, i * stride, analyzer);
    if (words.empty()) return absl::FailedPreconditionError("no title has two words");
    const size_t length = std::min<size_t>(2 + random() % 4, words.size());
    const size_t start = random() % (words.size() - length + 1);
    std::string query = words[start];
    for (size_t w = start + 1; w < start + length; ++w) StrAppend(&query, " ", words[w]);
    queries.push_back(std::move(query));
  }
  return queries;
}

std::array<Setting, kSettings> MakeSettings(const SynonymMap* synonyms) {
  std::array<Setting, kSettings> settings{{{"or", {}}, {"or+prox", {}}, {"phrasings", {}}}};
  settings[0].options.proximity.weight = 0;
  settings[2].options.parse.phrasings = true;
  settings[2].options.synonyms = synonyms;
  return settings;
}

double SecondsOf(const std::string& query, const Setting& setting, Searcher* searcher,
                 absl::Status* status) {
  const auto start = Clock::now();
  absl::StatusOr<SearchResults> results = searcher->Search(query, setting.options);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!results.ok()) *status = results.status();
  return seconds;
}

// Runs every query once in each setting, untimed, and counts the matches.
absl::Status WarmUp(const std::vector<std::string>& queries,
                    const std::array<Setting, kSettings>& settings, Searcher* searcher,
                    std::array<Latencies, kSettings>* latencies) {
  for (size_t s = 0; s < kSettings; ++s) {
    uint64_t matches = 0;
    for (const std::string& query : queries) {
      absl::StatusOr<SearchResults> results = searcher->Search(query, settings[s].options);
      if (!results.ok()) {
        return absl::Status(
            results.status().code(),
            StrCat("query '", query, "' (", settings[s].name, "): ", results.status().message()));
      }
      matches += results->matches;
    }
    (*latencies)[s].mean_matches = double(matches) / queries.size();
  }
  return absl::OkStatus();
}

double Median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

absl::Status Time(const std::vector<std::string>& queries,
                  const std::array<Setting, kSettings>& settings, size_t rounds, Searcher* searcher,
                  std::array<Latencies, kSettings>* latencies) {
  absl::Status status;
  for (size_t q = 0; q < queries.size(); ++q) {
    std::array<std::vector<double>, kSettings> runs;
    for (size_t r = 0; r < rounds; ++r) {
      for (size_t j = 0; j < kSettings; ++j) {
        const size_t s = (q + r + j) % kSettings;
        runs[s].push_back(SecondsOf(queries[q], settings[s], searcher, &status));
      }
    }
    RETURN_IF_ERROR(status);
    for (size_t s = 0; s < kSettings; ++s) (*latencies)[s].seconds.push_back(Median(runs[s]));
  }
  return absl::OkStatus();
}

// The indices of the `n` slowest queries, slowest first.
std::vector<size_t> Slowest(const Latencies& latencies, size_t n) {
  std::vector<size_t> order(latencies.seconds.size());
  for (size_t q = 0; q < order.size(); ++q) order[q] = q;
  n = std::min(n, order.size());
  std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](size_t a, size_t b) {
    return latencies.seconds[a] > latencies.seconds[b];
  });
  order.resize(n);
  return order;
}

std::string FormatTable(const std::vector<std::string>& queries,
                        const std::array<Setting, kSettings>& settings,
                        const std::array<Latencies, kSettings>& latencies) {
  std::string out = absl::StrFormat("%-10s %9s %9s %9s %9s %9s %14s\n", "setting", "p50 ms",
                                    "p95 ms", "p99 ms", "mean ms", "QPS", "matches/query");
  for (size_t s = 0; s < kSettings; ++s) {
    const Latencies& l = latencies[s];
    out += absl::StrFormat("%-10s %9.3f %9.3f %9.3f %9.3f %9.0f %14.0f\n", settings[s].name,
                           1e3 * l.Percentile(0.5), 1e3 * l.Percentile(0.95),
                           1e3 * l.Percentile(0.99), 1e3 * l.Mean(), 1 / l.Mean(), l.mean_matches);
  }
  const Latencies& base = latencies[0];
  for (size_t s = 1; s < kSettings; ++s) {
    out += absl::StrFormat("slowest %s queries (ms, or's ms):", settings[s].name);
    for (size_t q : Slowest(latencies[s], kSlowest)) {
      out += absl::StrFormat(" '%s' %.1f (%.1f);", queries[q], 1e3 * latencies[s].seconds[q],
                             1e3 * base.seconds[q]);
    }
    out += "\n";
  }
  for (size_t s = 1; s < kSettings; ++s) {
    const double p50 = latencies[s].Percentile(0.5) / base.Percentile(0.5);
    const double mean = latencies[s].Mean() / base.Mean();
    out += absl::StrFormat("%s / or: %.2fx at p50, %.2fx at the mean (within %gx: %s)\n",
                           settings[s].name, p50, mean, kAllowedRatio,
                           std::max(p50, mean) <= kAllowedRatio ? "yes" : "NO");
  }
  return out;
}

std::string FormatJson(const IndexReader& index, const std::vector<std::string>& queries,
                       size_t rounds, const std::array<Setting, kSettings>& settings,
                       const std::array<Latencies, kSettings>& latencies) {
  std::string out = "{\"index\": ";
  AppendJsonString(index.dir(), &out);
  out += absl::StrFormat(", \"documents\": %d, \"queries\": %d, \"rounds\": %d, \"settings\": [",
                         index.stats().documents, queries.size(), rounds);
  for (size_t s = 0; s < kSettings; ++s) {
    const Latencies& l = latencies[s];
    out += absl::StrFormat(
        "%s{\"name\": \"%s\", \"p50_ms\": %.6f, \"p95_ms\": %.6f, \"p99_ms\": %.6f, "
        "\"mean_ms\": %.6f, \"qps\": %.3f, \"mean_matches\": %.3f, \"p50_ratio\": %.6f, "
        "\"mean_ratio\": %.6f}",
        s ? ", " : "", settings[s].name, 1e3 * l.Percentile(0.5), 1e3 * l.Percentile(0.95),
        1e3 * l.Percentile(0.99), 1e3 * l.Mean(), 1 / l.Mean(), l.mean_matches,
        l.Percentile(0.5) / latencies[0].Percentile(0.5), l.Mean() / latencies[0].Mean());
  }
  return out + "]}\n";
}

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  file.close();
  if (!file) return absl::UnavailableError(StrCat("cannot write JSON file ", path));
  return absl::OkStatus();
}

absl::Status Measure(const Settings& run, const IndexReader& index) {
  Analyzer analyzer;
  ASSIGN_OR_RETURN(const SynonymMap synonyms,
                   SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer));
  ASSIGN_OR_RETURN(const std::vector<std::string> queries,
                   MakeQueries(index, run.queries, &analyzer));
  std::printf("index: %llu articles, %llu passages; %zu queries (first: '%s'), %zu rounds\n",
              (unsigned long long)index.stats().documents,
              (unsigned long long)index.stats().passages, queries.size(), queries[0].c_str(),
              run.rounds);
  const std::array<Setting, kSettings> settings = MakeSettings(&synonyms);
  Searcher searcher(&index);
  std::array<Latencies, kSettings> latencies;
  RETURN_IF_ERROR(WarmUp(queries, settings, &searcher, &latencies));
  RETURN_IF_ERROR(Time(queries, settings, run.rounds, &searcher, &latencies));
  std::printf("%s", FormatTable(queries, settings, latencies).c_str());
  if (run.json.empty()) return absl::OkStatus();
  return WriteFile(run.json, FormatJson(index, queries, run.rounds, settings, latencies));
}

absl::Status BuildAndMeasure(const Settings& run, const std::string& dir) {
  RETURN_IF_ERROR(Build(run.corpus, dir));
  ASSIGN_OR_RETURN(const auto index, IndexReader::Open(dir));
  return Measure(run, *index);
}

// Measures on the index in --index if it holds one; otherwise builds one
// there, or in a temporary directory removed afterwards. Sets *skipped if
// a build is needed and the corpus is absent.
absl::Status RunAll(const Settings& run, bool* skipped) {
  if (!run.index.empty()) {
    const auto index = IndexReader::Open(run.index);
    if (index.ok()) {
      std::printf("reusing the index in %s\n", run.index.c_str());
      return Measure(run, **index);
    }
    if (!absl::IsNotFound(index.status())) return index.status();
  }
  if (::access(run.corpus.c_str(), R_OK) != 0) {
    *skipped = true;
    return absl::OkStatus();
  }
  if (!run.index.empty()) return BuildAndMeasure(run, run.index);
  char dir_template[] = "/tmp/syndex_phrasing_latency_XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) return absl::InternalError("mkdtemp failed");
  const std::string dir = dir_template;
  absl::Status status = BuildAndMeasure(run, dir);
  const std::string remove = StrCat("rm -rf '", dir, "'");
  if (std::system(remove.c_str()) != 0 && status.ok()) {
    status = absl::InternalError(StrCat("cannot remove ", dir));
  }
  return status;
}

absl::StatusOr<Settings> ParseFlags(int argc, char** argv) {
  CommandLine cl({{"corpus", true},
                  {"index", true},
                  {"queries", true},
                  {"rounds", true},
                  {"json", true},
                  {"help", false}},
                 {{"h", "help"}});
  RETURN_IF_ERROR(cl.Parse(argc, argv, 1));
  if (!cl.positional().empty()) {
    return absl::InvalidArgumentError(StrCat("unexpected argument '", cl.positional()[0], "'"));
  }
  Settings settings;
  settings.help = cl.Has("help");
  settings.corpus = cl.Get("corpus", settings.corpus);
  settings.index = cl.Get("index");
  ASSIGN_OR_RETURN(settings.queries, cl.GetWholeNumber("queries", 500, 1, 10000000));
  ASSIGN_OR_RETURN(settings.rounds, cl.GetWholeNumber("rounds", 3, 1, 1000));
  settings.json = cl.Get("json");
  return settings;
}

int Main(int argc, char** argv) {
  const absl::StatusOr<Settings> settings = ParseFlags(argc, argv);
  if (!settings.ok()) {
    std::fprintf(stderr, "syndex_phrasing_latency: %s\n%s",
                 std::string(settings.status().message()).c_str(), kUsage);
    return 2;
  }
  if (settings->help) {
    std::printf("%s", kUsage);
    return 0;
  }
  bool skipped = false;
  const absl::Status status = RunAll(*settings, &skipped);
  if (skipped) {
    std::printf("skipped: %s is absent\n", settings->corpus.c_str());
    return 0;
  }
  if (!status.ok()) {
    std::fprintf(stderr, "syndex_phrasing_latency: error: %s\n",
                 std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Main(argc, argv); }
