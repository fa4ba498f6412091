#include "indexer/text_directory_source.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"

namespace syndex {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadAllDocuments;
using testing::ReadFile;
using testing_internal::Ids;
using testing_internal::ScratchDir;
using testing_internal::Warnings;

absl::StatusOr<std::vector<RawDocument>> ReadDirectory(const std::string& path,
                                                       Warnings* warnings) {
  auto source = TextDirectorySource::Open(path, warnings->sink());
  if (!source.ok()) return source.status();
  return ReadAllDocuments(**source);
}

std::string Get(simdjson::dom::object object, const char* key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

TEST(TextDirectorySource, SeedCorpusMatchesMetaAndFiles) {
  const std::string corpus = std::string(SYNDEX_SOURCE_DIR) + "/corpus";
  // The expectations come from meta.jsonl through simdjson's DOM API, not
  // through the reader under test.
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  ASSERT_EQ(parser.load_many(corpus + "/meta.jsonl").get(stream), simdjson::SUCCESS);
  std::vector<std::string> expected_ids, expected_files;
  for (auto line : stream) {
    simdjson::dom::object object;
    ASSERT_EQ(line.get(object), simdjson::SUCCESS);
    expected_ids.push_back(Get(object, "id"));
    expected_files.push_back(Get(object, "file"));
  }
  ASSERT_EQ(expected_ids.size(), 5u);
  std::vector<std::string> sorted_files = expected_files;
  std::sort(sorted_files.begin(), sorted_files.end());
  ASSERT_EQ(sorted_files, expected_files) << "the test assumes meta.jsonl is in file order";

  Warnings warnings;
  auto source = TextDirectorySource::Open(corpus, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_EQ(Ids(*docs), expected_ids);

  // A second parse of meta.jsonl for the other fields (a document stream
  // can be walked only once).
  size_t i = 0;
  uint64_t total_bytes = 0;
  ASSERT_EQ(parser.load_many(corpus + "/meta.jsonl").get(stream), simdjson::SUCCESS);
  for (auto line : stream) {
    ASSERT_LT(i, docs->size());
    simdjson::dom::object object;
    ASSERT_EQ(line.get(object), simdjson::SUCCESS);
    const RawDocument& doc = (*docs)[i++];
    EXPECT_EQ(doc.outlet, Get(object, "outlet"));
    EXPECT_EQ(doc.title, Get(object, "title"));
    EXPECT_EQ(doc.date, Get(object, "date"));
    EXPECT_EQ(doc.url, Get(object, "url"));
    const std::string file = corpus + "/" + Get(object, "file");
    EXPECT_EQ(doc.origin, file);
    std::string bytes = ReadFile(file);
    EXPECT_EQ(doc.text, bytes);
    total_bytes += bytes.size();
  }
  EXPECT_EQ((*docs)[2].title, "");  // the seed without a title stays without
  EXPECT_EQ((*source)->bytes_read(), total_bytes);
  EXPECT_TRUE(warnings.list().empty()) << warnings.list()[0];
}

TEST(TextDirectorySource, TrailingSlashGivesCleanOrigins) {
  ScratchDir dir;
  dir.Write("a.txt", "text");
  Warnings warnings;
  auto docs = ReadDirectory(dir.path() + "/", &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].origin, dir.path() + "/a.txt");
}

TEST(TextDirectorySource, FilesAreSortedAndOnlyTopLevelTxtIsRead) {
  ScratchDir dir;
  dir.Write("b.txt", "bee");
  dir.Write("a.txt", "ay");
  dir.Write("C.txt", "upper case sorts first");
  dir.Write("notes.md", "not an article");
  dir.Write("a.txt.bak", "not an article");
  dir.Write(".txt", "no name");
  dir.MakeSubdir("sub");
  dir.Write("sub/c.txt", "not read: subdirectories are not");
  dir.MakeSubdir("d.txt");  // a directory, not a file
  Warnings warnings;
  auto docs = ReadDirectory(dir.path(), &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("C", "a", "b"));
  EXPECT_EQ((*docs)[1].text, "ay");
  EXPECT_TRUE(warnings.list().empty()) << warnings.list()[0];
}

TEST(TextDirectorySource, MetaFillsFieldsAndMissingIdsComeFromFileNames) {
  ScratchDir dir;
  dir.Write("1.txt", "one");
  dir.Write("2.txt", "two");
  dir.Write("3.txt", "three");
  dir.Write("meta.jsonl",
            R"({"file": "2.txt", "outlet": "O2", "title": "T2", "date": "2020-02-02", "url": "u2"})"
            "\n"
            R"({"file": "1.txt", "id": "first", "outlet": "O1", "extra": [1, 2]})"
            "\n");
  Warnings warnings;
  auto docs = ReadDirectory(dir.path(), &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_THAT(Ids(*docs), ElementsAre("first", "2", "3"));
  EXPECT_EQ((*docs)[0].outlet, "O1");
  EXPECT_EQ((*docs)[1].outlet, "O2");
  EXPECT_EQ((*docs)[1].title, "T2");
  EXPECT_EQ((*docs)[1].date, "2020-02-02");
  EXPECT_EQ((*docs)[1].url, "u2");
  EXPECT_EQ((*docs)[2].outlet, "");
  EXPECT_TRUE(warnings.list().empty()) << warnings.list()[0];
}

TEST(TextDirectorySource, BadMetaLinesAreWarned) {
  ScratchDir dir;
  dir.Write("a.txt", "ay");
  std::string meta = dir.Write("meta.jsonl", R"({"file": "a.txt", "id": "kept"})"
                                             "\n"
                                             R"({"file": "missing.txt", "id": "m"})"
                                             "\n"
                                             "{broken\n"
                                             "\n"
                                             R"({"id": "no file"})"
                                             "\n"
                                             R"({"file": "a.txt", "id": "second"})"
                                             "\n");
  Warnings warnings;
  auto docs = ReadDirectory(dir.path(), &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("kept"));
  EXPECT_THAT(warnings.list(), ElementsAre(HasSubstr(meta + ":2: names missing.txt"),
                                           HasSubstr(meta + ":3: not valid JSON"),
                                           HasSubstr(meta + ":5: no \"file\""),
                                           HasSubstr(meta + ":6: describes a.txt again")));
}

TEST(TextDirectorySource, EmptyAndBinaryFilesAreWarnedAndSkipped) {
  ScratchDir dir;
  std::string empty = dir.Write("1.txt", "");
  std::string blank = dir.Write("2.txt", " \n\t\n");
  std::string binary = dir.Write("3.txt", std::string("PK\x03\x04\0\0data", 10));
  dir.Write("4.txt", "fine");
  Warnings warnings;
  auto source = TextDirectorySource::Open(dir.path(), warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("4"));
  EXPECT_THAT(warnings.list(),
              ElementsAre(empty + ": empty file, skipped", HasSubstr(blank + ": file holds only"),
                          binary + ": binary file (NUL byte at offset 4), skipped"));
  EXPECT_EQ((*source)->bytes_read(), 0u + 4 + 10 + 4);
}

TEST(TextDirectorySource, InvalidUtf8IsRepairedWithAWarningNamingTheOffset) {
  ScratchDir dir;
  std::string path = dir.Write("a.txt", "Caf\xC3\xA9 ok, then bad: \xFF\xFE end");
  Warnings warnings;
  auto docs = ReadDirectory(dir.path(), &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].text, "Caf\xC3\xA9 ok, then bad: \xEF\xBF\xBD\xEF\xBF\xBD end");
  EXPECT_THAT(warnings.list(), ElementsAre(path + ": invalid UTF-8 at byte 20, 2 bytes "
                                                  "replaced by U+FFFD"));
}

TEST(TextDirectorySource, FileOverTheLimitIsWarnedAndSkipped) {
  ScratchDir dir;
  std::string big = dir.Write("big.txt", std::string(101, 'x'));
  dir.Write("small.txt", std::string(100, 'x'));
  Warnings warnings;
  TextDirectorySourceOptions options;
  options.max_file_bytes = 100;
  auto source = TextDirectorySource::Open(dir.path(), warnings.sink(), options);
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("small"));
  EXPECT_THAT(warnings.list(), ElementsAre(big + ": file of 101 bytes is bigger than the limit "
                                                 "of 100 bytes, skipped"));
}

TEST(TextDirectorySource, EmptyDirectoryIsWarned) {
  ScratchDir dir;
  Warnings warnings;
  auto docs = ReadDirectory(dir.path(), &warnings);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_TRUE(docs->empty());
  EXPECT_THAT(warnings.list(), ElementsAre(dir.path() + ": no .txt files"));
}

TEST(TextDirectorySource, MissingDirectoryIsNotFound) {
  ScratchDir dir;
  Warnings warnings;
  auto source = TextDirectorySource::Open(dir.PathOf("nope"), warnings.sink());
  EXPECT_EQ(source.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace syndex
