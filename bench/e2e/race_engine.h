// File: bench/e2e/race_engine.h
//
// The three engines of the race and what the driver asks of each: build an
// index of the corpus (run in a child process of its own, so that its peak
// memory is its own; see race_main.cc), measure it on disk, and answer the
// race's queries (query_sets.h) with k = 10. The engines are reached only
// through this header; each has one adapter file (syndex_engine.cc,
// xapian_engine.cc, fts5_engine.cc).
//
// Example:
//   ASSIGN_OR_RETURN(BuildOutcome built, BuildIndex(Engine::kXapian, settings));
//   ASSIGN_OR_RETURN(auto runner, OpenRunner(Engine::kXapian, settings.index_path));
//   ASSIGN_OR_RETURN(size_t results, runner->Run(QueryClass::kPhrase2, {"climate", "change"}));
#ifndef SYNDEX_BENCH_E2E_RACE_ENGINE_H_
#define SYNDEX_BENCH_E2E_RACE_ENGINE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/e2e/query_sets.h"

namespace syndex::race {

enum class Engine { kSyndex, kXapian, kFts5 };
inline constexpr size_t kEngineCount = 3;
inline constexpr std::array<Engine, kEngineCount> kAllEngines = {Engine::kSyndex, Engine::kXapian,
                                                                 Engine::kFts5};

// "syndex", "xapian", "fts5".
std::string_view EngineName(Engine e);
// The engine of EngineName() `name`; nullopt for any other name.
std::optional<Engine> ParseEngine(std::string_view name);
// What the engine ranks, for the report: syndex passages (grouped), Xapian
// documents, FTS5 rows (one per article).
std::string_view RankedUnit(Engine e);
// Where, under the race's work directory, the engine's index goes: a
// directory for syndex and Xapian, one file for FTS5.
std::string IndexPathIn(const std::string& work_dir, Engine e);

struct BuildSettings {
  std::string corpus;      // as `indexer build` reads it
  std::string index_path;  // IndexPathIn(); must not hold an index yet
  // syndex's memory budget, `indexer build --memory-mb`. Xapian and FTS5
  // have no such setting and run with their defaults. Default: 256.
  double memory_mb = 256;
};

struct BuildOutcome {
  uint64_t documents = 0;    // articles indexed
  uint64_t input_bytes = 0;  // TextBytes() of every article read
};

// BuildIndex() builds `e`'s index of the corpus. Meant to run in a process
// of its own; see the adapters for how each engine is used.
[[nodiscard]] absl::StatusOr<BuildOutcome> BuildIndex(Engine e, const BuildSettings& settings);

// The size of an index on disk.
struct IndexBytes {
  uint64_t total = 0;        // every file, as its size says
  uint64_t stored_text = 0;  // syndex's stored passage text (.txt files); 0 for the others
  // Free pages inside the file that VACUUM would give back (FTS5 only: the
  // segments that 'optimize' merged away stay in the file as free pages).
  uint64_t free = 0;
  uint64_t index() const { return total - free; }  // what the race compares
  uint64_t without_stored_text() const { return index() - stored_text; }
};
[[nodiscard]] absl::StatusOr<IndexBytes> MeasureIndex(Engine e, const std::string& index_path);

// Answers race queries on one engine's index. Not thread-safe.
class QueryRunner {
 public:
  virtual ~QueryRunner() = default;
  // Whether the engine has queries of class `c` (phrasings are syndex's).
  virtual bool Supports(QueryClass c) const = 0;
  // Runs one query (REQUIRES: Supports(c)) for the top 10 and returns how
  // many results came back. The time of this call is the query's latency:
  // writing the words in the engine's query language, parsing, matching,
  // ranking and fetching the top 10 ids. An error names the query.
  [[nodiscard]] virtual absl::StatusOr<size_t> Run(QueryClass c, const WordQuery& words) = 0;
};

// OpenRunner() opens `e`'s index at `index_path` for queries.
[[nodiscard]] absl::StatusOr<std::unique_ptr<QueryRunner>> OpenRunner(
    Engine e, const std::string& index_path);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_RACE_ENGINE_H_
