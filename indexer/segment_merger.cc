#include "indexer/segment_merger.h"

#include <queue>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "common/file_writer.h"
#include "common/postings_encoder.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/term_dictionary.h"
#include "indexer/scoped_timer.h"

namespace syndex {
namespace {

using format::FileKind;

// The merge reads its inputs once, in order, through mmap; it drops the
// pages it has read after about this many bytes of output, so that its
// resident size stays far below the indexing memory budget.
constexpr uint64_t kReleaseEveryBytes = 8 << 20;
constexpr uint32_t kReleaseEveryBlocks = kReleaseEveryBytes / format::kStoredBlockTargetBytes;

void ReleaseInputs(const std::vector<const Segment*>& inputs) {
  for (const Segment* s : inputs) s->ReleaseMemory();
}

// Where input i's ids start in the merged segment.
struct Bases {
  std::vector<DocId> doc;
  std::vector<PassageId> passage;
};

Bases ComputeBases(const std::vector<const Segment*>& inputs) {
  Bases bases;
  DocId docs = 0;
  PassageId passages = 0;
  for (const Segment* s : inputs) {
    bases.doc.push_back(docs);
    bases.passage.push_back(passages);
    docs += s->documents().size();
    passages += s->passages().size();
  }
  return bases;
}

absl::StatusOr<std::unique_ptr<FileWriter>> CreateFile(const std::string& dir,
                                                       const std::string& name, FileKind kind) {
  return FileWriter::Create(Segment::FilePath(dir, name, kind), kind);
}

// A position in one input's dictionary, ordered for a min-heap on the key
// and then on the input's index (so equal keys come out in input order).
struct DictionaryHead {
  DictionaryEntry entry;
  size_t input = 0;
  size_t index = 0;

  bool operator>(const DictionaryHead& other) const {
    if (entry.field != other.entry.field) return entry.field > other.entry.field;
    if (int c = entry.term.compare(other.entry.term); c != 0) return c > 0;
    return input > other.input;
  }
};

class PostingsMerger {
 public:
  // Reads only plan.content_of and plan.lengths, which PlanClusters, running
  // at the same time, does not write.
  PostingsMerger(const std::vector<const Segment*>& inputs, const Bases& bases,
                 const DedupPlan& plan)
      : inputs_(inputs), bases_(bases), content_of_(plan.content_of), lengths_(plan.lengths) {}

  absl::Status Run(const std::string& dir, const std::string& name);

 private:
  // Appends one input's postings; returns how many are not copies.
  uint32_t AppendInput(const DictionaryHead& head, PostingsEncoder* encoder);
  absl::Status WriteTerm(format::Field field, std::string_view term,
                         const std::vector<DictionaryHead>& group);

