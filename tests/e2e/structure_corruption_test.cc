// Damages a real index at offsets taken from every structure of
// docs/FORMAT.md (the envelope of every file, each file's prefix, records,
// skip tables, block headers and packed data, stored text frames and block
// records, sketch areas, dictionary offsets and entries, manifest fields)
// in three ways: a flipped byte, a zeroed range and a truncation there.
// Each time:
//  - `VerifyIndex` fails with DataLoss naming the file and a location (an
//    offset, or byte ranges) that holds the damage;
//  - opening the index for search (`IndexReader::Open`, and the `searcher`
//    program on one query) fails with an error naming the file;
//  - with checksums off, opening and searching it in process, and the
//    `searcher --no-verify` program on a batch of queries, either refuse
//    it or answer, never crashing and never returning a unit beyond its
//    segment.
// Offsets come from common/format.h and from the tables' own counts, read
// from the undamaged index. A summary of the cases and how narrowly each
// was located is printed per file kind (docs/RELIABILITY.md).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/coding.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "gtest/gtest.h"
#include "indexer/index_stats.h"
#include "nlohmann/json.hpp"
#include "searcher/index_reader.h"
#include "searcher/result_view.h"
#include "searcher/searcher.h"
#include "tests/e2e/e2e_util.h"
#include "tests/testing/documents.h"

namespace syndex::cli_test {
namespace {

using format::FileKind;

// ---- The index: every structure present -------------------------------------

// Words of the generated articles: enough of them that the articles are
// distinct texts, few enough that common ones have long postings lists.
std::vector<std::string> Vocabulary() {
  std::vector<std::string> words;
  const char* syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa",
                             "do", "fe", "gi", "ho", "ju", "be", "co", "da", "el", "fo"};
  for (const char* a : syllables) {
    for (const char* b : syllables) words.push_back(std::string(a) + b + "n");
  }
  return words;
}

// A JSON Lines corpus that gives every structure of the format something
// to hold: the seed articles and exact republications of them by other
// outlets (copies, groups, canonical documents), an edited version of each
// (near-duplicate passages and documents), and generated articles whose
// common words and titles make postings lists of several blocks, full and
// partial, whose text fills several stored blocks, and whose outlets'
// repeated lines are boilerplate.
std::string DamageCorpus() {
  std::string jsonl;
  auto add = [&](const std::string& id, const std::string& title, const std::string& text,
                 const std::string& outlet) {
    jsonl += nlohmann::json{{"id", id},
                            {"title", title},
                            {"text", text},
                            {"outlet", outlet},
                            {"date", "2024-03-0" + std::to_string(id.size() % 9 + 1)},
                            {"url", "https://example.com/" + id}}
                 .dump() +
             "\n";
  };
  for (const RawDocument& doc : testing::SeedDocuments(1)) {
    add(doc.id, doc.title, doc.text, doc.outlet);
    add(doc.id + "-wire", doc.title, doc.text, "Wire Service");
    add(doc.id + "-daily", doc.title, doc.text, "Daily Echo");
    std::string edited = doc.text;
    const size_t space = edited.find(' ', 40);
    if (space != std::string::npos) edited.insert(space, " reportedly");
    add(doc.id + "-edited", doc.title + " (updated)", edited, "Evening Post");
  }
  const std::vector<std::string> words = Vocabulary();
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245 + 12345;
    return (state >> 8) % words.size();
  };
  for (int a = 0; a < 150; ++a) {
    std::string text;
    for (int p = 0; p < 6; ++p) {
      for (int w = 0; w < 40; ++w) {
        text += w % 7 == 3 ? "the" : words[next()];
        text += w == 39 ? ".\n\n" : " ";
      }
    }
    const std::string outlet = "Gazette " + std::to_string(a % 3);
    if (a % 3 == 0) text += "Follow the Gazette for more\n";
    add("gen" + std::to_string(a), "Report " + words[next()] + " " + words[next()], text, outlet);
  }
  return jsonl;
}

// ---- Where the structures are ----------------------------------------------

// A field or area of one file: the bytes [offset, offset + width).
struct Target {
  std::string file;       // its name in the index directory
  std::string structure;  // what it holds, as docs/FORMAT.md names it
  uint64_t offset = 0;
  uint64_t width = 1;
};

// Collects the targets of one segment from its undamaged files.
class TargetMap {
 public:
  TargetMap(const std::string& dir, const Segment& segment) : dir_(dir), segment_(segment) {}

  std::vector<Target> Take() { return std::move(targets_); }

