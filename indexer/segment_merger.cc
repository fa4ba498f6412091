#include "indexer/segment_merger.h"

#include <queue>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "common/file_writer.h"
#include "common/postings_encoder.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "common/term_dictionary.h"
#include "indexer/ordered_batches.h"
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

// Terms of the merged dictionary in key order, each with the inputs that
// hold it (in input order): heads[first, end) of one flat vector, so that a
// chunk of terms costs no allocation per term.
struct TermChunk {
  struct Term {
    format::Field field;
    std::string_view term;  // into a mapped dictionary
    size_t first = 0, end = 0;
  };
  std::vector<Term> terms;
  std::vector<DictionaryHead> heads;
};

// A batch of a chunk's terms encoded, offsets relative to its own bytes.
struct EncodedTerms {
  std::string postings, positions;
  std::vector<TermInfo> infos;
  absl::Status status;  // an input list that did not decode
};

class PostingsMerger {
 public:
  // Reads only plan.content_of and plan.lengths, which PlanClusters, running
  // at the same time, does not write.
  PostingsMerger(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                 const DedupPlan& plan, uint32_t threads)
      : inputs_(inputs),
        ids_(ids),
        content_of_(plan.content_of),
        lengths_(plan.lengths),
        threads_(threads) {}

  absl::Status Run(const std::string& dir, const std::string& name);

 private:
  // Terms in a chunk: few enough that the chunk stays small beside the
  // postings, many enough that its batches keep every thread busy.
  static constexpr size_t kChunkTerms = 1 << 14;
  static constexpr uint64_t kBatchPostings = 1 << 17;
  static constexpr size_t kBatchTerms = 1024;

  // Takes the next terms, up to kChunkTerms, off the heap of the inputs'
  // dictionaries.
  template <typename Heap>
  void NextChunk(Heap* heap, TermChunk* chunk) const;
  // What one input's list added to the merged list.
  struct Appended {
    uint32_t contents = 0;   // postings of passages that are not copies
    uint32_t documents = 0;  // distinct documents
  };
  // Appends one input's postings of documents that are not deleted.
  absl::StatusOr<Appended> AppendInput(const DictionaryHead& head, PostingsEncoder* encoder) const;
  // Encodes chunk.terms[begin, end). Safe on several threads at once.
  EncodedTerms EncodeTerms(const TermChunk& chunk, size_t begin, size_t end) const;
  absl::Status WriteTerms(const TermChunk& chunk, size_t begin, const EncodedTerms& encoded);

  const std::vector<const Segment*>& inputs_;
  const MergedIds& ids_;
  const std::vector<PassageId>& content_of_;
  const std::vector<uint16_t>& lengths_;
  const uint32_t threads_;
  std::unique_ptr<FileWriter> postings_file_, positions_file_;
  TermDictionaryEncoder dictionary_;
  uint64_t written_since_release_ = 0;
};

absl::StatusOr<PostingsMerger::Appended> PostingsMerger::AppendInput(
    const DictionaryHead& head, PostingsEncoder* encoder) const {
  const bool body = format::IsPassageField(head.entry.field);
  const Segment& input = *inputs_[head.input];
  PostingsCursor cursor = input.Cursor(head.entry.info);
  // Without deletions the list keeps all its documents; with them, they
  // are counted as the list goes (a document's passages are consecutive).
  const bool drops = ids_.Drops(head.input);
  Appended appended;
  DocId last_document = kEndId;
  for (; cursor.id() != kEndId; cursor.Next()) {
    const uint32_t id =
        body ? ids_.Passage(head.input, cursor.id()) : ids_.Doc(head.input, cursor.id());
    if (id == MergedIds::kDropped) continue;
    if (drops) {
      const DocId document = body ? input.passages().Get(cursor.id()).doc : cursor.id();
      appended.documents += document != last_document;
      last_document = document;
    }
    if (!body) {
      encoder->Add(id, cursor.tf(), {}, 0);
      ++appended.contents;
      continue;
    }
    // Positions count from the passage's start: they are copied as they
    // are, not decoded and encoded again.
    encoder->AddEncoded(id, cursor.tf(), cursor.EncodedPositions(), lengths_[id]);
    appended.contents += content_of_[id] == id;
  }
  // Damaged bytes must not be copied into the merged segment.
  if (cursor.corrupt()) {
    return absl::DataLossError(StrCat("merge: the postings of '", head.entry.term, "' in segment ",
                                      input.info().name, " do not decode"));
  }
  if (!drops) appended.documents = head.entry.info.document_count;
  return appended;
}

