// File: searcher/index_reader.h
//
// A read-only view of one committed state of an index (a snapshot): the
// manifest read once at Open and every segment it names, memory-mapped and
// checked. The reader never sees a later commit, however long it lives: a
// commit never changes a file, and the files it deletes stay readable
// through the mappings. Reopen to pick up a later commit
// (index_follower.h).
//
// Example:
//   ASSIGN_OR_RETURN(auto index, IndexReader::Open(dir));
//   for (const auto& segment : index->segments()) ...
#ifndef SYNDEX_SEARCHER_INDEX_READER_H_
#define SYNDEX_SEARCHER_INDEX_READER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"

namespace syndex {

// Collection-wide statistics for ranking, summed over segments.
// Passages are ranked among distinct texts (contents): a text carried by
// forty outlets counts once (docs/DEDUP.md).
struct CollectionStats {
  uint64_t documents = 0;
  uint64_t passages = 0;  // every occurrence
  uint64_t tokens = 0;
  uint64_t contents = 0;  // distinct passage texts
  uint64_t content_tokens = 0;
  double average_passage_length() const { return contents ? double(content_tokens) / contents : 0; }
  double average_document_length() const { return documents ? double(tokens) / documents : 0; }
};

// Immutable after Open; safe to share between threads.
class IndexReader {
 public:
  struct Options {
    // Verify every file's checksum when opening. Default: true.
    bool verify_checksums = true;
  };

  // NotFound if `dir` holds no index; DataLoss naming the damaged file. A
  // commit that lands while Open reads (and deletes the files of the
  // previous one) makes Open start again from the new manifest.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<IndexReader>> Open(const std::string& dir,
                                                                         Options options);
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<IndexReader>> Open(const std::string& dir) {
    return Open(dir, Options());
  }

  const std::string& dir() const { return dir_; }
  const Manifest& manifest() const { return manifest_; }
  const std::vector<std::unique_ptr<Segment>>& segments() const { return segments_; }
  const CollectionStats& stats() const { return stats_; }

  // How many units hold (field, term), over all segments.
  struct TermStats {
    uint64_t postings = 0;   // passages for the body; documents for fields
    uint64_t documents = 0;  // distinct documents
    uint64_t contents = 0;   // distinct passage texts (body); documents (fields)
  };
  TermStats Stats(format::Field field, std::string_view term) const;

 private:
  IndexReader() = default;
  // One attempt; *generation is the manifest's generation once read.
  static absl::StatusOr<std::unique_ptr<IndexReader>> OpenOnce(const std::string& dir,
                                                               Options options,
                                                               std::optional<uint64_t>* generation);

  std::string dir_;
  Manifest manifest_;
  std::vector<std::unique_ptr<Segment>> segments_;
  CollectionStats stats_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_INDEX_READER_H_