  void Envelope(const std::string& file, FileKind kind) {
    const uint64_t size = ReadFile(dir_ + "/" + file).size();
    Add(file, "header magic", 0, 4);
    Add(file, "header kind", 4, 2);
    Add(file, "header version", 6, 2);
    Add(file, "header reserved", 8, 8);
    if (format::HasChunkTable(kind, format::kVersion)) {
      const uint64_t covered = format::CoveredSize(size);
      const uint64_t chunks = format::ChunkCount(covered);
      if (covered > format::kChecksumChunkSize) {
        Add(file, "body bytes across a chunk boundary", format::kChecksumChunkSize - 4, 8);
      }
      Add(file, "chunk table: first checksum", covered, 8);
      Add(file, "chunk table: last checksum", covered + 8 * (chunks - 1), 8);
      Add(file, "chunk table: the table's checksum", covered + 8 * chunks, 8);
    }
    Add(file, "footer checksum", size - 16, 8);
    Add(file, "footer magic", size - 8, 8);
  }

  void Manifest(const std::string& file) {
    const std::string bytes = ReadFile(dir_ + "/" + file);
    uint64_t at = format::kHeaderSize;
    Add(file, "manifest generation", at, 8);
    Add(file, "manifest segment_count", at + 8, 4);
    at += 12;
    const uint64_t name_size = static_cast<uint8_t>(bytes[at]);
    Add(file, "manifest segment name length", at, 1);
    Add(file, "manifest segment name", at + 1, name_size);
    at += 1 + name_size;
    for (const auto& [field, width] :
         std::vector<std::pair<const char*, uint64_t>>{{"doc_count", 4},
                                                       {"passage_count", 4},
                                                       {"token_count", 8},
                                                       {"content_count", 4},
                                                       {"content_token_count", 8}}) {
      Add(file, std::string("manifest ") + field, at, width);
      at += width;
    }
  }

  void Dictionary() {
    const std::string file = Name(FileKind::kDictionary);
    const TermDictionary& dict = segment_.dictionary();
    const uint64_t body = format::kHeaderSize;
    const uint64_t count = dict.size();
    Add(file, ".dict term_count", body, 4);
    Add(file, ".dict reserved", body + 4, 4);
    const uint64_t table = body + format::kDictionaryPrefixSize;
    for (uint64_t i : {uint64_t{0}, count / 2, count - 1}) {
      Add(file, ".dict offset[" + std::to_string(i) + "]", table + 4 * i, 4);
    }
    // Every field of the entries of a long body list and of a word pair;
    // the key and postings location of the others.
    for (const auto& [index, all] :
         std::vector<std::pair<size_t, bool>>{{LongestList(format::Field::kBody), true},
                                              {LongestList(format::Field::kWordPairs), true},
                                              {LongestList(format::Field::kTitle), false},
                                              {LongestList(format::Field::kOutlet), false},
                                              {count - 1, false}}) {
      const std::string entry = ".dict entry " + std::to_string(index) + " ";
      const std::string bytes = ReadFile(dir_ + "/" + file);
      const uint64_t start = table + 4 * count + DecodeFixed32(bytes.data() + table + 4 * index);
      const char* p = bytes.data() + start;
      const char* limit = bytes.data() + bytes.size();
      uint64_t key_size;
      const char* key = GetVarint64Ptr(p, limit, &key_size);
      ASSERT_NE(key, nullptr);
      Add(file, entry + "key length", start, key - p);
      Add(file, entry + "field byte", key - bytes.data(), 1);
      Add(file, entry + "term bytes", key - bytes.data() + 1, key_size - 1);
      p = key + key_size;
      for (const char* field :
           {"doc_freq", "document_count", "content_freq", "total_freq", "max_tf", "min_length",
            "postings_offset", "postings_size", "positions_offset", "positions_size"}) {
        uint64_t value;
        const char* end = GetVarint64Ptr(p, limit, &value);
        ASSERT_NE(end, nullptr);
        const std::string name = field;
        if (all || name == "doc_freq" || name == "postings_offset") {
          Add(file, entry + field, p - bytes.data(), end - p);
        }
        p = end;
      }
    }
  }

