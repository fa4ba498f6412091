#include "indexer/index_stats.h"

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
    default:
      return 0;
  }
}

void AddSegment(const Segment& segment, IndexStats* stats) {
  stats->documents += segment.info().doc_count;
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
}

}  // namespace

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
      {"generation", s.generation}, {"segments", s.segments},
      {"documents", s.documents},   {"passages", s.passages},
      {"tokens", s.tokens},         {"outlets", s.outlets},
      {"terms", s.terms},           {"body_terms", s.body_terms},
      {"postings", s.postings},     {"total_bytes", s.total_bytes}};
  std::string out = json ? "{" : "";
  for (const auto& [name, value] : counts) {
    StrAppend(&out,
              json ? StrCat("\"", name, "\": ", value, ", ") : StrCat(name, ": ", value, "\n"));
  }
  StrAppend(&out, json ? "\"bytes_by_file\": {" : "bytes by file:\n");
  const char* separator = "";
  for (const auto& [kind, bytes] : s.bytes_by_file) {
    StrAppend(&out, json ? StrCat(separator, "\"", kind, "\": ", bytes)
                         : StrCat("  ", kind, ": ", bytes, "\n"));
    separator = ", ";
  }
  if (json) out += "}}\n";
  return out;
}

absl::Status VerifyIndex(const std::string& dir) {
  ASSIGN_OR_RETURN(Manifest manifest, ReadManifest(dir));
  for (const SegmentInfo& info : manifest.segments) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir, info));
    RETURN_IF_ERROR(segment->Verify());
  }
  return absl::OkStatus();
}

}  // namespace syndex
