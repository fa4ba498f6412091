#include "common/term_dictionary.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/coding.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using format::Field;
using testing::Mentions;
using testing::ScratchDir;

struct Key {
  Field field;
  std::string term;
};

// A TermInfo whose every field is distinct and derived from `n`.
TermInfo InfoFor(uint32_t n) {
  TermInfo info;
  info.doc_freq = n + 2;
  info.document_count = n + 1;
  info.content_freq = n + 1;
  info.total_freq = uint64_t{n} * 3 + 5;
  info.max_tf = n + 4;
  info.min_length = n % 7;
  info.postings_offset = uint64_t{n} * 1000;
  info.postings_size = n + 10;
  info.positions_offset = uint64_t{n} * 2000;
  info.positions_size = n + 20;
  return info;
}

void ExpectSameInfo(const TermInfo& a, const TermInfo& b) {
  EXPECT_EQ(a.doc_freq, b.doc_freq);
  EXPECT_EQ(a.document_count, b.document_count);
  EXPECT_EQ(a.content_freq, b.content_freq);
  EXPECT_EQ(a.total_freq, b.total_freq);
  EXPECT_EQ(a.max_tf, b.max_tf);
  EXPECT_EQ(a.min_length, b.min_length);
  EXPECT_EQ(a.postings_offset, b.postings_offset);
  EXPECT_EQ(a.postings_size, b.postings_size);
  EXPECT_EQ(a.positions_offset, b.positions_offset);
  EXPECT_EQ(a.positions_size, b.positions_size);
}

// Keys in byte order: field first, then the term's bytes, unsigned (so
// "é" = C3 A9 sorts after "zebra").
const std::vector<Key>& SortedKeys() {
  static const std::vector<Key> keys = {
      {Field::kBody, "apple"},
      {Field::kBody, "apples"},
      {Field::kBody, "banana"},
      {Field::kBody, "zebra"},
      {Field::kBody, "\xC3\xA9t\xC3\xA9"},
      {Field::kTitle, "apple"},
      {Field::kTitle, "moon"},
      {Field::kOutlet, "reuters"},
  };
  return keys;
}

class TermDictionaryTest : public ::testing::Test {
 protected:
  // Writes `body` as a .dict file and opens it.
  absl::StatusOr<std::unique_ptr<TermDictionary>> OpenBody(std::string_view body) {
    const std::string path = dir_.PathOf("test.dict");
    auto writer = FileWriter::Create(path, format::FileKind::kDictionary);
    EXPECT_TRUE(writer.ok());
    EXPECT_TRUE((*writer)->Append(body).ok());
    EXPECT_TRUE((*writer)->Finish().ok());
    auto file = MappedFile::Open(path, format::FileKind::kDictionary);
    if (!file.ok()) return file.status();
    return TermDictionary::Open(std::move(*file));
  }
  std::unique_ptr<TermDictionary> OpenKeys(const std::vector<Key>& keys) {
    TermDictionaryEncoder encoder;
    for (size_t i = 0; i < keys.size(); ++i) {
      encoder.Add(keys[i].field, keys[i].term, InfoFor(static_cast<uint32_t>(i)));
    }
    EXPECT_EQ(encoder.size(), keys.size());
    auto dict = OpenBody(encoder.Finish());
    EXPECT_TRUE(dict.ok()) << dict.status();
    return dict.ok() ? std::move(*dict) : nullptr;
  }
  std::string path() const { return dir_.PathOf("test.dict"); }

  ScratchDir dir_{"syndex_dict"};
};

TEST_F(TermDictionaryTest, EntriesRoundTripInOrder) {
  auto dict = OpenKeys(SortedKeys());
  ASSERT_NE(dict, nullptr);
  ASSERT_EQ(dict->size(), SortedKeys().size());
  for (size_t i = 0; i < dict->size(); ++i) {
    const DictionaryEntry e = dict->Entry(i);
    EXPECT_EQ(e.field, SortedKeys()[i].field) << i;
    EXPECT_EQ(e.term, SortedKeys()[i].term) << i;
    ExpectSameInfo(e.info, InfoFor(static_cast<uint32_t>(i)));
  }
  EXPECT_TRUE(dict->Verify().ok()) << dict->Verify();
}

