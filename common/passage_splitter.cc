// File: common/passage_splitter.cc
//
// Two linear passes over the lines of the text: the first picks the break
// rule (indented lines, else blank lines only, else every line), the second cuts
// paragraphs with it. Only a paragraph longer than max_words is looked at
// word by word. "White space" means ASCII white space throughout; a word is
// a run of other bytes.
//
// Details the header leaves open:
//   - A line of white space only is blank. Leading and trailing blank lines
//     separate nothing, so they do not select the blank-line rule, and an
//     indented first line does not select the indentation rule.
//   - Sentence ends are defined in common/internal/sentence_boundary.h.
//   - A long paragraph is cut at the first sentence end that follows at
//     least target_words words. If max_words is reached first, it is cut at the last sentence
//     end seen, or else before the word that would exceed max_words. A final
//     piece under target_words / 2 words joins the previous piece when the
//     two fit within max_words, so a paragraph does not end in a stub.
#include "common/passage_splitter.h"

#include <algorithm>
#include <string_view>

#include "common/internal/sentence_boundary.h"

namespace syndex {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// A byte range [start, end) of the text.
struct Range {
  size_t start = 0;
  size_t end = 0;
};

// Iterates over the lines of a text, without their '\n'.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool Next(Range* line) {
    if (pos_ > text_.size()) return false;
    const size_t newline = std::min(text_.find('\n', pos_), text_.size());
    *line = {pos_, newline};
    pos_ = newline + 1;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool IsBlank(std::string_view text, Range line) {
  for (size_t i = line.start; i < line.end; ++i) {
    if (!IsSpace(text[i])) return false;
  }
  return true;
}

bool IsIndented(std::string_view text, Range line) {
  return line.start < line.end && (text[line.start] == ' ' || text[line.start] == '\t') &&
         !IsBlank(text, line);
}

enum class BreakRule { kBlankLines, kIndentedLines, kEveryLine };

// Blank lines always break paragraphs (see SplitPassages); this picks what
// else does. Indentation wins over blank lines because wire copy (Reuters)
// indents each paragraph and may still hold a stray blank line.
BreakRule ChooseBreakRule(std::string_view text) {
  bool seen_text = false, blank_after_text = false, blank_between = false, indented = false;
  LineReader lines(text);
  for (Range line; lines.Next(&line);) {
    if (IsBlank(text, line)) {
      blank_after_text = seen_text;
      continue;
    }
    blank_between = blank_between || blank_after_text;
    indented = indented || (seen_text && IsIndented(text, line));
    seen_text = true;
  }
  if (indented) return BreakRule::kIndentedLines;
  return blank_between ? BreakRule::kBlankLines : BreakRule::kEveryLine;
}

// Finds the next run of non-space bytes in [*pos, end); false if none.
bool NextWord(std::string_view text, size_t end, size_t* pos, Range* word) {
  while (*pos < end && IsSpace(text[*pos])) ++*pos;
  if (*pos == end) return false;
  word->start = *pos;
  while (*pos < end && !IsSpace(text[*pos])) ++*pos;
  word->end = *pos;
  return true;
}

// Whether [start, end) has more than `limit` words; stops counting early.
bool HasMoreWordsThan(std::string_view text, size_t start, size_t end, uint32_t limit) {
  uint32_t words = 0;
  for (Range word; NextWord(text, end, &start, &word);) {
    if (++words > limit) return true;
  }
  return false;
}

void Emit(size_t start, size_t end, std::vector<PassageSpan>* out) {
  out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
}

// Cuts one paragraph of more than max_words words into pieces, fed one word
// at a time (the rules are in the file comment).
class LongParagraphSplitter {
 public:
  // `start` is where the paragraph's first word starts.
  LongParagraphSplitter(std::string_view text, size_t start, const PassageOptions& options,
                        std::vector<PassageSpan>* out)
      : text_(text),
        max_words_(options.max_words),
        target_words_(options.target_words),
        out_(out),
        piece_start_(start) {}

  void AddWord(Range word) {
    if (words_ > 0 && IsSentenceBoundary(word)) OnSentenceStart(word);
    if (words_ == max_words_) CutForMaxWords(word);
    ++words_;
    previous_ = word;
  }

