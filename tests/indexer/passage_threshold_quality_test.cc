// File: tests/indexer/passage_threshold_quality_test.cc
//
// How precise passage grouping is at each threshold, judged by people rather
// than by our own similarity: the Microsoft Research Paraphrase Corpus
// (../shared/phrasing/mrpc-train) pairs news sentences of different outlets
// and labels each pair 1 when both say the same thing, 0 when they differ
// (a different figure, a claim added or dropped). Its pairs were picked for
// the words they share, so they are the hard cases of grouping: plain
// different stories never come this close.
//
// Every sentence is indexed as a one-passage article through the real
// builder and commit merge, once per threshold, and a labelled pair counts
// as grouped when both sentences land in one passage group. Only pairs of
// sentences of at least format::kMinSketchWords words can be grouped
// (shorter passages are not sketched). Reported per threshold: grouped
// pairs, precision (the share labelled 1) and recall (the share of pairs
// labelled 1 that are grouped). The floors assert what the default passage
// threshold (DedupOptions{}.passages, docs/DEDUP.md) was chosen for.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/format.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using testing::Corpus;

const std::string kMrpcDir = SYNDEX_SOURCE_DIR "/../shared/phrasing/mrpc-train";

struct LabelledPair {
  bool same_meaning;
  std::string first, second;  // sentence ids
};

std::vector<LabelledPair> ReadPairs(const std::string& path) {
  std::vector<LabelledPair> pairs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string label;
    LabelledPair pair;
    if (!(fields >> label >> pair.first >> pair.second)) continue;
    if (label != "0" && label != "1") continue;  // the header
    pair.same_meaning = label == "1";
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

struct Figures {
  uint32_t grouped = 0;       // labelled pairs grouped
  uint32_t grouped_same = 0;  // of those, labelled 1
  uint32_t same = 0;          // pairs labelled 1 that could be grouped
  double precision() const {
    return grouped == 0 ? 1 : static_cast<double>(grouped_same) / grouped;
  }
  double recall() const { return same == 0 ? 0 : static_cast<double>(grouped_same) / same; }
};

class PassageThresholdQuality : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto docs = testing::ReadDocuments(kMrpcDir + "/sentences.jsonl", 100000);
    if (!docs.ok()) return;
    corpus_ = new Corpus(testing::AnalyzeDocuments(std::move(*docs)));
    pairs_ = new std::vector<LabelledPair>(ReadPairs(kMrpcDir + "/pairs.tsv"));
  }
  static void TearDownTestSuite() {
    delete corpus_;
    delete pairs_;
    corpus_ = nullptr;
    pairs_ = nullptr;
  }
  void SetUp() override {
    if (corpus_ == nullptr) GTEST_SKIP() << kMrpcDir << " is absent: skipped";
    ASSERT_GT(pairs_->size(), 1000u);
  }

  // Indexes the sentences with passage threshold `threshold` and judges
  // the labelled pairs by the groups the merge made.
  static Figures Measure(double threshold) {
    testing::ScratchDir dir("syndex_mrpc");
    DedupOptions options;
    options.passages.threshold = threshold;
    auto segment = testing::BuildMergedSegment(dir.path(), "seg", *corpus_, options);
    EXPECT_TRUE(segment.ok()) << segment.status();
    if (!segment.ok()) return {};
    // Sentence id -> its body passage's group (kNoGroup when ungrouped or
    // too short to sketch).
    std::unordered_map<std::string, uint32_t> group_of;
    std::unordered_map<std::string, bool> sketched;
    const Segment& s = **segment;
    for (DocId d = 0; d < s.documents().size(); ++d) {
      const DocumentRecord r = s.documents().Get(d);
      const std::string id(s.documents().Meta(d).id);
      for (PassageId p = r.first_passage; p < r.first_passage + r.passage_count; ++p) {
        const PassageRecord passage = s.passages().Get(p);
        if (passage.is_title()) continue;
        group_of[id] = passage.group;
        sketched[id] = passage.length >= format::kMinSketchWords;
      }
    }
    Figures f;
    for (const LabelledPair& pair : *pairs_) {
      if (!sketched[pair.first] || !sketched[pair.second]) continue;
      const uint32_t group = group_of[pair.first];
      const bool grouped = group != format::kNoGroup && group == group_of[pair.second];
      f.same += pair.same_meaning;
      f.grouped += grouped;
      f.grouped_same += grouped && pair.same_meaning;
    }
    std::printf(
        "passage threshold %.2f: %u labelled pairs grouped, precision %.3f, "
        "recall %.3f of %u same-meaning pairs\n",
        threshold, f.grouped, f.precision(), f.recall(), f.same);
    RecordProperty(StrCat("t", static_cast<int>(threshold * 100), "_precision"),
                   StrCat(f.precision()));
    return f;
  }

  static Corpus* corpus_;
  static std::vector<LabelledPair>* pairs_;
};

Corpus* PassageThresholdQuality::corpus_ = nullptr;
std::vector<LabelledPair>* PassageThresholdQuality::pairs_ = nullptr;

// The default groups paraphrases with high precision even on these hard
// pairs, and finds several times as many of them as the article threshold
// of 0.7 would.
TEST_F(PassageThresholdQuality, DefaultIsPreciseAndFindsMoreThanTheArticleThreshold) {
  const double default_threshold = DedupOptions{}.passages.threshold;
  const Figures at_default = Measure(default_threshold);
  const Figures strict = Measure(0.7);
  EXPECT_GE(at_default.precision(), 0.85);
  EXPECT_GE(at_default.grouped_same, 3 * strict.grouped_same);
  // A looser threshold groups more and less precisely: the trade-off is
  // real, so the default is a choice, not a free lunch.
  const Figures loose = Measure(0.4);
  EXPECT_GT(loose.grouped, at_default.grouped);
  EXPECT_LT(loose.precision(), at_default.precision());
}

}  // namespace
}  // namespace syndex