EncodedTerms PostingsMerger::EncodeTerms(const TermChunk& chunk, size_t begin, size_t end) const {
  EncodedTerms out;
  // Reused from term to term (Finish resets them), keeping their buffers.
  PostingsEncoder with_positions(true), without_positions(false);
  for (size_t t = begin; t < end; ++t) {
    const TermChunk::Term& term = chunk.terms[t];
    PostingsEncoder& encoder =
        format::IsPassageField(term.field) ? with_positions : without_positions;
    uint32_t contents = 0;
    uint32_t documents = 0;  // segments hold disjoint documents
    for (size_t h = term.first; h < term.end; ++h) {
      absl::StatusOr<Appended> appended = AppendInput(chunk.heads[h], &encoder);
      if (!appended.ok()) {
        out.status = appended.status();
        return out;
      }
      contents += appended->contents;
      documents += appended->documents;
    }
    TermInfo info = encoder.Finish(&out.postings, &out.positions);
    info.content_freq = contents;
    info.document_count = documents;
    out.infos.push_back(info);
  }
  return out;
}

absl::Status PostingsMerger::WriteTerms(const TermChunk& chunk, size_t begin,
                                        const EncodedTerms& encoded) {
  RETURN_IF_ERROR(encoded.status);
  const uint64_t postings_base = postings_file_->body_size();
  const uint64_t positions_base = positions_file_->body_size();
  RETURN_IF_ERROR(postings_file_->Append(encoded.postings));
  RETURN_IF_ERROR(positions_file_->Append(encoded.positions));
  for (size_t i = 0; i < encoded.infos.size(); ++i) {
    const TermChunk::Term& term = chunk.terms[begin + i];
    TermInfo info = encoded.infos[i];
    if (info.doc_freq == 0) continue;  // only deleted documents held it
    info.postings_offset += postings_base;
    info.positions_offset += positions_base;
    dictionary_.Add(term.field, term.term, info);
  }
  written_since_release_ += encoded.postings.size() + encoded.positions.size();
  if (written_since_release_ > kReleaseEveryBytes) {
    ReleaseInputs(inputs_);
    written_since_release_ = 0;
  }
  return absl::OkStatus();
}

template <typename Heap>
void PostingsMerger::NextChunk(Heap* heap, TermChunk* chunk) const {
  chunk->terms.clear();
  chunk->heads.clear();
  while (!heap->empty() && chunk->terms.size() < kChunkTerms) {
    const DictionaryHead first = heap->top();
    TermChunk::Term& term = chunk->terms.emplace_back();
    term.field = first.entry.field;
    term.term = first.entry.term;  // points into the mapped dictionary
    term.first = chunk->heads.size();
    while (!heap->empty() && heap->top().entry.field == first.entry.field &&
           heap->top().entry.term == first.entry.term) {
      const DictionaryHead head = heap->top();
      heap->pop();
      chunk->heads.push_back(head);
      const TermDictionary& dict = inputs_[head.input]->dictionary();
      if (head.index + 1 < dict.size())
        heap->push({dict.Entry(head.index + 1), head.input, head.index + 1});
    }
    term.end = chunk->heads.size();
  }
}