  void Postings() {
    const std::string file = Name(FileKind::kPostings);
    const std::string bytes = ReadFile(dir_ + "/" + file);
    for (const format::Field field :
         {format::Field::kBody, format::Field::kTitle, format::Field::kOutlet}) {
      const TermInfo info = segment_.dictionary().Entry(LongestList(field)).info;
      const std::string list = std::string(".post ") +
                               (field == format::Field::kBody    ? "body"
                                : field == format::Field::kTitle ? "title"
                                                                 : "outlet") +
                               " list (" + std::to_string(info.doc_freq) + " postings) ";
      const uint64_t start = format::kHeaderSize + info.postings_offset;
      const uint64_t blocks = (info.doc_freq + format::kBlockSize - 1) / format::kBlockSize;
      const uint64_t data = start + (blocks > 1 ? blocks * format::kSkipEntrySize : 0);
      if (blocks > 1) {
        for (uint64_t b : {uint64_t{0}, blocks - 1}) {
          const uint64_t entry = start + b * format::kSkipEntrySize;
          const std::string skip = list + "skip entry " + std::to_string(b) + " ";
          Add(file, skip + "last_id", entry, 4);
          Add(file, skip + "postings_end", entry + 4, 4);
          Add(file, skip + "positions_end", entry + 8, 4);
          Add(file, skip + "low_tf", entry + 12, 2);
          Add(file, skip + "low_length", entry + 14, 2);
          Add(file, skip + "high_tf", entry + 16, 2);
          Add(file, skip + "high_length", entry + 18, 2);
        }
      }
      // The first block (full if the list has more than one) and the last.
      for (uint64_t b :
           blocks > 1 ? std::vector<uint64_t>{0, blocks - 1} : std::vector<uint64_t>{0}) {
        const uint64_t begin =
            data +
            (b == 0 ? 0
                    : DecodeFixed32(bytes.data() + start + (b - 1) * format::kSkipEntrySize + 4));
        const uint32_t m =
            b + 1 < blocks ? format::kBlockSize : info.doc_freq - (blocks - 1) * format::kBlockSize;
        const uint32_t gw = static_cast<uint8_t>(bytes[begin]);
        const uint32_t tw = static_cast<uint8_t>(bytes[begin + 1]);
        const std::string block =
            list + "block " + std::to_string(b) + " (" + std::to_string(m) + " postings) ";
        Add(file, block + "gap width", begin, 1);
        Add(file, block + "tf width", begin + 1, 1);
        const uint64_t gap_bytes = (uint64_t{m} * gw + 7) / 8;
        const uint64_t tf_bytes = (uint64_t{m} * tw + 7) / 8;
        if (gap_bytes > 0) {
          Add(file, block + "packed gaps, first word", begin + format::kBlockHeaderSize,
              std::min<uint64_t>(4, gap_bytes));
          Add(file, block + "packed gaps, last byte",
              begin + format::kBlockHeaderSize + gap_bytes - 1, 1);
        }
        if (tf_bytes > 0) {
          Add(file, block + "packed tfs", begin + format::kBlockHeaderSize + gap_bytes,
              std::min<uint64_t>(4, tf_bytes));
        }
      }
    }
  }

  void Positions() {
    const std::string file = Name(FileKind::kPositions);
    const std::string bytes = ReadFile(dir_ + "/" + Name(FileKind::kPostings));
    for (const format::Field field : {format::Field::kBody, format::Field::kWordPairs}) {
      const TermInfo info = segment_.dictionary().Entry(LongestList(field)).info;
      const std::string list =
          std::string(".pos ") + (field == format::Field::kBody ? "body" : "word pair") + " list ";
      const uint64_t start = format::kHeaderSize + info.positions_offset;
      Add(file, list + "first position", start, 1);
      Add(file, list + "last byte", start + info.positions_size - 1, 1);
      const uint64_t blocks = (info.doc_freq + format::kBlockSize - 1) / format::kBlockSize;
      if (blocks > 1) {
        const uint64_t skip0 = format::kHeaderSize + info.postings_offset;
        Add(file, list + "block 1's first position",
            start + DecodeFixed32(bytes.data() + skip0 + 8), 1);
      }
    }
  }

