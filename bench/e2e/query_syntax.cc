#include "bench/e2e/query_syntax.h"

#include <string_view>

#include "common/str_cat.h"

namespace syndex::race {
namespace {

std::string Join(const WordQuery& words, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) StrAppend(&out, i ? separator : "", words[i]);
  return out;
}

// "a" OP "b" OP "c": every word quoted.
std::string QuotedTerms(const WordQuery& words, std::string_view op) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    StrAppend(&out, i ? op : "", "\"", words[i], "\"");
  }
  return out;
}

}  // namespace

std::string SyndexQueryText(QueryClass c, const WordQuery& words) {
  switch (c) {
    case QueryClass::kOr:
    case QueryClass::kAnd:
    case QueryClass::kLongOr:
      return Join(words, " ");
    case QueryClass::kPhrase2:
    case QueryClass::kPhrase3:
    case QueryClass::kPhrase4:
      return StrCat("\"", Join(words, " "), "\"");
    case QueryClass::kPhrasings:
      return StrCat("~\"", Join(words, " "), "\"");
  }
  return Join(words, " ");
}

std::string SyndexBatchLine(QueryClass c, const WordQuery& words) {
  return SyndexUsesAndDefault(c) ? Join(words, " AND ") : SyndexQueryText(c, words);
}

std::optional<std::string> Fts5QueryText(QueryClass c, const WordQuery& words) {
  switch (c) {
    case QueryClass::kOr:
    case QueryClass::kLongOr:
      return QuotedTerms(words, " OR ");
    case QueryClass::kAnd:
      return QuotedTerms(words, " AND ");
    case QueryClass::kPhrase2:
    case QueryClass::kPhrase3:
    case QueryClass::kPhrase4:
      return StrCat("\"", Join(words, " "), "\"");
    case QueryClass::kPhrasings:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace syndex::race
