// File: indexer/merged_ids.h
//
// How a merge numbers the documents and passages of its inputs: input
// after input, in order, leaving out deleted documents and their passages.
// Without deletions an input's ids are shifted by the ids of the inputs
// before it, which costs nothing to compute; an input with deletions has
// its ids mapped through tables (4 bytes a document and a passage).
//
// Example:
//   MergedIds ids(inputs, deletions);
//   const PassageId p = ids.Passage(i, old_passage);
//   if (p == MergedIds::kDropped) continue;  // its document was deleted
#ifndef SYNDEX_INDEXER_MERGED_IDS_H_
#define SYNDEX_INDEXER_MERGED_IDS_H_

#include <cstdint>
#include <vector>

#include "common/document_deletions.h"
#include "common/segment.h"
#include "common/types.h"

namespace syndex {

// Immutable; safe for concurrent readers.
class MergedIds {
 public:
  // The id of a document or passage the merge leaves out.
  static constexpr uint32_t kDropped = UINT32_MAX;

  // `deletions[i]` are the documents of `inputs[i]` to leave out; null or a
  // shorter vector for none.
  MergedIds(const std::vector<const Segment*>& inputs,
            const std::vector<const DocumentDeletions*>& deletions);

  // The merged id of document `doc` / passage `passage` of input `input`,
  // or kDropped. REQUIRES: the id is below the input's count.
  DocId Doc(size_t input, DocId doc) const {
    const Input& in = inputs_[input];
    return in.doc_map.empty() ? in.doc_base + doc : in.doc_map[doc];
  }
  PassageId Passage(size_t input, PassageId passage) const {
    const Input& in = inputs_[input];
    return in.passage_map.empty() ? in.passage_base + passage : in.passage_map[passage];
  }
  // Whether input `input` loses any document.
  bool Drops(size_t input) const { return !inputs_[input].doc_map.empty(); }

  // The merged segment's counts.
  DocId doc_count() const { return doc_count_; }
  PassageId passage_count() const { return passage_count_; }

 private:
  struct Input {
    DocId doc_base = 0;
    PassageId passage_base = 0;
    std::vector<DocId> doc_map;  // empty unless the input has deletions
    std::vector<PassageId> passage_map;
  };

  std::vector<Input> inputs_;
  DocId doc_count_ = 0;
  PassageId passage_count_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_MERGED_IDS_H_