  void Passages() {
    const std::string file = Name(FileKind::kPassages);
    const PassageTable& table = segment_.passages();
    const uint64_t body = format::kHeaderSize;
    Add(file, ".psg passage_count", body, 4);
    Add(file, ".psg group_count", body + 4, 4);
    Add(file, ".psg member_count", body + 8, 4);
    Add(file, ".psg reserved", body + 12, 4);
    const uint64_t records = body + format::kPassagePrefixSize;
    PassageId copy = 0;
    while (copy < table.size() && !table.Get(copy).is_copy()) ++copy;
    for (PassageId p : {PassageId{0}, copy, table.size() - 1}) {
      const uint64_t at = records + uint64_t{p} * format::kPassageRecordSize;
      const std::string record = ".psg passage " + std::to_string(p) + " ";
      Add(file, record + "doc", at, 4);
      Add(file, record + "start", at + 4, 4);
      Add(file, record + "end", at + 8, 4);
      Add(file, record + "length", at + 12, 2);
      Add(file, record + "flags", at + 14, 1);
      Add(file, record + "line_words", at + 15, 1);
      Add(file, record + "group", at + 16, 4);
    }
    const uint64_t groups = records + uint64_t{table.size()} * format::kPassageRecordSize;
    for (uint32_t g : {0u, table.group_count() - 1}) {
      const uint64_t at = groups + uint64_t{g} * format::kGroupRecordSize;
      const std::string group = ".psg group " + std::to_string(g) + " ";
      Add(file, group + "first_member", at, 4);
      Add(file, group + "member_count", at + 4, 4);
      Add(file, group + "outlet_count", at + 8, 4);
    }
    const uint64_t members = groups + uint64_t{table.group_count()} * format::kGroupRecordSize;
    for (uint32_t m : {0u, table.member_count() - 1}) {
      const uint64_t at = members + uint64_t{m} * format::kGroupMemberSize;
      Add(file, ".psg member " + std::to_string(m) + " passage", at, 4);
      Add(file, ".psg member " + std::to_string(m) + " content", at + 4, 4);
    }
  }

  void Documents() {
    const std::string file = Name(FileKind::kDocuments);
    const DocumentTable& table = segment_.documents();
    const std::string bytes = ReadFile(dir_ + "/" + file);
    const uint64_t body = format::kHeaderSize;
    Add(file, ".doc doc_count", body, 4);
    Add(file, ".doc outlet_count", body + 4, 4);
    Add(file, ".doc strings_size", body + 8, 8);
    const uint64_t records = body + format::kDocumentPrefixSize;
    DocId duplicate = 0, clustered = 0;
    for (DocId d = 0; d < table.size(); ++d) {
      if (duplicate == 0 && table.Get(d).canonical != d) duplicate = d;
      if (clustered == 0 && table.Get(d).cluster != d) clustered = d;
    }
    for (DocId d : {DocId{0}, duplicate, clustered, table.size() - 1}) {
      const uint64_t at = records + uint64_t{d} * format::kDocumentRecordSize;
      const std::string record = ".doc document " + std::to_string(d) + " ";
      Add(file, record + "first_passage", at, 4);
      Add(file, record + "passage_count", at + 4, 4);
      Add(file, record + "length", at + 8, 4);
      Add(file, record + "outlet", at + 12, 4);
      Add(file, record + "strings_offset", at + 16, 8);
      Add(file, record + "canonical", at + 24, 4);
      Add(file, record + "cluster", at + 28, 4);
      Add(file, record + "next_in_cluster", at + 32, 4);
      Add(file, record + "reserved", at + 36, 4);
    }
    const uint64_t outlets = records + uint64_t{table.size()} * format::kDocumentRecordSize;
    Add(file, ".doc outlet offset 0", outlets, 8);
    Add(file, ".doc last outlet offset", outlets + 8 * (table.outlet_count() - 1), 8);
    const uint64_t strings = outlets + 8 * uint64_t{table.outlet_count()};
    for (DocId d : {DocId{0}, table.size() - 1}) {
      uint64_t at = strings + table.Get(d).strings_offset;
      for (const char* what : {"id", "title", "date", "url"}) {
        const std::string name = ".doc document " + std::to_string(d) + " " + what;
        uint64_t size;
        const char* p = bytes.data() + at;
        const char* text = GetVarint64Ptr(p, bytes.data() + bytes.size(), &size);
        ASSERT_NE(text, nullptr);
        Add(file, name + " length", at, text - p);
        if (size > 0) Add(file, name + " bytes", at + (text - p), size);
        at += (text - p) + size;
      }
    }
    const uint64_t last_outlet =
        strings + DecodeFixed64(bytes.data() + outlets + 8 * (table.outlet_count() - 1));
    Add(file, ".doc last outlet name", last_outlet, 1 + static_cast<uint8_t>(bytes[last_outlet]));
  }

