// File: searcher/frequency_sources.h
//
// The leaves of matching: a term's postings (TermSource) and the
// occurrences of a phrase (PhraseSource), both over passages of one segment.
//
// A phrase is found by intersecting its terms' postings (rarest first) and
// then checking positions: the phrase occurs at p when every term i has a
// position p + offset[i]. Its frequency is the number of such p.
//
// Example:
//   PhraseSource phrase({segment.Cursor(swift), segment.Cursor(sever)}, {0, 2});
//   for (; phrase.id() != kEndId; phrase.Next()) Use(phrase.id(), phrase.frequency());
#ifndef SYNDEX_SEARCHER_FREQUENCY_SOURCES_H_
#define SYNDEX_SEARCHER_FREQUENCY_SOURCES_H_

#include <vector>

#include "common/postings_cursor.h"
#include "searcher/matcher.h"

namespace syndex {

class TermSource final : public FrequencySource {
 public:
  explicit TermSource(PostingsCursor cursor) : cursor_(std::move(cursor)) {}
  uint32_t id() const override { return cursor_.id(); }
  void Next() override { cursor_.Next(); }
  void Seek(uint32_t target) override { cursor_.Seek(target); }
  TermFreq frequency() override { return cursor_.tf(); }
  uint64_t cost() const override { return cursor_.info().doc_freq; }

 private:
  PostingsCursor cursor_;
};

class PhraseSource final : public FrequencySource {
 public:
  // REQUIRES: cursors.size() == offsets.size() >= 2, offsets[0] == 0.
  PhraseSource(std::vector<PostingsCursor> cursors, std::vector<Position> offsets);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  TermFreq frequency() override { return frequency_; }
  uint64_t cost() const override;

 private:
  // Moves to the first passage >= target holding every term, then to the
  // first such passage where the phrase occurs.
  void FindFrom(uint32_t target);
  uint32_t AlignAllTerms(uint32_t target);
  TermFreq CountOccurrences();

  std::vector<PostingsCursor> cursors_;
  std::vector<Position> offsets_;
  std::vector<size_t> order_;  // cursor indexes, rarest first
  uint32_t id_ = kEndId;
  TermFreq frequency_ = 0;
  std::vector<std::vector<Position>> positions_;  // scratch
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_FREQUENCY_SOURCES_H_
