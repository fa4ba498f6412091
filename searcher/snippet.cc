#include "searcher/snippet.h"

#include <algorithm>

namespace syndex {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Moves `pos` forward to the start of a word (past any partial word).
size_t WordStartAtOrAfter(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  while (pos < text.size() && !IsSpace(text[pos - 1])) ++pos;
  return pos;
}

// Moves `pos` back to the end of a word (before any partial word).
size_t WordEndAtOrBefore(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  while (pos > 0 && !IsSpace(text[pos])) --pos;
  return pos;
}

std::pair<size_t, size_t> ChooseWindow(std::string_view text,
                                       const std::vector<ByteRange>& highlights,
                                       size_t max_bytes) {
  if (text.size() <= max_bytes) return {0, text.size()};
  const size_t anchor = highlights.empty() ? 0 : highlights.front().first;
  size_t begin = anchor > max_bytes / 4 ? anchor - max_bytes / 4 : 0;
  begin = std::min(begin, text.size() - max_bytes);
  begin = WordStartAtOrAfter(text, begin);
  size_t end = WordEndAtOrBefore(text, std::min(text.size(), begin + max_bytes));
  if (end <= begin) end = std::min(text.size(), begin + max_bytes);
  return {begin, end};
}

void AppendFolded(std::string_view piece, std::string* out) {
  for (char c : piece) {
    if (!IsSpace(c)) {
      out->push_back(c);
    } else if (!out->empty() && out->back() != ' ') {
      out->push_back(' ');
    }
  }
}

}  // namespace

std::string RenderSnippet(std::string_view text, const std::vector<ByteRange>& highlights,
                          HighlightStyle style, size_t max_bytes) {
  const auto [begin, end] = ChooseWindow(text, highlights, max_bytes);
  const char* open = style == HighlightStyle::kAnsi ? "\x1b[1m" : "[";
  const char* close = style == HighlightStyle::kAnsi ? "\x1b[0m" : "]";
  std::string out;
  if (begin > 0) out = "… ";
  size_t at = begin;
  for (const ByteRange& h : highlights) {
    if (h.first < at || h.second > end) continue;
    AppendFolded(text.substr(at, h.first - at), &out);
    out.append(open);
    out.append(text.substr(h.first, h.second - h.first));
    out.append(close);
    at = h.second;
  }
  AppendFolded(text.substr(at, end - at), &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (end < text.size()) out.append(" …");
  return out;
}

}  // namespace syndex
