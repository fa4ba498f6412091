#include "indexer/dedup_plan.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "indexer/passage_groups.h"

namespace syndex {
namespace {

// Concatenates the inputs' passage records and content hashes, resolving
// each passage's content across all inputs. Every vector is sized once:
// the plan is most of a merge's memory, about 35 bytes a passage (and the
// sketches, 32 bytes a distinct passage).
void MergeContents(const std::vector<const Segment*>& inputs, DedupPlan* plan) {
  size_t total = 0;
  for (const Segment* s : inputs) total += s->passages().size();
  plan->passages.records.reserve(total);
  plan->content_of.resize(total);
  plan->lengths.reserve(total);
  plan->newly_copied.reserve(total);  // first whether each was a copy in its input
  plan->sketches.content_hashes.reserve(total);
  DocId doc_base = 0;
  for (const Segment* s : inputs) {
    const PassageTable& table = s->passages();
    for (PassageId p = 0; p < table.size(); ++p) {
      PassageRecord r = table.Get(p);
      plan->newly_copied.push_back(r.is_copy());
      r.doc += doc_base;
      r.flags &= ~(format::kPassageIsCopy | format::kPassageBoilerplate);
      r.group = format::kNoGroup;
      plan->lengths.push_back(r.length);
      plan->sketches.content_hashes.push_back(s->sketches().ContentHash(p));
      plan->passages.records.push_back(r);
    }
    doc_base += s->documents().size();
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
  for (PassageId id = 0; id < total; ++id) {
    const PassageId content = plan->content_of[id];
    const PassageRecord& r = plan->passages.records[id];
    // A title's entry is empty anyway: only a text entry needs dropping.
    plan->newly_copied[id] = content != id && !plan->newly_copied[id] && !r.is_title();
    if (content == id) {
      ++plan->content_count;
      plan->content_token_count += r.length;
    }
  }
}

// The boilerplate flags of every passage: detected per occurrence, then
// given to every passage with the same text.
void MarkBoilerplate(const std::vector<const Segment*>& inputs,
                     const std::vector<uint32_t>& outlet_of_document,
                     const std::vector<PassageId>& content_of, const BoilerplateOptions& options,
                     std::vector<PassageRecord>* records) {
  BoilerplateDetector detector(options);
  std::vector<PassageFeatures> features;
  DocId doc = 0;
  PassageId first = 0;
  for (const Segment* s : inputs) {
    for (DocId d = 0; d < s->documents().size(); ++d, ++doc) {
      const uint32_t count = s->documents().Get(d).passage_count;
      features.clear();  // the text's identity is its content id
      for (PassageId p = first; p < first + count; ++p) {
        const PassageRecord& r = (*records)[p];
        features.push_back({content_of[p], r.line_words,
                            (r.flags & format::kPassageEndsSentence) != 0, r.is_title()});
      }
      detector.AddDocument(outlet_of_document[doc], features);
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

// For every content, the smallest content of its near-duplicate cluster.
std::vector<PassageId> ClusterPassages(const std::vector<const Segment*>& inputs,
                                       const std::vector<PassageId>& content_of,
                                       const ClusterOptions& options, DedupPlan* plan) {
  std::vector<PassageId> cluster_of(content_of.size());
  for (PassageId p = 0; p < cluster_of.size(); ++p) cluster_of[p] = p;
  NearDuplicateClusterer clusterer(options);
  uint32_t signed_count = 0;
  for (const Segment* s : inputs) signed_count += s->sketches().signed_count();
  clusterer.Reserve(signed_count, format::kPassageSketchBins);
  plan->sketches.signed_passages.reserve(signed_count);
  PassageId base = 0;
  for (const Segment* s : inputs) {
    const SketchTable& sketches = s->sketches();
    for (uint32_t i = 0; i < sketches.signed_count(); ++i) {
      const PassageId p = base + sketches.SignedPassage(i);
      if (content_of[p] != p) continue;
      clusterer.AddSketch(sketches.PassageSketch(i));
      plan->sketches.signed_passages.push_back(p);
    }
    base += s->passages().size();
    s->ReleaseMemory();  // the clusterer has its own copy of the sketches
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
void ClusterDocuments(const std::vector<const Segment*>& inputs,
                      const std::vector<PassageId>& content_of, const ClusterOptions& options,
                      DedupPlan* plan) {
  NearDuplicateClusterer clusterer(options);
  size_t documents = 0;
  for (const Segment* s : inputs) documents += s->documents().size();
  clusterer.Reserve(documents, format::kDocumentSketchBins);
  plan->canonical_document.reserve(documents);
  absl::flat_hash_map<uint64_t, DocId> first_with_passages;
  PassageId base = 0;
  for (const Segment* s : inputs) {
    for (DocId d = 0; d < s->documents().size(); ++d) {
      const DocumentRecord r = s->documents().Get(d);
      uint64_t hash = r.passage_count;
      for (PassageId p = base + r.first_passage; p < base + r.first_passage + r.passage_count;
           ++p) {
        hash = absl::HashOf(hash, plan->sketches.content_hashes[content_of[p]]);
      }
      const DocId id = static_cast<DocId>(plan->canonical_document.size());
      plan->canonical_document.push_back(first_with_passages.try_emplace(hash, id).first->second);
      clusterer.AddSketch(s->sketches().DocumentSketch(d));
    }
    base += s->passages().size();
    s->ReleaseMemory();
  }
  plan->document_cluster = clusterer.Cluster();
  plan->sketches.document_sketches = clusterer.TakeSketches();
}

}  // namespace

DedupPlan PlanCopies(const std::vector<const Segment*>& inputs) {
  DedupPlan plan;
  MergeContents(inputs, &plan);
  return plan;
}

void PlanClusters(const std::vector<const Segment*>& inputs,
                  const std::vector<uint32_t>& outlet_of_document, const DedupOptions& options,
                  DedupPlan* plan) {
  // Every input's sketches have the bins of format.h: SketchTable::Open
  // checked them.
  const std::vector<PassageId>& content_of = plan->content_of;
  MarkBoilerplate(inputs, outlet_of_document, content_of, options.boilerplate,
                  &plan->passages.records);
  const std::vector<PassageId> cluster_of =
      ClusterPassages(inputs, content_of, options.passages, plan);
  ClusterDocuments(inputs, content_of, options.articles, plan);
  AssignGroups(content_of, cluster_of, outlet_of_document, &plan->passages);
}

DedupPlan PlanDedup(const std::vector<const Segment*>& inputs,
                    const std::vector<uint32_t>& outlet_of_document, const DedupOptions& options) {
  DedupPlan plan = PlanCopies(inputs);
  PlanClusters(inputs, outlet_of_document, options, &plan);
  return plan;
}

}  // namespace syndex
