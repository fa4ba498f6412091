#include "searcher/word_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace syndex {
namespace {

using Words = std::vector<std::string_view>;

// Beyond this many word pairs, the middles are not compared word by word
// (the table would take 4 bytes a pair). Passages are at most about 150
// words, so only pathological texts get there.
constexpr size_t kMaxPairs = size_t{1} << 20;

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

Words SplitWords(std::string_view text) {
  Words words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The diff as it is built: words kept, and the removed and added words of
// the change under way, which is written out when the next kept word (or
// the end) closes it.
class DiffWriter {
 public:
  void Keep(std::string_view word) {
    Flush();
    Append(word);
  }
  void Remove(std::string_view word) { AddTo(&removed_, word); }
  void Add(std::string_view word) { AddTo(&added_, word); }
  std::string Finish() {
    Flush();
    return std::move(out_);
  }

 private:
  static void AddTo(std::string* run, std::string_view word) {
    if (!run->empty()) run->push_back(' ');
    run->append(word);
  }
  void Append(std::string_view piece) {
    if (!out_.empty()) out_.push_back(' ');
    out_.append(piece);
  }
  void Flush() {
    if (removed_.empty() && added_.empty()) return;
    std::string change;
    if (!removed_.empty()) change += "[-" + removed_ + "-]";
    if (!added_.empty()) change += "{+" + added_ + "+}";
    Append(change);
    removed_.clear();
    added_.clear();
  }

  std::string out_, removed_, added_;
};

// Writes the edits from a to b along a longest common subsequence,
// removals before additions where both are possible.
void DiffMiddle(const Words& a, const Words& b, DiffWriter* diff) {
  const size_t n = a.size(), m = b.size();
  if (n * m > kMaxPairs) {
    for (std::string_view w : a) diff->Remove(w);
    for (std::string_view w : b) diff->Add(w);
    return;
  }
  // common[i * (m + 1) + j]: length of a longest common subsequence of
  // a[i..] and b[j..].
  std::vector<uint32_t> common((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return common[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      diff->Keep(a[i++]);
      ++j;
    } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      diff->Remove(a[i++]);
    } else {
      diff->Add(b[j++]);
    }
  }
}

}  // namespace

std::string WordDiff(std::string_view from, std::string_view to) {
  const Words a = SplitWords(from), b = SplitWords(to);
  // The common start and end need no table; most variants differ in a few
  // words, so this leaves little to compare.
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  DiffWriter diff;
  for (size_t i = 0; i < head; ++i) diff.Keep(a[i]);
  DiffMiddle(Words(a.begin() + head, a.end() - tail), Words(b.begin() + head, b.end() - tail),
             &diff);
  for (size_t i = a.size() - tail; i < a.size(); ++i) diff.Keep(a[i]);
  return diff.Finish();
}

}  // namespace syndex
