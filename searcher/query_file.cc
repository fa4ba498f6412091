#include "searcher/query_file.h"

#include <sstream>

#include "common/file_contents.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "simdjson.h"

namespace syndex {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(begin, end - begin + 1));
}

// The string or number at `key` of `object`, or "" if absent.
std::string JsonField(simdjson::dom::object object, const char* key) {
  simdjson::dom::element value;
  if (object[key].get(value) != simdjson::SUCCESS) return "";
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  return simdjson::to_string(value);
}

absl::StatusOr<QueryLine> ParseJsonLine(const std::string& name, const std::string& line,
                                        size_t number, simdjson::dom::parser* parser) {
  simdjson::dom::object object;
  if (parser->parse(line).get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(StrCat(name, ":", number, ": not a JSON object"));
  }
  QueryLine query;
  query.line = number;
  query.id = JsonField(object, "_id");
  if (query.id.empty()) query.id = JsonField(object, "id");
  query.text = JsonField(object, "text");
  if (query.text.empty()) query.text = JsonField(object, "query");
  if (query.id.empty()) query.id = StrCat(number);
  if (query.text.empty()) {
    return absl::InvalidArgumentError(
        StrCat(name, ":", number, ": no \"text\" or \"query\" field"));
  }
  return query;
}

QueryLine ParsePlainLine(const std::string& line, size_t number) {
  QueryLine query;
  query.line = number;
  const size_t tab = line.find('\t');
  if (tab == std::string::npos) {
    query.id = StrCat(number);
    query.text = line;
  } else {
    query.id = Trim(std::string_view(line).substr(0, tab));
    query.text = line.substr(tab + 1);
  }
  return query;
}

}  // namespace

absl::StatusOr<std::vector<QueryLine>> ParseQueryFile(const std::string& name,
                                                      const std::string& contents) {
  // The first line that is not skipped decides (a file may open with a
  // comment or a blank line).
  std::string first;
  for (size_t start = 0; start < contents.size() && (first.empty() || first[0] == '#');) {
    size_t end = contents.find('\n', start);
    if (end == std::string::npos) end = contents.size();
    first = Trim(std::string_view(contents).substr(start, end - start));
    start = end + 1;
  }
  const bool json =
      EndsWith(name, ".jsonl") || EndsWith(name, ".json") || (!first.empty() && first[0] == '{');
  simdjson::dom::parser parser;
  std::vector<QueryLine> queries;
  std::istringstream in(contents);
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    if (!json) {
      queries.push_back(ParsePlainLine(trimmed, number));
      continue;
    }
    auto query = ParseJsonLine(name, trimmed, number, &parser);
    if (!query.ok()) return query.status();
    queries.push_back(std::move(*query));
  }
  return queries;
}

absl::StatusOr<std::vector<QueryLine>> ReadQueryFile(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string contents, ReadFileContents(path, "query file"));
  return ParseQueryFile(path, contents);
}

}  // namespace syndex
