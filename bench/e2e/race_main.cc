// syndex_race: the end-to-end race of syndex against Xapian and SQLite FTS5
// on one corpus, in one run (docs/PERFORMANCE.md).
//
//   syndex_race [CORPUS] [--memory-mb N] [--queries N] [--rounds R]
//               [--json FILE] [--work-dir DIR] [--keep]
//   syndex_race [CORPUS] [--queries N] --write-queries DIR
//   syndex_race [CORPUS] --work-dir DIR --reuse-indexes [--rebuild ENGINE]
//               [--engines LIST]
//
// CORPUS is what `indexer build` reads (JSON Lines, plain or .zst, or a
// directory of .txt); default ../shared/news/allsides/articles.jsonl.zst
// beside the source tree, and the program says it skipped and exits 0 when
// it is absent. The workloads, in this order:
//   build-syndex   `indexer build` of the corpus with --memory-mb N (256)
//   build-xapian   a Xapian glass database of the same articles (xapian_engine.h)
//   build-fts5     an SQLite FTS5 contentless table of them (fts5_engine.h)
//     Each build runs in a child process of its own: the driver re-executes
//     itself with the hidden mode `--build-only ENGINE --index PATH`, which
//     builds, times itself and prints its figures; the driver reads the
//     child's peak RSS from wait4(). The builds run before the driver reads
//     anything large (see child_process.h for why). Measured: seconds, input
//     MB/s (title + body bytes), index bytes on disk (syndex also without
//     its stored text), peak RSS, CPU seconds.
//   queries        N (300) queries per class, drawn from the corpus by
//     query_sets.h: or, and, long-or, phrase-2, phrase-3, phrase-4,
//     phrasings; each engine answers each class it has, k = 10, timed by
//     query_timer.h (one thread, one untimed pass, then R (3) timed
//     rounds, the engines' passes interleaved, a query's median counting):
//     p50, p95, p99, mean, QPS.
// Prints a table with syndex's ratio to each peer for every figure and the
// issue's targets (race_targets.h); --json FILE writes the same as JSON.
// The indexes go to a temporary directory, removed at the end unless
// --keep, or to --work-dir DIR (its syndex/, xapian/ and fts5.sqlite are
// replaced). --reuse-indexes times the indexes already in --work-dir and
// builds only those missing (or named by --rebuild), so that a change to
// one engine can be raced without rebuilding the others; a reused index's
// build figures are left out. --engines syndex,xapian races only the
// engines listed (default all three). --write-queries DIR only draws the queries and writes each
// class's to DIR/CLASS.txt in syndex's query language, one a line, for
// `searcher --batch DIR/or.txt --timings` (the `and` file spells out AND).
// Exit status: 0 on success or skip, 1 on error, 2 on bad usage.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "bench/e2e/child_process.h"
#include "bench/e2e/corpus_reader.h"
#include "bench/e2e/query_syntax.h"
#include "bench/e2e/query_timer.h"
#include "bench/e2e/race_report.h"
#include "bench/e2e/race_results.h"
#include "common/command_line.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::race {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: syndex_race [CORPUS] [--memory-mb N] [--queries N] [--rounds R] [--json FILE]\n"
    "                   [--work-dir DIR] [--keep]\n"
    "       syndex_race [CORPUS] [--queries N] --write-queries DIR\n"
    "       syndex_race [CORPUS] --work-dir DIR --reuse-indexes [--rebuild ENGINE] ...\n"
    "  CORPUS         articles as `indexer build` reads them (default\n"
    "                 ../shared/news/allsides/articles.jsonl.zst)\n"
    "  --memory-mb N  syndex's build memory budget in MiB (default 256)\n"
    "  --queries N    queries per class (default 300)\n"
    "  --rounds R     timed passes over the queries per engine, interleaved with the\n"
    "                 other engines'; a query's median counts (default 3)\n"
    "  --json FILE    also write the results as JSON to FILE\n"
    "  --work-dir DIR build the indexes in DIR (default: a temporary directory)\n"
    "  --keep         keep the temporary directory and its indexes\n"
    "  --reuse-indexes  with --work-dir: time the indexes there, build only missing ones\n"
    "  --rebuild ENGINE with --reuse-indexes: build ENGINE's (syndex, xapian, fts5) anyway\n"
    "  --engines LIST   race only these engines, comma-separated (default syndex,xapian,fts5)\n"
    "  --write-queries DIR  only write the queries, DIR/CLASS.txt, for searcher --batch\n";

