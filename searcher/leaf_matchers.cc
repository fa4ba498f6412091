#include "searcher/leaf_matchers.h"

#include <type_traits>

namespace syndex {

template <class Source>
void PassageLeafOf<Source>::SkipUncompetitiveBlocks() {
  if (min_score_ <= 0) return;
  // Within a block already found competitive at this threshold there is
  // nothing to check: the bound (two BM25 evaluations) is worked out once
  // a block, not once a posting.
  if (source_->id() <= competitive_through_ && competitive_at_ == min_score_) return;
  if constexpr (std::is_same_v<Source, TermSource>) {
    PostingsCursor& cursor = source_->cursor();
    cursor.SkipBlocksBelow(block_bounds_, min_score_);
    if (cursor.id() == kEndId) return;
    competitive_through_ = cursor.block_last_id();
    competitive_at_ = min_score_;
  } else {
    FrequencySource::BlockBound block;
    const auto competitive = [&](const BlockImpacts& impacts) {
      return weight_.UpperBound(impacts) >= min_score_;
    };
    if (source_->SkipToCompetitiveBlock(competitive, &block)) {
      competitive_through_ = block.last_id;
      competitive_at_ = min_score_;
    }
  }
}

template <class Source>
void PassageLeafOf<Source>::FillLongest() {
  for (uint32_t tf = 0; tf < kLongestTfs; ++tf) {
    const double longest = weight_.LongestUnitReaching(static_cast<float>(tf), min_score_);
    longest_[tf] = tf == 0 || longest >= UINT32_MAX - 1.0
                       ? UINT32_MAX
                       : static_cast<uint32_t>(std::max(0.0, std::floor(longest) + 1));
  }
  longest_stale_ = false;
}

template <class Source>
void PassageLeafOf<Source>::ScanForCompetitive() {
  if constexpr (std::is_same_v<Source, TermSource>) {
    PostingsCursor& cursor = source_->cursor();
    while (true) {
      SkipUncompetitiveBlocks();
      if (min_score_ <= 0 || cursor.id() == kEndId) return;
      if (longest_stale_) FillLongest();
      const std::span<const uint32_t> ids = cursor.block_ids();
      const std::span<const TermFreq> tfs = cursor.block_tfs();
      for (uint32_t i = cursor.index_in_block(); i < ids.size(); ++i) {
        const TermFreq tf = tfs[i];
        const uint32_t length = passages_->LengthOf(ids[i]);
        if (tf < kLongestTfs && length > longest_[tf]) continue;
        const Score score = ScoreOf(static_cast<Frequency>(tf), length);
        if (score < min_score_) continue;
        cursor.MoveInBlock(i);
        score_ = score;
        scored_id_ = ids[i];
        return;
      }
      cursor.MoveInBlock(static_cast<uint32_t>(ids.size()) - 1);
      cursor.Next();  // into the next block, or to the end
    }
  }
}

template <class Source>
void PassageLeafOf<Source>::SkipUncompetitive() {
  if constexpr (std::is_same_v<Source, TermSource>) {
    ScanForCompetitive();
  } else {
    while (true) {
      SkipUncompetitiveBlocks();
      if (min_score_ <= 0 || source_->id() == kEndId) return;
      score_ = ScoreHere();
      scored_id_ = source_->id();
      if (score_ >= min_score_) return;
      source_->Next();
    }
  }
}

template <class Source>
void PassageLeafOf<Source>::ComputeBounds() {
  const std::vector<BlockImpacts> blocks = source_->AllBlockImpacts();
  if (blocks.empty()) {
    max_score_ = weight_.UpperBound(source_->max_frequency(), source_->min_length());
    return;
  }
  if constexpr (std::is_same_v<Source, TermSource>) block_bounds_.reserve(blocks.size());
  max_score_ = 0;
  for (const BlockImpacts& impacts : blocks) {
    const Score bound = weight_.UpperBound(impacts);
    if constexpr (std::is_same_v<Source, TermSource>) block_bounds_.push_back(bound);
    max_score_ = std::max(max_score_, bound);
  }
}

template <class Source>
Score PassageLeafOf<Source>::MaxScoreIn(uint32_t from, uint32_t to) const {
  if constexpr (std::is_same_v<Source, TermSource>) {
    // A window to the end would read every skip entry left: the whole
    // list's bound does.
    if (block_bounds_.empty() || to == kEndId) return max_score_;
    const PostingsCursor& cursor = source_->cursor();
    uint32_t b = cursor.BlockReaching(from);
    if (b >= cursor.block_count()) return 0;
    Score bound = block_bounds_[b];
    while (cursor.LastIdOfBlock(b) < to && ++b < cursor.block_count()) {
      bound = std::max(bound, block_bounds_[b]);
    }
    return bound;
  } else {
    return max_score_;
  }
}

template <class Source>
uint32_t PassageLeafOf<Source>::BlockEndAfter(uint32_t from) const {
  if constexpr (std::is_same_v<Source, TermSource>) {
    const PostingsCursor& cursor = source_->cursor();
    const uint32_t b = cursor.BlockReaching(from);
    return b < cursor.block_count() ? cursor.LastIdOfBlock(b) : kEndId;
  } else {
    return kEndId;
  }
}

template class PassageLeafOf<FrequencySource>;
template class PassageLeafOf<TermSource>;

DocumentLeaf::DocumentLeaf(std::unique_ptr<FrequencySource> source, TermWeight weight,
                           const Segment* segment, bool skip_boilerplate)
    : source_(std::move(source)),
      weight_(weight),
      segment_(segment),
      skip_boilerplate_(skip_boilerplate) {
  Gather();
}

Frequency DocumentLeaf::SumDocument() {
  const DocumentRecord record = segment_->documents().Get(doc_);
  const PassageId end = record.first_passage + record.passage_count;
  Frequency frequency = 0;
  for (; source_->id() < end; source_->Next()) {
    if (skip_boilerplate_ && segment_->passages().IsBoilerplate(source_->id())) continue;
    frequency += source_->frequency();
  }
  return frequency;
}

void DocumentLeaf::Gather() {
  do {
    const PassageId passage = source_->id();
    if (passage == kEndId) {
      doc_ = kEndId;
      return;
    }
    doc_ = segment_->passages().Get(passage).doc;
    frequency_ = SumDocument();
  } while (frequency_ == 0);
}

void DocumentLeaf::Seek(uint32_t target) {
  if (doc_ == kEndId || target <= doc_) return;
  if (target >= segment_->documents().size()) {
    doc_ = kEndId;
    return;
  }
  source_->Seek(segment_->documents().Get(target).first_passage);
  Gather();
}

Score DocumentLeaf::score() {
  return weight_.Of(frequency_, segment_->documents().Get(doc_).length);
}

FieldLeaf::FieldLeaf(PostingsCursor cursor, TermWeight weight, Unit unit, const Segment* segment)
    : cursor_(std::move(cursor)), weight_(weight), unit_(unit), segment_(segment) {
  EnterDocument();
}

uint64_t FieldLeaf::cost() const {
  const uint64_t docs = cursor_.info().doc_freq;
  if (unit_ == Unit::kDocument || segment_->documents().size() == 0) return docs;
  return docs * segment_->passages().size() / segment_->documents().size();
}

void FieldLeaf::EnterDocument() {
  const DocId doc = cursor_.id();
  if (doc == kEndId) {
    id_ = kEndId;
    return;
  }
  if (unit_ == Unit::kDocument) {
    id_ = doc;
    return;
  }
  const DocumentRecord record = segment_->documents().Get(doc);
  id_ = record.first_passage;
  end_of_document_ = record.first_passage + record.passage_count;
}

void FieldLeaf::Next() {
  if (id_ == kEndId) return;
  if (unit_ == Unit::kPassage && id_ + 1 < end_of_document_) {
    ++id_;
    return;
  }
  cursor_.Next();
  EnterDocument();
}

void FieldLeaf::Seek(uint32_t target) {
  if (id_ == kEndId || target <= id_) return;
  if (unit_ == Unit::kDocument) {
    cursor_.Seek(target);
    EnterDocument();
    return;
  }
  if (target < end_of_document_) {
    id_ = target;
    return;
  }
  if (target >= segment_->passages().size()) {
    id_ = kEndId;
    return;
  }
  const DocId doc = segment_->passages().Get(target).doc;
  cursor_.Seek(doc);
  EnterDocument();
  if (id_ != kEndId && cursor_.id() == doc) id_ = target;
}

}  // namespace syndex
