#include "bench/e2e/machine_info.h"

#include <unistd.h>

#include <ctime>
#include <fstream>

namespace syndex::race {
namespace {

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? "unknown" : line.substr(start);
  }
  return "unknown";
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
  return text;
}

}  // namespace

MachineInfo DescribeMachine() {
  MachineInfo machine;
  machine.cpu_model = CpuModel();
  const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  machine.cores = cores > 0 ? static_cast<unsigned>(cores) : 0;
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page_size > 0) machine.ram_bytes = uint64_t(pages) * uint64_t(page_size);
  machine.date = UtcNow();
  return machine;
}

}  // namespace syndex::race
