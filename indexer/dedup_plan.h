// File: indexer/dedup_plan.h
//
// The deduplication decisions of a merge (docs/DEDUP.md), made from the
// inputs' tables and sketches alone, without reading any text, in two
// steps:
//  * PlanCopies: exact copies, passages whose content hash an earlier
//    passage of any input already has. This is all that merging postings
//    and stored text needs, so the merge can go on with those while...
//  * PlanClusters decides the rest: documents whose passages all match an
//    earlier document's; boilerplate, edge chrome and text repeated within
//    an outlet (BoilerplateDetector), extended to every passage carrying the
//    same text; near-duplicate clusters of distinct passages and of
//    documents (NearDuplicateClusterer over the stored b-bit MinHash
//    sketches); and the passage groups those make (AssignGroups).
// PlanDedup does both. Deleted documents (those MergedIds drops) take no
// part: a text whose first occurrence was deleted has its next live
// occurrence as its content.
//
// Example:
//   const MergedIds ids(inputs, deletions);
//   DedupPlan plan = PlanCopies(inputs, ids);
//   std::thread clusters([&] { PlanClusters(inputs, ids, outlets, DedupOptions{}, &plan); });
//   ... merge postings, reading only plan.content_of and plan.lengths ...
//   clusters.join();
#ifndef SYNDEX_INDEXER_DEDUP_PLAN_H_
#define SYNDEX_INDEXER_DEDUP_PLAN_H_

#include <cstdint>
#include <vector>

#include "common/passage_table.h"
#include "common/segment.h"
#include "common/sketch_table.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/merged_ids.h"
#include "indexer/near_duplicate_clusterer.h"

namespace syndex {

struct DedupOptions {
  // Near-duplicate thresholds. Articles: 0.7. Passages: 0.5, lower because
  // a quote or a wire paragraph is often wrapped in an outlet's own
  // attribution ("The White House said: ..."), which costs a short text
  // more of its shingles than small edits cost a whole article
  // (docs/DEDUP.md has the measurements behind both).
  ClusterOptions articles{.threshold = 0.7};
  ClusterOptions passages{.threshold = 0.5};
  BoilerplateOptions boilerplate;
};

struct DedupPlan {
  // ---- PlanCopies
  // The merged passage table: records renumbered; PlanClusters decides
  // their flags (copy, boilerplate) and groups.
  PassageTableContents passages;
  // Per merged passage: the first passage with its text (itself if none
  // before it has it), so a passage p is a copy exactly if content_of[p] != p.
  std::vector<PassageId> content_of;
  // Per merged passage: its length in words, for merging postings while
  // PlanClusters writes the records.
  std::vector<uint16_t> lengths;
  // Per merged passage: a copy now that was not one in its input, so its
  // stored text must be dropped.
  std::vector<bool> newly_copied;
  // Per merged passage: a content now that was a copy in its input (its
  // content there was deleted), so its text must be stored with it. Never
  // a title, whose text is in the document table.
  std::vector<bool> needs_text;
  uint32_t content_count = 0;
  uint64_t content_token_count = 0;
  // The merged segment's sketch table: content hashes by PlanCopies, the
  // sketches by PlanClusters.
  SketchTableContents sketches;

  // ---- PlanClusters
  // Per merged document: its exact duplicate and near-duplicate cluster.
  std::vector<DocId> canonical_document;
  std::vector<DocId> document_cluster;
};

// Decides which passages of `inputs` are copies. `ids` numbers the merged
// documents and passages.
[[nodiscard]] DedupPlan PlanCopies(const std::vector<const Segment*>& inputs, const MergedIds& ids);

// Decides the rest of `plan`, made by PlanCopies of the same inputs. Writes
// only the members after "PlanClusters" and plan->passages.
// `outlet_of_document`: an id naming each merged document's outlet.
void PlanClusters(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                  const std::vector<uint32_t>& outlet_of_document, const DedupOptions& options,
                  DedupPlan* plan);

// PlanCopies and PlanClusters.
[[nodiscard]] DedupPlan PlanDedup(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                                  const std::vector<uint32_t>& outlet_of_document,
                                  const DedupOptions& options);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_DEDUP_PLAN_H_
