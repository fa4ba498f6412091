// Tests for searcher/search_session.h: Run writes the results in the
// session's settings (grouped with the outlets that carried each text,
// variants counted or expanded, or every occurrence with grouping off), and
// Expand shows the variants of a result of the last query, or says why it
// cannot (no query yet, the last one failed, no such result, no variants).
#include "searcher/search_session.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "tests/searcher/search_test_util.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using search_testing::Doc;
using search_testing::ScratchDir;
using testing::Mentions;

constexpr char kStatement[] =
    "The White House said the United States will respond decisively and impose swift and severe "
    "costs on Russia if it invades.";

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

class SearchSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string variant = kStatement;
    variant.replace(variant.find("decisively"), 10, "firmly");
    const std::vector<RawDocument> docs = {
        Doc("A", "Biden warns Putin", StrCat("Officials spoke on Saturday.\n\n", kStatement),
            "Reuters", "2024-03-02"),
        Doc("B", "", StrCat(kStatement, "\n\nThe call lasted an hour."), "AP", "2024-03-01"),
        Doc("C", "Costs for Moscow", StrCat("Markets were calm.\n\n", variant), "BBC",
            "2024-03-03"),
        Doc("Z", "", "Markets in Asia rose on Monday.")};
    const absl::Status written = search_testing::WriteIndex(dir_.path(), docs);
    ASSERT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
  }

  std::string Run(SearchSession* session, std::string_view query) {
    std::string out;
    const absl::Status status = session->Run("1", query, &out);
    EXPECT_TRUE(status.ok()) << status;
    return out;
  }

  ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
};

TEST_F(SearchSessionTest, GroupedTextNamesTheOutletsAndCountsTheVariants) {
  SearchSession session(index_.get(), SessionSettings{});
  const std::string out = Run(&session, "decisively");
  EXPECT_TRUE(Contains(out, ", 1 shown)")) << out;
  EXPECT_TRUE(Contains(out,
                       "   carried by 3 outlets: AP (2024-03-01), Reuters (2024-03-02), BBC "
                       "(2024-03-03)\n   +1 variant (--expand to show)\n"))
      << out;
}

TEST_F(SearchSessionTest, ExpandedTextShowsTheVariants) {
  SessionSettings settings;
  settings.expand = true;
  SearchSession session(index_.get(), settings);
  const std::string out = Run(&session, "decisively");
  EXPECT_TRUE(Contains(out,
                       "   variant 1 · BBC (2024-03-03): The White House said the United "
                       "States will respond [-decisively-]{+firmly+} and impose"))
      << out;
  EXPECT_FALSE(Contains(out, "--expand to show")) << out;
}

TEST_F(SearchSessionTest, UngroupedListsEveryOccurrence) {
  SessionSettings settings;
  settings.search.group = false;
  settings.expand = true;
  SearchSession session(index_.get(), settings);
  const std::string out = Run(&session, "decisively");
  EXPECT_TRUE(Contains(out, ", 2 shown)")) << out;
  EXPECT_TRUE(Contains(out, " · A · passage 2 ")) << out;
  EXPECT_TRUE(Contains(out, " · B · passage 0 ")) << out;
  EXPECT_FALSE(Contains(out, "carried by")) << out;
  EXPECT_FALSE(Contains(out, "variant")) << out;
}

TEST_F(SearchSessionTest, JsonHasTheGroupWhateverTheSettings) {
  SessionSettings settings;
  settings.format = OutputFormat::kJson;
  settings.search.group = false;
  SearchSession session(index_.get(), settings);
  const std::string out = Run(&session, "decisively");
  EXPECT_TRUE(Contains(out, "\"outlet_count\": 3, \"variants\": [{\"text\": ")) << out;
}

// A TREC run prints document ids and scores only, so it reads no stored
// text: with every compressed text block damaged (and checksums not
// checked), TREC output is what it was, while text output reports the damage.
TEST_F(SearchSessionTest, TrecReadsNoStoredText) {
  SessionSettings trec;
  trec.format = OutputFormat::kTrec;
  trec.search.group = false;
  std::string before;
  {
    SearchSession session(index_.get(), trec);
    before = Run(&session, "decisively");
  }
  ASSERT_TRUE(Contains(before, "1 Q0 A 1 ")) << before;
  index_.reset();
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    if (entry.path().extension() != ".txt") continue;
    std::fstream file(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    // The first block's zstd frame starts after the 16-byte header; its
    // magic number, overwritten, makes it undecodable.
    file.seekp(16);
    file.write("\xff\xff\xff\xff", 4);
  }
  IndexReader::Options unchecked;
  unchecked.verify_checksums = false;
  auto damaged = IndexReader::Open(dir_.path(), unchecked);
  ASSERT_TRUE(damaged.ok()) << damaged.status();
  SearchSession trec_session(damaged->get(), trec);
  EXPECT_EQ(Run(&trec_session, "decisively"), before);
  SearchSession text_session(damaged->get(), SessionSettings{});
  std::string out;
  const absl::Status status = text_session.Run("1", "decisively", &out);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
}

TEST_F(SearchSessionTest, ExpandShowsTheVariantsOfAResultOfTheLastQuery) {
  SearchSession session(index_.get(), SessionSettings{});
  Run(&session, "decisively");
  std::string out;
  ASSERT_TRUE(session.Expand(1, &out).ok());
  EXPECT_EQ(out,
            "result 1: A · passage 2\n"
            "   variant 1 · BBC (2024-03-03): The White House said the United States will "
            "respond [-decisively-]{+firmly+} and impose swift and severe costs on Russia if it "
            "invades.\n");
  // Settings changed since do not matter: the views are the last query's.
  session.settings().search.group = false;
  out.clear();
  ASSERT_TRUE(session.Expand(1, &out).ok());
  EXPECT_TRUE(Contains(out, "variant 1 · BBC")) << out;
}

TEST_F(SearchSessionTest, ExpandSaysWhenThereIsNothingToShow) {
  SearchSession session(index_.get(), SessionSettings{});
  std::string out;
  absl::Status status = session.Expand(1, &out);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Mentions(status, "run a query first")) << status;

  Run(&session, "asia");
  status = session.Expand(1, &out);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(out, "result 1 has no variants\n");
  out.clear();
  for (size_t rank : {0, 2, 1000}) {
    status = session.Expand(rank, &out);
    EXPECT_TRUE(absl::IsOutOfRange(status)) << rank << ": " << status;
    EXPECT_TRUE(Mentions(status, StrCat("no result ", rank, ": the last query showed 1 result")))
        << status;
  }
  EXPECT_EQ(out, "");

  // A failed query leaves nothing to expand.
  EXPECT_FALSE(session.Run("2", "(broken", &out).ok());
  status = session.Expand(1, &out);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
}

}  // namespace
}  // namespace syndex
