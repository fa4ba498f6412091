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

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `pos` forward to the start of a UTF-8 character.
size_t CharStartAtOrAfter(std::string_view text, size_t pos) {
  while (pos < text.size() && IsContinuationByte(text[pos])) ++pos;
  return pos;
}

// Moves `pos` back to the start of a UTF-8 character (text.size() stays).
size_t CharStartAtOrBefore(std::string_view text, size_t pos) {
  while (pos > 0 && pos < text.size() && IsContinuationByte(text[pos])) --pos;
  return pos;
}

// The window [begin, end) starts and ends at word boundaries when it can.
// When no word boundary is near enough (a long word, or a script written
// without spaces), it is cut between two characters instead, never inside
// one, and never so that the first highlight falls outside it.
std::pair<size_t, size_t> ChooseWindow(std::string_view text,
                                       const std::vector<ByteRange>& highlights, size_t max_bytes) {
  if (text.size() <= max_bytes) return {0, text.size()};
  const size_t anchor = highlights.empty() ? 0 : highlights.front().first;
  size_t begin = anchor > max_bytes / 4 ? anchor - max_bytes / 4 : 0;
  begin = std::min(begin, text.size() - max_bytes);
  const size_t word_begin = WordStartAtOrAfter(text, begin);
  begin = word_begin <= anchor ? word_begin : CharStartAtOrAfter(text, begin);
  const size_t limit = std::min(text.size(), begin + max_bytes);
  const size_t anchor_end = highlights.empty() ? begin : highlights.front().second;
  size_t end = WordEndAtOrBefore(text, limit);
  if (end <= begin || end < std::min(anchor_end, limit)) end = CharStartAtOrBefore(text, limit);
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
