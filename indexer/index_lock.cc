#include "indexer/index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <string_view>

#include "common/io_error.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

constexpr std::string_view kLockName = "LOCK";

// The process id the holder wrote into the lock file, or "" if none.
std::string HolderOf(int fd) {
  char buffer[32];
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return "";
  std::string pid(buffer, static_cast<size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

// Records this process as the holder; best effort, as it only serves
// messages.
void WriteHolder(int fd) {
  const std::string pid = StrCat(::getpid(), "\n");
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
}

}  // namespace

absl::StatusOr<IndexLock> IndexLock::Acquire(const std::string& dir) {
  const std::string path = StrCat(dir, "/", kLockName);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot open lock file", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const std::string holder = HolderOf(fd);
    ::close(fd);
    return absl::FailedPreconditionError(StrCat(
        dir, ": another indexer", holder.empty() ? "" : StrCat(" (process ", holder, ")"),
        " is writing to this index (", path, " is locked); wait for it to finish, or stop it"));
  }
  WriteHolder(fd);
  return IndexLock(fd);
}

IndexLock& IndexLock::operator=(IndexLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

IndexLock::~IndexLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace syndex
