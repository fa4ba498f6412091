#include "indexer/index_stats.h"

#include <span>

#include "absl/container/flat_hash_set.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

uint64_t FileSize(const Segment& segment, format::FileKind kind) {
  switch (kind) {
    case format::FileKind::kDictionary:
      return segment.dictionary().file().file_size();
    case format::FileKind::kPostings:
      return segment.postings_file().file_size();
    case format::FileKind::kPositions:
      return segment.positions_file().file_size();
    case format::FileKind::kPassages:
      return segment.passages().file().file_size();
    case format::FileKind::kDocuments:
      return segment.documents().file().file_size();
    case format::FileKind::kStoredText:
      return segment.stored_text().file().file_size();
    case format::FileKind::kSketches:
      return segment.sketches().file().file_size();
    default:
      return 0;
  }
}

// Deleted articles are left out: a copy whose content was deleted counts
// as a distinct text, as it will be once a merge drops the content.
void AddPassageDedup(const Segment& segment, DedupStats* dedup) {
  const PassageTable& passages = segment.passages();
  absl::flat_hash_set<PassageId> contents_seen;
  for (PassageId p = 0; p < passages.size(); ++p) {
    if (segment.IsPassageDeleted(p)) continue;
    const PassageRecord r = passages.Get(p);
    // Without deletions a copy's content is live and came before it.
    const bool first = !r.is_copy() || (segment.has_deletions() &&
                                        contents_seen.insert(passages.ContentOf(p)).second);
    if (!r.is_copy() && segment.has_deletions()) contents_seen.insert(p);
    if (first) {
      ++dedup->unique_passages;
    } else {
      ++dedup->duplicate_passages;
      if (!r.is_title()) dedup->bytes_saved += r.end - r.start;
    }
    dedup->boilerplate_passages += r.is_boilerplate();
    dedup->edge_chrome_passages += (r.flags & format::kPassageEdgeChrome) != 0;
    dedup->repeated_chrome_passages += (r.flags & format::kPassageRepeatedChrome) != 0;
  }
  for (uint32_t g = 0; g < passages.group_count(); ++g) {
    absl::flat_hash_set<PassageId> texts;
    for (const GroupMember& m : passages.Members(g)) {
      if (!segment.IsPassageDeleted(m.passage)) texts.insert(m.content);
    }
    if (texts.size() < 2) continue;
    ++dedup->near_duplicate_passage_clusters;
    ++dedup->passage_cluster_sizes[ClusterSizeBucket(texts.size())];
  }
}

void AddDocumentDedup(const Segment& segment, DedupStats* dedup) {
  const DocumentTable& documents = segment.documents();
  absl::flat_hash_set<DocId> canonicals_seen;
  for (DocId d = 0; d < documents.size(); ++d) {
    if (segment.IsDeleted(d)) continue;
    const DocumentRecord r = documents.Get(d);
    dedup->duplicate_articles += !canonicals_seen.insert(r.canonical).second;
    if (r.cluster != d && !segment.IsDeleted(r.cluster)) continue;
    // The cluster is counted at its first live member.
    uint64_t live = 0;
    bool first = true;
    for (DocId member : documents.ClusterOf(d)) {
      if (segment.IsDeleted(member)) continue;
      first = first && member >= d;
      ++live;
    }
    if (!first || live < 2) continue;
    ++dedup->near_duplicate_article_clusters;
    ++dedup->article_cluster_sizes[ClusterSizeBucket(live)];
  }
}

void AddSegment(const Segment& segment, IndexStats* stats) {
  AddPassageDedup(segment, &stats->dedup);
  AddDocumentDedup(segment, &stats->dedup);
  stats->documents += segment.info().live_doc_count();
  stats->deleted_documents += segment.info().deleted_count;
  stats->passages += segment.info().passage_count;
  stats->tokens += segment.info().token_count;
  stats->outlets += segment.documents().outlet_count();
  const TermDictionary& dict = segment.dictionary();
  stats->terms += dict.size();
  for (size_t i = 0; i < dict.size(); ++i) {
    const DictionaryEntry e = dict.Entry(i);
    stats->postings += e.info.doc_freq;
    if (e.field == format::Field::kBody) ++stats->body_terms;
  }
  for (format::FileKind kind : format::kSegmentFileKinds) {
    const uint64_t size = FileSize(segment, kind);
    stats->bytes_by_file[std::string(format::KindName(kind))] += size;
    stats->total_bytes += size;
  }
  if (const MappedFile* deletions = segment.deletions_file()) {
    stats->bytes_by_file[std::string(format::KindName(format::FileKind::kDeletions))] +=
        deletions->file_size();
    stats->total_bytes += deletions->file_size();
  }
}

// "name: value" lines, or "\"name\": value" items of a JSON object.
std::string FormatCounts(std::span<const std::pair<const char*, uint64_t>> counts, bool json,
                         std::string_view indent) {
  std::string out;
  for (const auto& [name, value] : counts) {
    StrAppend(&out, json ? StrCat("\"", name, "\": ", value, ", ")
                         : StrCat(indent, name, ": ", value, "\n"));
  }
  return out;
}

