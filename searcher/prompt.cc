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
    "  :quit             leave (or Ctrl-D)\n";

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home ? StrCat(home, "/.syndex_history") : "";
}

void PrintStats(const IndexReader& index) {
  const CollectionStats& s = index.stats();
  std::cout << index.dir() << ": " << s.documents << " documents, " << s.passages << " passages, "
            << s.tokens << " tokens, " << index.segments().size() << " segments (generation "
            << index.manifest().generation << ")\n";
}

// Handles a ":command" line; returns false to quit.
bool RunCommand(const std::string& line, SearchSession* session) {
  std::istringstream words(line.substr(1));
  std::string command, argument;
  words >> command >> argument;
  SearchOptions& options = session->settings().search;
  if (command == "quit" || command == "q" || command == "exit") return false;
  if (command == "help" || command == "h") {
    std::string help = kHelp;
    help.replace(help.find("%k%"), 3, std::to_string(options.k));
    std::cout << help;
  } else if (command == "stats") {
    PrintStats(session->index());
  } else if (command == "k" && !argument.empty() &&
             argument.find_first_not_of("0123456789") == std::string::npos && argument.size() < 7 &&
             std::stoul(argument) > 0) {
    options.k = std::stoul(argument);
  } else if (command == "unit" && (argument == "passage" || argument == "doc")) {
    options.unit = argument == "doc" ? Unit::kDocument : Unit::kPassage;
  } else {
    std::cout << "unknown or malformed command \"" << line << "\"; :help lists them\n";
  }
  return true;
}

}  // namespace

int RunPrompt(SearchSession* session) {
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
