// File: bench/e2e/race_report.h
//
// A race's results as a table for people and as JSON for programs. Both
// give, beside every figure of syndex, its ratio to Xapian's and to FTS5's
// (syndex / peer: below 1 is smaller or faster for sizes, times and
// latencies, above 1 is better for throughput and QPS), the units each
// engine ranks, and the targets of race_targets.h, met or not.
//
// Example:
//   std::fputs(FormatRaceTable(results).c_str(), stdout);
//   RETURN_IF_ERROR(WriteTextFile(json_path, FormatRaceJson(results)));
#ifndef SYNDEX_BENCH_E2E_RACE_REPORT_H_
#define SYNDEX_BENCH_E2E_RACE_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "bench/e2e/race_results.h"

namespace syndex::race {

// Sizes in MB (1e6 bytes), memory in MiB (2^20, the unit of --memory-mb),
// latencies in milliseconds.
std::string FormatRaceTable(const RaceResults& results);

// One JSON object; sizes in bytes, times in seconds except latencies (ms).
std::string FormatRaceJson(const RaceResults& results);

// Writes `contents` to `path`, replacing it. Unavailable naming the path.
[[nodiscard]] absl::Status WriteTextFile(const std::string& path, const std::string& contents);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_RACE_REPORT_H_
