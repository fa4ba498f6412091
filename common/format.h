// File: common/format.h
//
// Every constant of the on-disk format: magic numbers, versions, file kinds,
// header and footer sizes, block sizes and record widths. docs/FORMAT.md
// describes the same bytes in prose; the two change together, and no offset
// literal of the format appears anywhere else in the code.
//
// All integers on disk are little-endian.
#ifndef SYNDEX_COMMON_FORMAT_H_
#define SYNDEX_COMMON_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace syndex::format {

// The version this code writes, and the oldest one it can read. A reader
// refuses files outside [kOldestReadableVersion, kVersion] with distinct
// "too old" / "too new" messages.
// Version 6 ends every segment file with a chunk checksum table, and adds
// deletion files (.del) and their fields in the manifest; version 5 packs
// full postings blocks in four lanes; version 4 keeps two impact pairs in
// each skip entry; version 3 bit-packs postings blocks; version 2 added
// deduplication (contents, groups, sketches). Version 5 is still read (its
// files have no chunk table, its manifest no deletion fields); older
// indexes must be rebuilt.
inline constexpr uint16_t kVersion = 6;
inline constexpr uint16_t kOldestReadableVersion = 5;
inline constexpr uint16_t kFirstVersionWithDeletions = 6;

// ---- File envelope: every file is Header, body, Footer. -----------------
// Header: magic u32 | kind u16 | version u16 | reserved u64 (zero).
inline constexpr uint32_t kHeaderMagic = 0x584E5953;  // "SYNX" read as bytes
inline constexpr size_t kHeaderSize = 16;
// Footer: checksum u64 (XXH3-64 of every byte before the footer) |
//         magic u64.
inline constexpr uint64_t kFooterMagic = 0x444E4558444E5953ULL;  // "SYNDXEND"
inline constexpr size_t kFooterSize = 16;
// The header and the footer are the same in every version, so that a reader
// can tell a file of another version (whose checksum holds) from a damaged
// version field (whose checksum fails).

// ---- Chunk checksums: where a damaged file is damaged. -------------------
// From version 6, every file but the MANIFEST carries a chunk table between
// its body and its footer: the XXH3-64 (u64) of each kChecksumChunkSize
// bytes of the header and body, the last chunk being shorter, then the
// XXH3-64 of those checksums (u64). The footer's checksum covers the table
// too. Readers check only the footer's checksum when they open a file; the
// table is read when that fails, to name the damaged bytes.
inline constexpr size_t kChecksumChunkSize = 4096;
inline constexpr size_t kChunkChecksumSize = 8;
inline constexpr uint16_t kFirstVersionWithChunkTable = 6;

enum class FileKind : uint16_t {
  kManifest = 1,
  kDictionary = 2,  // .dict  terms -> postings locations and statistics
  kPostings = 3,    // .post  passage/document ids and term frequencies
  kPositions = 4,   // .pos   token positions within passages
  kPassages = 5,    // .psg   passage table
  kDocuments = 6,   // .doc   document table and metadata strings
  kStoredText = 7,  // .txt   zstd-compressed passage text, each distinct text once
  kSketches = 8,    // .dup   content hashes and MinHash sketches, for merging
  kDeletions = 9,   // .del   the segment's deleted documents, as of one commit
};

// The kinds of file every segment has, in the order a segment opens them.
inline constexpr FileKind kSegmentFileKinds[] = {
    FileKind::kDictionary, FileKind::kPostings,   FileKind::kPositions, FileKind::kPassages,
    FileKind::kDocuments,  FileKind::kStoredText, FileKind::kSketches};

// File name extension of each segment file kind.
std::string_view Extension(FileKind kind);
std::string_view KindName(FileKind kind);

