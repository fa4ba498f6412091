// File: tests/e2e/e2e_util.h
//
// Helpers for the end-to-end tests that run the `indexer` and `searcher`
// programs as child processes: the programs' and corpora's paths, running a
// command with its standard input, output and error captured, starting one
// in the background (to kill it), scratch directories and JSON Lines. Files
// and corpora come from tests/testing.
//
// Example:
//   ScratchDir dir;
//   const std::string index = dir.PathOf("index");
//   ProcessResult build = RunProgram({IndexerPath(), "build", "--index", index, CorpusDir()});
//   ASSERT_EQ(build.exit_code(), 0) << build.Describe();
//   ProcessResult r = RunProgram(
//       {SearcherPath(), "--index", index, "--query", "costs", "--format", "json"});
//   std::vector<nlohmann::json> results = ParseJsonLines(r.out);
#ifndef SYNDEX_TESTS_E2E_E2E_UTIL_H_
#define SYNDEX_TESTS_E2E_E2E_UTIL_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"

// A namespace of its own, so that these inline helpers cannot collide with
// those of other e2e headers (tests/e2e/xapian_adapter.h uses syndex::e2e).
namespace syndex::cli_test {

// The corpora and whole-file reads and writes (tests/testing/files.h).
using testing::CorpusDir;
using testing::ReadFile;
using testing::WriteFile;

inline std::string IndexerPath() { return SYNDEX_BINARY_DIR "/indexer/indexer"; }
inline std::string SearcherPath() { return SYNDEX_BINARY_DIR "/searcher/searcher"; }

// How a child process ended, and what it wrote.
struct ProcessResult {
  int status = -1;  // as returned by waitpid; -1 if the process could not run
  bool timed_out = false;
  std::string out, err;

  bool exited() const { return status != -1 && WIFEXITED(status); }
  // The exit status, or -1 if the process did not exit normally.
  int exit_code() const { return exited() ? WEXITSTATUS(status) : -1; }
  // The signal that ended the process, or 0.
  int term_signal() const { return status != -1 && WIFSIGNALED(status) ? WTERMSIG(status) : 0; }

