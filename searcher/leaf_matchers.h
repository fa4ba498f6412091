// File: searcher/leaf_matchers.h
//
// Leaf matchers turn frequencies into BM25 scores for the ranked unit:
//  * PassageLeaf: a body term or phrase, ranking passages. Given a
//    minimum competitive score, it skips whole postings blocks whose
//    block-max bound is below it (Block-Max, as Lucene's impacts).
//  * DocumentLeaf: a body term or phrase, ranking documents; the
//    frequencies of a document's passages (consecutive ids) are summed as
//    floats (sloppy matches count fractions), leaving out boilerplate
//    passages if asked to.
//  * FieldLeaf: a title: or outlet: term, whose postings are documents;
//    ranking passages, it matches every passage of each such document.
#ifndef SYNDEX_SEARCHER_LEAF_MATCHERS_H_
#define SYNDEX_SEARCHER_LEAF_MATCHERS_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <type_traits>
#include <vector>

#include "common/postings_cursor.h"
#include "common/segment.h"
#include "searcher/bm25.h"
#include "searcher/frequency_sources.h"
#include "searcher/matcher.h"
#include "searcher/resolved_query.h"

namespace syndex {

// `Source` is FrequencySource for any source, or a final class of one
// (TermSource) whose calls then inline: a common word's leaf moves
// through tens of thousands of postings a query.
template <class Source>
class PassageLeafOf final : public Matcher, private FrequencyFloor {
 public:
  PassageLeafOf(std::unique_ptr<Source> source, TermWeight weight, const PassageTable* passages)
      : source_(std::move(source)), weight_(weight), passages_(passages) {
    one_occurrence_scores_.fill(-1);
    ComputeBounds();
    source_->SetFrequencyFloor(this);
  }
  // The source holds a pointer to the leaf.
  PassageLeafOf(const PassageLeafOf&) = delete;
  PassageLeafOf& operator=(const PassageLeafOf&) = delete;
  uint32_t id() const override { return source_->id(); }
  void Next() override {
    RefreshForMayReach();
    source_->Next();
    SkipUncompetitive();
  }
  void Seek(uint32_t target) override {
    RefreshForMayReach();
    source_->Seek(target);
    SkipUncompetitive();
  }
  Score score() override { return source_->id() == scored_id_ ? score_ : ScoreHere(); }
  uint64_t cost() const override { return source_->cost(); }
  Score max_score() const override { return max_score_; }
  // From the skip data of a term's cursor: the largest bound of the blocks
  // that [from, to] overlaps. Other sources answer for their whole list.
  Score MaxScoreIn(uint32_t from, uint32_t to) const override;
  uint32_t BlockEndAfter(uint32_t from) const override;
  void SetMinCompetitiveScore(Score score) override {
    if (score <= min_score_) return;
    min_score_ = score;
    longest_stale_ = true;  // worked out when next needed: thresholds rise often
  }

 private:
  // Sets block_bounds_ and max_score_: the largest bound of the source's
  // blocks, or of its whole-list figures when it has no blocks.
  void ComputeBounds();
  // Moves past every block whose best possible score is below min_score_.
  void SkipUncompetitiveBlocks();
  // Moves past every unit scoring below min_score_: whole blocks by their
  // bound, then units one by one, so that the caller sees only units that
  // may enter (for "trump" alone, a few hundred of the ~30,000 units in
  // its competitive blocks).
  void SkipUncompetitive();
  // SkipUncompetitive for a term: its cursor's competitive blocks are
  // scanned in place, and a unit longer than its tf allows at this
  // threshold (longest_) is passed without working out its score. Does
  // nothing for other sources. (Not a requires-clause: clang 14, which
  // builds the fuzz targets, instantiates constrained members in the
  // explicit instantiation for FrequencySource all the same.)
  void ScanForCompetitive();
  // Works out longest_ for min_score_.
  void FillLongest();
  // Before moving a source that may ask MayReach (not a term's).
  void RefreshForMayReach() {
    if constexpr (!std::is_same_v<Source, TermSource>) {
      if (longest_stale_) FillLongest();
    }
  }
  Score ScoreHere() { return ScoreOf(source_->frequency(), passages_->LengthOf(source_->id())); }
  // weight_.Of, remembered for one occurrence in a unit shorter than
  // kRememberedLengths: most postings, whose score otherwise costs a
  // division each. The same value to the bit, worked out the same way.
  Score ScoreOf(Frequency tf, uint32_t length) {
    if (tf == 1 && length < kRememberedLengths) {
      Score& remembered = one_occurrence_scores_[length];
      if (remembered < 0) remembered = weight_.Of(1, length);  // scores are never negative
      return remembered;
    }
    return weight_.Of(tf, length);
  }
  // Asked for every passage holding all of a phrase's words: longest_
  // answers most without a division. Asked only from within Next and
  // Seek, which refresh longest_ first.
  bool MayReach(uint32_t unit, Frequency bound) const override {
    if (min_score_ <= 0) return true;
    const uint32_t length = passages_->LengthOf(unit);
    const auto tf = static_cast<uint32_t>(bound);
    if (static_cast<Frequency>(tf) == bound && tf < kLongestTfs) {
      if (length > longest_[tf]) return false;
      if (length + 1 < longest_[tf]) return true;  // a token clear of the edge
    }
    return weight_.Of(bound, length) >= min_score_;
  }

