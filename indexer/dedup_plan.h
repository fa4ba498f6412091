// File: indexer/dedup_plan.h
//
// The deduplication decisions of a merge (docs/DEDUP.md), made from the
// inputs' tables and sketches alone, without reading any text:
//  * exact copies: passages whose content hash an earlier passage of any
//    input already has; documents whose passages all match an earlier
//    document's;
//  * boilerplate: edge chrome and text repeated within an outlet
//    (BoilerplateDetector), extended to every passage carrying the same text;
//  * near-duplicate clusters of distinct passages and of documents
//    (NearDuplicateClusterer over the stored b-bit MinHash sketches);
//  * the passage groups those make (AssignGroups).
//
// Example:
//   ASSIGN_OR_RETURN(DedupPlan plan, PlanDedup(inputs, outlets, DedupOptions{}));
#ifndef SYNDEX_INDEXER_DEDUP_PLAN_H_
#define SYNDEX_INDEXER_DEDUP_PLAN_H_

#include <cstdint>
#include <vector>

#include "common/passage_table.h"
#include "common/segment.h"
#include "common/sketch_table.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/near_duplicate_clusterer.h"

namespace syndex {

struct DedupOptions {
  // Near-duplicate threshold for passages and documents. Default: 0.7.
  ClusterOptions near_duplicates;
  BoilerplateOptions boilerplate;
};

struct DedupPlan {
  // The merged passage table: records renumbered, flags (copy,
  // boilerplate) and groups decided.
  PassageTableContents passages;
  // Per merged passage: a copy now that was not one in its input, so its
  // stored text must be dropped.
  std::vector<bool> newly_copied;
  // Per merged document: its exact duplicate and near-duplicate cluster.
  std::vector<DocId> canonical_document;
  std::vector<DocId> document_cluster;
  SketchTableContents sketches;  // of the merged segment
  uint32_t content_count = 0;
  uint64_t content_token_count = 0;
};

// `outlet_of_document`: an id naming each merged document's outlet.
[[nodiscard]] absl::StatusOr<DedupPlan> PlanDedup(const std::vector<const Segment*>& inputs,
                                                  const std::vector<uint32_t>& outlet_of_document,
                                                  const DedupOptions& options);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_DEDUP_PLAN_H_
