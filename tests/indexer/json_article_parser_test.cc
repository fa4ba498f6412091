#include "indexer/json_article_parser.h"

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "indexer/line_reader.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;

// Parse requires padding after the JSON, as LineReader provides.
class PaddedParser {
 public:
  absl::Status Parse(std::string_view json) {
    buffer_.assign(json);
    buffer_.append(kLinePadding, '}');  // garbage that must not be read as JSON
    return parser_.Parse(std::string_view(buffer_.data(), json.size()), &article_, &repair_);
  }
  const JsonArticle& article() const { return article_; }
  const Utf8Repair& repair() const { return repair_; }

 private:
  std::string buffer_;
  JsonArticleParser parser_;
  JsonArticle article_;
  Utf8Repair repair_;
};

TEST(JsonArticleParser, ReadsKnownFieldsAndIgnoresOthers) {
  PaddedParser parser;
  ASSERT_TRUE(parser
                  .Parse(R"({"id": "a/1", "title": "T", "text": "Line 1\nLine \"2\" \u00e9\u4e2d",)"
                         R"( "outlet": "O", "date": "2022-02-12", "url": "http://x",)"
                         R"( "authors": ["x", {"y": [1, 2]}], "topic": null, "n": 3.5e2})")
                  .ok());
  const JsonArticle& a = parser.article();
  EXPECT_EQ(a.id, "a/1");
  EXPECT_EQ(a.title, "T");
  EXPECT_EQ(a.text, "Line 1\nLine \"2\" \xC3\xA9\xE4\xB8\xAD");
  EXPECT_EQ(a.outlet, "O");
  EXPECT_EQ(a.date, "2022-02-12");
  EXPECT_EQ(a.url, "http://x");
  EXPECT_EQ(a.file, "");
  EXPECT_EQ(parser.repair().invalid_bytes, 0u);
}

TEST(JsonArticleParser, EveryFieldIsOverwrittenByTheNextLine) {
  PaddedParser parser;
  ASSERT_TRUE(parser.Parse(R"({"id": "1", "title": "T", "text": "x", "file": "f.txt"})").ok());
  ASSERT_TRUE(parser.Parse(R"({"text": "y"})").ok());
  EXPECT_EQ(parser.article().id, "");
  EXPECT_EQ(parser.article().title, "");
  EXPECT_EQ(parser.article().file, "");
  EXPECT_EQ(parser.article().text, "y");
}

TEST(JsonArticleParser, NumericIdsAreKeptAsWritten) {
  PaddedParser parser;
  for (std::string_view id : {"42", "-7", "0", "1.5", "123456789012345678901234567890"}) {
    ASSERT_TRUE(
        parser.Parse(std::string(R"({"_id": )") + std::string(id) + R"( , "text": "x"})").ok())
        << id;
    EXPECT_EQ(parser.article().id, id);
  }
}

TEST(JsonArticleParser, IdWinsOverUnderscoreIdUnlessNull) {
  PaddedParser parser;
  ASSERT_TRUE(parser.Parse(R"({"_id": "under", "id": "plain"})").ok());
  EXPECT_EQ(parser.article().id, "plain");
  ASSERT_TRUE(parser.Parse(R"({"id": "plain", "_id": "under"})").ok());
  EXPECT_EQ(parser.article().id, "plain");
  ASSERT_TRUE(parser.Parse(R"({"id": null, "_id": 9})").ok());
  EXPECT_EQ(parser.article().id, "9");
}

TEST(JsonArticleParser, NullIsEmpty) {
  PaddedParser parser;
  ASSERT_TRUE(parser.Parse(R"({"title": null, "text": "x", "url": null})").ok());
  EXPECT_EQ(parser.article().title, "");
  EXPECT_EQ(parser.article().url, "");
}

TEST(JsonArticleParser, WrongTypesAreRejectedWithTheFieldName) {
  PaddedParser parser;
  absl::Status status = parser.Parse(R"({"text": "x", "title": 5})");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Mentions(status, "\"title\" is a number")) << status;
  status = parser.Parse(R"({"text": ["x"]})");
  EXPECT_TRUE(Mentions(status, "\"text\" is an array")) << status;
  status = parser.Parse(R"({"id": true, "text": "x"})");
  EXPECT_TRUE(Mentions(status, "\"id\" is a boolean")) << status;
  status = parser.Parse(R"({"id": {"a": 1}, "text": "x"})");
  EXPECT_TRUE(Mentions(status, "\"id\" is an object")) << status;
}

TEST(JsonArticleParser, MalformedJsonIsRejected) {
  PaddedParser parser;
  for (std::string_view json : {
           R"({"text": "unclosed)",
           R"({"text": "x")",
           R"({"text": "x",})",
           R"({"text" "x"})",
           R"({"text": "x"} trailing)",
           R"({"text": "x"} {"text": "y"})",
           R"({"text": nul})",
           R"({"id": 12abc, "text": "x"})",
           R"({"text": "bad escape \q"})",
           R"({"text": "lone surrogate \ud800"})",
           "{\"text\": \"raw\x01control\"}",
       }) {
    absl::Status status = parser.Parse(json);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_TRUE(Mentions(status, "not valid JSON")) << json << " -> " << status;
  }
}

TEST(JsonArticleParser, NonObjectsAreRejected) {
  PaddedParser parser;
  for (std::string_view json : {R"([{"text": "x"}])", R"("text")", "42", "null", "nonsense"}) {
    absl::Status status = parser.Parse(json);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << json;
    EXPECT_TRUE(Mentions(status, "not a JSON object")) << json << " -> " << status;
  }
}

TEST(JsonArticleParser, InvalidUtf8IsRepaired) {
  PaddedParser parser;
  //                         0123456789012345
  ASSERT_TRUE(parser.Parse("{\"text\": \"caf\xE9 \xFF\xFEok\"}").ok());
  EXPECT_EQ(parser.article().text, "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBDok");
  EXPECT_EQ(parser.repair().invalid_bytes, 3u);
  EXPECT_EQ(parser.repair().first_invalid_offset, 13u);
}

TEST(JsonArticleParser, ByteOrderMarkIsSkipped) {
  PaddedParser parser;
  ASSERT_TRUE(parser.Parse("\xEF\xBB\xBF{\"text\": \"x\"}").ok());
  EXPECT_EQ(parser.article().text, "x");
}

TEST(JsonArticleParser, HugeDocumentThenSmallOne) {
  PaddedParser parser;
  const std::string text(20 << 20, 'w');  // above the size whose buffers are released
  ASSERT_TRUE(parser.Parse("{\"text\": \"" + text + "\"}").ok());
  EXPECT_EQ(parser.article().text, text);
  ASSERT_TRUE(parser.Parse(R"({"text": "small"})").ok());
  EXPECT_EQ(parser.article().text, "small");
}

}  // namespace
}  // namespace syndex
