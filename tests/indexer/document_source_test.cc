#include "indexer/document_source.h"

#include <sys/stat.h>
#include <unistd.h>

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
using testing_internal::SameContent;
using testing_internal::ScratchDir;
using testing_internal::Warnings;
using testing_internal::ZstdCompress;

constexpr char kArticles[] =
    R"({"id": "x1", "title": "First", "text": "Alpha text.", "outlet": "Wire"})"
    "\n"
    R"({"_id": 2, "text": "Beta text."})"
    "\n";

TEST(DocumentSource, OpensTheSeedCorpusDirectory) {
  Warnings warnings;
  auto source = OpenDocumentSource(std::string(SYNDEX_SOURCE_DIR) + "/corpus", warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  auto docs = ReadAllDocuments(**source);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 5u);
  EXPECT_EQ((*docs)[0].id, "000_ee24dc4fe73d1ef1");
  EXPECT_EQ((*docs)[0].outlet, "Al Jazeera");
  EXPECT_TRUE(warnings.list().empty());
}

TEST(DocumentSource, OpensJsonlJsonAndZstFilesAlike) {
  ScratchDir dir;
  std::vector<std::string> paths = {dir.Write("a.jsonl", kArticles), dir.Write("b.json", kArticles),
                                    dir.Write("c.jsonl.zst", ZstdCompress(kArticles)),
                                    dir.Write("D.JSONL", kArticles)};
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    Warnings warnings;
    auto source = OpenDocumentSource(path, warnings.sink());
    ASSERT_TRUE(source.ok()) << source.status();
    auto docs = ReadAllDocuments(**source);
    ASSERT_TRUE(docs.ok()) << docs.status();
    ASSERT_EQ(docs->size(), 2u);
    EXPECT_EQ((*docs)[0].id, "x1");
    EXPECT_EQ((*docs)[0].title, "First");
    EXPECT_EQ((*docs)[0].text, "Alpha text.");
    EXPECT_EQ((*docs)[0].outlet, "Wire");
    EXPECT_EQ((*docs)[1].id, "2");
    EXPECT_EQ((*docs)[1].origin, path + ":2");
    EXPECT_EQ((*source)->bytes_read(), sizeof(kArticles) - 1);
    EXPECT_TRUE(warnings.list().empty());
  }
}

TEST(DocumentSource, MissingPathIsNotFound) {
  ScratchDir dir;
  for (const std::string& path :
       {dir.PathOf("gone.jsonl"), dir.PathOf("gone"), dir.PathOf("gone/deeper.jsonl")}) {
    auto source = OpenDocumentSource(path, nullptr);
    EXPECT_EQ(source.status().code(), absl::StatusCode::kNotFound) << path;
    EXPECT_THAT(std::string(source.status().message()), HasSubstr(path));
  }
}

TEST(DocumentSource, OtherFileKindIsInvalidArgumentListingTheAcceptedOnes) {
  ScratchDir dir;
  for (const std::string& path :
       {dir.Write("article.txt", "text"), dir.Write("data.csv", "a,b"), dir.Write("jsonl", "{}")}) {
    auto source = OpenDocumentSource(path, nullptr);
    EXPECT_EQ(source.status().code(), absl::StatusCode::kInvalidArgument) << path;
    std::string message(source.status().message());
    EXPECT_THAT(message, HasSubstr(path));
    EXPECT_THAT(message, HasSubstr("directory of .txt files"));
    EXPECT_THAT(message, HasSubstr(".jsonl"));
    EXPECT_THAT(message, HasSubstr(".json"));
    EXPECT_THAT(message, HasSubstr(".zst"));
  }
}

TEST(DocumentSource, UnreadableFileIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their permissions";
  ScratchDir dir;
  std::string path = dir.Write("secret.jsonl", kArticles);
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  auto source = OpenDocumentSource(path, nullptr);
  EXPECT_EQ(source.status().code(), absl::StatusCode::kPermissionDenied) << source.status();
}

TEST(DocumentSource, StreamsAllSidesWithoutWarnings) {
  const std::string path = SharedDir() + "/news/allsides/articles.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent (../shared not mounted)";
  Warnings warnings;
  auto source = OpenDocumentSource(path, warnings.sink());
  ASSERT_TRUE(source.ok()) << source.status();
  RawDocument doc;
  uint64_t count = 0;
  while (true) {
    auto more = (*source)->Next(&doc);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    ++count;
    ASSERT_FALSE(doc.id.empty());
    ASSERT_FALSE(doc.text.empty());
  }
  EXPECT_EQ(count, 37554u);
  EXPECT_EQ((*source)->bytes_read(), 240351142u);  // zstd -l: Decompressed Size
  EXPECT_TRUE(warnings.list().empty()) << warnings.list()[0];
}

}  // namespace
}  // namespace syndex
