#include "searcher/query_error.h"

#include <cstdlib>

#include "common/str_cat.h"
#include "common/utf8.h"

namespace syndex {
namespace {

// The N of a message starting "column N:", or 0.
size_t ColumnOf(std::string_view message) {
  constexpr std::string_view kPrefix = "column ";
  if (message.substr(0, kPrefix.size()) != kPrefix) return 0;
  return std::strtoul(std::string(message.substr(kPrefix.size(), 12)).c_str(), nullptr, 10);
}

// The query as one line (tabs and newlines shown as spaces, so that the
// caret lines up).
std::string OneLine(std::string_view query) {
  std::string line(query);
  for (char& c : line) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

}  // namespace

std::string DescribeQueryError(std::string_view query, const absl::Status& status) {
  std::string out =
      StrCat("error: ", std::string_view(status.message().data(), status.message().size()), "\n");
  const size_t column =
      ColumnOf(std::string_view(status.message().data(), status.message().size()));
  if (column == 0) return out;
  StrAppend(&out, "  ", OneLine(query), "\n  ", std::string(column - 1, ' '), "^\n");
  return out;
}

}  // namespace syndex