  std::unique_ptr<Source> source_;
  TermWeight weight_;
  const PassageTable* passages_;
  // Each block's score bound, for a term's source (whose cursor skips
  // blocks by them); empty for other sources.
  std::vector<Score> block_bounds_;
  Score max_score_ = 0;
  Score min_score_ = 0;
  // The source's units up to competitive_through_ lie in a block whose
  // bound reached competitive_at_, the threshold of that check.
  uint32_t competitive_through_ = 0;
  Score competitive_at_ = -1;
  // The score of unit scored_id_, worked out while skipping.
  uint32_t scored_id_ = kEndId;
  Score score_ = 0;
  // longest_[tf]: units of tf occurrences longer than this cannot reach
  // min_score_ (tf < kLongestTfs; higher tfs are scored). It is one token
  // more than the formula allows, so that the exact score decides at the
  // edge, where rounding could go either way.
  static constexpr uint32_t kLongestTfs = 16;
  std::array<uint32_t, kLongestTfs> longest_{};
  static constexpr uint32_t kRememberedLengths = 256;
  std::array<Score, kRememberedLengths> one_occurrence_scores_;  // -1: not yet
  bool longest_stale_ = false;  // min_score_ rose since longest_ was filled
};

using PassageLeaf = PassageLeafOf<FrequencySource>;
using TermPassageLeaf = PassageLeafOf<TermSource>;

class DocumentLeaf final : public Matcher {
 public:
  DocumentLeaf(std::unique_ptr<FrequencySource> source, TermWeight weight, const Segment* segment,
               bool skip_boilerplate = false);
  uint32_t id() const override { return doc_; }
  // At the end the source may still hold passages (Seek past the last
  // document stops without moving it), so Next must not gather again.
  void Next() override {
    if (doc_ != kEndId) Gather();
  }
  void Seek(uint32_t target) override;
  Score score() override;
  uint64_t cost() const override { return source_->cost(); }
  // A document's frequency sums its passages', which nothing bounds but
  // BM25's saturation.
  Score max_score() const override {
    return weight_.UpperBound(FrequencySource::kUnboundedFrequency, 0);
  }

 private:
  // Moves to the next document with a counted passage at or after the
  // source's current passage and sums the frequencies of its passages,
  // leaving the source past them.
  void Gather();
  Frequency SumDocument();

  std::unique_ptr<FrequencySource> source_;
  TermWeight weight_;
  const Segment* segment_;
  bool skip_boilerplate_;
  DocId doc_ = kEndId;
  Frequency frequency_ = 0;
};

class FieldLeaf final : public Matcher {
 public:
  FieldLeaf(PostingsCursor cursor, TermWeight weight, Unit unit, const Segment* segment);
  uint32_t id() const override { return id_; }
  void Next() override;
  void Seek(uint32_t target) override;
  Score score() override { return weight_.Of(static_cast<Frequency>(cursor_.tf()), 0); }
  uint64_t cost() const override;
  Score max_score() const override {
    return weight_.UpperBound(static_cast<Frequency>(cursor_.info().max_tf), 0);
  }

 private:
  // Sets id_ from the cursor's document (its first passage, for passages).
  void EnterDocument();

  PostingsCursor cursor_;
  TermWeight weight_;
  Unit unit_;
  const Segment* segment_;
  uint32_t id_ = kEndId;
  PassageId end_of_document_ = 0;  // for passages: one past the document's last
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_LEAF_MATCHERS_H_
