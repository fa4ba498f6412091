#include "indexer/jsonl_source.h"

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
using testing::SharedDir;
using ::testing::StartsWith;
using testing_internal::Ids;
using testing_internal::SameContent;
using testing_internal::ScratchDir;
using testing_internal::Warnings;
using testing_internal::ZstdCompress;
using testing_internal::ZstdDecompressFile;

TEST(JsonlSource, ReadsFieldsAndOrigin) {
  ScratchDir dir;
  std::string path = dir.Write(
      "news.jsonl",
      R"({"id": "a1", "title": "T", "text": "Body", "outlet": "O", "date": "2020-01-02", "url": "u", "topic": "x"})"
      "\n");
  Warnings warnings;
  auto source = JsonlSource::Open(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 1u);
  const RawDocument& doc = (*docs)[0];
  EXPECT_EQ(doc.id, "a1");
  EXPECT_EQ(doc.title, "T");
  EXPECT_EQ(doc.text, "Body");
  EXPECT_EQ(doc.outlet, "O");
  EXPECT_EQ(doc.date, "2020-01-02");
  EXPECT_EQ(doc.url, "u");
  EXPECT_EQ(doc.origin, path + ":1");
  EXPECT_TRUE(warnings.list().empty());
}

TEST(JsonlSource, MissingIdIsFileNameAndLine) {
  ScratchDir dir;
  std::string path = dir.Write("feed.jsonl",
                               "\n"
                               R"({"text": "no id"})"
                               "\n"
                               R"({"id": "  ", "text": "blank id"})"
                               "\n"
                               R"({"_id": 1234, "text": "numeric _id"})"
                               "\n");
  Warnings warnings;
  auto source = JsonlSource::Open(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("feed.jsonl:2", "feed.jsonl:3", "1234"));
  EXPECT_TRUE(warnings.list().empty());
}

TEST(JsonlSource, BadLinesAreWarnedAndSkippedWithTheirLineNumbers) {
  const std::vector<std::string> lines = {
      R"({"id": "good1", "text": "one"})",              // 1
      "   ",                                            // 2: blank, skipped silently
      R"({"id": "x", "text": "unclosed)",               // 3
      R"({"id": "no text", "title": "T"})",             // 4
      R"({"id": "blank text", "text": " \n\t "})",      // 5
      R"(["not", "an object"])",                        // 6
      "{\"id\": \"good2\", \"text\": \"two\"}\r",       // 7: CRLF line end
      R"({"id": "nul", "text": "a\u0000b"})",           // 8
      "{\"id\": \"utf8\", \"text\": \"caf\xE9!\"}",     // 9: repaired, kept
      R"({"id": "wrong", "text": "x", "date": 2020})",  // 10
      R"({"id": "good3", "text": "three"})",            // 11: no final newline
  };
  std::string contents;
  for (const std::string& line : lines) contents += line + "\n";
  contents.pop_back();
  ScratchDir dir;
  std::string path = dir.Write("mixed.jsonl", contents);
  Warnings warnings;
  auto source = JsonlSource::Open(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("good1", "good2", "utf8", "good3"));
  EXPECT_EQ((*docs)[2].text, "caf\xEF\xBF\xBD!");
  EXPECT_EQ((*docs)[3].origin, path + ":11");
  EXPECT_THAT(
      warnings.list(),
      ElementsAre(StartsWith(path + ":3: not valid JSON"), StartsWith(path + ":4: no text"),
                  StartsWith(path + ":5: no text"), StartsWith(path + ":6: not a JSON object"),
                  StartsWith(path + ":8: text contains a NUL"),
                  StartsWith(path + ":9: invalid UTF-8 at byte 27"),
                  StartsWith(path + ":10: field \"date\" is a number")));
}

TEST(JsonlSource, PlainAndZstdGiveTheSameDocuments) {
  std::string contents;
  for (int i = 0; i < 2000; ++i) {
    contents += R"({"id": "d)" + std::to_string(i) + R"(", "title": "Title )" + std::to_string(i) +
                R"(", "text": ")" + std::string(i % 700 + 1, 'a' + i % 26) +
                R"( end", "outlet": "Outlet", "date": "2021-03-04"})" + "\n";
    if (i % 100 == 0) contents += "not json\n";
  }
  ScratchDir dir;
  std::string plain_path = dir.Write("a.jsonl", contents);
  std::string zstd_path = dir.Write("a.jsonl.zst", ZstdCompress(contents));
  Warnings plain_warnings, zstd_warnings;
  auto plain = JsonlSource::Open(plain_path, plain_warnings.sink());
  auto zstd = JsonlSource::Open(zstd_path, zstd_warnings.sink());
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_TRUE(zstd.ok()) << zstd.status();
  auto plain_docs = ReadAllDocuments(**plain);
  auto zstd_docs = ReadAllDocuments(**zstd);
  ASSERT_TRUE(plain_docs.ok()) << plain_docs.status();
  ASSERT_TRUE(zstd_docs.ok()) << zstd_docs.status();
  ASSERT_EQ(plain_docs->size(), 2000u);
  ASSERT_EQ(zstd_docs->size(), 2000u);
  for (size_t i = 0; i < plain_docs->size(); ++i) {
    EXPECT_TRUE(SameContent((*plain_docs)[i], (*zstd_docs)[i])) << i;
  }
  EXPECT_EQ((*zstd_docs)[1999].origin, zstd_path + ":2020");
  EXPECT_EQ(plain_warnings.list().size(), 20u);
  EXPECT_EQ(zstd_warnings.list().size(), 20u);
  EXPECT_EQ((*plain)->bytes_read(), contents.size());
  EXPECT_EQ((*zstd)->bytes_read(), contents.size());
}