  void StoredText() {
    const std::string file = Name(FileKind::kStoredText);
    const syndex::StoredText& text = segment_.stored_text();
    const uint64_t body = format::kHeaderSize;
    const uint64_t blocks_end = segment_.stored_text().file().body().size() -
                                format::kStoredTextSuffixSize -
                                uint64_t{text.block_count()} * format::kStoredBlockRecordSize;
    for (uint32_t b : {0u, text.block_count() - 1}) {
      const syndex::StoredText::BlockRecord r = text.Block(b);
      const std::string frame = ".txt block " + std::to_string(b) + " frame ";
      const uint64_t at = body + r.offset;
      Add(file, frame + "magic", at, 4);
      Add(file, frame + "header", at + 4, 2);
      Add(file, frame + "middle", at + r.compressed_size / 2, 1);
      Add(file, frame + "last byte", at + r.compressed_size - 1, 1);
      const uint64_t record = body + blocks_end + uint64_t{b} * format::kStoredBlockRecordSize;
      const std::string name = ".txt block record " + std::to_string(b) + " ";
      Add(file, name + "first_entry", record, 4);
      Add(file, name + "raw_size", record + 4, 4);
      Add(file, name + "offset", record + 8, 8);
      Add(file, name + "compressed_size", record + 16, 4);
      Add(file, name + "reserved", record + 20, 4);
    }
    const uint64_t suffix =
        body + segment_.stored_text().file().body().size() - format::kStoredTextSuffixSize;
    Add(file, ".txt entry_count", suffix, 4);
    Add(file, ".txt block_count", suffix + 4, 4);
  }

  void Sketches() {
    const std::string file = Name(FileKind::kSketches);
    const SketchTable& table = segment_.sketches();
    const uint64_t body = format::kHeaderSize;
    Add(file, ".dup passage_count", body, 4);
    Add(file, ".dup doc_count", body + 4, 4);
    Add(file, ".dup signed_count", body + 8, 4);
    Add(file, ".dup doc_bins", body + 12, 1);
    Add(file, ".dup passage_bins", body + 13, 1);
    Add(file, ".dup reserved", body + 14, 2);
    const uint64_t hashes = body + format::kSketchPrefixSize;
    const uint64_t P = table.passage_count(), D = table.document_count(), S = table.signed_count();
    Add(file, ".dup content hash 0", hashes, 8);
    Add(file, ".dup last content hash", hashes + 8 * (P - 1), 8);
    const uint64_t documents = hashes + 8 * P;
    Add(file, ".dup document sketch 0", documents, format::kDocumentSketchBins);
    Add(file, ".dup last document sketch", documents + format::kDocumentSketchBins * (D - 1),
        format::kDocumentSketchBins);
    const uint64_t signed_ids = documents + format::kDocumentSketchBins * D;
    Add(file, ".dup signed id 0", signed_ids, 4);
    Add(file, ".dup last signed id", signed_ids + 4 * (S - 1), 4);
    const uint64_t sketches = signed_ids + 4 * S;
    Add(file, ".dup passage sketch 0", sketches, format::kPassageSketchBins);
    Add(file, ".dup last passage sketch", sketches + format::kPassageSketchBins * (S - 1),
        format::kPassageSketchBins);
  }

  std::string Name(FileKind kind) const {
    return segment_.info().name + std::string(format::Extension(kind));
  }

 private:
  void Add(const std::string& file, const std::string& structure, uint64_t offset, uint64_t width) {
    targets_.push_back({file, structure, offset, std::max<uint64_t>(width, 1)});
  }

  // The dictionary entry of `field` with the most postings.
  size_t LongestList(format::Field field) const {
    const TermDictionary& dict = segment_.dictionary();
    size_t best = dict.size();
    for (size_t i = 0; i < dict.size(); ++i) {
      const DictionaryEntry e = dict.Entry(i);
      if (e.field == field &&
          (best == dict.size() || e.info.doc_freq > dict.Entry(best).info.doc_freq)) {
        best = i;
      }
    }
    EXPECT_LT(best, dict.size()) << "no term of field " << static_cast<int>(field);
    return best;
  }

  std::string dir_;
  const Segment& segment_;
  std::vector<Target> targets_;
};

// ---- Damage and what is reported --------------------------------------------

enum class Damage { kFlip, kZero, kTruncate };

const char* DamageName(Damage damage) {
  switch (damage) {
    case Damage::kFlip:
      return "flipped byte";
    case Damage::kZero:
      return "zeroed range";
    case Damage::kTruncate:
      return "truncated";
  }
  return "?";
}

// The damaged bytes [begin, end) of a file; for a truncation, begin is the
// new size and end the old.
struct Damaged {
  uint64_t begin = 0, end = 0;
};