  void Finish() {
    if (words_ == 0) return;
    const bool stub =
        pieces_ > 0 && words_ < target_words_ / 2 && last_piece_words_ + words_ <= max_words_;
    if (stub) {
      out_->back().end = static_cast<uint32_t>(previous_.end);
    } else {
      EmitPiece(previous_.end, words_);
    }
  }

 private:
  bool IsSentenceBoundary(Range word) const {
    return analysis_internal::IsSentenceBoundary(Slice(previous_), Slice(word));
  }

  std::string_view Slice(Range r) const { return text_.substr(r.start, r.end - r.start); }

  void OnSentenceStart(Range word) {
    if (words_ >= target_words_) {
      EmitPiece(previous_.end, words_);
      piece_start_ = word.start;
      words_ = 0;
      has_break_ = false;
      return;
    }
    has_break_ = true;  // remember it in case max_words comes first
    break_ = {word.start, previous_.end, words_};
  }

  void CutForMaxWords(Range word) {
    if (has_break_) {
      EmitPiece(break_.previous_end, break_.words_before);
      piece_start_ = break_.start;
      words_ -= break_.words_before;
    } else {  // one sentence longer than max_words
      EmitPiece(previous_.end, words_);
      piece_start_ = word.start;
      words_ = 0;
    }
    has_break_ = false;
  }

  void EmitPiece(size_t end, uint32_t words) {
    Emit(piece_start_, end, out_);
    ++pieces_;
    last_piece_words_ = words;
  }

  // The last sentence start in the current piece.
  struct Break {
    size_t start = 0;         // of the sentence's first word
    size_t previous_end = 0;  // end of the word before it
    uint32_t words_before = 0;
  };

  std::string_view text_;
  const uint32_t max_words_;
  const uint32_t target_words_;
  std::vector<PassageSpan>* out_;
  size_t piece_start_;
  uint32_t words_ = 0;  // in the current piece
  Range previous_;      // the last word added
  bool has_break_ = false;
  Break break_;
  uint32_t pieces_ = 0;
  uint32_t last_piece_words_ = 0;
};

// Trims a paragraph and emits it as one passage or, if it is too long, as
// several.
void AddParagraph(std::string_view text, Range paragraph, const PassageOptions& options,
                  std::vector<PassageSpan>* out) {
  while (paragraph.start < paragraph.end && IsSpace(text[paragraph.start])) ++paragraph.start;
  while (paragraph.end > paragraph.start && IsSpace(text[paragraph.end - 1])) --paragraph.end;
  if (paragraph.start == paragraph.end) return;
  if (!HasMoreWordsThan(text, paragraph.start, paragraph.end, options.max_words)) {
    Emit(paragraph.start, paragraph.end, out);
    return;
  }
  LongParagraphSplitter splitter(text, paragraph.start, options, out);
  size_t pos = paragraph.start;
  for (Range word; NextWord(text, paragraph.end, &pos, &word);) splitter.AddWord(word);
  splitter.Finish();
}

bool StartsParagraph(std::string_view text, Range line, BreakRule rule) {
  switch (rule) {
    case BreakRule::kBlankLines:
      return false;
    case BreakRule::kIndentedLines:
      return IsIndented(text, line);
    case BreakRule::kEveryLine:
      return true;
  }
  return false;
}

// Guards against options no passage can satisfy (max_words 0) and against a
// target above the maximum.
PassageOptions Sanitize(PassageOptions options) {
  options.max_words = std::max<uint32_t>(options.max_words, 1);
  options.target_words = std::clamp<uint32_t>(options.target_words, 1, options.max_words);
  return options;
}

}  // namespace

std::vector<PassageSpan> SplitPassages(std::string_view text, const PassageOptions& options) {
  const PassageOptions sane = Sanitize(options);
  const BreakRule rule = ChooseBreakRule(text);
  std::vector<PassageSpan> passages;
  Range paragraph;
  bool open = false;
  LineReader lines(text);
  for (Range line; lines.Next(&line);) {
    const bool blank = IsBlank(text, line);
    if (open && (blank || StartsParagraph(text, line, rule))) {
      AddParagraph(text, paragraph, sane, &passages);
      open = false;
    }
    if (blank) continue;
    if (!open) paragraph.start = line.start;
    paragraph.end = line.end;
    open = true;
  }
  if (open) AddParagraph(text, paragraph, sane, &passages);
  return passages;
}

}  // namespace syndex
