#include "indexer/dedup_plan.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "indexer/passage_groups.h"

namespace syndex {
namespace {

// Concatenates the inputs' live passage records and content hashes,
// resolving each passage's content across all inputs. Every vector is sized
// once: the plan is most of a merge's memory, about 35 bytes a passage (and
// the sketches, 32 bytes a distinct passage).
void MergeContents(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                   DedupPlan* plan) {
  const size_t total = ids.passage_count();
  plan->passages.records.reserve(total);
  plan->content_of.resize(total);
  plan->lengths.reserve(total);
  // First whether each was a copy in its input.
  std::vector<bool> was_copy;
  was_copy.reserve(total);
  plan->sketches.content_hashes.reserve(total);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const PassageTable& table = inputs[i]->passages();
    for (PassageId p = 0; p < table.size(); ++p) {
      if (ids.Passage(i, p) == MergedIds::kDropped) continue;
      PassageRecord r = table.Get(p);
      was_copy.push_back(r.is_copy());
      r.doc = ids.Doc(i, r.doc);
      r.flags &= ~(format::kPassageIsCopy | format::kPassageBoilerplate);
      r.group = format::kNoGroup;
      plan->lengths.push_back(r.length);
      plan->sketches.content_hashes.push_back(inputs[i]->sketches().ContentHash(p));
      plan->passages.records.push_back(r);
    }
  }
  // A passage's content is the first passage with its hash: sorting (hash,
  // id) pairs takes 16 bytes a passage where a hash map took 36.
  std::vector<std::pair<uint64_t, PassageId>> by_hash(total);
  for (PassageId id = 0; id < total; ++id) by_hash[id] = {plan->sketches.content_hashes[id], id};
  std::sort(by_hash.begin(), by_hash.end());
  for (size_t begin = 0, end; begin < total; begin = end) {
    for (end = begin; end < total && by_hash[end].first == by_hash[begin].first; ++end) {
      plan->content_of[by_hash[end].second] = by_hash[begin].second;
    }
  }
  by_hash = {};
  plan->newly_copied.resize(total);
  plan->needs_text.resize(total);
  for (PassageId id = 0; id < total; ++id) {
    const PassageId content = plan->content_of[id];
    const PassageRecord& r = plan->passages.records[id];
    // A title's entry is empty anyway: only a text entry needs dropping
    // or filling.
    plan->newly_copied[id] = content != id && !was_copy[id] && !r.is_title();
    plan->needs_text[id] = content == id && was_copy[id] && !r.is_title();
    if (content == id) {
      ++plan->content_count;
      plan->content_token_count += r.length;
    }
  }
}

// The boilerplate flags of every passage: detected per occurrence, then
// given to every passage with the same text.
void MarkBoilerplate(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                     const std::vector<uint32_t>& outlet_of_document,
                     const std::vector<PassageId>& content_of, const BoilerplateOptions& options,
                     std::vector<PassageRecord>* records) {
  BoilerplateDetector detector(options);
  std::vector<PassageFeatures> features;
  DocId doc = 0;
  PassageId first = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Segment* s = inputs[i];
    for (DocId d = 0; d < s->documents().size(); ++d) {
      if (ids.Doc(i, d) == MergedIds::kDropped) continue;
      const uint32_t count = s->documents().Get(d).passage_count;
      features.clear();  // the text's identity is its content id
      for (PassageId p = first; p < first + count; ++p) {
        const PassageRecord& r = (*records)[p];
        features.push_back({content_of[p], r.line_words,
                            (r.flags & format::kPassageEndsSentence) != 0, r.is_title()});
      }
      detector.AddDocument(outlet_of_document[doc++], features);
      first += count;
    }
    s->ReleaseMemory();  // pages read are dropped, as the merge does
  }
  std::vector<uint8_t> flags_of_content(records->size(), 0);
  const std::vector<std::vector<BoilerplateReason>> reasons = detector.Detect();
  PassageId p = 0;
  for (const std::vector<BoilerplateReason>& doc_reasons : reasons) {
    for (BoilerplateReason reason : doc_reasons) {
      if (reason == BoilerplateReason::kEdgeChrome) {
        flags_of_content[content_of[p]] |= format::kPassageEdgeChrome;
      } else if (reason == BoilerplateReason::kRepeatedInOutlet) {
        flags_of_content[content_of[p]] |= format::kPassageRepeatedChrome;
      }
      ++p;
    }
  }
  for (p = 0; p < records->size(); ++p) {
    PassageRecord& r = (*records)[p];
    if (!r.is_title()) r.flags |= flags_of_content[content_of[p]];  // a title is never chrome
  }
}

// The index among `sketches`' signed passages of `passage`, or -1.
int64_t SignedIndexOf(const SketchTable& sketches, PassageId passage) {
  uint32_t low = 0, high = sketches.signed_count();
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    if (sketches.SignedPassage(mid) < passage) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low == sketches.signed_count() || sketches.SignedPassage(low) != passage) return -1;
  return low;
}

