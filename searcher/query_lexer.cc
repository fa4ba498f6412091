// File: searcher/query_lexer.cc
#include "searcher/query_lexer.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/utf8.h"

namespace syndex {
namespace {

using Kind = QueryToken::Kind;

struct CodePoint {
  int32_t value;  // -1 for a byte that starts no valid sequence
  size_t length;  // in bytes; an invalid byte is skipped alone
};

// The code point at text[pos]. REQUIRES: pos < text.size().
CodePoint DecodeAt(std::string_view text, size_t pos) {
  size_t next = pos;
  const int32_t value = DecodeUtf8(text, &next);
  return {value, next - pos};
}

// ASCII white space and the Unicode space separators (Zs), plus NEL and the
// line and paragraph separators: text pasted from web pages is full of
// U+00A0 and U+202F, and they must not glue two words together.
bool IsSpace(int32_t c) {
  if (c == ' ' || (c >= '\t' && c <= '\r')) return true;
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// ASCII '"' and the typographic double quotes that word processors and phone
// keyboards substitute for it (“English”, „German“). Single quotes U+2018 and
// U+2019 are apostrophes far more often than quotes, so they stay in words.
bool IsQuote(int32_t c) { return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E; }

bool IsFieldName(std::string_view name) {
  return absl::EqualsIgnoreCase(ToAbsl(name), "title") ||
         absl::EqualsIgnoreCase(ToAbsl(name), "outlet");
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0, word_start = 0;
  while (pos < text.size()) {
    const CodePoint c = DecodeAt(text, pos);
    if (IsSpace(c.value)) {
      if (pos > word_start) words.push_back(text.substr(word_start, pos - word_start));
      word_start = pos + c.length;
    }
    pos += c.length;
  }
  if (pos > word_start) words.push_back(text.substr(word_start));
  return words;
}

class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) {}

  absl::StatusOr<std::vector<QueryToken>> Run() {
    while (pos_ < query_.size()) RETURN_IF_ERROR(LexNext());
    Emit(Kind::kEnd, query_.size(), query_.size());
    return std::move(tokens_);
  }

 private:
  // Consumes white space or one token (two for a field name and its colon).
  absl::Status LexNext() {
    const CodePoint c = DecodeAt(query_, pos_);
    if (IsSpace(c.value)) {
      pos_ += c.length;
    } else if (IsQuote(c.value)) {
      return LexPhrase(Kind::kPhrase, pos_);
    } else if (c.value == '~' && QuoteAt(pos_ + 1)) {
      return LexPhrase(Kind::kPhrasings, pos_ + 1);
    } else if (c.value == '(' || c.value == ')') {
      Emit(c.value == '(' ? Kind::kLeftParen : Kind::kRightParen, pos_, pos_ + 1);
      ++pos_;
    } else if ((c.value == '-' || c.value == '+') && OperandStartsAt(pos_ + 1)) {
      Emit(c.value == '-' ? Kind::kMinus : Kind::kPlus, pos_, pos_ + 1);
      ++pos_;
    } else {
      LexRun();
    }
    return absl::OkStatus();
  }

  // Whether a sign at pos - 1 applies to what follows: a word, phrase or
  // group, but not white space, ')' or another sign ("a -- b" is a dash).
  bool OperandStartsAt(size_t pos) const {
    if (pos >= query_.size()) return false;
    const int32_t c = DecodeAt(query_, pos).value;
    return !IsSpace(c) && c != ')' && c != '-' && c != '+';
  }

  bool QuoteAt(size_t pos) const {
    return pos < query_.size() && IsQuote(DecodeAt(query_, pos).value);
  }

  // The end of the run of word characters (colons included) starting at pos.
  size_t RunEnd(size_t pos) const {
    while (pos < query_.size()) {
      const CodePoint c = DecodeAt(query_, pos);
      if (IsSpace(c.value) || IsQuote(c.value) || c.value == '(' || c.value == ')') break;
      pos += c.length;
    }
    return pos;
  }