// Whether a file of `kind` written at `version` has a chunk table. The
// MANIFEST has none: it is a few dozen bytes a segment, read whole and
// rewritten at every commit, so its one chunk would be the whole file.
inline constexpr bool HasChunkTable(FileKind kind, uint16_t version) {
  return kind != FileKind::kManifest && version >= kFirstVersionWithChunkTable;
}
// Chunks of a file whose header and body are `covered` bytes (at least 1).
inline constexpr uint64_t ChunkCount(uint64_t covered) {
  return (covered + kChecksumChunkSize - 1) / kChecksumChunkSize;
}
// Bytes of the chunk table of such a file: a checksum per chunk and one of
// the table.
inline constexpr uint64_t ChunkTableSize(uint64_t covered) {
  return (ChunkCount(covered) + 1) * kChunkChecksumSize;
}
// The inverse, for a reader: the header and body bytes of a file of
// `file_size` bytes with a chunk table, or 0 if no file with a chunk table
// has that size (it was truncated or extended).
uint64_t CoveredSize(uint64_t file_size);

// ---- Deletions (.del) ------------------------------------------------------
// A segment's deleted documents as of one commit, in a file of its own
// named "<segment>.<generation>.del" (a later commit writes a new file, so a
// reader of an older commit keeps its own). Body: doc_count u32 |
// deleted_count u32, then a bitmap of doc_count bits, bit d (byte d / 8, bit
// d % 8) set if document d is deleted; the bits past doc_count are 0.
inline constexpr size_t kDeletionsPrefixSize = 8;

// ---- Manifest ---------------------------------------------------------
inline constexpr std::string_view kManifestName = "MANIFEST";
inline constexpr std::string_view kManifestTempName = "MANIFEST.tmp";

// ---- Term dictionary (.dict) ------------------------------------------
// Terms of every field share one sorted dictionary; a key is one field byte
// followed by the term's UTF-8 bytes, and keys sort by bytes.
enum class Field : uint8_t {
  kBody = 0,    // passage text, with positions; ids are passage ids
  kTitle = 1,   // document titles; ids are document ids, no positions
  kOutlet = 2,  // outlet names; ids are document ids, no positions
  // Pairs of common words next to each other in passage text, as "of the"
  // (common/word_pairs.h), at the first word's position; as kBody.
  kWordPairs = 3,
};
inline constexpr uint8_t kFieldCount = 4;
// Whether a field's postings are passages with positions (else documents).
inline constexpr bool IsPassageField(Field field) {
  return field == Field::kBody || field == Field::kWordPairs;
}
// Body prefix: term_count u32 | reserved u32, then term_count u32 offsets of
// the entries (relative to the first entry), then the entries.
inline constexpr size_t kDictionaryPrefixSize = 8;

// ---- Postings (.post) and positions (.pos) -------------------------------
// Postings come in blocks of kBlockSize ids (the last block may be shorter).
// A block is: gap width u8 | tf width u8 | the gaps (id - previous id - 1)
// bit-packed | the tfs minus one bit-packed (common/bit_packing.h).
inline constexpr uint32_t kBlockSize = 128;
inline constexpr size_t kBlockHeaderSize = 2;
// The "previous id" of a list's first block, so that its first gap is the
// first id itself: -1, modulo 2^32.
inline constexpr uint32_t kNoPreviousId = 0xFFFFFFFF;
// A list with more than one block starts with a skip table of fixed-width
// entries, one a block: last_id u32 | postings_end u32 | positions_end u32 |
// low_tf u16 | low_length u16 | high_tf u16 | high_length u16 (the block's
// two impacts, common/block_impacts.h). The *_end offsets are relative to
// the end of the skip table (postings) and to the list's start in .pos.
inline constexpr size_t kSkipEntrySize = 20;
// The analyzer drops words longer than this after normalization; a longer
// dictionary term is corrupt.
inline constexpr size_t kMaxTermBytes = 64;