// The sketches of input `i`'s passages that are contents of the merge, by
// merged id: its signed contents, and the copies that became contents
// because their content was deleted, with their old content's sketch.
std::vector<std::pair<PassageId, std::string_view>> LiveSketches(const Segment& input, size_t i,
                                                                 const MergedIds& ids,
                                                                 const DedupPlan& plan) {
  std::vector<std::pair<PassageId, std::string_view>> live;
  const SketchTable& sketches = input.sketches();
  for (uint32_t k = 0; k < sketches.signed_count(); ++k) {
    const PassageId p = ids.Passage(i, sketches.SignedPassage(k));
    if (p != MergedIds::kDropped && plan.content_of[p] == p) {
      live.emplace_back(p, sketches.PassageSketch(k));
    }
  }
  for (PassageId old = 0; old < input.passages().size(); ++old) {
    const PassageId p = ids.Passage(i, old);
    if (p == MergedIds::kDropped || !plan.needs_text[p]) continue;
    const int64_t k = SignedIndexOf(sketches, input.passages().ContentOf(old));
    if (k >= 0) live.emplace_back(p, sketches.PassageSketch(static_cast<uint32_t>(k)));
  }
  std::sort(live.begin(), live.end());
  return live;
}

// For every content, the smallest content of its near-duplicate cluster.
std::vector<PassageId> ClusterPassages(const std::vector<const Segment*>& inputs,
                                       const MergedIds& ids, const ClusterOptions& options,
                                       DedupPlan* plan) {
  const std::vector<PassageId>& content_of = plan->content_of;
  std::vector<PassageId> cluster_of(content_of.size());
  for (PassageId p = 0; p < cluster_of.size(); ++p) cluster_of[p] = p;
  NearDuplicateClusterer clusterer(options);
  uint32_t signed_count = 0;
  for (const Segment* s : inputs) signed_count += s->sketches().signed_count();
  clusterer.Reserve(signed_count, format::kPassageSketchBins);
  plan->sketches.signed_passages.reserve(signed_count);
  auto add = [&](PassageId p, std::string_view sketch) {
    clusterer.AddSketch(sketch);
    plan->sketches.signed_passages.push_back(p);
  };
  for (size_t i = 0; i < inputs.size(); ++i) {
    const SketchTable& sketches = inputs[i]->sketches();
    if (ids.Drops(i)) {
      for (const auto& [p, sketch] : LiveSketches(*inputs[i], i, ids, *plan)) add(p, sketch);
    } else {
      for (uint32_t k = 0; k < sketches.signed_count(); ++k) {
        const PassageId p = ids.Passage(i, sketches.SignedPassage(k));
        if (content_of[p] == p) add(p, sketches.PassageSketch(k));
      }
    }
    inputs[i]->ReleaseMemory();  // the clusterer has its own copy of the sketches
  }
  const std::vector<uint32_t> root = clusterer.Cluster();
  // Every input sketch has the format's bins (SketchTable::Open checked),
  // so the clusterer holds exactly the merged segment's sketches.
  plan->sketches.passage_sketches = clusterer.TakeSketches();
  const std::vector<PassageId>& passage_of_item = plan->sketches.signed_passages;
  for (uint32_t item = 0; item < root.size(); ++item) {
    cluster_of[passage_of_item[item]] = passage_of_item[root[item]];
  }
  return cluster_of;
}

// Exact duplicates and near-duplicate clusters of documents.
void ClusterDocuments(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                      const ClusterOptions& options, DedupPlan* plan) {
  const std::vector<PassageId>& content_of = plan->content_of;
  NearDuplicateClusterer clusterer(options);
  clusterer.Reserve(ids.doc_count(), format::kDocumentSketchBins);
  plan->canonical_document.reserve(ids.doc_count());
  absl::flat_hash_map<uint64_t, DocId> first_with_passages;
  PassageId first = 0;  // the merged id of the document's first passage
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Segment* s = inputs[i];
    for (DocId d = 0; d < s->documents().size(); ++d) {
      if (ids.Doc(i, d) == MergedIds::kDropped) continue;
      const DocumentRecord r = s->documents().Get(d);
      uint64_t hash = r.passage_count;
      for (PassageId p = first; p < first + r.passage_count; ++p) {
        hash = absl::HashOf(hash, plan->sketches.content_hashes[content_of[p]]);
      }
      first += r.passage_count;
      const DocId id = static_cast<DocId>(plan->canonical_document.size());
      plan->canonical_document.push_back(first_with_passages.try_emplace(hash, id).first->second);
      clusterer.AddSketch(s->sketches().DocumentSketch(d));
    }
    s->ReleaseMemory();
  }
  plan->document_cluster = clusterer.Cluster();
  plan->sketches.document_sketches = clusterer.TakeSketches();
}

}  // namespace

DedupPlan PlanCopies(const std::vector<const Segment*>& inputs, const MergedIds& ids) {
  DedupPlan plan;
  MergeContents(inputs, ids, &plan);
  return plan;
}

void PlanClusters(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                  const std::vector<uint32_t>& outlet_of_document, const DedupOptions& options,
                  DedupPlan* plan) {
  // Every input's sketches have the bins of format.h: SketchTable::Open
  // checked them.
  const std::vector<PassageId>& content_of = plan->content_of;
  MarkBoilerplate(inputs, ids, outlet_of_document, content_of, options.boilerplate,
                  &plan->passages.records);
  const std::vector<PassageId> cluster_of = ClusterPassages(inputs, ids, options.passages, plan);
  ClusterDocuments(inputs, ids, options.articles, plan);
  AssignGroups(content_of, cluster_of, outlet_of_document, &plan->passages);
}

DedupPlan PlanDedup(const std::vector<const Segment*>& inputs, const MergedIds& ids,
                    const std::vector<uint32_t>& outlet_of_document, const DedupOptions& options) {
  DedupPlan plan = PlanCopies(inputs, ids);
  PlanClusters(inputs, ids, outlet_of_document, options, &plan);
  return plan;
}

}  // namespace syndex