// Applies `damage` at `target` to `bytes`; false if it changes nothing (a
// range that held only zeros).
bool Apply(Damage damage, const Target& target, std::string* bytes, Damaged* damaged) {
  switch (damage) {
    case Damage::kFlip:
      (*bytes)[target.offset] = static_cast<char>((*bytes)[target.offset] ^ 0xFF);
      *damaged = {target.offset, target.offset + 1};
      return true;
    case Damage::kZero: {
      const uint64_t end =
          std::min<uint64_t>(target.offset + std::max<uint64_t>(target.width, 8), bytes->size());
      const std::string before = *bytes;
      std::fill(bytes->begin() + target.offset, bytes->begin() + end, '\0');
      *damaged = {target.offset, end};
      return *bytes != before;
    }
    case Damage::kTruncate:
      *damaged = {target.offset, bytes->size()};
      bytes->resize(target.offset);
      return true;
  }
  return false;
}

// The byte ranges that `message` gives for `path`: "PATH: offset N" is
// [N, N + 1), "PATH: bytes [a, b), [c, d)" is each range.
std::vector<Damaged> LocationsOf(std::string_view message, const std::string& path) {
  std::vector<Damaged> locations;
  const std::string key = path + ": ";
  for (size_t at = message.find(key); at != std::string_view::npos;
       at = message.find(key, at + 1)) {
    std::string_view rest = message.substr(at + key.size());
    if (rest.starts_with("offset ")) {
      const uint64_t n = std::stoull(std::string(rest.substr(7, 20)));
      locations.push_back({n, n + 1});
    } else if (rest.starts_with("bytes ")) {
      rest.remove_prefix(6);
      while (rest.starts_with("[")) {
        const size_t comma = rest.find(", ");
        const size_t close = rest.find(')');
        if (comma == std::string_view::npos || close == std::string_view::npos) break;
        locations.push_back({std::stoull(std::string(rest.substr(1, comma - 1))),
                             std::stoull(std::string(rest.substr(comma + 2, close - comma - 2)))});
        rest.remove_prefix(close + 1);
        if (rest.starts_with(", ")) rest.remove_prefix(2);
      }
    }
  }
  return locations;
}

// The narrowest location of `locations` that holds the damage (for a
// truncation: that reaches the new end of the file), or none.
std::optional<Damaged> NarrowestHolding(const std::vector<Damaged>& locations, Damage damage,
                                        const Damaged& damaged) {
  std::optional<Damaged> best;
  for (const Damaged& l : locations) {
    bool holds;
    if (damage == Damage::kTruncate) {
      holds = l.begin == damaged.begin || (l.begin < damaged.begin && damaged.begin <= l.end);
    } else {
      holds = l.begin < damaged.end && damaged.begin < l.end;
    }
    if (holds && (!best || l.end - l.begin < best->end - best->begin)) best = l;
  }
  return best;
}

// Whether a structural check's offset among `locations` (an "offset N")
// is the start of the record or entry that holds the damage: at most 64
// bytes before it.
bool PointsAtRecord(const std::vector<Damaged>& locations, const Damaged& damaged) {
  return std::any_of(locations.begin(), locations.end(), [&](const Damaged& l) {
    return l.end == l.begin + 1 && l.begin <= damaged.begin && damaged.begin < l.begin + 64;
  });
}

// Queries that reach every part of the searcher: postings of the long
// lists, phrases (positions), fields, prefixes, phrasings (stored text),
// grouping and the document unit.
const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {"the",
                                                   "title:report",
                                                   "\"severe costs\"",
                                                   "sanction* -outlet:jazeera",
                                                   "putin AND biden",
                                                   "~\"swift and severe costs\"",
                                                   "outlet:gazette kalon"};
  return queries;
}

// Per file: how many cases ran and how each was located and refused.
struct Tally {
  int cases = 0;
  int unchanged = 0;    // zeroed ranges that held only zeros: not run
  int located = 0;      // verify named the file and bytes holding the damage
  int truncations = 0;  // ... of which truncations, located at the file's new end
  // Flipped bytes and zeroed ranges, located:
  int exact = 0;   // ... as the field or table entry hit (at most 16 bytes)
  int record = 0;  // ... as their chunks, and a structural check named the record that holds them
  int list = 0;    // ... as the postings list that holds them, narrower than a chunk
  int chunk = 0;   // ... as the 4 KiB chunks they touch only (less than the whole file)
  int structural = 0;          // a structural check followed the checksum's ranges (in any file)
  int refused = 0;             // IndexReader::Open and the searcher refused it
  int unchecked_refused = 0;   // with checksums off, refused
  int unchecked_answered = 0;  // with checksums off, answered every query
  std::map<std::string, int> wide;  // structures located only as the whole file
};

