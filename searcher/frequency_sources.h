// File: searcher/frequency_sources.h
//
// The leaves of matching: a term's postings (TermSource) and the
// occurrences of a phrase (PhraseSource), both over passages of one segment;
// TermConjunction, the passages holding all of a few terms, which the
// positional sources (PhraseSource, WindowSource) check positions on.
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
  Frequency frequency() override { return static_cast<Frequency>(cursor_.tf()); }
  uint64_t cost() const override { return cursor_.info().doc_freq; }
  Frequency max_frequency() const override { return static_cast<Frequency>(cursor_.info().max_tf); }
  uint32_t min_length() const override { return cursor_.info().min_length; }
  bool CurrentBlock(BlockBound* bound) const override;
  bool SkipToCompetitiveBlock(absl::FunctionRef<bool(const BlockImpacts&)> competitive,
                              BlockBound* bound) override {
    cursor_.SkipBlocksUntil(competitive);
    return CurrentBlock(bound);
  }
  std::vector<BlockImpacts> AllBlockImpacts() const override;
  // For a leaf that scans the cursor's blocks itself.
  PostingsCursor& cursor() { return cursor_; }
  const PostingsCursor& cursor() const { return cursor_; }

 private:
  PostingsCursor cursor_;
};

// The passages holding every one of a few terms, found by intersecting the
// postings rarest first: the rarest list leads and the others seek to it,
// so the work follows the rarest term. Not thread-safe.
class TermConjunction {
 public:
  // REQUIRES: !cursors.empty(). A default PostingsCursor (a term missing
  // from the segment) makes the conjunction empty.
  explicit TermConjunction(std::vector<PostingsCursor> cursors);

  // Moves every cursor to the first passage >= target that holds all the
  // terms and returns it; kEndId if there is none. Never moves backwards.
  uint32_t Align(uint32_t target);
  // The rarest term's posting count: an upper bound on the passages.
  uint64_t cost() const { return cursors_[order_[0]].info().doc_freq; }
  size_t size() const { return cursors_.size(); }
  // Bounds over the passages holding every term: none holds one of them
  // more often than its largest frequency or is shorter than its shortest.
  TermFreq max_frequency() const;
  uint32_t min_length() const;
  // Once aligned: the smallest tf of the terms in the current passage.
  TermFreq SmallestTf() const;
  // The rarest term's cursor, which leads the intersection.
  const PostingsCursor& lead() const { return cursors_[order_[0]]; }
  // Cursor i (in the constructor's order), for its positions once aligned.
  PostingsCursor& cursor(size_t i) { return cursors_[i]; }

 private:
  std::vector<PostingsCursor> cursors_;
  std::vector<size_t> order_;  // cursor indexes, rarest first
};

class PhraseSource final : public FrequencySource {
 public:
  // REQUIRES: cursors.size() == offsets.size() >= 2, offsets[0] == 0.
  PhraseSource(std::vector<PostingsCursor> cursors, std::vector<Position> offsets);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Frequency frequency() override { return static_cast<Frequency>(frequency_); }
  uint64_t cost() const override { return terms_.cost(); }
  // A phrase occurs at most as often as each of its words.
  Frequency max_frequency() const override {
    return static_cast<Frequency>(terms_.max_frequency());
  }
  uint32_t min_length() const override { return terms_.min_length(); }
  // A passage holds the phrase at most as often as each of its words:
  // passages whose smallest tf the floor rules out are passed without
  // reading positions.
  void SetFrequencyFloor(const FrequencyFloor* floor) override { floor_ = floor; }
  // The leading term's block: up to its last id, no passage holds the
  // phrase more often than that term, nor is shorter than its shortest.
  bool CurrentBlock(BlockBound* bound) const override;
  // The leading term's blocks, for the same reason.
  std::vector<BlockImpacts> AllBlockImpacts() const override;

 private:
  // Moves to the first passage >= target holding every term, then to the
  // first such passage where the phrase occurs.
  void FindFrom(uint32_t target);
  TermFreq CountOccurrences();

  TermConjunction terms_;
  std::vector<Position> offsets_;
  const FrequencyFloor* floor_ = nullptr;
  uint32_t id_ = kEndId;
  TermFreq frequency_ = 0;
  std::vector<std::vector<Position>> positions_;  // scratch
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_FREQUENCY_SOURCES_H_