struct Settings {
  std::string corpus = SYNDEX_SOURCE_DIR "/../shared/news/allsides/articles.jsonl.zst";
  double memory_mb = 256;
  size_t queries = 300;
  size_t rounds = 3;
  std::string json;
  std::string work_dir;  // empty: a temporary directory
  bool keep = false;
  bool help = false;
  std::string write_queries;  // non-empty: only write the query sets there
  bool reuse_indexes = false;
  std::string rebuild;                     // an engine to build even with reuse_indexes
  std::array<bool, kEngineCount> raced{};  // by Engine; ParseFlags sets them
  bool Races(Engine e) const { return raced[static_cast<size_t>(e)]; }
  // The hidden child mode: build ENGINE's index at `index` and report.
  std::string build_only;
  std::string index;
};

// --build-only: builds one engine's index and prints "name value" lines
// for the driver (BuildInChild).
absl::Status RunBuildOnly(const Settings& settings) {
  const std::optional<Engine> engine = ParseEngine(settings.build_only);
  if (!engine) return absl::InvalidArgumentError(StrCat("no engine ", settings.build_only));
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(const BuildOutcome outcome,
                   BuildIndex(*engine, {settings.corpus, settings.index, settings.memory_mb}));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("documents %llu\ninput_bytes %llu\nseconds %.6f\nvm_hwm_bytes %llu\n",
              (unsigned long long)outcome.documents, (unsigned long long)outcome.input_bytes,
              seconds, (unsigned long long)PeakRssBytes());
  return absl::OkStatus();
}

// Reads the corpus file once, so that no build pays for reading it from
// disk; through a small buffer, so the driver's RSS does not grow.
void WarmFileCache(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  std::vector<char> buffer(1 << 20);
  while (::read(fd, buffer.data(), buffer.size()) > 0) {
  }
  ::close(fd);
}

absl::StatusOr<std::map<std::string, double>> ParseChildOutput(const std::string& output) {
  std::map<std::string, double> values;
  std::istringstream lines(output);
  std::string name;
  double value = 0;
  while (lines >> name >> value) values[name] = value;
  for (const char* required : {"documents", "input_bytes", "seconds", "vm_hwm_bytes"}) {
    if (!values.count(required)) {
      return absl::InternalError(StrCat("the build's output lacks ", required, ": ", output));
    }
  }
  return values;
}

absl::Status BuildInChild(Engine e, const Settings& settings, const std::string& work_dir,
                          EngineBuild* build) {
  const std::string path = IndexPathIn(work_dir, e);
  std::error_code ignored;
  fs::remove_all(path, ignored);
  std::fprintf(stderr, "building the %s index in %s ...\n", std::string(EngineName(e)).c_str(),
               path.c_str());
  ASSIGN_OR_RETURN(
      const ChildResult child,
      RunChild({"/proc/self/exe", "--build-only", std::string(EngineName(e)), "--index", path,
                "--memory-mb", StrCat(settings.memory_mb), settings.corpus}));
  if (child.exit_code != 0) {
    return absl::InternalError(
        StrCat("the ", EngineName(e), " build failed (exit status ", child.exit_code, ")"));
  }
  ASSIGN_OR_RETURN(const auto values, ParseChildOutput(child.output));
  build->done = true;
  build->seconds = values.at("seconds");
  build->outcome.documents = static_cast<uint64_t>(values.at("documents"));
  build->outcome.input_bytes = static_cast<uint64_t>(values.at("input_bytes"));
  build->child_hwm_bytes = static_cast<uint64_t>(values.at("vm_hwm_bytes"));
  build->peak_rss_bytes = child.max_rss_bytes;
  build->cpu_seconds = child.cpu_seconds;
  ASSIGN_OR_RETURN(build->bytes, MeasureIndex(e, path));
  std::fprintf(stderr, "  %.1f s, %.1f MB, peak RSS %.0f MiB\n", build->seconds,
               build->bytes.index() / 1e6, build->peak_rss_bytes / double(1 << 20));
  return absl::OkStatus();
}