class StructureCorruption : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    WriteFile(dir_->PathOf("articles.jsonl"), DamageCorpus());
    const ProcessResult build = RunProgram({IndexerPath(), "build", "--index", dir_->PathOf("good"),
                                            "--quiet", dir_->PathOf("articles.jsonl")});
    ASSERT_EQ(build.exit_code(), 0) << build.Describe();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // The targets of the file kind under test (GetParam(): an extension, or
  // "MANIFEST").
  std::vector<Target> TargetsOf(const std::string& dir) {
    auto manifest = ReadManifest(dir);
    EXPECT_TRUE(manifest.ok()) << manifest.status();
    EXPECT_EQ(manifest->segments.size(), 1u);
    auto segment = Segment::Open(dir, manifest->segments[0]);
    EXPECT_TRUE(segment.ok()) << segment.status();
    TargetMap map(dir, **segment);
    const std::string& kind = GetParam();
    if (kind == format::kManifestName) {
      map.Envelope(std::string(format::kManifestName), FileKind::kManifest);
      map.Manifest(std::string(format::kManifestName));
    }
    for (FileKind k : format::kSegmentFileKinds) {
      if (format::Extension(k) != kind) continue;
      map.Envelope(map.Name(k), k);
      switch (k) {
        case FileKind::kDictionary:
          map.Dictionary();
          break;
        case FileKind::kPostings:
          map.Postings();
          break;
        case FileKind::kPositions:
          map.Positions();
          break;
        case FileKind::kPassages:
          map.Passages();
          break;
        case FileKind::kDocuments:
          map.Documents();
          break;
        case FileKind::kStoredText:
          map.StoredText();
          break;
        case FileKind::kSketches:
          map.Sketches();
          break;
        default:
          break;
      }
    }
    return map.Take();
  }

  // With checksums off: opens and searches in process; every hit must lie
  // within its segment. Returns whether the index opened.
  static bool SearchUnchecked(const std::string& dir, const std::string& what) {
    IndexReader::Options options;
    options.verify_checksums = false;
    auto index = IndexReader::Open(dir, options);
    if (!index.ok()) return false;
    Searcher searcher(index->get());
    for (const std::string& query : Queries()) {
      for (Unit unit : {Unit::kPassage, Unit::kDocument}) {
        SearchOptions search;
        search.unit = unit;
        search.k = 20;
        auto results = searcher.Search(query, search);
        if (!results.ok()) continue;
        for (const Hit& hit : results->hits) {
          EXPECT_LT(hit.segment, (*index)->segments().size()) << what << ": " << query;
          if (hit.segment >= (*index)->segments().size()) continue;
          const Segment& segment = *(*index)->segments()[hit.segment];
          const uint32_t units =
              unit == Unit::kPassage ? segment.passages().size() : segment.documents().size();
          EXPECT_LT(hit.unit, units) << what << ": " << query;
        }
        auto views = PresentResults(**index, *results, unit, searcher.analyzer());
        (void)views;  // a damaged text may be reported; it must not crash
      }
    }
    return true;
  }

  static ScratchDir* dir_;
};

ScratchDir* StructureCorruption::dir_ = nullptr;

