// File: indexer/passage_groups.h
//
// Turns per-passage dedup decisions into the groups of the passage table
// (format.h, .psg): a group is a near-duplicate cluster of distinct texts
// together with every passage that carries one of them, formed only when it
// has at least two passages; its outlet count is the number of distinct
// outlets among those passages' documents.
//
// Example:
//   AssignGroups(content_of, cluster_of, outlet_of_document, &table);
#ifndef SYNDEX_INDEXER_PASSAGE_GROUPS_H_
#define SYNDEX_INDEXER_PASSAGE_GROUPS_H_

#include <cstdint>
#include <vector>

#include "common/passage_table.h"
#include "common/types.h"

namespace syndex {

// content_of[p]: the passage holding p's text (p itself, or an earlier
// passage with the same text). cluster_of[c], read only where c is a
// content: the smallest content of c's near-duplicate cluster (c if alone).
// outlet_of_document[d]: any id naming d's outlet. Sets every record's
// group and copy flag and fills table->groups and table->members.
// REQUIRES: all three sized to the table; content_of[p] <= p.
void AssignGroups(const std::vector<PassageId>& content_of,
                  const std::vector<PassageId>& cluster_of,
                  const std::vector<uint32_t>& outlet_of_document, PassageTableContents* table);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_PASSAGE_GROUPS_H_
