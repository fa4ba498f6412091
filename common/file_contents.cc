#include "common/file_contents.h"

#include <cstdio>
#include <memory>

#include "common/io_error.h"
#include "common/str_cat.h"

namespace syndex {

absl::StatusOr<std::string> ReadFileContents(const std::string& path, std::string_view what) {
  const std::string failed = what.empty() ? "cannot read" : StrCat("cannot read ", what);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (file == nullptr) return ErrnoError(failed, path);
  std::string contents;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) contents.append(buffer, n);
  // errno is read before fclose, which may change it.
  if (std::ferror(file.get())) return ErrnoError(failed, path);
  return contents;
}

}  // namespace syndex