  const std::vector<const Segment*>& inputs_;
  const Bases& bases_;
  const std::vector<PassageId>& content_of_;
  const std::vector<uint16_t>& lengths_;
  std::unique_ptr<FileWriter> postings_file_, positions_file_;
  TermDictionaryEncoder dictionary_;
  std::string postings_, positions_;
  uint64_t written_since_release_ = 0;
};

uint32_t PostingsMerger::AppendInput(const DictionaryHead& head, PostingsEncoder* encoder) {
  const bool body = format::IsPassageField(head.entry.field);
  const uint32_t base = body ? bases_.passage[head.input] : bases_.doc[head.input];
  PostingsCursor cursor = inputs_[head.input]->Cursor(head.entry.info);
  uint32_t contents = 0;
  for (; cursor.id() != kEndId; cursor.Next()) {
    const uint32_t id = base + cursor.id();
    if (!body) {
      encoder->Add(id, cursor.tf(), {}, 0);
      ++contents;
      continue;
    }
    encoder->Add(id, cursor.tf(), cursor.Positions(), lengths_[id]);
    contents += content_of_[id] == id;
  }
  return contents;
}

absl::Status PostingsMerger::WriteTerm(format::Field field, std::string_view term,
                                       const std::vector<DictionaryHead>& group) {
  PostingsEncoder encoder(format::IsPassageField(field));
  uint32_t contents = 0;
  for (const DictionaryHead& head : group) contents += AppendInput(head, &encoder);
  postings_.clear();
  positions_.clear();
  TermInfo info = encoder.Finish(&postings_, &positions_);
  info.content_freq = contents;
  info.document_count = 0;  // segments hold disjoint documents
  for (const DictionaryHead& head : group) info.document_count += head.entry.info.document_count;
  info.postings_offset = postings_file_->body_size();
  info.positions_offset = positions_file_->body_size();
  RETURN_IF_ERROR(postings_file_->Append(postings_));
  RETURN_IF_ERROR(positions_file_->Append(positions_));
  dictionary_.Add(field, term, info);
  written_since_release_ += postings_.size() + positions_.size();
  if (written_since_release_ > kReleaseEveryBytes) {
    ReleaseInputs(inputs_);
    written_since_release_ = 0;
  }
  return absl::OkStatus();
}

absl::Status PostingsMerger::Run(const std::string& dir, const std::string& name) {
  ASSIGN_OR_RETURN(postings_file_, CreateFile(dir, name, FileKind::kPostings));
  ASSIGN_OR_RETURN(positions_file_, CreateFile(dir, name, FileKind::kPositions));
  std::priority_queue<DictionaryHead, std::vector<DictionaryHead>, std::greater<>> heap;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (inputs_[i]->dictionary().size() > 0) heap.push({inputs_[i]->dictionary().Entry(0), i, 0});
  }
  std::vector<DictionaryHead> group;
  while (!heap.empty()) {
    group.clear();
    const DictionaryHead first = heap.top();
    while (!heap.empty() && heap.top().entry.field == first.entry.field &&
           heap.top().entry.term == first.entry.term) {
      DictionaryHead head = heap.top();
      heap.pop();
      group.push_back(head);
      const TermDictionary& dict = inputs_[head.input]->dictionary();
      if (head.index + 1 < dict.size())
        heap.push({dict.Entry(head.index + 1), head.input, head.index + 1});
    }
    // The term view stays valid: it points into the mapped dictionary.
    RETURN_IF_ERROR(WriteTerm(first.entry.field, first.entry.term, group));
  }
  RETURN_IF_ERROR(postings_file_->Finish());
  RETURN_IF_ERROR(positions_file_->Finish());
  ASSIGN_OR_RETURN(auto dict_file, CreateFile(dir, name, FileKind::kDictionary));
  RETURN_IF_ERROR(dict_file->Append(dictionary_.Finish()));
  return dict_file->Finish();
}

absl::Status WriteFile(const std::string& dir, const std::string& name, FileKind kind,
                       std::string_view body) {
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, kind));
  RETURN_IF_ERROR(file->Append(body));
  return file->Finish();
}

// An id naming each merged document's outlet (format::kNoOutlet if none):
// its name interned in order of appearance, as DocumentTableEncoder does.
std::vector<uint32_t> OutletOfEachDocument(const std::vector<const Segment*>& inputs) {
  std::vector<uint32_t> outlets;
  absl::flat_hash_map<std::string_view, uint32_t> ids;  // names in the mapped tables
  for (const Segment* s : inputs) {
    const DocumentTable& table = s->documents();
    for (DocId d = 0; d < table.size(); ++d) {
      const std::string_view name = table.OutletName(table.Get(d).outlet);
      outlets.push_back(
          name.empty() ? format::kNoOutlet
                       : ids.try_emplace(name, static_cast<uint32_t>(ids.size())).first->second);
    }
  }
  return outlets;
}

void AddDocuments(const std::vector<const Segment*>& inputs, const Bases& bases,
                  DocumentTableEncoder* documents) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    const DocumentTable& table = inputs[i]->documents();
    for (DocId d = 0; d < table.size(); ++d) {
      DocumentRecord r = table.Get(d);
      r.first_passage += bases.passage[i];
      documents->Add(r, table.Meta(d), table.OutletName(r.outlet));
    }
  }
}

// Whether block `b` of input `i` holds a passage the merge made a copy.
bool BlockHasNewCopies(const StoredText& text, uint32_t b, PassageId base,
                       const std::vector<bool>& newly_copied) {
  for (uint32_t e = text.Block(b).first_entry; e < text.BlockEnd(b); ++e) {
    if (newly_copied[base + e]) return true;
  }
  return false;
}

