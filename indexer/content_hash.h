// File: indexer/content_hash.h
//
// The identity of a passage's text for exact deduplication: XXH3-64 of the
// text with every run of whitespace read as one space and none at either
// end. Two passages with the same hash are stored once (docs/DEDUP.md);
// case, punctuation and inflection count, so a copy's stored text is,
// up to spacing, exactly its own.
//
// Example:
//   if (ContentHash(a) == ContentHash(b)) ...
#ifndef SYNDEX_INDEXER_CONTENT_HASH_H_
#define SYNDEX_INDEXER_CONTENT_HASH_H_

#include <cstdint>
#include <string_view>

namespace syndex {

uint64_t ContentHash(std::string_view text);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_CONTENT_HASH_H_
