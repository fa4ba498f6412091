// File: searcher/synonym_map.cc
//
// Parsing is line by line: each line is checked for UTF-8, stripped of its
// comment and split into entries, and each entry is analyzed into its one
// term. A Builder then turns the rules into term -> expansions lists, which
// are sorted and deduplicated at the end.
#include "searcher/synonym_map.h"

#include <algorithm>
#include <optional>

#include "absl/status/status.h"
#include "common/file_contents.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/utf8.h"

namespace syndex {
namespace {

constexpr std::string_view kArrow = "=>";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr size_t kNone = std::string_view::npos;

// One word of a rule.
struct Entry {
  std::string term;  // as the index stores it
  std::string word;  // as the file wrote it, trimmed
};

// The rule on one line. An equivalence rule has only `left`.
struct Rule {
  std::vector<Entry> left;
  std::vector<Entry> right;
  bool one_way = false;
};

// The line being parsed, for messages.
struct Line {
  std::string_view source;
  size_t number = 0;
  std::string_view rule;  // the line without its comment, trimmed

  absl::Status Error(std::string_view message) const {
    return absl::InvalidArgumentError(StrCat(source, ":", number, ": ", message));
  }
};

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\f\v";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == kNone) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

std::string Quoted(std::string_view s) { return StrCat("\"", s, "\""); }

std::string WordCount(size_t n) { return n == 2 ? "two words" : StrCat(n, " words"); }

// The offset of the first byte of `text` that is not valid UTF-8, or kNone.
size_t FirstInvalidUtf8(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    if (DecodeUtf8(text, &pos) < 0) return start;
  }
  return kNone;
}

absl::StatusOr<Entry> ParseEntry(std::string_view text, const Line& line, Analyzer* analyzer) {
  const std::string_view word = Trim(text);
  if (word.empty()) {
    return line.Error(
        StrCat(Quoted(line.rule), " has an empty entry; separate words with single commas"));
  }
  std::vector<std::string> terms = analyzer->Terms(word);
  if (terms.size() == 1) return Entry{std::move(terms[0]), std::string(word)};
  if (terms.empty()) {
    return line.Error(StrCat(Quoted(word), " is not a word; a synonym must be one word"));
  }
  return line.Error(
      StrCat(Quoted(word), " is ", WordCount(terms.size()), "; a synonym must be one word"));
}

// The comma-separated entries of one side of a rule.
absl::StatusOr<std::vector<Entry>> ParseEntries(std::string_view side, const Line& line,
                                                Analyzer* analyzer) {
  std::vector<Entry> entries;
  for (size_t start = 0;;) {
    const size_t comma = side.find(',', start);
    ASSIGN_OR_RETURN(Entry entry, ParseEntry(side.substr(start, comma - start), line, analyzer));
    entries.push_back(std::move(entry));
    if (comma == kNone) return entries;
    start = comma + 1;
  }
}

absl::StatusOr<Rule> ParseEquivalence(const Line& line, Analyzer* analyzer) {
  Rule rule;
  ASSIGN_OR_RETURN(rule.left, ParseEntries(line.rule, line, analyzer));
  // A lone word expands to nothing, so it is a mistake (a missing comma
  // would have been caught as "two words").
  if (rule.left.size() < 2) {
    return line.Error(StrCat(Quoted(line.rule),
                             " is a single word; list its synonyms after a comma (\"a, b\") or "
                             "\"=>\" (\"a => b\")"));
  }
  return rule;
}

absl::StatusOr<Rule> ParseOneWay(size_t arrow, const Line& line, Analyzer* analyzer) {
  const std::string_view left = Trim(line.rule.substr(0, arrow));
  const std::string_view right = Trim(line.rule.substr(arrow + kArrow.size()));
  if (left.empty()) return line.Error(StrCat(Quoted(line.rule), " has no words before \"=>\""));
  if (right.empty()) return line.Error(StrCat(Quoted(line.rule), " has no words after \"=>\""));
  Rule rule;
  rule.one_way = true;
  ASSIGN_OR_RETURN(rule.left, ParseEntries(left, line, analyzer));
  ASSIGN_OR_RETURN(rule.right, ParseEntries(right, line, analyzer));
  return rule;
}

// The rule on `text` (one line), or nullopt if it is blank or a comment.
absl::StatusOr<std::optional<Rule>> ParseLine(std::string_view text, Line line,
                                              Analyzer* analyzer) {
  if (const size_t bad = FirstInvalidUtf8(text); bad != kNone) {
    return line.Error(StrCat("invalid UTF-8 at byte ", bad + 1, " of the line"));
  }
  line.rule = Trim(text.substr(0, text.find('#')));
  if (line.rule.empty()) return std::nullopt;
  const size_t arrow = line.rule.find(kArrow);
  if (arrow == kNone) return ParseEquivalence(line, analyzer);
  if (line.rule.find(kArrow, arrow + kArrow.size()) != kNone) {
    return line.Error(StrCat(Quoted(line.rule), " has more than one \"=>\""));
  }
  return ParseOneWay(arrow, line, analyzer);
}

// Collects the rules; a term's expansions from several rules are merged.
struct Builder {
  absl::flat_hash_map<std::string, std::vector<std::string>> expansions;
  absl::flat_hash_map<std::string, std::string> words;
  size_t rule_count = 0;

  void Add(const Rule& rule) {
    ++rule_count;
    for (const Entry& entry : rule.left) words.try_emplace(entry.term, entry.word);
    for (const Entry& entry : rule.right) words.try_emplace(entry.term, entry.word);
    // In an equivalence rule each word expands to the others on its side.
    const std::vector<Entry>& targets = rule.one_way ? rule.right : rule.left;
    for (const Entry& from : rule.left) {
      for (const Entry& to : targets) {
        if (from.term != to.term) expansions[from.term].push_back(to.term);
      }
    }
  }

  void Finish() {
    for (auto& [term, synonyms] : expansions) {
      std::sort(synonyms.begin(), synonyms.end());
      synonyms.erase(std::unique(synonyms.begin(), synonyms.end()), synonyms.end());
    }
  }
};

}  // namespace

absl::StatusOr<SynonymMap> SynonymMap::Parse(std::string_view source_name,
                                             std::string_view contents, Analyzer* analyzer) {
  if (contents.starts_with(kByteOrderMark)) contents.remove_prefix(kByteOrderMark.size());
  Builder builder;
  size_t number = 0;
  for (size_t start = 0; start < contents.size();) {
    size_t end = contents.find('\n', start);
    if (end == kNone) end = contents.size();
    const Line line{source_name, ++number, {}};
    ASSIGN_OR_RETURN(std::optional<Rule> rule,
                     ParseLine(contents.substr(start, end - start), line, analyzer));
    if (rule.has_value()) builder.Add(*rule);
    start = end + 1;
  }
  builder.Finish();
  return SynonymMap(std::move(builder.expansions), std::move(builder.words), builder.rule_count);
}

absl::StatusOr<SynonymMap> SynonymMap::Load(const std::string& path, Analyzer* analyzer) {
  ASSIGN_OR_RETURN(const std::string contents, ReadFileContents(path, "synonym file"));
  return Parse(path, contents, analyzer);
}

std::span<const std::string> SynonymMap::Expansions(std::string_view term) const {
  const auto it = expansions_.find(ToAbsl(term));
  if (it == expansions_.end()) return {};
  return it->second;
}

std::string_view SynonymMap::Word(std::string_view term) const {
  const auto it = words_.find(ToAbsl(term));
  if (it == words_.end()) return {};
  return it->second;
}

}  // namespace syndex