absl::StatusOr<QuerySets> MakeQueries(const Settings& settings) {
  std::fprintf(stderr, "drawing %zu queries per class from %s ...\n", settings.queries,
               settings.corpus.c_str());
  ASSIGN_OR_RETURN(const std::vector<CorpusArticle> articles, LoadArticles(settings.corpus));
  QuerySetOptions options;
  options.per_class = settings.queries;
  return GenerateQuerySets(articles, options);
}

// Times every raced engine on every class, the engines' passes interleaved
// (bench/e2e/query_timer.h).
absl::Status TimeEngines(const std::string& work_dir, const QuerySets& sets,
                         const Settings& settings, RaceResults* results) {
  std::vector<Engine> engines;
  std::vector<std::unique_ptr<QueryRunner>> runners;
  for (Engine e : kAllEngines) {
    if (!settings.Races(e)) continue;
    ASSIGN_OR_RETURN(auto runner, OpenRunner(e, IndexPathIn(work_dir, e)));
    engines.push_back(e);
    runners.push_back(std::move(runner));
  }
  for (QueryClass c : kAllQueryClasses) {
    std::vector<Engine> timed;
    std::vector<QueryRunner*> timed_runners;
    for (size_t i = 0; i < engines.size(); ++i) {
      if (!runners[i]->Supports(c)) continue;
      timed.push_back(engines[i]);
      timed_runners.push_back(runners[i].get());
    }
    std::fprintf(stderr, "timing %s queries ...\n", std::string(QueryClassName(c)).c_str());
    ASSIGN_OR_RETURN(const std::vector<ClassTiming> timings,
                     TimeQueries(timed_runners, c, sets.of(c), settings.rounds));
    for (size_t i = 0; i < timed.size(); ++i) {
      results->timings[static_cast<size_t>(timed[i])][static_cast<size_t>(c)] = timings[i];
    }
  }
  return absl::OkStatus();
}

absl::Status RaceIn(const Settings& settings, const std::string& work_dir) {
  RaceResults results;
  results.corpus = settings.corpus;
  results.machine = DescribeMachine();
  results.memory_mb = settings.memory_mb;
  results.per_class = settings.queries;
  results.rounds = settings.rounds;
  results.seed = kDefaultQuerySeed;
  WarmFileCache(settings.corpus);
  results.driver_rss_at_spawn = CurrentRssBytes();
  for (Engine e : kAllEngines) {
    if (!settings.Races(e)) continue;
    if (settings.reuse_indexes && settings.rebuild != EngineName(e) &&
        fs::exists(IndexPathIn(work_dir, e))) {
      std::fprintf(stderr, "reusing the %s index in %s\n", std::string(EngineName(e)).c_str(),
                   IndexPathIn(work_dir, e).c_str());
      continue;
    }
    RETURN_IF_ERROR(BuildInChild(e, settings, work_dir, &results.builds[static_cast<size_t>(e)]));
  }
  ASSIGN_OR_RETURN(const QuerySets sets, MakeQueries(settings));
  for (QueryClass c : kAllQueryClasses) {
    results.examples[static_cast<size_t>(c)] = SyndexQueryText(c, sets.of(c).front());
  }
  RETURN_IF_ERROR(TimeEngines(work_dir, sets, settings, &results));
  std::printf("%s", FormatRaceTable(results).c_str());
  if (settings.json.empty()) return absl::OkStatus();
  return WriteTextFile(settings.json, FormatRaceJson(results));
}

absl::Status WriteQueries(const Settings& settings) {
  std::error_code error;
  fs::create_directories(settings.write_queries, error);
  if (error) return absl::UnavailableError(StrCat(settings.write_queries, ": ", error.message()));
  ASSIGN_OR_RETURN(const QuerySets sets, MakeQueries(settings));
  for (QueryClass c : kAllQueryClasses) {
    std::string text;
    for (const WordQuery& words : sets.of(c)) StrAppend(&text, SyndexBatchLine(c, words), "\n");
    const std::string path =
        (fs::path(settings.write_queries) / StrCat(QueryClassName(c), ".txt")).string();
    RETURN_IF_ERROR(WriteTextFile(path, text));
    std::fprintf(stderr, "wrote %s\n", path.c_str());
  }
  return absl::OkStatus();
}

