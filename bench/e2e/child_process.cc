#include "bench/e2e/child_process.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>

#include "common/str_cat.h"

namespace syndex::race {
namespace {

absl::Status ErrnoError(std::string_view what) {
  return absl::InternalError(StrCat(what, ": ", std::strerror(errno)));
}

// Reads `fd` to its end (the child closing its end of the pipe).
std::string ReadAll(int fd) {
  std::string out;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

// In the child: standard output to the pipe, then the program. Only
// async-signal-safe calls between fork and exec.
[[noreturn]] void ExecChild(int pipe_read, int pipe_write, char* const* argv) {
  ::close(pipe_read);
  if (::dup2(pipe_write, STDOUT_FILENO) < 0) ::_exit(127);
  ::close(pipe_write);
  ::execv(argv[0], argv);
  ::_exit(127);
}

// A "Name:   1234 kB" line of /proc/self/status, in bytes.
uint64_t StatusKib(std::string_view name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, name.size(), name) == 0 && line.size() > name.size() &&
        line[name.size()] == ':') {
      return std::strtoull(line.c_str() + name.size() + 1, nullptr, 10) * 1024;
    }
  }
  return 0;
}

}  // namespace

absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to run");
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (::pipe(fds) != 0) return ErrnoError("pipe");
  std::fflush(nullptr);  // or the child's copy of our buffers would be written twice
  const pid_t pid = ::fork();
  if (pid < 0) return ErrnoError("fork");
  if (pid == 0) ExecChild(fds[0], fds[1], args.data());
  ::close(fds[1]);
  ChildResult result;
  result.output = ReadAll(fds[0]);
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) return ErrnoError("wait4");
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.max_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux: KiB
  result.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                       usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  return result;
}

uint64_t CurrentRssBytes() { return StatusKib("VmRSS"); }
uint64_t PeakRssBytes() { return StatusKib("VmHWM"); }

}  // namespace syndex::race
