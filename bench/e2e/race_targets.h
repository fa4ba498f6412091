// File: bench/e2e/race_targets.h
//
// The targets of issue 5 ("Benchmark first"), judged on a race's results:
//   build throughput (input MB/s)            >= 1.5x FTS5's
//   index bytes without stored text          <= 0.75x FTS5's index bytes
//   build peak RSS                           <= 1.10x --memory-mb
//   p50 latency of or, and, long-or          <= 0.2x Xapian's
//   p50 latency of phrase-2, -3, -4          <= 0.3x Xapian's
//   p99 latency of every class Xapian has    <= 0.5x Xapian's
// "Within 10% of the memory flag" is read as at most 10% above it: a build
// that needs less than its budget is not faulted for it.
//
// Example:
//   for (const Target& t : CheckTargets(results)) std::printf("%s\n", t.name.c_str());
#ifndef SYNDEX_BENCH_E2E_RACE_TARGETS_H_
#define SYNDEX_BENCH_E2E_RACE_TARGETS_H_

#include <optional>
#include <string>
#include <vector>

#include "bench/e2e/race_results.h"

namespace syndex::race {

struct Target {
  std::string name;  // "build throughput vs FTS5"
  std::string rule;  // "syndex/fts5 >= 1.5"
  // The measured ratio (syndex over the peer, or over the budget);
  // nullopt when it could not be measured (an engine not run, a zero).
  std::optional<double> ratio;
  double limit = 0;
  bool at_least = false;  // met if ratio >= limit; otherwise if ratio <= limit
  std::optional<bool> met() const {
    if (!ratio) return std::nullopt;
    return at_least ? *ratio >= limit : *ratio <= limit;
  }
};

// CheckTargets() returns every target of the file comment, in that order.
std::vector<Target> CheckTargets(const RaceResults& results);

// Ratio() is a / b, or nullopt if b is not positive.
std::optional<double> Ratio(double a, double b);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_RACE_TARGETS_H_
