// File: bench/e2e/machine_info.h
//
// The machine a race ran on, for its report: figures mean little without it.
//
// Example:
//   const MachineInfo machine = DescribeMachine();
//   std::printf("%s, %u cores\n", machine.cpu_model.c_str(), machine.cores);
#ifndef SYNDEX_BENCH_E2E_MACHINE_INFO_H_
#define SYNDEX_BENCH_E2E_MACHINE_INFO_H_

#include <cstdint>
#include <string>

namespace syndex::race {

struct MachineInfo {
  std::string cpu_model;   // "model name" of /proc/cpuinfo; "unknown" if absent
  unsigned cores = 0;      // online processors
  uint64_t ram_bytes = 0;  // physical memory
  std::string date;        // when the race ran: "YYYY-MM-DD HH:MM UTC"
};

// DescribeMachine() never fails: what it cannot read stays unknown or 0.
MachineInfo DescribeMachine();

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_MACHINE_INFO_H_