// Runs the race in --work-dir, or in a temporary directory removed
// afterwards (kept with --keep).
absl::Status Race(const Settings& settings) {
  if (!settings.work_dir.empty()) {
    std::error_code error;
    fs::create_directories(settings.work_dir, error);
    if (error) return absl::UnavailableError(StrCat(settings.work_dir, ": ", error.message()));
    return RaceIn(settings, settings.work_dir);
  }
  std::string dir_template = (fs::temp_directory_path() / "syndex_race_XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  const absl::Status status = RaceIn(settings, dir_template);
  if (settings.keep) {
    std::fprintf(stderr, "kept the indexes in %s\n", dir_template.c_str());
    return status;
  }
  std::error_code error;
  fs::remove_all(dir_template, error);
  if (error && status.ok()) return absl::InternalError(StrCat("cannot remove ", dir_template));
  return status;
}

absl::StatusOr<Settings> ParseFlags(int argc, char** argv) {
  CommandLine cl({{"memory-mb", true},
                  {"queries", true},
                  {"rounds", true},
                  {"json", true},
                  {"work-dir", true},
                  {"keep", false},
                  {"write-queries", true},
                  {"reuse-indexes", false},
                  {"rebuild", true},
                  {"engines", true},
                  {"help", false},
                  {"build-only", true},
                  {"index", true}},
                 {{"h", "help"}});
  RETURN_IF_ERROR(cl.Parse(argc, argv, 1));
  if (cl.positional().size() > 1) {
    return absl::InvalidArgumentError(StrCat("unexpected argument '", cl.positional()[1], "'"));
  }
  Settings settings;
  if (!cl.positional().empty()) settings.corpus = cl.positional()[0];
  settings.help = cl.Has("help");
  ASSIGN_OR_RETURN(settings.memory_mb, cl.GetNumber("memory-mb", 256, 16, 1 << 20));
  ASSIGN_OR_RETURN(settings.queries, cl.GetWholeNumber("queries", 300, 1, 1000000));
  ASSIGN_OR_RETURN(settings.rounds, cl.GetWholeNumber("rounds", 3, 1, 1000));
  settings.json = cl.Get("json");
  settings.work_dir = cl.Get("work-dir");
  settings.keep = cl.Has("keep");
  settings.write_queries = cl.Get("write-queries");
  settings.reuse_indexes = cl.Has("reuse-indexes");
  settings.rebuild = cl.Get("rebuild");
  if (settings.reuse_indexes && settings.work_dir.empty()) {
    return absl::InvalidArgumentError("--reuse-indexes needs --work-dir DIR");
  }
  settings.raced.fill(!cl.Has("engines"));
  const std::vector<std::string> names = absl::StrSplit(cl.Get("engines"), ',', absl::SkipEmpty());
  for (const std::string& name : names) {
    const std::optional<Engine> engine = ParseEngine(name);
    if (!engine) return absl::InvalidArgumentError(StrCat("--engines: no engine ", name));
    settings.raced[static_cast<size_t>(*engine)] = true;
  }
  if (!settings.rebuild.empty() && !ParseEngine(settings.rebuild)) {
    return absl::InvalidArgumentError(StrCat("--rebuild: no engine ", settings.rebuild));
  }
  settings.build_only = cl.Get("build-only");
  settings.index = cl.Get("index");
  if (!settings.build_only.empty() && settings.index.empty()) {
    return absl::InvalidArgumentError("--build-only needs --index PATH");
  }
  return settings;
}

int Main(int argc, char** argv) {
  const absl::StatusOr<Settings> settings = ParseFlags(argc, argv);
  if (!settings.ok()) {
    std::fprintf(stderr, "syndex_race: %s\n%s", std::string(settings.status().message()).c_str(),
                 kUsage);
    return 2;
  }
  if (settings->help) {
    std::printf("%s", kUsage);
    return 0;
  }
  absl::Status status;
  if (!settings->build_only.empty()) {
    status = RunBuildOnly(*settings);
  } else if (::access(settings->corpus.c_str(), R_OK) != 0) {
    std::printf("skipped: %s is absent\n", settings->corpus.c_str());
    return 0;
  } else if (!settings->write_queries.empty()) {
    status = WriteQueries(*settings);
  } else {
    status = Race(*settings);
  }
  if (!status.ok()) {
    std::fprintf(stderr, "syndex_race: error: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex::race

int main(int argc, char** argv) { return syndex::race::Main(argc, argv); }
