#include "indexer/segment_merger.h"

#include <queue>

#include "common/file_writer.h"
#include "common/postings_encoder.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/term_dictionary.h"

namespace syndex {
namespace {

using format::FileKind;

// The merge reads its inputs once, in order, through mmap; it drops the
// pages it has read after about this many bytes of output, so that its
// resident size stays far below the indexing memory budget.
constexpr uint64_t kReleaseEveryBytes = 8 << 20;

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
  PostingsMerger(const std::vector<const Segment*>& inputs, const Bases& bases)
      : inputs_(inputs), bases_(bases) {}

  absl::Status Run(const std::string& dir, const std::string& name);

 private:
  void AppendInput(const DictionaryHead& head, PostingsEncoder* encoder);
  absl::Status WriteTerm(format::Field field, std::string_view term,
                         const std::vector<DictionaryHead>& group);

  const std::vector<const Segment*>& inputs_;
  const Bases& bases_;
  std::unique_ptr<FileWriter> postings_file_, positions_file_;
  TermDictionaryEncoder dictionary_;
  std::string postings_, positions_;
  uint64_t written_since_release_ = 0;
};

void PostingsMerger::AppendInput(const DictionaryHead& head, PostingsEncoder* encoder) {
  const Segment& segment = *inputs_[head.input];
  const bool body = head.entry.field == format::Field::kBody;
  const uint32_t base = body ? bases_.passage[head.input] : bases_.doc[head.input];
  PostingsCursor cursor = segment.Cursor(head.entry.info);
  for (; cursor.id() != kEndId; cursor.Next()) {
    const uint32_t length = body ? segment.passages().Get(cursor.id()).length : 0;
    const std::span<const Position> positions =
        body ? cursor.Positions() : std::span<const Position>();
    encoder->Add(base + cursor.id(), cursor.tf(), positions, length);
  }
}

absl::Status PostingsMerger::WriteTerm(format::Field field, std::string_view term,
                                       const std::vector<DictionaryHead>& group) {
  PostingsEncoder encoder(field == format::Field::kBody);
  for (const DictionaryHead& head : group) AppendInput(head, &encoder);
  postings_.clear();
  positions_.clear();
  TermInfo info = encoder.Finish(&postings_, &positions_);
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

absl::Status MergePassages(const std::vector<const Segment*>& inputs, const Bases& bases,
                           uint32_t total, const std::string& dir, const std::string& name) {
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, FileKind::kPassages));
  std::string bytes = EncodePassageTablePrefix(total);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const PassageTable& table = inputs[i]->passages();
    for (PassageId p = 0; p < table.size(); ++p) {
      PassageRecord r = table.Get(p);
      r.doc += bases.doc[i];
      AppendPassageRecord(r, &bytes);
    }
    RETURN_IF_ERROR(file->Append(bytes));
    bytes.clear();
    table.file().ReleaseMemory();
  }
  return file->Finish();
}

absl::Status MergeDocuments(const std::vector<const Segment*>& inputs, const Bases& bases,
                            const std::string& dir, const std::string& name) {
  DocumentTableEncoder documents;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const DocumentTable& table = inputs[i]->documents();
    for (DocId d = 0; d < table.size(); ++d) {
      DocumentRecord r = table.Get(d);
      r.first_passage += bases.passage[i];
      documents.Add(r, table.Meta(d), table.OutletName(r.outlet));
    }
  }
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, FileKind::kDocuments));
  RETURN_IF_ERROR(file->Append(documents.Finish()));
  return file->Finish();
}

absl::Status MergeStoredText(const std::vector<const Segment*>& inputs, const std::string& dir,
                             const std::string& name) {
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, FileKind::kStoredText));
  StoredTextEncoder text(file.get());
  for (const Segment* s : inputs) {
    RETURN_IF_ERROR(text.AppendBlocks(s->stored_text()));
    s->stored_text().file().ReleaseMemory();
  }
  RETURN_IF_ERROR(text.Finish());
  return file->Finish();
}

}  // namespace

absl::StatusOr<SegmentInfo> MergeSegments(const std::vector<const Segment*>& inputs,
                                          const std::string& dir, const std::string& name) {
  const Bases bases = ComputeBases(inputs);
  SegmentInfo info;
  info.name = name;
  for (const Segment* s : inputs) {
    info.doc_count += s->info().doc_count;
    info.passage_count += s->info().passage_count;
    info.token_count += s->info().token_count;
  }
  RETURN_IF_ERROR(PostingsMerger(inputs, bases).Run(dir, name));
  RETURN_IF_ERROR(MergePassages(inputs, bases, info.passage_count, dir, name));
  RETURN_IF_ERROR(MergeDocuments(inputs, bases, dir, name));
  RETURN_IF_ERROR(MergeStoredText(inputs, dir, name));
  return info;
}

}  // namespace syndex
