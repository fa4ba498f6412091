// File: tests/e2e/failing_writes.h
//
// Running the real `indexer` program with its writes failing, and checking
// that a failed command left the last commit of an index as it was. The
// failures are the system's own, with nothing in the program to help:
//  - a file size limit (RLIMIT_FSIZE, set by prlimit(1) before exec, with
//    SIGXFSZ ignored): a write that would take any file past N bytes fails
//    with EFBIG, "File too large", after writing up to N bytes;
//  - a full disk: the index lives on a tmpfs with N bytes left (Tmpfs
//    below); a write fails with ENOSPC, "No space left on device";
//  - /dev/full in place of a file the program creates (a symlink): every
//    write to it fails with ENOSPC.
//
// Example:
//   CommitSnapshot before(index);   // the last commit: files and answers
//   ProcessResult r = RunIndexer({"build", "--index", index, input},
//                                WriteFault::FileSizeLimit(4096));
//   EXPECT_EQ(r.exit_code(), 1);
//   before.ExpectUnchanged(index);
#ifndef SYNDEX_TESTS_E2E_FAILING_WRITES_H_
#define SYNDEX_TESTS_E2E_FAILING_WRITES_H_

#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document_deletions.h"
#include "common/format.h"
#include "common/manifest.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {

inline constexpr char kPrlimitPath[] = "/usr/bin/prlimit";

// How the writes of a command fail; see the file comment.
struct WriteFault {
  enum class Kind { kNone, kFileSizeLimit };
  Kind kind = Kind::kNone;
  uint64_t bytes = 0;  // the file size limit

  static WriteFault None() { return {}; }
  static WriteFault FileSizeLimit(uint64_t bytes) { return {Kind::kFileSizeLimit, bytes}; }
};

// Runs `indexer` with `args` (the command and its options, without the
// program's path) under `fault`. A full disk and /dev/full are set up
// around the call (Tmpfs, DevFullInPlaceOf).
inline ProcessResult RunIndexer(const std::vector<std::string>& args, const WriteFault& fault,
                                const RunOptions& options = {}) {
  std::vector<std::string> command;
  if (fault.kind == WriteFault::Kind::kFileSizeLimit) {
    // The child inherits an ignored SIGXFSZ across exec, so that a write
    // past the limit fails with EFBIG instead of killing the program.
    ::signal(SIGXFSZ, SIG_IGN);
    command = {kPrlimitPath, "--fsize=" + std::to_string(fault.bytes), "--"};
  }
  command.push_back(IndexerPath());
  command.insert(command.end(), args.begin(), args.end());
  return RunProgram(command, options);
}

// Whether prlimit(1) is there to set a file size limit.
inline bool CanLimitFileSize() { return ::access(kPrlimitPath, X_OK) == 0; }

