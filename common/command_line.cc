#include "common/command_line.h"

#include <cmath>
#include <cstdlib>

#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

CommandLine::CommandLine(std::vector<Flag> flags, std::map<std::string, std::string> aliases)
    : flags_(std::move(flags)), aliases_(std::move(aliases)) {}

const CommandLine::Flag* CommandLine::Find(const std::string& name) const {
  for (const Flag& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

absl::Status CommandLine::Parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-' || arg == "--") {
      positional_.push_back(arg);
      continue;
    }
    const bool is_long = arg.rfind("--", 0) == 0;
    std::string name = arg.substr(is_long ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (!is_long) {
      auto alias = aliases_.find(name);
      if (alias == aliases_.end())
        return absl::InvalidArgumentError(StrCat("unknown option ", arg));
      name = alias->second;
    }
    const Flag* flag = Find(name);
    if (flag == nullptr) return absl::InvalidArgumentError(StrCat("unknown option --", name));
    if (flag->takes_value && !has_value) {
      if (i + 1 >= argc)
        return absl::InvalidArgumentError(StrCat("option --", name, " needs a value"));
      value = argv[++i];
    } else if (!flag->takes_value && has_value) {
      return absl::InvalidArgumentError(StrCat("option --", name, " takes no value"));
    }
    values_[name] = value;
  }
  return absl::OkStatus();
}

std::string CommandLine::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

absl::StatusOr<double> CommandLine::GetNumber(const std::string& name, double fallback, double min,
                                              double max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  const double value = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || value < min || value > max) {
    return absl::InvalidArgumentError(StrCat("option --", name, ": \"", it->second,
                                             "\" is not a number from ", min, " to ", max));
  }
  return value;
}

absl::StatusOr<uint64_t> CommandLine::GetWholeNumber(const std::string& name, uint64_t fallback,
                                                     uint64_t min, uint64_t max) const {
  ASSIGN_OR_RETURN(const double value,
                   GetNumber(name, static_cast<double>(fallback), static_cast<double>(min),
                             static_cast<double>(max)));
  if (value != std::floor(value)) {
    return absl::InvalidArgumentError(
        StrCat("option --", name, ": \"", Get(name), "\" is not a whole number"));
  }
  return static_cast<uint64_t>(value);
}

}  // namespace syndex