TEST_F(TermDictionaryTest, FindsEveryKeyInItsField) {
  auto dict = OpenKeys(SortedKeys());
  ASSERT_NE(dict, nullptr);
  for (size_t i = 0; i < SortedKeys().size(); ++i) {
    const Key& key = SortedKeys()[i];
    std::optional<TermInfo> info = dict->Find(key.field, key.term);
    ASSERT_TRUE(info.has_value()) << key.term;
    ExpectSameInfo(*info, InfoFor(static_cast<uint32_t>(i)));
  }
  // "apple" is in body and title with different infos.
  EXPECT_EQ(dict->Find(Field::kBody, "apple")->doc_freq, InfoFor(0).doc_freq);
  EXPECT_EQ(dict->Find(Field::kTitle, "apple")->doc_freq, InfoFor(5).doc_freq);
}

TEST_F(TermDictionaryTest, FindMissesAbsentKeys) {
  auto dict = OpenKeys(SortedKeys());
  ASSERT_NE(dict, nullptr);
  EXPECT_FALSE(dict->Find(Field::kBody, "appl").has_value());  // a prefix
  EXPECT_FALSE(dict->Find(Field::kBody, "applesauce").has_value());
  EXPECT_FALSE(dict->Find(Field::kBody, "").has_value());
  EXPECT_FALSE(dict->Find(Field::kBody, "aaa").has_value());      // before the first
  EXPECT_FALSE(dict->Find(Field::kOutlet, "zzz").has_value());    // after the last
  EXPECT_FALSE(dict->Find(Field::kTitle, "banana").has_value());  // other field only
  EXPECT_FALSE(dict->Find(Field::kOutlet, "apple").has_value());
}

TEST_F(TermDictionaryTest, LowerBoundOrdersByFieldThenBytes) {
  auto dict = OpenKeys(SortedKeys());
  ASSERT_NE(dict, nullptr);
  EXPECT_EQ(dict->LowerBound(Field::kBody, ""), 0u);
  EXPECT_EQ(dict->LowerBound(Field::kBody, "apple"), 0u);
  EXPECT_EQ(dict->LowerBound(Field::kBody, "applea"), 1u);
  EXPECT_EQ(dict->LowerBound(Field::kBody, "b"), 2u);
  EXPECT_EQ(dict->LowerBound(Field::kBody, "zz"), 4u);  // "é" sorts after ASCII
  EXPECT_EQ(dict->LowerBound(Field::kBody, "\xC3"), 4u);
  EXPECT_EQ(dict->LowerBound(Field::kBody, "\xFF"), 5u);  // first title key
  EXPECT_EQ(dict->LowerBound(Field::kTitle, ""), 5u);
  EXPECT_EQ(dict->LowerBound(Field::kTitle, "n"), 7u);
  EXPECT_EQ(dict->LowerBound(Field::kOutlet, "reuters"), 7u);
  EXPECT_EQ(dict->LowerBound(Field::kOutlet, "s"), 8u);
}

TEST_F(TermDictionaryTest, PrefixWalkWithLowerBound) {
  auto dict = OpenKeys(SortedKeys());
  ASSERT_NE(dict, nullptr);
  std::vector<std::string> found;
  for (size_t i = dict->LowerBound(Field::kBody, "app"); i < dict->size(); ++i) {
    const DictionaryEntry e = dict->Entry(i);
    if (e.field != Field::kBody || e.term.substr(0, 3) != "app") break;
    found.emplace_back(e.term);
  }
  EXPECT_EQ(found, (std::vector<std::string>{"apple", "apples"}));
}

