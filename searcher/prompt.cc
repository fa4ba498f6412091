#include "searcher/prompt.h"

#include <readline/history.h>
#include <readline/readline.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "common/str_cat.h"
#include "searcher/query_error.h"

namespace syndex {
namespace {

constexpr char kHelp[] =
    "Type a query (see docs/QUERY.md), for example:  \"swift and severe costs\"\n"
    "  :help             this help\n"
    "  :stats            what the index holds\n"
    "  :k N              show N results (now %k%)\n"
    "  :unit passage|doc rank passages or whole documents\n"
    "  :group on|off     one result per group of copies and near-duplicates (now %group%)\n"
    "  :boilerplate on|off  rank boilerplate passages too (now %boilerplate%)\n"
    "  :expand N         the variants of result N of the last query, as word diffs\n"
    "  :explain N        why result N of the last query scores what it does\n"
    "  :quit             leave (or Ctrl-D)\n";

// Replaces the first "%name%" of *text with `value`.
void Fill(std::string_view name, std::string_view value, std::string* text) {
  const std::string key = StrCat("%", name, "%");
  if (const size_t at = text->find(key); at != std::string::npos) {
    text->replace(at, key.size(), value);
  }
}

std::string Help(const SearchOptions& options) {
  std::string help = kHelp;
  Fill("k", std::to_string(options.k), &help);
  Fill("group", options.group ? "on" : "off", &help);
  Fill("boilerplate", options.include_boilerplate ? "on" : "off", &help);
  return help;
}

// A whole positive number of at most 6 digits; *n is left alone otherwise.
bool ParseCount(const std::string& s, size_t* n) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(s) == 0) {
    return false;
  }
  *n = std::stoul(s);
  return true;
}

bool ParseSwitch(const std::string& s, bool* on) {
  if (s != "on" && s != "off") return false;
  *on = s == "on";
  return true;
}

bool ParseUnit(const std::string& s, Unit* unit) {
  if (s != "passage" && s != "doc") return false;
  *unit = s == "doc" ? Unit::kDocument : Unit::kPassage;
  return true;
}

// ":expand N" and ":explain N": about result N of the last query, or why
// there is nothing to show.
void AboutResult(const std::string& command, const std::string& argument, SearchSession* session) {
  size_t rank = 0;
  if (!ParseCount(argument, &rank)) {
    std::cout << "usage: :" << command
              << " N, where N is the number of a result of the last query\n";
    return;
  }
  std::string out;
  const absl::Status status =
      command == "expand" ? session->Expand(rank, &out) : session->Explain(rank, &out);
  std::cout << (status.ok() ? out : StrCat(status.message(), "\n"));
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home ? StrCat(home, "/.syndex_history") : "";
}

uint64_t LiveDocuments(const IndexReader& index) {
  uint64_t documents = 0;
  for (const SegmentInfo& s : index.manifest().segments) documents += s.live_doc_count();
  return documents;
}

void PrintStats(const IndexReader& index) {
  const CollectionStats& s = index.stats();
  std::cout << index.dir() << ": " << LiveDocuments(index) << " documents, " << s.passages
            << " passages, " << s.tokens << " tokens, " << index.segments().size()
            << " segments (generation " << index.manifest().generation << ")\n";
}

// Runs a command other than :quit; false if it is unknown or its argument
// is malformed.
bool Apply(const std::string& command, const std::string& argument, SearchSession* session) {
  SearchOptions& options = session->settings().search;
  if (command == "help" || command == "h") {
    std::cout << Help(options);
    return true;
  }
  if (command == "stats") {
    PrintStats(session->index());
    return true;
  }
  if (command == "expand" || command == "explain") {
    AboutResult(command, argument, session);
    return true;
  }
  if (command == "k") return ParseCount(argument, &options.k);
  if (command == "unit") return ParseUnit(argument, &options.unit);
  if (command == "group") return ParseSwitch(argument, &options.group);
  if (command == "boilerplate") return ParseSwitch(argument, &options.include_boilerplate);
  return false;
}

// Handles a ":command" line; returns false to quit.
bool RunCommand(const std::string& line, SearchSession* session) {
  std::istringstream words(line.substr(1));
  std::string command, argument;
  words >> command >> argument;
  if (command == "quit" || command == "q" || command == "exit") return false;
  if (!Apply(command, argument, session)) {
    std::cout << "unknown or malformed command \"" << line << "\"; :help lists them\n";
  }
  return true;
}

// Switches `session` to the index's newest commit if there is one. A
// commit that cannot be opened leaves the session on its snapshot.
void FollowCommits(IndexFollower* follower, SearchSession* session) {
  const absl::StatusOr<bool> changed = follower->Refresh();
  if (!changed.ok()) {
    std::cout << "(cannot open the index's new commit: " << changed.status().message()
              << "; still searching generation " << follower->current().manifest().generation
              << ")\n";
    return;
  }
  if (!*changed) return;
  session->SwitchIndex(&follower->current());
  const IndexReader& index = follower->current();
  std::cout << "(the index changed: now generation " << index.manifest().generation << ", "
            << LiveDocuments(index) << " documents)\n";
}

}  // namespace

int RunPrompt(IndexFollower* follower, SearchSession* session) {
  const std::string history = HistoryPath();
  if (!history.empty()) read_history(history.c_str());
  PrintStats(session->index());
  std::cout << "Type :help for help.\n";
  size_t number = 0;
  while (char* input = readline("syndex> ")) {
    std::string line = input;
    std::free(input);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    add_history(line.c_str());
    FollowCommits(follower, session);
    if (line[0] == ':') {
      if (!RunCommand(line, session)) break;
      continue;
    }
    std::string out;
    const absl::Status status = session->Run(StrCat(++number), line, &out);
    std::cout << (status.ok() ? out : DescribeQueryError(line, status)) << std::flush;
  }
  if (!history.empty()) write_history(history.c_str());
  return 0;
}

}  // namespace syndex