TEST(JsonlSource, FirstLinesOfBbc) {
  const std::string bbc = SharedDir() + "/news/bbc/articles.jsonl.zst";
  if (!std::filesystem::exists(bbc)) GTEST_SKIP() << bbc << " is absent (../shared not mounted)";
  // The first 50 lines, as a plain and a zstd file, must give what the
  // original file gives for them.
  std::string all = ZstdDecompressFile(bbc);
  size_t end = 0;
  for (int i = 0; i < 50; ++i) end = all.find('\n', end) + 1;
  const std::string head = all.substr(0, end);
  ScratchDir dir;
  std::string plain_path = dir.Write("bbc.jsonl", head);
  std::string zstd_path = dir.Write("bbc.jsonl.zst", ZstdCompress(head, true, 19));

  Warnings warnings;
  auto original = JsonlSource::Open(bbc, warnings.sink());
  ASSERT_TRUE(original.ok()) << original.status();
  std::vector<RawDocument> expected;
  RawDocument doc;
  for (int i = 0; i < 50; ++i) {
    auto more = (*original)->Next(&doc);
    ASSERT_TRUE(more.ok() && *more) << more.status();
    expected.push_back(doc);
  }
  EXPECT_EQ((*original)->bytes_read(), head.size());
  EXPECT_EQ(expected[0].id, "business/001");
  EXPECT_EQ(expected[0].title, "Ad sales boost Time Warner profit");
  EXPECT_EQ(expected[0].outlet, "BBC News");
  EXPECT_EQ(expected[0].origin, bbc + ":1");
  EXPECT_THAT(expected[0].text, StartsWith("Quarterly profits at US media giant TimeWarner"));
  EXPECT_EQ(expected[1].id, "business/002");

  for (const std::string& path : {plain_path, zstd_path}) {
    auto source = JsonlSource::Open(path, warnings.sink());
    ASSERT_TRUE(source.ok()) << source.status();
    auto docs = ReadAllDocuments(**source);
    ASSERT_TRUE(docs.ok()) << docs.status();
    ASSERT_EQ(docs->size(), expected.size()) << path;
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_TRUE(SameContent((*docs)[i], expected[i])) << path << " " << i;
    }
  }
  EXPECT_TRUE(warnings.list().empty()) << warnings.list()[0];
}

TEST(JsonlSource, FiftyMegabyteDocumentIsRead) {
  ScratchDir dir;
  const std::string text(50 << 20, 'q');
  std::string path =
      dir.Write("big.jsonl", R"({"id": "small1", "text": "s"})"
                             "\n"
                             R"({"id": "big", "text": ")" +
                                 text + "\"}\n" + R"({"id": "small2", "text": "t"})");
  Warnings warnings;
  auto source = JsonlSource::Open(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_THAT(Ids(*docs), ElementsAre("small1", "big", "small2"));
  EXPECT_EQ((*docs)[1].text.size(), text.size());
  EXPECT_EQ((*docs)[1].text, text);
  EXPECT_TRUE(warnings.list().empty());
}

TEST(JsonlSource, LineOverTheDefaultLimitIsWarnedAndSkipped) {
  ScratchDir dir;
  const std::string text(kDefaultMaxLineBytes, 'q');  // the JSON around it makes the line too long
  const std::string line = R"({"id": "huge", "text": ")" + text + "\"}";
  std::string path = dir.Write("huge.jsonl.zst", ZstdCompress(R"({"id": "before", "text": "b"})"
                                                              "\n" +
                                                                  line + "\n" +
                                                                  R"({"id": "after", "text": "a"})"
                                                                  "\n",
                                                              false, 1));
  Warnings warnings;
  auto source = JsonlSource::Open(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("before", "after"));
  EXPECT_THAT(warnings.list(),
              ElementsAre(path + ":2: line of " + std::to_string(line.size()) +
                          " bytes is longer than the limit of " +
                          std::to_string(kDefaultMaxLineBytes) + " bytes, skipped"));
}

TEST(JsonlSource, SmallerLimitCanBeChosen) {
  ScratchDir dir;
  std::string path =
      dir.Write("a.jsonl", R"({"id": "short", "text": "s"})"
                           "\n"
                           R"({"id": "long", "text": "0123456789012345678901234567890"})"
                           "\n");
  Warnings warnings;
  LineReaderOptions options;
  options.max_line_bytes = 40;
  auto source = JsonlSource::Open(path, warnings.sink(), options);
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(Ids(*docs), ElementsAre("short"));
  EXPECT_THAT(warnings.list(), ElementsAre(HasSubstr(":2: line of 57 bytes is longer")));
}

TEST(JsonlSource, CorruptZstdIsDataLossAfterTheGoodDocuments) {
  std::string contents;
  for (int i = 0; i < 3000; ++i) {
    contents += R"({"id": ")" + std::to_string(i) + R"(", "text": "text number )" +
                std::to_string(i * 7919) + "\"}\n";
  }
  std::string compressed = ZstdCompress(contents);
  ScratchDir dir;
  std::string path = dir.Write("cut.jsonl.zst", compressed.substr(0, compressed.size() - 3));
  auto source = JsonlSource::Open(path, nullptr);
  ASSERT_TRUE(source.ok()) << source.status();
  RawDocument doc;
  absl::StatusOr<bool> more;
  int read = 0;
  while ((more = (*source)->Next(&doc)).ok() && *more) {
    EXPECT_EQ(doc.id, std::to_string(read));
    ++read;
  }
  EXPECT_EQ(more.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(more.status().message()), HasSubstr(path));
  EXPECT_LT(read, 3000);
}

TEST(JsonlSource, MissingFileIsNotFound) {
  ScratchDir dir;
  auto source = JsonlSource::Open(dir.PathOf("gone.jsonl"), nullptr);
  EXPECT_EQ(source.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace syndex