// A map as a JSON object, or as indented lines under a heading.
std::string FormatMap(std::string_view name, const std::map<std::string, uint64_t>& map, bool json,
                      std::string_view indent) {
  std::string out = json ? StrCat("\"", name, "\": {") : StrCat(indent, name, ":\n");
  const char* separator = "";
  for (const auto& [key, value] : map) {
    StrAppend(&out, json ? StrCat(separator, "\"", key, "\": ", value)
                         : StrCat(indent, "  ", key, ": ", value, "\n"));
    separator = ", ";
  }
  if (json) out += "}";
  return out;
}

std::string FormatDedup(const DedupStats& d, bool json) {
  const std::pair<const char*, uint64_t> counts[] = {
      {"duplicate_articles", d.duplicate_articles},
      {"near_duplicate_article_clusters", d.near_duplicate_article_clusters},
      {"unique_passages", d.unique_passages},
      {"duplicate_passages", d.duplicate_passages},
      {"near_duplicate_passage_clusters", d.near_duplicate_passage_clusters},
      {"boilerplate_passages", d.boilerplate_passages},
      {"edge_chrome_passages", d.edge_chrome_passages},
      {"repeated_chrome_passages", d.repeated_chrome_passages},
      {"bytes_saved", d.bytes_saved}};
  std::string out = json ? "\"dedup\": {" : "dedup:\n";
  StrAppend(&out, FormatCounts(counts, json, "  "));
  StrAppend(&out, FormatMap("article_cluster_sizes", d.article_cluster_sizes, json, "  "));
  StrAppend(&out, json ? ", " : "");
  StrAppend(&out, FormatMap("passage_cluster_sizes", d.passage_cluster_sizes, json, "  "));
  if (json) out += "}";
  return out;
}

// The first problem of one segment. A file that fails its checksum is
// named with the bytes its chunk table shows damaged (4 KiB chunks); the
// segment is then checked again without checksums, and the first structural
// check that fails, which names an exact offset but may lie in another file
// (a damaged postings list is found from its dictionary entry), follows.
absl::Status VerifySegment(const std::string& dir, const SegmentInfo& info) {
  auto segment = Segment::Open(dir, info);
  if (segment.ok()) return (*segment)->Verify();
  if (!MappedFile::IsChecksumMismatch(segment.status())) return segment.status();
  MappedFile::OpenOptions unchecked;
  unchecked.verify_checksum = false;
  auto opened = Segment::Open(dir, info, unchecked);
  const absl::Status structure = opened.ok() ? (*opened)->Verify() : opened.status();
  if (structure.ok()) return segment.status();
  return absl::DataLossError(StrCat(
      segment.status().message(), "; the first structural check it breaks: ", structure.message()));
}

}  // namespace

std::string ClusterSizeBucket(uint64_t size) {
  if (size <= 2) return "2";
  if (size <= 4) return "3-4";
  if (size <= 9) return "5-9";
  if (size <= 19) return "10-19";
  return "20+";
}

absl::StatusOr<IndexStats> ComputeIndexStats(const std::string& dir) {
  ASSIGN_OR_RETURN(Manifest manifest, ReadManifest(dir));
  IndexStats stats;
  stats.generation = manifest.generation;
  stats.segments = manifest.segments.size();
  MappedFile::OpenOptions options;
  options.verify_checksum = false;
  for (const SegmentInfo& info : manifest.segments) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir, info, options));
    AddSegment(*segment, &stats);
  }
  const uint64_t manifest_bytes = EncodeManifest(manifest).size();
  stats.bytes_by_file["manifest"] = manifest_bytes;
  stats.total_bytes += manifest_bytes;
  return stats;
}

std::string FormatIndexStats(const IndexStats& s, bool json) {
  const std::pair<const char*, uint64_t> counts[] = {
      {"generation", s.generation},  {"segments", s.segments},
      {"documents", s.documents},    {"deleted_documents", s.deleted_documents},
      {"passages", s.passages},      {"tokens", s.tokens},
      {"outlets", s.outlets},        {"terms", s.terms},
      {"body_terms", s.body_terms},  {"postings", s.postings},
      {"total_bytes", s.total_bytes}};
  std::string out = json ? "{" : "";
  StrAppend(&out, FormatCounts(counts, json, ""));
  StrAppend(&out, FormatMap(json ? "bytes_by_file" : "bytes by file", s.bytes_by_file, json, ""));
  StrAppend(&out, json ? ", " : "");
  StrAppend(&out, FormatDedup(s.dedup, json));
  if (json) out += "}\n";
  return out;
}

absl::Status VerifyIndex(const std::string& dir) {
  ASSIGN_OR_RETURN(Manifest manifest, ReadManifest(dir));
  for (const SegmentInfo& info : manifest.segments) RETURN_IF_ERROR(VerifySegment(dir, info));
  return absl::OkStatus();
}

}  // namespace syndex