TEST_P(StructureCorruption, EveryStructureIsReportedAndRefused) {
  const std::string index = dir_->PathOf("damaged");
  std::filesystem::remove_all(index);
  CopyDir(dir_->PathOf("good"), index);
  const std::vector<Target> targets = TargetsOf(index);
  ASSERT_FALSE(targets.empty());
  std::string batch;
  for (size_t q = 0; q < Queries().size(); ++q)
    batch += std::to_string(q) + "\t" + Queries()[q] + "\n";

  Tally tally;
  for (const Target& target : targets) {
    const std::string path = index + "/" + target.file;
    const std::string original = ReadFile(path);
    ASSERT_LT(target.offset, original.size()) << target.structure;
    for (Damage damage : {Damage::kFlip, Damage::kZero, Damage::kTruncate}) {
      const std::string what = target.file + " " + target.structure + " @" +
                               std::to_string(target.offset) + ": " + DamageName(damage);
      SCOPED_TRACE(what);
      std::string bytes = original;
      Damaged damaged;
      if (!Apply(damage, target, &bytes, &damaged)) {
        ++tally.unchanged;
        continue;
      }
      ++tally.cases;
      WriteFile(path, bytes);

      // (a) verify names the file and bytes that hold the damage.
      const absl::Status verify = VerifyIndex(index);
      EXPECT_TRUE(absl::IsDataLoss(verify)) << verify;
      const std::string message(verify.message());
      EXPECT_TRUE(Contains(message, path)) << verify;
      const std::optional<Damaged> narrowest =
          NarrowestHolding(LocationsOf(message, path), damage, damaged);
      EXPECT_TRUE(narrowest.has_value()) << "not located: " << verify;
      const std::optional<uint64_t> width =
          narrowest ? std::optional<uint64_t>(narrowest->end - narrowest->begin) : std::nullopt;
      tally.structural += Contains(message, "the first structural check it breaks");
      if (width) {
        ++tally.located;
        if (damage == Damage::kTruncate) {
          ++tally.truncations;
        } else if (*width + 2 * format::kFooterSize >= original.size()) {
          ++tally.wide[target.structure];  // the whole file, or nearly
        } else if (*width <= 16) {
          ++tally.exact;
        } else if (PointsAtRecord(LocationsOf(message, path), damaged)) {
          ++tally.record;
        } else {
          // Chunks are aligned to kChecksumChunkSize, and the last ends the
          // header and body; a narrower structure (a postings list) is not.
          const uint64_t c = format::kChecksumChunkSize;
          const uint64_t covered = format::CoveredSize(original.size());
          const bool chunks =
              narrowest->begin % c == 0 && (narrowest->end % c == 0 || narrowest->end == covered);
          EXPECT_LE(*width, c * ((damaged.end - 1) / c - damaged.begin / c + 1)) << verify;
          if (chunks) {
            ++tally.chunk;
          } else {
            ++tally.list;
          }
        }
      }

      // (b) the index is refused for search, naming the file.
      const absl::Status open = IndexReader::Open(index).status();
      EXPECT_TRUE(absl::IsDataLoss(open)) << open;
      EXPECT_TRUE(Contains(std::string(open.message()), path)) << open;
      const ProcessResult search =
          RunProgram({SearcherPath(), "--index", index, "--query", "the", "--format", "json"});
      EXPECT_EQ(search.exit_code(), 1) << search.Describe();
      EXPECT_TRUE(Contains(search.err, path)) << search.err;
      EXPECT_EQ(search.out, "");
      tally.refused += !open.ok() && search.exit_code() == 1;

      // (c) with checksums off: refused or answered, never a crash.
      const bool opened = SearchUnchecked(index, what);
      RunOptions run;
      run.input = batch;
      const ProcessResult unchecked = RunProgram(
          {SearcherPath(), "--index", index, "--no-verify", "--format", "json", "-k", "20"}, run);
      EXPECT_TRUE(unchecked.exit_code() == 0 || unchecked.exit_code() == 1) << unchecked.Describe();
      if (unchecked.exit_code() == 1) {
        EXPECT_TRUE(Contains(unchecked.err, "error")) << unchecked.err;
      }
      (opened ? tally.unchecked_answered : tally.unchecked_refused)++;
      WriteFile(path, original);
    }
  }
  ASSERT_TRUE(VerifyIndex(index).ok());
  std::cout << "[ figures ] " << GetParam() << ": " << targets.size() << " structures, "
            << tally.cases << " damage cases (" << tally.unchanged
            << " zeroed ranges held only zeros); verify located " << tally.located << ": "
            << tally.truncations << " truncations at the new end; flips and zeroed ranges "
            << tally.exact << " as the field hit, " << tally.record
            << " as their chunks and the record or entry holding them, " << tally.list
            << " as the postings list holding them, " << tally.chunk << " as their chunks only, "
            << tally.located - tally.truncations - tally.exact - tally.record - tally.list -
                   tally.chunk
            << " only as the whole file; a structural check added in " << tally.structural
            << "; refused for search " << tally.refused
            << "; with checksums off: " << tally.unchecked_refused << " refused, "
            << tally.unchecked_answered << " answered in range\n";
  for (const auto& [structure, count] : tally.wide) {
    std::cout << "[ figures ]   located only as the whole file: " << structure << " (" << count
              << ")\n";
  }
}

INSTANTIATE_TEST_SUITE_P(FileKinds, StructureCorruption,
                         ::testing::Values("MANIFEST", ".dict", ".post", ".pos", ".psg", ".doc",
                                           ".txt", ".dup"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::erase(name, '.');
                           return name;
                         });

}  // namespace
}  // namespace syndex::cli_test