// Copies the inputs' stored text; a block holding a new copy is rewritten
// without that passage's text.
absl::Status MergeStoredText(const std::vector<const Segment*>& inputs, const Bases& bases,
                             const std::vector<bool>& newly_copied, const std::string& dir,
                             const std::string& name, MergeStats* stats) {
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, FileKind::kStoredText));
  StoredTextEncoder encoder(file.get());
  std::string raw;
  std::vector<std::string_view> entries;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const StoredText& text = inputs[i]->stored_text();
    for (uint32_t b = 0; b < text.block_count(); ++b) {
      const PassageId base = bases.passage[i];
      // Pages read are dropped now and then, as PostingsMerger does.
      if (b % kReleaseEveryBlocks == kReleaseEveryBlocks - 1) text.file().ReleaseMemory();
      if (!BlockHasNewCopies(text, b, base, newly_copied)) {
        RETURN_IF_ERROR(encoder.AppendBlock(text, b));
        ++stats->blocks_copied;
        continue;
      }
      ++stats->blocks_rewritten;
      ScopedTimer timer(&stats->rewrite_seconds);
      RETURN_IF_ERROR(text.ReadBlock(b, &raw, &entries));
      const uint32_t first = text.Block(b).first_entry;
      for (uint32_t k = 0; k < entries.size(); ++k) {
        const bool drop = newly_copied[base + first + k];
        RETURN_IF_ERROR(encoder.Add(drop ? std::string_view() : entries[k]));
      }
    }
    text.file().ReleaseMemory();
  }
  RETURN_IF_ERROR(encoder.Finish());
  return file->Finish();
}

// Writes the passage, document and sketch tables, freeing each part of the
// plan once written: the plan is most of a merge's memory, and each table is
// encoded whole before it is written.
absl::Status WriteTables(const std::vector<const Segment*>& inputs, const Bases& bases,
                         const std::string& dir, const std::string& name, DedupPlan* plan) {
  plan->content_of = {};
  plan->lengths = {};
  plan->newly_copied = {};
  RETURN_IF_ERROR(WriteFile(dir, name, FileKind::kPassages, EncodePassageTable(plan->passages)));
  plan->passages = {};
  {
    DocumentTableEncoder documents;
    AddDocuments(inputs, bases, &documents);
    for (DocId d = 0; d < documents.size(); ++d) {
      documents.SetDuplicates(d, plan->canonical_document[d], plan->document_cluster[d]);
    }
    plan->canonical_document = {};
    plan->document_cluster = {};
    RETURN_IF_ERROR(WriteFile(dir, name, FileKind::kDocuments, documents.Finish()));
  }
  ReleaseInputs(inputs);
  return WriteFile(dir, name, FileKind::kSketches, EncodeSketchTable(plan->sketches));
}

}  // namespace

absl::StatusOr<SegmentInfo> MergeSegments(const std::vector<const Segment*>& inputs,
                                          const std::string& dir, const std::string& name,
                                          const DedupOptions& options, MergeStats* stats_out) {
  MergeStats stats;
  const Bases bases = ComputeBases(inputs);
  SegmentInfo info;
  info.name = name;
  for (const Segment* s : inputs) {
    info.doc_count += s->info().doc_count;
    info.passage_count += s->info().passage_count;
    info.token_count += s->info().token_count;
  }
  DedupPlan plan;
  {
    ScopedTimer timer(&stats.plan_seconds);
    plan = PlanCopies(inputs);
  }
  ReleaseInputs(inputs);  // PlanCopies read every passage table
  info.content_count = plan.content_count;
  info.content_token_count = plan.content_token_count;
  // Clusters, boilerplate and groups are decided on a second core while
  // postings and stored text are merged, which need only the copies.
  const std::vector<uint32_t> outlets = OutletOfEachDocument(inputs);
  std::thread clusters([&] {
    ScopedTimer timer(&stats.cluster_seconds);
    PlanClusters(inputs, outlets, options, &plan);
  });
  absl::Status status = PostingsMerger(inputs, bases, plan).Run(dir, name);
  if (status.ok()) status = MergeStoredText(inputs, bases, plan.newly_copied, dir, name, &stats);
  {
    ScopedTimer timer(&stats.cluster_wait_seconds);
    clusters.join();
  }
  RETURN_IF_ERROR(status);
  RETURN_IF_ERROR(WriteTables(inputs, bases, dir, name, &plan));
  if (stats_out != nullptr) *stats_out = stats;
  return info;
}

}  // namespace syndex