// A tmpfs mounted on a directory for the life of the object, in a mount
// namespace of this process's own (so that a test that dies leaves no
// mount behind), whose free space can be set: a full disk. Needs the right
// to mount (root, or CAP_SYS_ADMIN); ok() says whether it was mounted, and
// skip_reason() why not.
class Tmpfs {
 public:
  explicit Tmpfs(std::string dir) : dir_(std::move(dir)) {
    if (::unshare(CLONE_NEWNS) != 0) {
      reason_ = std::string("cannot make a mount namespace: ") + std::strerror(errno);
      return;
    }
    // Mounts made here must not propagate to the rest of the system.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      reason_ = std::string("cannot make mounts private: ") + std::strerror(errno);
      return;
    }
    if (::mount("syndex_test", dir_.c_str(), "tmpfs", 0, "size=64m") != 0) {
      reason_ = std::string("cannot mount a tmpfs: ") + std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  bool ok() const { return mounted_; }
  const std::string& skip_reason() const { return reason_; }
  const std::string& dir() const { return dir_; }

  // Bytes in use (whole pages).
  uint64_t used() const {
    struct statvfs st;
    if (::statvfs(dir_.c_str(), &st) != 0) return 0;
    return uint64_t{st.f_blocks - st.f_bfree} * st.f_frsize;
  }
  // Leaves `free` bytes (rounded down to whole pages) to be written.
  bool SetFree(uint64_t free) {
    const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    const uint64_t size = used() + free / page * page;
    // A size of 0 would mean "no limit".
    const std::string options = "size=" + std::to_string(std::max<uint64_t>(size, page));
    if (::mount("syndex_test", dir_.c_str(), "tmpfs", MS_REMOUNT, options.c_str()) != 0) {
      ADD_FAILURE() << "cannot resize the tmpfs to " << options << ": " << std::strerror(errno);
      return false;
    }
    return true;
  }
  bool SetUnlimited() { return SetFree(uint64_t{64} << 20); }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string reason_;
};

// Makes `path` a symlink to /dev/full, so that a program that creates it
// (open with O_CREAT | O_TRUNC follows the link) gets ENOSPC on every
// write. Returns whether the link was made.
inline bool DevFullInPlaceOf(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  return ::symlink("/dev/full", path.c_str()) == 0;
}

// A committed index as it stands: the bytes of its MANIFEST and of every
// file it names, what `indexer stats` says, and the searcher's answers to
// a few queries. ExpectUnchanged checks that an index is exactly this
// commit again.
class CommitSnapshot {
 public:
  CommitSnapshot(const std::string& index, std::vector<std::string> queries)
      : queries_(std::move(queries)) {
    files_ = CommittedFiles(index);
    stats_ = Stats(index);
    answers_ = Answers(index);
    EXPECT_FALSE(files_.empty()) << index << " holds no commit";
  }

  // Checks that `index` verifies and is this commit, file for file and
  // answer for answer; returns whether it is. `what` names the case in
  // failure messages.
  bool ExpectUnchanged(const std::string& index, const std::string& what) const {
    const ProcessResult verify = RunProgram({IndexerPath(), "verify", "--index", index});
    const bool verified = verify.exit_code() == 0;
    const bool same_files = CommittedFiles(index) == files_;
    const bool same_stats = Stats(index) == stats_;
    const bool same_answers = Answers(index) == answers_;
    EXPECT_TRUE(verified) << what << ": " << verify.Describe();
    EXPECT_TRUE(same_files) << what
                            << ": the committed files changed (MANIFEST or a segment it names)";
    EXPECT_TRUE(same_stats) << what << ": indexer stats changed";
    EXPECT_TRUE(same_answers) << what << ": the searcher's answers changed";
    return verified && same_files && same_stats && same_answers;
  }

  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  // The MANIFEST and every file it names (segment files and deletion
  // files), by name.
  static std::map<std::string, std::string> CommittedFiles(const std::string& index) {
    std::map<std::string, std::string> files;
    files[std::string(format::kManifestName)] =
        ReadFile(index + "/" + std::string(format::kManifestName));
    const absl::StatusOr<Manifest> manifest = ReadManifest(index);
    EXPECT_TRUE(manifest.ok()) << manifest.status();
    if (!manifest.ok()) return files;
    for (const SegmentInfo& segment : manifest->segments) {
      std::vector<std::string> names;
      for (format::FileKind kind : format::kSegmentFileKinds) {
        names.push_back(segment.name + std::string(format::Extension(kind)));
      }
      if (segment.deleted_count > 0) {
        names.push_back(DeletionsFileName(segment.name, segment.deletions_generation));
      }
      for (const std::string& name : names) files[name] = ReadFile(index + "/" + name);
    }
    return files;
  }

  static std::string Stats(const std::string& index) {
    const ProcessResult r = RunProgram({IndexerPath(), "stats", "--index", index, "--json"});
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return r.out;
  }

  std::string Answers(const std::string& index) const {
    RunOptions options;
    for (size_t i = 0; i < queries_.size(); ++i) {
      options.input += std::to_string(i) + "\t" + queries_[i] + "\n";
    }
    const ProcessResult r =
        RunProgram({SearcherPath(), "--index", index, "--format", "json", "-k", "50"}, options);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return r.out;
  }

  std::vector<std::string> queries_;
  std::map<std::string, std::string> files_;
  std::string stats_;
  std::string answers_;
};

}  // namespace syndex::cli_test

#endif  // SYNDEX_TESTS_E2E_FAILING_WRITES_H_
