#include "common/document_table.h"

#include "common/coding.h"
#include "common/format.h"
#include "common/str_cat.h"

namespace syndex {

absl::StatusOr<std::unique_ptr<DocumentTable>> DocumentTable::Open(
    std::unique_ptr<MappedFile> file) {
  std::unique_ptr<DocumentTable> table(new DocumentTable(std::move(file)));
  const MappedFile& f = *table->file_;
  std::string_view body = f.body();
  if (body.size() < format::kDocumentPrefixSize) return f.Corruption(0, "document table truncated");
  table->doc_count_ = DecodeFixed32(body.data());
  table->outlet_count_ = DecodeFixed32(body.data() + 4);
  const uint64_t strings_size = DecodeFixed64(body.data() + 8);
  const uint64_t expected = format::kDocumentPrefixSize +
                            uint64_t{table->doc_count_} * format::kDocumentRecordSize +
                            uint64_t{table->outlet_count_} * 8 + strings_size;
  if (strings_size > body.size() || expected != body.size()) {  // the sum may wrap
    return f.Corruption(
        0, StrCat("document table sizes add up to ", expected, " bytes, body has ", body.size()));
  }
  table->records_ = body.data() + format::kDocumentPrefixSize;
  table->outlet_offsets_ =
      table->records_ + size_t{table->doc_count_} * format::kDocumentRecordSize;
  table->strings_ = body.substr(body.size() - strings_size);
  return table;
}

DocumentRecord DocumentTable::Get(DocId doc) const {
  const char* p = records_ + size_t{doc} * format::kDocumentRecordSize;
  DocumentRecord r;
  r.first_passage = DecodeFixed32(p);
  r.passage_count = DecodeFixed32(p + 4);
  r.length = DecodeFixed32(p + 8);
  r.outlet = DecodeFixed32(p + 12);
  r.strings_offset = DecodeFixed64(p + 16);
  r.canonical = DecodeFixed32(p + 24);
  r.cluster = DecodeFixed32(p + 28);
  r.next_in_cluster = DecodeFixed32(p + 32);
  return r;
}

std::vector<DocId> DocumentTable::ClusterOf(DocId doc) const {
  std::vector<DocId> docs;
  // Verify guarantees the links ascend; the bound guards an unverified table.
  for (DocId d = Get(doc).cluster; d < doc_count_ && docs.size() < doc_count_;
       d = Get(d).next_in_cluster) {
    docs.push_back(d);
  }
  return docs;
}

DocumentMeta DocumentTable::Meta(DocId doc) const {
  const uint64_t offset = Get(doc).strings_offset;
  if (offset > strings_.size()) return {};
  ByteReader in(strings_.substr(offset));
  DocumentMeta meta;
  if (!in.ReadLengthPrefixed(&meta.id) || !in.ReadLengthPrefixed(&meta.title) ||
      !in.ReadLengthPrefixed(&meta.date) || !in.ReadLengthPrefixed(&meta.url)) {
    return {};
  }
  return meta;
}

std::string_view DocumentTable::OutletName(uint32_t outlet) const {
  if (outlet >= outlet_count_) return {};
  const uint64_t offset = DecodeFixed64(outlet_offsets_ + size_t{outlet} * 8);
  if (offset > strings_.size()) return {};
  ByteReader in(strings_.substr(offset));
  std::string_view name;
  return in.ReadLengthPrefixed(&name) ? name : std::string_view();
}

absl::Status DocumentTable::Verify(uint32_t passage_count) const {
  PassageId next_passage = 0;
  // The latest document seen of each cluster: a member must follow it on
  // the cluster's chain, so that ClusterOf reaches every member.
  std::vector<DocId> latest_of_cluster(doc_count_, format::kNoDocument);
  for (uint32_t d = 0; d < doc_count_; ++d) {
    const DocumentRecord r = Get(d);
    const size_t offset = format::kDocumentPrefixSize + size_t{d} * format::kDocumentRecordSize;
    if (r.first_passage != next_passage || r.passage_count == 0) {
      return file_->Corruption(offset, StrCat("document ", d, ": passages not contiguous"));
    }
    if (r.outlet != format::kNoOutlet && r.outlet >= outlet_count_) {
      return file_->Corruption(offset, StrCat("document ", d, ": bad outlet ", r.outlet));
    }
    const bool links_ok = r.canonical <= d && r.cluster <= d &&
                          Get(r.cluster).cluster == r.cluster &&
                          (r.next_in_cluster == format::kNoDocument ||
                           (r.next_in_cluster > d && r.next_in_cluster < doc_count_ &&
                            Get(r.next_in_cluster).cluster == r.cluster));
    const char* reserved = records_ + size_t{d} * format::kDocumentRecordSize + 36;
    // Only read through links that point within the table (links_ok).
    const bool chained =
        links_ok && (r.cluster == d || (latest_of_cluster[r.cluster] != format::kNoDocument &&
                                        Get(latest_of_cluster[r.cluster]).next_in_cluster == d));
    const bool canonical_ok = links_ok && Get(r.canonical).canonical == r.canonical;
    if (!links_ok || !chained || !canonical_ok || DecodeFixed32(reserved) != 0) {
      return file_->Corruption(offset, StrCat("document ", d, ": bad duplicate links"));
    }
    latest_of_cluster[r.cluster] = d;
    if (Meta(d).id.empty()) {
      return file_->Corruption(offset, StrCat("document ", d, ": metadata does not decode"));
    }
    next_passage += r.passage_count;
  }
  if (next_passage != passage_count) {
    return file_->Corruption(
        0, StrCat("documents cover ", next_passage, " passages, table has ", passage_count));
  }
  return absl::OkStatus();
}

void DocumentTableEncoder::Add(const DocumentRecord& record, const DocumentMeta& meta,
                               std::string_view outlet) {
  DocumentRecord r = record;
  r.strings_offset = strings_.size();
  PutLengthPrefixed(&strings_, meta.id);
  PutLengthPrefixed(&strings_, meta.title);
  PutLengthPrefixed(&strings_, meta.date);
  PutLengthPrefixed(&strings_, meta.url);
  r.outlet = format::kNoOutlet;
  if (!outlet.empty()) {
    auto [it, inserted] =
        outlet_ids_.try_emplace(std::string(outlet), static_cast<uint32_t>(outlets_.size()));
    if (inserted) outlets_.emplace_back(outlet);
    r.outlet = it->second;
  }
  r.canonical = r.cluster = static_cast<DocId>(records_.size());
  r.next_in_cluster = format::kNoDocument;
  records_.push_back(r);
}

std::vector<uint32_t> DocumentTableEncoder::OutletOfEachDocument() const {
  std::vector<uint32_t> outlets;
  outlets.reserve(records_.size());
  for (const DocumentRecord& r : records_) outlets.push_back(r.outlet);
  return outlets;
}

void DocumentTableEncoder::SetDuplicates(DocId doc, DocId canonical, DocId cluster) {
  records_[doc].canonical = canonical;
  records_[doc].cluster = cluster;
}

std::string DocumentTableEncoder::Finish() const {
  std::vector<DocId> next(records_.size(), format::kNoDocument);
  std::vector<DocId> last_of_cluster(records_.size(), format::kNoDocument);
  for (DocId d = 0; d < records_.size(); ++d) {
    DocId& last = last_of_cluster[records_[d].cluster];
    if (last != format::kNoDocument) next[last] = d;
    last = d;
  }
  std::string strings = strings_;
  std::vector<uint64_t> outlet_offsets;
  for (const std::string& name : outlets_) {
    outlet_offsets.push_back(strings.size());
    PutLengthPrefixed(&strings, name);
  }
  std::string body;
  PutFixed32(&body, size());
  PutFixed32(&body, static_cast<uint32_t>(outlets_.size()));
  PutFixed64(&body, strings.size());
  for (DocId d = 0; d < records_.size(); ++d) {
    const DocumentRecord& r = records_[d];
    PutFixed32(&body, r.first_passage);
    PutFixed32(&body, r.passage_count);
    PutFixed32(&body, r.length);
    PutFixed32(&body, r.outlet);
    PutFixed64(&body, r.strings_offset);
    PutFixed32(&body, r.canonical);
    PutFixed32(&body, r.cluster);
    PutFixed32(&body, next[d]);
    PutFixed32(&body, 0);
  }
  for (uint64_t offset : outlet_offsets) PutFixed64(&body, offset);
  body.append(strings);
  return body;
}

size_t DocumentTableEncoder::memory_usage() const {
  return records_.capacity() * sizeof(DocumentRecord) + strings_.capacity() + outlets_.size() * 64;
}

}  // namespace syndex
