#include "indexer/merged_ids.h"

namespace syndex {

MergedIds::MergedIds(const std::vector<const Segment*>& inputs,
                     const std::vector<const DocumentDeletions*>& deletions) {
  inputs_.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Segment& segment = *inputs[i];
    Input& in = inputs_[i];
    in.doc_base = doc_count_;
    in.passage_base = passage_count_;
    const DocumentDeletions* deleted = i < deletions.size() ? deletions[i] : nullptr;
    if (deleted == nullptr || deleted->empty()) {
      doc_count_ += segment.documents().size();
      passage_count_ += segment.passages().size();
      continue;
    }
    in.doc_map.assign(segment.documents().size(), kDropped);
    in.passage_map.assign(segment.passages().size(), kDropped);
    for (DocId d = 0; d < segment.documents().size(); ++d) {
      if (deleted->Contains(d)) continue;
      in.doc_map[d] = doc_count_++;
      // A document's passages are consecutive, and in the verified table
      // within range; a damaged record must still not write out of bounds.
      const DocumentRecord r = segment.documents().Get(d);
      for (PassageId p = r.first_passage;
           p < r.first_passage + r.passage_count && p < in.passage_map.size(); ++p) {
        in.passage_map[p] = passage_count_++;
      }
    }
  }
}

}  // namespace syndex