absl::Status PostingsMerger::Run(const std::string& dir, const std::string& name) {
  ASSIGN_OR_RETURN(postings_file_, CreateFile(dir, name, FileKind::kPostings));
  ASSIGN_OR_RETURN(positions_file_, CreateFile(dir, name, FileKind::kPositions));
  std::priority_queue<DictionaryHead, std::vector<DictionaryHead>, std::greater<>> heap;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (inputs_[i]->dictionary().size() > 0) heap.push({inputs_[i]->dictionary().Entry(0), i, 0});
  }
  // Chunks of terms are taken off the heap in order; each chunk's batches
  // are encoded on the threads and written in order (ordered_batches.h).
  TermChunk chunk;
  while (!heap.empty()) {
    NextChunk(&heap, &chunk);
    const std::vector<std::pair<size_t, size_t>> batches =
        CutBatches(chunk.terms.size(), kBatchPostings, kBatchTerms, [&](size_t t) {
          uint64_t postings = 0;
          for (size_t h = chunk.terms[t].first; h < chunk.terms[t].end; ++h) {
            postings += chunk.heads[h].entry.info.doc_freq;
          }
          return postings;
        });
    RETURN_IF_ERROR(EncodeInOrder<EncodedTerms>(
        batches.size(), threads_,
        [&](size_t b) { return EncodeTerms(chunk, batches[b].first, batches[b].second); },
        [&](size_t b, EncodedTerms encoded) {
          return WriteTerms(chunk, batches[b].first, encoded);
        }));
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
std::vector<uint32_t> OutletOfEachDocument(const std::vector<const Segment*>& inputs,
                                           const MergedIds& merged) {
  std::vector<uint32_t> outlets;
  absl::flat_hash_map<std::string_view, uint32_t> ids;  // names in the mapped tables
  for (size_t i = 0; i < inputs.size(); ++i) {
    const DocumentTable& table = inputs[i]->documents();
    for (DocId d = 0; d < table.size(); ++d) {
      if (merged.Doc(i, d) == MergedIds::kDropped) continue;
      const std::string_view name = table.OutletName(table.Get(d).outlet);
      outlets.push_back(
          name.empty() ? format::kNoOutlet
                       : ids.try_emplace(name, static_cast<uint32_t>(ids.size())).first->second);
    }
  }
  return outlets;
}

void AddDocuments(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                  DocumentTableEncoder* documents) {
  PassageId first = 0;  // a live document's passages are numbered on from here
  for (size_t i = 0; i < inputs.size(); ++i) {
    const DocumentTable& table = inputs[i]->documents();
    for (DocId d = 0; d < table.size(); ++d) {
      if (ids.Doc(i, d) == MergedIds::kDropped) continue;
      DocumentRecord r = table.Get(d);
      r.first_passage = first;
      first += r.passage_count;
      documents->Add(r, table.Meta(d), table.OutletName(r.outlet));
    }
  }
}

// What merging does to a stored text block of an input.
enum class BlockChange {
  kNone,     // copied as it is
  kMaybe,    // holds new copies, whose text may be there (then rewritten)
  kRewrite,  // holds a deleted passage or one that needs its text back
};

BlockChange ChangeOf(const StoredText& text, uint32_t b, size_t input, const MergedIds& ids,
                     const DedupPlan& plan) {
  BlockChange change = BlockChange::kNone;
  for (uint32_t e = text.Block(b).first_entry; e < text.BlockEnd(b); ++e) {
    const PassageId p = ids.Passage(input, e);
    if (p == MergedIds::kDropped || plan.needs_text[p]) return BlockChange::kRewrite;
    if (plan.newly_copied[p]) change = BlockChange::kMaybe;
  }
  return change;
}

// Whether one of `entries` (of a block whose first entry is passage
// `first`) is a new copy's text, which the merged segment must not keep. A
// builder leaves out the text of a passage whose content an earlier
// segment of the same build holds (DocumentRun::texts_stored_before), so
// most new copies are empty already.
bool HoldsNewCopyText(const std::vector<std::string_view>& entries, PassageId first,
                      const std::vector<bool>& newly_copied) {
  for (uint32_t k = 0; k < entries.size(); ++k) {
    if (newly_copied[first + k] && !entries[k].empty()) return true;
  }
  return false;
}

// The text of the content of `input`'s passage `passage`: what a copy whose
// content was deleted stores once it is a content itself.
absl::StatusOr<std::string> ContentText(const Segment& input, PassageId passage) {
  const PassageId content = input.passages().ContentOf(passage);
  const PassageRecord r = input.passages().Get(content);
  if (!r.is_title()) return input.stored_text().Get(content);
  const std::string_view title = input.documents().Meta(r.doc).title;
  if (r.start > r.end || r.end > title.size()) {
    return absl::DataLossError(StrCat("merge: title passage ", content, " of segment ",
                                      input.info().name, " lies outside its title"));
  }
  return std::string(title.substr(r.start, r.end - r.start));
}

// Writes block `b` of input `i` entry by entry: without deleted passages,
// empty for new copies, and with the text of copies that became contents.
absl::Status RewriteBlock(const Segment& input, size_t i, uint32_t b,
                          const std::vector<std::string_view>& entries, const MergedIds& ids,
                          const DedupPlan& plan, StoredTextEncoder* encoder) {
  const uint32_t first = input.stored_text().Block(b).first_entry;
  for (uint32_t k = 0; k < entries.size(); ++k) {
    const PassageId p = ids.Passage(i, first + k);
    if (p == MergedIds::kDropped) continue;
    if (plan.newly_copied[p]) {
      RETURN_IF_ERROR(encoder->Add(""));
    } else if (plan.needs_text[p]) {
      ASSIGN_OR_RETURN(const std::string text, ContentText(input, first + k));
      RETURN_IF_ERROR(encoder->Add(text));
    } else {
      RETURN_IF_ERROR(encoder->Add(entries[k]));
    }
  }
  return absl::OkStatus();
}

// Copies the inputs' stored text; a block that loses or gains text is
// rewritten.
absl::Status MergeStoredText(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                             const DedupPlan& plan, const std::string& dir, const std::string& name,
                             MergeStats* stats) {
  ASSIGN_OR_RETURN(auto file, CreateFile(dir, name, FileKind::kStoredText));
  StoredTextEncoder encoder(file.get());
  std::string raw;
  std::vector<std::string_view> entries;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const StoredText& text = inputs[i]->stored_text();
    for (uint32_t b = 0; b < text.block_count(); ++b) {
      // Pages read are dropped now and then, as PostingsMerger does.
      if (b % kReleaseEveryBlocks == kReleaseEveryBlocks - 1) text.file().ReleaseMemory();
      const BlockChange change = ChangeOf(text, b, i, ids, plan);
      if (change != BlockChange::kNone) {
        ScopedTimer timer(&stats->rewrite_seconds);
        RETURN_IF_ERROR(text.ReadBlock(b, &raw, &entries));
        // Without a deleted passage in the block, its passages keep
        // consecutive ids.
        if (change == BlockChange::kRewrite ||
            HoldsNewCopyText(entries, ids.Passage(i, text.Block(b).first_entry),
                             plan.newly_copied)) {
          ++stats->blocks_rewritten;
          RETURN_IF_ERROR(RewriteBlock(*inputs[i], i, b, entries, ids, plan, &encoder));
          continue;
        }
      }
      RETURN_IF_ERROR(encoder.AppendBlock(text, b));
      ++stats->blocks_copied;
    }
    text.file().ReleaseMemory();
  }
  RETURN_IF_ERROR(encoder.Finish());
  return file->Finish();
}