TEST_F(TermDictionaryTest, EmptyDictionary) {
  auto dict = OpenKeys({});
  ASSERT_NE(dict, nullptr);
  EXPECT_EQ(dict->size(), 0u);
  EXPECT_FALSE(dict->Find(Field::kBody, "x").has_value());
  EXPECT_EQ(dict->LowerBound(Field::kBody, "x"), 0u);
  EXPECT_TRUE(dict->Verify().ok());
}

TEST_F(TermDictionaryTest, ManyKeysAndLargeValues) {
  TermDictionaryEncoder encoder;
  std::vector<std::string> terms;
  for (int i = 0; i < 3000; ++i) {
    char term[16];
    std::snprintf(term, sizeof term, "t%05d", i * 3);
    terms.emplace_back(term);
  }
  TermInfo big = InfoFor(1);
  big.total_freq = UINT64_MAX;
  big.postings_offset = uint64_t{1} << 40;
  big.positions_size = UINT64_MAX - 1;
  big.doc_freq = UINT32_MAX;
  for (const std::string& t : terms) encoder.Add(Field::kBody, t, big);
  auto dict = OpenBody(encoder.Finish());
  ASSERT_TRUE(dict.ok()) << dict.status();
  ASSERT_EQ((*dict)->size(), terms.size());
  for (int i = 0; i < 3000; i += 97) {
    std::optional<TermInfo> info = (*dict)->Find(Field::kBody, terms[i]);
    ASSERT_TRUE(info.has_value()) << terms[i];
    ExpectSameInfo(*info, big);
    char between[16];
    std::snprintf(between, sizeof between, "t%05d", i * 3 + 1);
    EXPECT_FALSE((*dict)->Find(Field::kBody, between).has_value());
    EXPECT_EQ((*dict)->LowerBound(Field::kBody, between), static_cast<size_t>(i + 1));
  }
}

TEST_F(TermDictionaryTest, VerifyRejectsKeysOutOfOrder) {
  auto dict = OpenKeys({{Field::kBody, "b"}, {Field::kBody, "a"}});
  ASSERT_NE(dict, nullptr);
  const absl::Status status = dict->Verify();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path())) << status;
  EXPECT_TRUE(Mentions(status, "entry 1 out of order")) << status;
}

TEST_F(TermDictionaryTest, VerifyRejectsDuplicateKeys) {
  auto dict = OpenKeys({{Field::kBody, "a"}, {Field::kTitle, "a"}, {Field::kTitle, "a"}});
  ASSERT_NE(dict, nullptr);
  EXPECT_TRUE(absl::IsDataLoss(dict->Verify())) << dict->Verify();
}

TEST_F(TermDictionaryTest, VerifyRejectsImpossibleStatistics) {
  auto check = [&](TermInfo info, std::string_view term) {
    TermDictionaryEncoder encoder;
    encoder.Add(Field::kBody, term, info);
    auto dict = OpenBody(encoder.Finish());
    ASSERT_TRUE(dict.ok()) << dict.status();
    const absl::Status status = (*dict)->Verify();
    EXPECT_TRUE(absl::IsDataLoss(status)) << term << ": " << status;
    EXPECT_TRUE(Mentions(status, "malformed")) << status;
  };
  TermInfo no_postings = InfoFor(1);
  no_postings.doc_freq = 0;
  check(no_postings, "a");
  TermInfo more_documents_than_postings = InfoFor(1);
  more_documents_than_postings.document_count = more_documents_than_postings.doc_freq + 1;
  check(more_documents_than_postings, "a");
  TermInfo no_documents = InfoFor(1);
  no_documents.document_count = 0;
  check(no_documents, "a");
  TermInfo no_contents = InfoFor(1);
  no_contents.content_freq = 0;
  check(no_contents, "a");
  TermInfo more_contents_than_postings = InfoFor(1);
  more_contents_than_postings.content_freq = more_contents_than_postings.doc_freq + 1;
  check(more_contents_than_postings, "a");
  check(InfoFor(1), std::string(format::kMaxTermBytes + 1, 'x'));
}

