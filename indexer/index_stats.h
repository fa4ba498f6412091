// File: indexer/index_stats.h
//
// `indexer stats` and `indexer verify`: what an index holds, and whether
// every byte of it is sound.
//
// Example:
//   ASSIGN_OR_RETURN(IndexStats stats, ComputeIndexStats(dir));
//   std::cout << FormatIndexStats(stats, /*json=*/false);
#ifndef SYNDEX_INDEXER_INDEX_STATS_H_
#define SYNDEX_INDEXER_INDEX_STATS_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace syndex {

// What deduplication found (docs/DEDUP.md). Cluster sizes count distinct
// texts (passages) or documents; size buckets are "2", "3-4", "5-9",
// "10-19", "20+".
struct DedupStats {
  uint64_t duplicate_articles = 0;  // exact copies of an earlier article
  uint64_t near_duplicate_article_clusters = 0;
  std::map<std::string, uint64_t> article_cluster_sizes;
  uint64_t unique_passages = 0;                  // distinct texts
  uint64_t duplicate_passages = 0;               // passages whose text an earlier one has
  uint64_t near_duplicate_passage_clusters = 0;  // of two or more distinct texts
  std::map<std::string, uint64_t> passage_cluster_sizes;
  uint64_t boilerplate_passages = 0;
  uint64_t edge_chrome_passages = 0;
  uint64_t repeated_chrome_passages = 0;
  uint64_t bytes_saved = 0;  // text of copies, not stored again
};

struct IndexStats {
  uint64_t generation = 0;
  uint64_t segments = 0;
  uint64_t documents = 0;          // live: not deleted
  uint64_t deleted_documents = 0;  // deleted, until a merge drops them
  uint64_t passages = 0;           // every passage in the files, deleted ones' too
  uint64_t tokens = 0;
  uint64_t outlets = 0;                           // distinct outlet names (summed over segments)
  uint64_t terms = 0;                             // dictionary entries of every field
  uint64_t body_terms = 0;                        // distinct passage-text terms
  uint64_t postings = 0;                          // (term, passage or document) pairs
  std::map<std::string, uint64_t> bytes_by_file;  // by file kind name
  uint64_t total_bytes = 0;
  DedupStats dedup;
};

// The bucket of a cluster of `size` members, as in DedupStats.
std::string ClusterSizeBucket(uint64_t size);

// Opens the index at `dir` (checksums not verified: that is Verify's job).
[[nodiscard]] absl::StatusOr<IndexStats> ComputeIndexStats(const std::string& dir);

// Human-readable lines, or one JSON object.
std::string FormatIndexStats(const IndexStats& stats, bool json);

// Checks every file's checksum and every structural invariant of every
// segment. OK, or the first problem found with its file and offset: for a
// file that fails its checksum, the damaged byte ranges its chunk table
// shows ("PATH: bytes [a, b): ..."), followed by the first structural check
// that the damage breaks when checksums are ignored, if one does
// ("PATH: offset N: ...").
[[nodiscard]] absl::Status VerifyIndex(const std::string& dir);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_STATS_H_