// Writes the passage, document and sketch tables, freeing each part of the
// plan once written: the plan is most of a merge's memory, and each table is
// encoded whole before it is written. Leaves what merging postings and text
// reads (content_of, lengths, newly_copied).
absl::Status WriteTables(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                         const std::string& dir, const std::string& name, DedupPlan* plan) {
  RETURN_IF_ERROR(WriteFile(dir, name, FileKind::kPassages, EncodePassageTable(plan->passages)));
  plan->passages = {};
  {
    DocumentTableEncoder documents;
    AddDocuments(inputs, ids, &documents);
    for (DocId d = 0; d < documents.size(); ++d) {
      documents.SetDuplicates(d, plan->canonical_document[d], plan->document_cluster[d]);
    }
    plan->canonical_document = {};
    plan->document_cluster = {};
    RETURN_IF_ERROR(WriteFile(dir, name, FileKind::kDocuments, documents.Finish()));
  }
  ReleaseInputs(inputs);
  RETURN_IF_ERROR(WriteFile(dir, name, FileKind::kSketches, EncodeSketchTable(plan->sketches)));
  plan->sketches = {};
  return absl::OkStatus();
}

// Frees what merging postings and text read.
void FreeCopies(DedupPlan* plan) {
  plan->content_of = {};
  plan->lengths = {};
  plan->newly_copied = {};
  plan->needs_text = {};
}

