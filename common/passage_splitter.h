// File: common/passage_splitter.h
//
// Splits an article's text into passages, the unit syndex ranks.
//
// A passage is a paragraph. Blank lines always break paragraphs; so does a
// newline followed by indentation in a text with indented lines (Reuters
// style); in a text with neither blank nor indented lines, every newline. Leading and trailing
// white space is trimmed from each passage and empty passages are dropped.
// A paragraph longer than `max_words` words is split at sentence ends into
// pieces of about `target_words` words; a sentence that is itself longer than
// `max_words` is cut at a word boundary, so no passage exceeds `max_words`.
//
// Example:
//   for (const PassageSpan& p : SplitPassages(text, PassageOptions{})) {
//     std::string_view passage = text.substr(p.start, p.end - p.start);
//   }
#ifndef SYNDEX_COMMON_PASSAGE_SPLITTER_H_
#define SYNDEX_COMMON_PASSAGE_SPLITTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace syndex {

struct PassageOptions {
  // A paragraph with more words than this is split at sentence ends.
  // Default: 150.
  uint32_t max_words = 150;
  // The size the pieces of a split paragraph aim for. Default: 80.
  uint32_t target_words = 80;
};

// A byte range [start, end) of the text.
struct PassageSpan {
  uint32_t start = 0;
  uint32_t end = 0;
};

// Returns the passages of `text` in order. Ranges do not overlap.
std::vector<PassageSpan> SplitPassages(std::string_view text, const PassageOptions& options);

}  // namespace syndex

#endif  // SYNDEX_COMMON_PASSAGE_SPLITTER_H_
