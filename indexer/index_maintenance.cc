#include "indexer/index_maintenance.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "common/document_deletions.h"
#include "common/file_contents.h"
#include "common/file_writer.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/index_commit.h"
#include "indexer/index_lock.h"

namespace syndex {
namespace {

constexpr size_t kNotFoundExamples = 10;

struct ArticleLocation {
  uint32_t segment;
  DocId doc;
};

// Where each of the index's articles is, by id (views into the mapped
// document tables), deleted ones included.
absl::flat_hash_map<std::string_view, ArticleLocation> LocateArticles(const CommittedIndex& index) {
  absl::flat_hash_map<std::string_view, ArticleLocation> where;
  for (uint32_t s = 0; s < index.segments.size(); ++s) {
    const DocumentTable& documents = index.segments[s]->documents();
    for (DocId d = 0; d < documents.size(); ++d) where[documents.Meta(d).id] = {s, d};
  }
  return where;
}

// The deletions of every segment once `ids` are deleted too.
std::vector<DocumentDeletions> DeletionsWith(const CommittedIndex& index,
                                             const std::vector<std::string>& ids,
                                             DeleteResult* result) {
  std::vector<DocumentDeletions> deletions;
  for (const auto& segment : index.segments) {
    DocumentDeletions d(segment->documents().size());
    if (segment->has_deletions()) d.DeleteAll(segment->deletions());
    deletions.push_back(std::move(d));
  }
  const auto where = LocateArticles(index);
  for (const std::string& id : ids) {
    const auto it = where.find(id);
    if (it == where.end()) {
      if (result->not_found_examples.size() < kNotFoundExamples) {
        result->not_found_examples.push_back(id);
      }
      ++result->not_found;
    } else if (deletions[it->second.segment].Delete(it->second.doc)) {
      ++result->deleted;
    } else {
      ++result->already_deleted;
    }
  }
  return deletions;
}

absl::Status WriteDeletionsFile(const std::string& dir, const std::string& name,
                                const DocumentDeletions& deletions) {
  ASSIGN_OR_RETURN(auto file,
                   FileWriter::Create(StrCat(dir, "/", name), format::FileKind::kDeletions));
  RETURN_IF_ERROR(file->Append(EncodeDeletions(deletions)));
  return file->Finish();
}

}  // namespace

absl::StatusOr<DeleteResult> DeleteDocuments(const std::string& dir,
                                             const std::vector<std::string>& ids,
                                             const WarningSink& warn) {
  RETURN_IF_ERROR(ReadManifest(dir).status());
  ASSIGN_OR_RETURN(IndexLock lock, IndexLock::Acquire(dir));
  ASSIGN_OR_RETURN(CommittedIndex index, OpenCommitted(dir));
  DeleteResult result;
  result.generation = index.manifest.generation;
  const std::vector<DocumentDeletions> deletions = DeletionsWith(index, ids, &result);
  if (result.deleted == 0) return result;
  Manifest next = index.manifest;
  next.generation = index.manifest.generation + 1;
  for (size_t s = 0; s < next.segments.size(); ++s) {
    SegmentInfo& info = next.segments[s];
    if (deletions[s].deleted_count() == info.deleted_count) continue;  // no new deletion
    info.deleted_count = deletions[s].deleted_count();
    info.deletions_generation = next.generation;
    RETURN_IF_ERROR(WriteDeletionsFile(dir, DeletionsFileName(info.name, info.deletions_generation),
                                       deletions[s]));
  }
  RETURN_IF_ERROR(CommitManifest(dir, next, warn));
  result.generation = next.generation;
  return result;
}

absl::StatusOr<CompactResult> CompactIndex(const std::string& dir, const CompactOptions& options) {
  RETURN_IF_ERROR(ReadManifest(dir).status());
  ASSIGN_OR_RETURN(IndexLock lock, IndexLock::Acquire(dir));
  ASSIGN_OR_RETURN(CommittedIndex index, OpenCommitted(dir));
  CompactResult result;
  result.segments_before = index.segments.size();
  result.generation = index.manifest.generation;
  result.documents = index.live_documents();
  for (const SegmentInfo& s : index.manifest.segments) result.documents_dropped += s.deleted_count;
  if (index.segments.size() <= 1 && result.documents_dropped == 0) return result;
  Manifest next;
  next.generation = index.manifest.generation + 1;
  if (result.documents > 0) {
    MergeOptions merge{.dedup = options.dedup,
                       .threads = options.threads,
                       .memory_budget = options.memory_budget,
                       .deletions = {}};
    for (const auto& segment : index.segments) {
      merge.deletions.push_back(segment->has_deletions() ? &segment->deletions() : nullptr);
    }
    ASSIGN_OR_RETURN(SegmentNamer names, SegmentNamer::ForDirectory(dir));
    ASSIGN_OR_RETURN(SegmentInfo merged, MergeSegments(index.segment_pointers(), dir, names.Next(),
                                                       merge, &result.merge));
    next.segments.push_back(std::move(merged));
  }
  RETURN_IF_ERROR(CommitManifest(dir, next, options.warn));
  result.changed = true;
  result.generation = next.generation;
  return result;
}

absl::StatusOr<std::vector<std::string>> ReadIdFile(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadFileContents(path, "id file"));
  std::vector<std::string> ids;
  std::string_view rest = text;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) ids.emplace_back(line);
  }
  return ids;
}

}  // namespace syndex