  // For failure messages: how it ended, and the start of stderr and stdout.
  std::string Describe() const {
    std::string how;
    if (status == -1) {
      how = "did not run";
    } else if (exited()) {
      how = "exit status " + std::to_string(exit_code());
    } else if (term_signal() != 0) {
      how = "killed by signal " + std::to_string(term_signal()) + " (" +
            ::strsignal(term_signal()) + ")";
    } else {
      how = "status " + std::to_string(status);
    }
    if (timed_out) how += ", timed out";
    return how + "\n--- stderr:\n" + err.substr(0, 3000) + "\n--- stdout:\n" + out.substr(0, 3000);
  }
};

struct RunOptions {
  std::string input;            // written to the child's standard input, which is then closed
  double timeout_seconds = 60;  // the child is killed (SIGKILL) after this
  // Extra environment variables, "NAME=value".
  std::vector<std::string> env;
};

namespace internal {

// argv and envp for execve, built before fork (the child may only call
// async-signal-safe functions).
struct ExecArgs {
  explicit ExecArgs(const std::vector<std::string>& args, const std::vector<std::string>& env)
      : args_(args) {
    for (std::string& a : args_) argv_.push_back(a.data());
    argv_.push_back(nullptr);
    for (char** e = environ; *e != nullptr; ++e) env_.emplace_back(*e);
    for (const std::string& e : env) {
      const std::string name = e.substr(0, e.find('=') + 1);
      std::erase_if(env_, [&](const std::string& x) { return x.rfind(name, 0) == 0; });
      env_.push_back(e);
    }
    for (std::string& e : env_) envp_.push_back(e.data());
    envp_.push_back(nullptr);
  }
  std::vector<std::string> args_, env_;
  std::vector<char*> argv_, envp_;
};

inline void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace internal

// Runs `args` (args[0] is the program's path) to completion and returns how it
// ended and what it wrote to stdout and stderr.
inline ProcessResult RunProgram(const std::vector<std::string>& args,
                                const RunOptions& options = {}) {
  ProcessResult result;
  // A child that exits without reading its input must not kill the test.
  ::signal(SIGPIPE, SIG_IGN);
  internal::ExecArgs exec(args, options.env);
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe: " << std::strerror(errno);
    return result;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork: " << std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    ::signal(SIGPIPE, SIG_DFL);  // an ignored signal would stay ignored across exec
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::execve(exec.argv_[0], exec.argv_.data(), exec.envp_.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  internal::SetNonBlocking(in[1]);
  size_t written = 0;
  int in_fd = in[1];
  if (options.input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  int out_fd = out[0], err_fd = err[0];
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::milliseconds(static_cast<long>(options.timeout_seconds * 1000));
  char buffer[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    const int ready = ::poll(fds, n, 100);
    if (std::chrono::steady_clock::now() > deadline && !result.timed_out) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
    }
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_fd) {
        const ssize_t w =
            ::write(in_fd, options.input.data() + written, options.input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 && errno != EAGAIN && errno != EINTR) written = options.input.size();
        if (written == options.input.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      const ssize_t r = ::read(fds[i].fd, buffer, sizeof buffer);
      if (r > 0) {
        (fds[i].fd == out_fd ? result.out : result.err).append(buffer, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        ::close(fds[i].fd);
        (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
      }
    }
  }
  if (in_fd >= 0) ::close(in_fd);
  ::waitpid(pid, &result.status, 0);
  return result;
}

// A process running in the background, with stdin from /dev/null and stdout
// and stderr to files. The destructor kills it (SIGKILL) if it still runs.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& args, const std::string& out_path,
                    const std::string& err_path) {
    internal::ExecArgs exec(args, {});
    pid_ = ::fork();
    if (pid_ < 0) {
      ADD_FAILURE() << "fork: " << std::strerror(errno);
      return;
    }
    if (pid_ == 0) {
      const int in = ::open("/dev/null", O_RDONLY);
      const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::execve(exec.argv_[0], exec.argv_.data(), exec.envp_.data());
      ::_exit(127);
    }
  }
  ~BackgroundProcess() {
    if (Running()) Kill(SIGKILL);
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }

  // True until the process has ended (and been reaped).
  bool Running() {
    if (pid_ <= 0 || reaped_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return !reaped_;
  }
  // Sends `signal` and waits for the end; returns the waitpid status.
  int Kill(int signal) {
    if (Running()) ::kill(pid_, signal);
    return Wait();
  }
  // Waits for the end; returns the waitpid status.
  int Wait() {
    if (pid_ > 0 && !reaped_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      reaped_ = true;
    }
    return status_;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
};

// Polls `condition` every millisecond until it holds or `process` ends or
// `timeout_seconds` pass; returns whether it held.
template <typename Condition>
bool WaitFor(Condition condition, BackgroundProcess* process, double timeout_seconds) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(timeout_seconds * 1000));
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    if (process != nullptr && !process->Running()) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Scratch directories of the end-to-end tests: syndex_e2e_XXXXXX.
class ScratchDir : public testing::ScratchDir {
 public:
  ScratchDir() : testing::ScratchDir("syndex_e2e") {}
};

// corpus/ indexed by the real `indexer build`, once for a test suite: a
// scratch directory, the index in it, and what the build said.
//   static void SetUpTestSuite() { indexed_ = new CorpusIndex; }
//   void SetUp() override { ASSERT_EQ(indexed_->build.exit_code(), 0) <<
//   indexed_->build.Describe(); }
struct CorpusIndex {
  ScratchDir dir;
  std::string path = dir.PathOf("index");
  ProcessResult build = RunProgram({IndexerPath(), "build", "--index", path, CorpusDir()});
};

// The names of the entries of `dir`, sorted.
inline std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Copies the directory `from` (flat) to `to`.
inline void CopyDir(const std::string& from, const std::string& to) {
  std::error_code ec;
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive, ec);
  if (ec) ADD_FAILURE() << "cannot copy " << from << " to " << to << ": " << ec.message();
}

// The lines of `text`, without their '\n'; no empty last line.
inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Parses JSON Lines; a line that is not JSON is a test failure (and skipped).
inline std::vector<nlohmann::json> ParseJsonLines(const std::string& text) {
  std::vector<nlohmann::json> values;
  for (const std::string& line : SplitLines(text)) {
    if (line.empty()) continue;
    nlohmann::json value = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
      ADD_FAILURE() << "not a JSON line: " << line;
      continue;
    }
    values.push_back(std::move(value));
  }
  return values;
}

inline std::string Lower(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

inline bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace syndex::cli_test

#endif  // SYNDEX_TESTS_E2E_E2E_UTIL_H_
