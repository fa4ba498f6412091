// File: indexer/segment_merger.h
//
// Merges several segments into one new segment: documents and passages are
// renumbered after those of the segments before them, term dictionaries are
// merged in key order (a k-way merge over sorted dictionaries, so memory
// does not grow with the number of terms), postings are re-blocked, and
// stored text blocks are copied without being recompressed unless they
// hold a passage that the merge found to be a copy.
//
// Deduplication is decided over all the inputs together (dedup_plan.h):
// copies across segments first, then boilerplate, near-duplicate clusters
// and groups on a second thread while the postings and stored text are
// merged. Merging one segment is how a freshly built segment gets its
// clusters.
//
// Example:
//   ASSIGN_OR_RETURN(SegmentInfo merged,
//                    MergeSegments({seg1.get(), seg2.get()}, dir, "seg000003", MergeOptions{}));
#ifndef SYNDEX_INDEXER_SEGMENT_MERGER_H_
#define SYNDEX_INDEXER_SEGMENT_MERGER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/document_deletions.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "indexer/dedup_plan.h"

namespace syndex {

struct MergeStats {
  double plan_seconds = 0;          // deciding copies
  double cluster_seconds = 0;       // deciding boilerplate, clusters, groups (second thread)
  double cluster_wait_seconds = 0;  // waiting for that after postings and text were merged
  double rewrite_seconds = 0;       // reading and re-encoding stored text blocks with new copies
  uint32_t blocks_rewritten = 0;
  uint32_t blocks_copied = 0;
  // Whether the stored text was merged on a thread of its own, beside the
  // postings (then its rewrites do not lengthen the merge).
  bool text_beside_postings = false;
  // Whether clusters were decided beside the postings (else before them,
  // to fit the memory budget, and all of cluster_seconds is dedup's).
  bool clusters_beside_postings = false;
  // The time dedup added to the merge: its work on the merge's own thread
  // and the wait for the second thread.
  double dedup_seconds() const {
    return plan_seconds + (clusters_beside_postings ? cluster_wait_seconds : cluster_seconds) +
           (text_beside_postings ? 0 : rewrite_seconds);
  }
  // The processor time dedup took on either thread.
  double dedup_work_seconds() const { return plan_seconds + cluster_seconds + rewrite_seconds; }
};

struct MergeOptions {
  DedupOptions dedup;
  // Threads encoding postings, beside the dedup thread. The files do not
  // depend on how many.
  uint32_t threads = 1;
  // The memory the merge may use, in bytes; 0 for no limit. Deciding
  // clusters beside merging the postings holds both at once (on AllSides,
  // 140 MB against 85 for either alone): when the inputs' passages would
  // make that exceed the budget (MayClusterBesidePostings), clusters are
  // decided first and the tables written before the postings are merged.
  // The files are the same either way.
  size_t memory_budget = 0;
  // Documents to leave out, by input (parallel to the inputs; null or
  // missing for none): deleted documents, and those an add replaces. The
  // merged segment holds no trace of them.
  std::vector<const DocumentDeletions*> deletions;
};

// Whether a merge of `inputs` may decide clusters beside merging postings
// within `memory_budget` bytes (0: no limit).
[[nodiscard]] bool MayClusterBesidePostings(const std::vector<const Segment*>& inputs,
                                            size_t memory_budget);

// Writes segment `name` in `dir` holding the documents of `inputs`, in
// order, but for those options.deletions leaves out. The inputs are not changed; the caller commits
// the result by writing a manifest naming it instead of them. `stats` may be null.
[[nodiscard]] absl::StatusOr<SegmentInfo> MergeSegments(const std::vector<const Segment*>& inputs,
                                                        const std::string& dir,
                                                        const std::string& name,
                                                        const MergeOptions& options,
                                                        MergeStats* stats = nullptr);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_MERGER_H_
