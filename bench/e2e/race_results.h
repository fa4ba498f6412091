// File: bench/e2e/race_results.h
//
// Everything one race measured (race_main.cc), which race_report.h prints
// and race_targets.h judges. Plain values.
//
// Example:
//   RaceResults results;
//   results.builds[size_t(Engine::kSyndex)].seconds = 12.5;
#ifndef SYNDEX_BENCH_E2E_RACE_RESULTS_H_
#define SYNDEX_BENCH_E2E_RACE_RESULTS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "bench/e2e/machine_info.h"
#include "bench/e2e/query_sets.h"
#include "bench/e2e/query_timer.h"
#include "bench/e2e/race_engine.h"

namespace syndex::race {

// One engine's build, run in a child process of its own.
struct EngineBuild {
  bool done = false;
  // Wall time from opening the corpus to the index's last write, measured
  // in the child (process start and exit not included).
  double seconds = 0;
  BuildOutcome outcome;
  IndexBytes bytes;
  uint64_t peak_rss_bytes = 0;   // ru_maxrss of the child, from wait4()
  uint64_t child_hwm_bytes = 0;  // VmHWM the child read of itself at the end
  double cpu_seconds = 0;        // the child's user + system time
  // Input (title + body text) MB per second: 1e6 bytes.
  double mb_per_second() const { return seconds > 0 ? outcome.input_bytes / 1e6 / seconds : 0; }
};

struct RaceResults {
  std::string corpus;
  MachineInfo machine;
  double memory_mb = 256;  // syndex's --memory-mb (MiB)
  size_t per_class = 0;    // queries per class
  size_t rounds = 1;
  uint64_t seed = 0;
  uint64_t driver_rss_at_spawn = 0;  // the floor of every child's ru_maxrss
  std::array<EngineBuild, kEngineCount> builds;
  // timings[engine][class]; nullopt where the engine has no such query.
  std::array<std::array<std::optional<ClassTiming>, kQueryClassCount>, kEngineCount> timings;
  // Each class's first query, in syndex's syntax, to show what was run.
  std::array<std::string, kQueryClassCount> examples;

  const EngineBuild& build(Engine e) const { return builds[static_cast<size_t>(e)]; }
  const std::optional<ClassTiming>& timing(Engine e, QueryClass c) const {
    return timings[static_cast<size_t>(e)][static_cast<size_t>(c)];
  }
};

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_RACE_RESULTS_H_