  void LexRun() {
    const size_t start = pos_, end = RunEnd(pos_);
    const std::string_view run = query_.substr(start, end - start);
    const size_t colon = run.find(':');
    if (colon != std::string_view::npos && IsFieldName(run.substr(0, colon))) {
      Emit(Kind::kWord, start, start + colon);
      Emit(Kind::kColon, start + colon, start + colon + 1);
      pos_ = start + colon + 1;  // what follows may be a quote or '(' after all
      return;
    }
    pos_ = end;
    if (run == "AND" || run == "OR" || run == "NOT") {
      Emit(run == "AND" ? Kind::kAnd : run == "OR" ? Kind::kOr : Kind::kNot, start, end);
      return;
    }
    // "NEAR/x" is taken as a mistyped distance rather than searched for as a
    // word, so that the parser can say what is wrong with it.
    if (run == "NEAR" || absl::StartsWith(ToAbsl(run), "NEAR/")) {
      Emit(Kind::kNear, start, end);
      return;
    }
    const size_t word_end = run.find_last_not_of('*') + 1;  // npos + 1 == 0
    if (word_end > 0) Emit(Kind::kWord, start, start + word_end);
    if (word_end < run.size()) Emit(Kind::kStar, start + word_end, end);
  }

  // A phrase or phrasings query whose opening quote is at `quote`; the token
  // starts at pos_ (the quote, or the '~' before it). A '~' directly after
  // the closing quote adds a kSlop token.
  absl::Status LexPhrase(Kind kind, size_t quote) {
    const size_t open = pos_, content = quote + DecodeAt(query_, quote).length;
    size_t close = content;
    while (close < query_.size() && !IsQuote(DecodeAt(query_, close).value)) {
      close += DecodeAt(query_, close).length;
    }
    if (close == query_.size()) {
      return QuerySyntaxError(query_, close,
                              StrCat("unterminated quote (opened at column ",
                                     ColumnAt(query_, quote), " and never closed)"));
    }
    pos_ = close + DecodeAt(query_, close).length;
    QueryToken& token = Emit(kind, open, pos_);
    token.text = query_.substr(content, close - content);
    token.words = SplitWords(token.text);
    if (token.words.empty()) {
      return QuerySyntaxError(query_, open,
                              "empty phrase: put one or more words between the quotes");
    }
    if (pos_ < query_.size() && query_[pos_] == '~') {
      const size_t end = RunEnd(pos_ + 1);
      Emit(Kind::kSlop, pos_, end);
      pos_ = end;
    }
    return absl::OkStatus();
  }

  QueryToken& Emit(Kind kind, size_t offset, size_t end) {
    QueryToken& token = tokens_.emplace_back();
    token.kind = kind;
    token.text = query_.substr(offset, end - offset);
    token.offset = offset;
    token.end = end;
    return token;
  }

  std::string_view query_;
  size_t pos_ = 0;
  std::vector<QueryToken> tokens_;
};

}  // namespace

absl::StatusOr<std::vector<QueryToken>> LexQuery(std::string_view query) {
  return Lexer(query).Run();
}

std::vector<PlainWord> SplitPlainWords(std::string_view query) {
  std::vector<PlainWord> words;
  PlainWord word;
  bool in_word = false, first = true;
  for (size_t pos = 0; pos < query.size();) {
    const CodePoint c = DecodeAt(query, pos);
    if (IsSpace(c.value)) {
      if (!word.text.empty()) words.push_back(std::move(word));
      word = PlainWord();
      in_word = false;
    } else {
      if (!in_word) word.offset = pos;
      const bool leading_tilde = first && c.value == '~';
      if (!leading_tilde && !IsQuote(c.value)) word.text.append(query.substr(pos, c.length));
      in_word = true;
      first = false;
    }
    pos += c.length;
  }
  if (!word.text.empty()) words.push_back(std::move(word));
  return words;
}

size_t ColumnAt(std::string_view query, size_t offset) {
  size_t column = 1;
  for (size_t pos = 0; pos < offset && pos < query.size(); ++column) {
    pos += DecodeAt(query, pos).length;
  }
  return column;
}

absl::Status QuerySyntaxError(std::string_view query, size_t offset, std::string_view message) {
  return absl::InvalidArgumentError(StrCat("column ", ColumnAt(query, offset), ": ", message));
}

}  // namespace syndex