TEST_F(TermDictionaryTest, LongestTermIsAccepted) {
  auto dict = OpenKeys({{Field::kBody, std::string(format::kMaxTermBytes, 'x')}});
  ASSERT_NE(dict, nullptr);
  EXPECT_TRUE(dict->Verify().ok());
}

// A body with the given prefix fields and offsets, then `entries`.
std::string RawBody(uint32_t count, uint32_t reserved, const std::vector<uint32_t>& offsets,
                    std::string_view entries) {
  std::string body;
  PutFixed32(&body, count);
  PutFixed32(&body, reserved);
  for (uint32_t o : offsets) PutFixed32(&body, o);
  body.append(entries);
  return body;
}

TEST_F(TermDictionaryTest, OpenRejectsShortBody) {
  auto dict = OpenBody("1234567");
  EXPECT_TRUE(absl::IsDataLoss(dict.status())) << dict.status();
  EXPECT_TRUE(Mentions(dict.status(), path())) << dict.status();
}

TEST_F(TermDictionaryTest, OpenRejectsNonzeroReserved) {
  auto dict = OpenBody(RawBody(0, 1, {}, ""));
  EXPECT_TRUE(absl::IsDataLoss(dict.status())) << dict.status();
  EXPECT_TRUE(Mentions(dict.status(), "reserved")) << dict.status();
}

TEST_F(TermDictionaryTest, OpenRejectsTermCountThatDoesNotFit) {
  auto dict = OpenBody(RawBody(3, 0, {0, 0}, ""));  // 3 offsets announced, 2 present
  EXPECT_TRUE(absl::IsDataLoss(dict.status())) << dict.status();
  EXPECT_TRUE(Mentions(dict.status(), "does not fit")) << dict.status();
  auto huge = OpenBody(RawBody(UINT32_MAX, 0, {}, ""));
  EXPECT_TRUE(absl::IsDataLoss(huge.status())) << huge.status();
}

TEST_F(TermDictionaryTest, UndecodableEntryIsEmptyAndVerifyReportsIt) {
  TermDictionaryEncoder encoder;
  encoder.Add(Field::kBody, "good", InfoFor(1));
  std::string good = encoder.Finish();
  // Two entries: the real one, then one whose offset points past the end.
  const std::string entries = good.substr(format::kDictionaryPrefixSize + 4);
  auto dict = OpenBody(RawBody(2, 0, {0, static_cast<uint32_t>(entries.size()) + 5}, entries));
  ASSERT_TRUE(dict.ok()) << dict.status();
  const DictionaryEntry bad = (*dict)->Entry(1);
  EXPECT_EQ(bad.term, "");
  EXPECT_EQ(bad.info.doc_freq, 0u);
  EXPECT_EQ((*dict)->Entry(0).term, "");  // its slot now ends past the entries
  const absl::Status status = (*dict)->Verify();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "does not decode")) << status;
}

TEST_F(TermDictionaryTest, UnknownFieldDoesNotDecode) {
  TermDictionaryEncoder encoder;
  encoder.Add(static_cast<Field>(format::kFieldCount), "x", InfoFor(1));
  auto dict = OpenBody(encoder.Finish());
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ((*dict)->Entry(0).info.doc_freq, 0u);
  EXPECT_TRUE(absl::IsDataLoss((*dict)->Verify()));
}

TEST_F(TermDictionaryTest, TrailingBytesInAnEntryDoNotDecode) {
  TermDictionaryEncoder encoder;
  encoder.Add(Field::kBody, "x", InfoFor(1));
  std::string body = encoder.Finish();
  body += '\0';  // one byte more than the last entry holds
  auto dict = OpenBody(body);
  ASSERT_TRUE(dict.ok());
  EXPECT_TRUE(absl::IsDataLoss((*dict)->Verify()));
}

}  // namespace
}  // namespace syndex
