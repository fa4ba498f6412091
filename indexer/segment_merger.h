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
//                    MergeSegments({seg1.get(), seg2.get()}, dir, "seg000003", {}));
#ifndef SYNDEX_INDEXER_SEGMENT_MERGER_H_
#define SYNDEX_INDEXER_SEGMENT_MERGER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
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
  // The time dedup added to the merge: its work on the merge's own thread
  // and the wait for the second thread.
  double dedup_seconds() const {
    return plan_seconds + cluster_wait_seconds + (text_beside_postings ? 0 : rewrite_seconds);
  }
  // The processor time dedup took on either thread.
  double dedup_work_seconds() const { return plan_seconds + cluster_seconds + rewrite_seconds; }
};

// Writes segment `name` in `dir` holding the documents of `inputs`, in
// order. The inputs are not changed; the caller commits the result by
// writing a manifest naming it instead of them. `stats` may be null.
// Postings are encoded on `threads` (the files do not depend on how many),
// beside the dedup thread.
[[nodiscard]] absl::StatusOr<SegmentInfo> MergeSegments(
    const std::vector<const Segment*>& inputs, const std::string& dir, const std::string& name,
    const DedupOptions& options, MergeStats* stats = nullptr, uint32_t threads = 1);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_MERGER_H_
