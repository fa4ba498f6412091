// File: common/command_line.h
//
// A small command-line parser shared by the indexer and searcher programs:
// `--name value`, `--name=value`, boolean `--flag`, short aliases such as
// `-k 10`, and positional arguments. Unknown flags and missing values are
// errors that name the flag, so users' scripts fail loudly, not silently.
//
// Example:
//   CommandLine cl({{"index", true}, {"json", false}}, {{"k", "top"}});
//   RETURN_IF_ERROR(cl.Parse(argc, argv, 2));
//   std::string dir = cl.Get("index");
#ifndef SYNDEX_COMMON_COMMAND_LINE_H_
#define SYNDEX_COMMON_COMMAND_LINE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace syndex {

class CommandLine {
 public:
  struct Flag {
    std::string name;  // without dashes
    bool takes_value;
  };
  // `flags` lists the accepted long flags; `aliases` maps a short name
  // (used as -x) to a long one.
  CommandLine(std::vector<Flag> flags, std::map<std::string, std::string> aliases = {});

  // Parses argv[first..argc). InvalidArgument naming the offending flag.
  [[nodiscard]] absl::Status Parse(int argc, char** argv, int first);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // The value of a flag, or `fallback` if it was not given.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // Parses a numeric flag; InvalidArgument if it is not a number in range.
  [[nodiscard]] absl::StatusOr<double> GetNumber(const std::string& name, double fallback,
                                                 double min, double max) const;
  // GetNumber for a count: InvalidArgument also if it is not whole.
  [[nodiscard]] absl::StatusOr<uint64_t> GetWholeNumber(const std::string& name, uint64_t fallback,
                                                        uint64_t min, uint64_t max) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  const Flag* Find(const std::string& name) const;

  std::vector<Flag> flags_;
  std::map<std::string, std::string> aliases_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_COMMAND_LINE_H_