// Merges the postings and, beside them with threads to spare, the stored
// text (whose blocks holding new copies are recompressed).
absl::Status MergePostingsAndText(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                                  const DedupPlan& plan, const std::string& dir,
                                  const std::string& name, uint32_t threads, MergeStats* stats) {
  absl::Status text_status;
  auto merge_text = [&] { text_status = MergeStoredText(inputs, ids, plan, dir, name, stats); };
  std::thread text;
  if (threads > 1) {
    stats->text_beside_postings = true;
    text = std::thread(merge_text);
  }
  absl::Status status = PostingsMerger(inputs, ids, plan, threads).Run(dir, name);
  if (text.joinable()) {
    text.join();
  } else if (status.ok()) {
    merge_text();
  }
  if (status.ok()) status = text_status;
  return status;
}

// Tokens of the documents the merge keeps (SegmentInfo::token_count).
uint64_t LiveTokenCount(const std::vector<const Segment*>& inputs, const MergedIds& ids) {
  uint64_t tokens = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!ids.Drops(i)) {
      tokens += inputs[i]->info().token_count;
      continue;
    }
    const DocumentTable& documents = inputs[i]->documents();
    for (DocId d = 0; d < documents.size(); ++d) {
      if (ids.Doc(i, d) != MergedIds::kDropped) tokens += documents.Get(d).length;
    }
  }
  return tokens;
}

}  // namespace

bool MayClusterBesidePostings(const std::vector<const Segment*>& inputs, size_t memory_budget) {
  if (memory_budget == 0) return true;
  // What PlanCopies keeps a passage (dedup_plan.h, about 35 bytes), and
  // what the passage clusterer holds a sketch: the sketch, its band entry
  // and sort scratch, its cluster links (about 64). Measured on AllSides:
  // 87 MB of the 140 MB that deciding clusters beside postings held.
  constexpr size_t kPlanBytesPerPassage = 36;
  constexpr size_t kClusterBytesPerSketch = 64;
  size_t clustering = 0;
  for (const Segment* s : inputs) {
    clustering += s->passages().size() * kPlanBytesPerPassage +
                  s->sketches().signed_count() * kClusterBytesPerSketch;
  }
  // Half the budget: the postings merge's chunks, buffers and mapped pages
  // take about as much again.
  return clustering <= memory_budget / 2;
}

absl::StatusOr<SegmentInfo> MergeSegments(const std::vector<const Segment*>& inputs,
                                          const std::string& dir, const std::string& name,
                                          const MergeOptions& options, MergeStats* stats_out) {
  MergeStats stats;
  const MergedIds ids(inputs, options.deletions);
  SegmentInfo info;
  info.name = name;
  info.doc_count = ids.doc_count();
  info.passage_count = ids.passage_count();
  info.token_count = LiveTokenCount(inputs, ids);
  DedupPlan plan;
  {
    ScopedTimer timer(&stats.plan_seconds);
    plan = PlanCopies(inputs, ids);
  }
  ReleaseInputs(inputs);  // PlanCopies read every passage table
  info.content_count = plan.content_count;
  info.content_token_count = plan.content_token_count;
  const std::vector<uint32_t> outlets = OutletOfEachDocument(inputs, ids);
  auto plan_clusters = [&] {
    ScopedTimer timer(&stats.cluster_seconds);
    PlanClusters(inputs, ids, outlets, options.dedup, &plan);
  };
  stats.clusters_beside_postings = MayClusterBesidePostings(inputs, options.memory_budget);
  if (!stats.clusters_beside_postings) {
    // Within a tight budget the clusterer's memory is freed, and the
    // tables written, before the postings take theirs.
    plan_clusters();
    RETURN_IF_ERROR(WriteTables(inputs, ids, dir, name, &plan));
    RETURN_IF_ERROR(MergePostingsAndText(inputs, ids, plan, dir, name, options.threads, &stats));
  } else {
    // Clusters, boilerplate and groups are decided on a second core while
    // postings and stored text are merged, which need only the copies.
    std::thread clusters(plan_clusters);
    const absl::Status status =
        MergePostingsAndText(inputs, ids, plan, dir, name, options.threads, &stats);
    {
      ScopedTimer timer(&stats.cluster_wait_seconds);
      clusters.join();
    }
    RETURN_IF_ERROR(status);
    FreeCopies(&plan);
    RETURN_IF_ERROR(WriteTables(inputs, ids, dir, name, &plan));
  }
  if (stats_out != nullptr) *stats_out = stats;
  return info;
}

}  // namespace syndex