// ---- Passages (.psg) ----------------------------------------------------
// Body: passage_count u32 | group_count u32 | member_count u32 | reserved u32,
// then one record a passage (an occurrence of a text in a document):
//   doc u32 | start u32 | end u32 | length u16 | flags u8 | line_words u8 |
//   group u32 (kNoGroup if no other passage shares its text or cluster),
// then one record a group (a near-duplicate cluster of texts with all their
// occurrences): first_member u32 | member_count u32 | outlet_count u32,
// then the members of every group, group after group, each sorted by
// passage: passage u32 | content u32 (the passage holding the text).
inline constexpr size_t kPassagePrefixSize = 16;
inline constexpr size_t kPassageRecordSize = 20;
inline constexpr size_t kGroupRecordSize = 12;
inline constexpr size_t kGroupMemberSize = 8;
inline constexpr uint32_t kNoGroup = UINT32_MAX;
// flags: the passage is the document's title (its range is in the title).
inline constexpr uint8_t kPassageIsTitle = 1u << 0;
// Its text is exactly that of an earlier passage (its content), which holds
// the stored text and counts for ranking statistics.
inline constexpr uint8_t kPassageIsCopy = 1u << 1;
// Its text ends like a sentence (. ! ? and optional closing quotes).
inline constexpr uint8_t kPassageEndsSentence = 1u << 2;
// Boilerplate: short unpunctuated lines at the article's start or end...
inline constexpr uint8_t kPassageEdgeChrome = 1u << 3;
// ...or a text recurring in many articles of one outlet.
inline constexpr uint8_t kPassageRepeatedChrome = 1u << 4;
inline constexpr uint8_t kPassageBoilerplate = kPassageEdgeChrome | kPassageRepeatedChrome;
inline constexpr uint8_t kPassageKnownFlags =
    kPassageIsTitle | kPassageIsCopy | kPassageEndsSentence | kPassageBoilerplate;
// The analyzer's passages never have more tokens than this.
inline constexpr uint32_t kMaxPassageLength = UINT16_MAX;

// ---- Documents (.doc) ------------------------------------------------------
// Body: doc_count u32 | outlet_count u32 | strings_size u64, then doc records:
// first_passage u32 | passage_count u32 | length u32 | outlet u32 |
// strings_offset u64 | canonical u32 | cluster u32 | next_in_cluster u32 |
// reserved u32, then outlet_count u64 offsets into the string area,
// then the string area. A document's strings are 4 length-prefixed strings:
// id, title, date, url; an outlet's is one length-prefixed name.
inline constexpr size_t kDocumentPrefixSize = 16;
inline constexpr size_t kDocumentRecordSize = 40;
inline constexpr uint32_t kNoOutlet = UINT32_MAX;
// canonical: the first document with exactly the same passages (itself if
// none); cluster: the smallest document of its near-duplicate cluster;
// next_in_cluster: the next document of that cluster, or kNoDocument.
inline constexpr uint32_t kNoDocument = UINT32_MAX;

// ---- Stored text (.txt) --------------------------------------------------
// One entry a passage: its text, or nothing for a copy (its content's entry
// holds the text) and for a title passage (the title is in .doc).
// Body: the blocks, then one record a block: first_entry u32 | raw_size u32 |
// offset u64 | compressed_size u32 | reserved u32, then a suffix:
// entry_count u32 | block_count u32. offset is from the start of the body.
// A block is one zstd frame holding, for each of its entries in order,
// a varint length and the text bytes.
inline constexpr size_t kStoredTextSuffixSize = 8;
inline constexpr size_t kStoredBlockRecordSize = 24;
// A block is closed once its raw text reaches this size.
inline constexpr uint32_t kStoredBlockTargetBytes = 64 * 1024;
inline constexpr int kZstdLevel = 3;

// ---- Sketches (.dup) -------------------------------------------------------
// What merging needs to deduplicate across segments without re-reading
// text. Body: passage_count u32 | doc_count u32 | signed_count u32 |
// doc_bins u8 | passage_bins u8 | reserved u16, then a content hash u64 for
// every passage, then doc_bins bytes of MinHash sketch for every document,
// then the signed_count ids (u32, ascending) of the passages that have a
// sketch (distinct texts of at least kMinSketchWords words), then their
// sketches of passage_bins bytes each. A sketch byte is the low 8 bits of a
// 32-bit MinHash value (b-bit MinHash, Li and Koenig 2010).
inline constexpr size_t kSketchPrefixSize = 16;
inline constexpr uint8_t kDocumentSketchBins = 64;
inline constexpr uint8_t kPassageSketchBins = 32;
inline constexpr uint32_t kMinSketchWords = 10;

}  // namespace syndex::format

#endif  // SYNDEX_COMMON_FORMAT_H_
