// File: bench/e2e/child_process.h
//
// Runs a build in a process of its own and reads what it cost, so that each
// engine's peak memory is its own and not the driver's or another engine's:
// the kernel keeps a process's peak resident set size (ru_maxrss) and
// wait4() returns it with the rest of the child's rusage.
//
// A caveat the driver designs around: Linux carries the peak RSS of the
// image a process replaces over exec (and a forked child starts with its
// parent's resident pages), so a child's ru_maxrss is at least the
// driver's RSS at the fork. The race forks its builds first, while the
// driver is a few MiB, and reports that floor (CurrentRssBytes()).
//
// Example:
//   ASSIGN_OR_RETURN(ChildResult child, RunChild({"/proc/self/exe", "--build-only", "xapian"}));
//   if (child.exit_code != 0) ...
//   std::printf("peak RSS %llu bytes\n", (unsigned long long)child.max_rss_bytes);
#ifndef SYNDEX_BENCH_E2E_CHILD_PROCESS_H_
#define SYNDEX_BENCH_E2E_CHILD_PROCESS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace syndex::race {

struct ChildResult {
  // The child's exit status, or 128 + the signal that ended it.
  int exit_code = 0;
  std::string output;          // its standard output (standard error is the driver's)
  uint64_t max_rss_bytes = 0;  // ru_maxrss of wait4()
  double cpu_seconds = 0;      // user + system time, every thread of the child
};

// RunChild() runs `argv` (argv[0] is the program's path) in a child process
// (fork, then execv) and waits for it. An error only if the child could not
// be started or waited for; a child that fails is a ChildResult with a
// non-zero exit_code.
[[nodiscard]] absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv);

// This process's resident set size now (VmRSS) and its peak so far (VmHWM),
// from /proc/self/status; 0 if that cannot be read.
uint64_t CurrentRssBytes();
uint64_t PeakRssBytes();

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_CHILD_PROCESS_H_
