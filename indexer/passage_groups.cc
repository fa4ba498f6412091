#include "indexer/passage_groups.h"

#include "absl/container/flat_hash_set.h"

namespace syndex {
namespace {

// Distinct outlets among the documents of `members`.
uint32_t CountOutlets(const std::vector<GroupMember>& members, size_t begin, size_t end,
                      const std::vector<PassageRecord>& records,
                      const std::vector<uint32_t>& outlet_of_document) {
  absl::flat_hash_set<uint32_t> outlets;
  for (size_t i = begin; i < end; ++i) {
    outlets.insert(outlet_of_document[records[members[i].passage].doc]);
  }
  return static_cast<uint32_t>(outlets.size());
}

}  // namespace

void AssignGroups(const std::vector<PassageId>& content_of,
                  const std::vector<PassageId>& cluster_of,
                  const std::vector<uint32_t>& outlet_of_document, PassageTableContents* table) {
  std::vector<PassageRecord>& records = table->records;
  const PassageId n = static_cast<PassageId>(records.size());
  // Passages per cluster, counted at the cluster's smallest content.
  std::vector<uint32_t> size(n, 0);
  for (PassageId p = 0; p < n; ++p) ++size[cluster_of[content_of[p]]];
  // Group ids in order of the clusters' smallest passage, and where each
  // group's members start.
  std::vector<uint32_t> group_of_cluster(n, format::kNoGroup);
  table->groups.clear();
  uint32_t next_member = 0;
  for (PassageId c = 0; c < n; ++c) {
    if (size[c] < 2) continue;
    group_of_cluster[c] = static_cast<uint32_t>(table->groups.size());
    table->groups.push_back({next_member, 0, 0});
    next_member += size[c];
  }
  table->members.assign(next_member, GroupMember());
  for (PassageId p = 0; p < n; ++p) {
    PassageRecord& r = records[p];
    r.flags &= ~format::kPassageIsCopy;
    if (content_of[p] != p) r.flags |= format::kPassageIsCopy;
    r.group = group_of_cluster[cluster_of[content_of[p]]];
    if (r.group == format::kNoGroup) continue;
    PassageGroup& g = table->groups[r.group];
    table->members[g.first_member + g.member_count++] = {p, content_of[p]};
  }
  for (PassageGroup& g : table->groups) {
    g.outlet_count = CountOutlets(table->members, g.first_member, g.first_member + g.member_count,
                                  records, outlet_of_document);
  }
}

}  // namespace syndex
