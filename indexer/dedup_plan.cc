#include "indexer/dedup_plan.h"

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "indexer/passage_groups.h"

namespace syndex {
namespace {

// Concatenates the inputs' passage records and content hashes, resolving
// each passage's content across all inputs.
void MergeContents(const std::vector<const Segment*>& inputs, DedupPlan* plan) {
  absl::flat_hash_map<uint64_t, PassageId> first_with_hash;
  DocId doc_base = 0;
  for (const Segment* s : inputs) {
    const PassageTable& table = s->passages();
    for (PassageId p = 0; p < table.size(); ++p) {
      PassageRecord r = table.Get(p);
      const bool was_copy = r.is_copy();
      r.doc += doc_base;
      r.flags &= ~(format::kPassageIsCopy | format::kPassageBoilerplate);
      r.group = format::kNoGroup;
      const PassageId id = static_cast<PassageId>(plan->passages.records.size());
      const uint64_t hash = s->sketches().ContentHash(p);
      const PassageId content = first_with_hash.try_emplace(hash, id).first->second;
      plan->content_of.push_back(content);
      plan->lengths.push_back(r.length);
      // A title's entry is empty anyway: only a text entry needs dropping.
      plan->newly_copied.push_back(content != id && !was_copy && !r.is_title());
      plan->sketches.content_hashes.push_back(hash);
      plan->passages.records.push_back(r);
      if (content == id) {
        ++plan->content_count;
        plan->content_token_count += r.length;
      }
    }
    doc_base += s->documents().size();
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
  std::vector<PassageId> passage_of_item;
  PassageId base = 0;
  for (const Segment* s : inputs) {
    const SketchTable& sketches = s->sketches();
    for (uint32_t i = 0; i < sketches.signed_count(); ++i) {
      const PassageId p = base + sketches.SignedPassage(i);
      if (content_of[p] != p) continue;
      clusterer.AddSketch(sketches.PassageSketch(i));
      passage_of_item.push_back(p);
      plan->sketches.signed_passages.push_back(p);
      plan->sketches.passage_sketches.append(sketches.PassageSketch(i));
    }
    base += s->passages().size();
  }
  const std::vector<uint32_t> root = clusterer.Cluster();
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
      const std::string_view sketch = s->sketches().DocumentSketch(d);
      clusterer.AddSketch(sketch);
      plan->sketches.document_sketches.append(sketch);
    }
    base += s->passages().size();
  }
  plan->document_cluster = clusterer.Cluster();
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
