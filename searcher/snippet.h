// File: searcher/snippet.h
//
// Renders a passage for display: a window of at most `max_bytes` around the
// first highlighted word (the whole passage if it is short), cut at word
// boundaries with "…" where text was left out, white space runs folded to
// one space, and the highlighted words marked.
//
// Example:
//   RenderSnippet("impose swift and severe costs", {{7, 12}}, HighlightStyle::kBrackets)
//   // "impose [swift] and severe costs"
#ifndef SYNDEX_SEARCHER_SNIPPET_H_
#define SYNDEX_SEARCHER_SNIPPET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syndex {

enum class HighlightStyle {
  kBrackets,  // [word], for files and pipes
  kAnsi,      // bold, for terminals
};

// A byte range [first, second) of the text.
using ByteRange = std::pair<uint32_t, uint32_t>;

// `highlights` must be sorted and non-overlapping, within `text`.
std::string RenderSnippet(std::string_view text, const std::vector<ByteRange>& highlights,
                          HighlightStyle style, size_t max_bytes = 320);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SNIPPET_H_
