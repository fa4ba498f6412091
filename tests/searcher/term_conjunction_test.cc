// Tests for TermConjunction (searcher/frequency_sources.h) on lists of many
// blocks: whether it merges the two rarest lists' blocks (similar
// densities) or seeks the denser to the sparser (far apart), Align must
// land on the first id >= target that every list holds, as a set
// intersection says.
#include <algorithm>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "common/postings_cursor.h"
#include "common/postings_encoder.h"
#include "gtest/gtest.h"
#include "searcher/frequency_sources.h"

namespace syndex {
namespace {

// A list of `size` ascending ids with gaps of 1 to max_gap, encoded.
struct List {
  std::vector<uint32_t> ids;
  std::string postings;
  std::string positions;
  TermInfo info;
};

List MakeList(size_t size, uint32_t max_gap, std::mt19937& rng) {
  List list;
  uint32_t id = std::uniform_int_distribution<uint32_t>(0, max_gap)(rng);
  PostingsEncoder encoder(/*with_positions=*/true);
  for (size_t n = 0; n < size; ++n) {
    list.ids.push_back(id);
    const Position position = 0;
    encoder.Add(id, 1, {&position, 1}, 10);
    id += std::uniform_int_distribution<uint32_t>(1, max_gap)(rng);
  }
  list.info = encoder.Finish(&list.postings, &list.positions);
  return list;
}

std::vector<uint32_t> Intersect(const std::vector<const List*>& lists) {
  std::vector<uint32_t> common = lists[0]->ids;
  for (size_t i = 1; i < lists.size(); ++i) {
    std::vector<uint32_t> next;
    std::set_intersection(common.begin(), common.end(), lists[i]->ids.begin(), lists[i]->ids.end(),
                          std::back_inserter(next));
    common = std::move(next);
  }
  return common;
}

TermConjunction ConjunctionOf(const std::vector<const List*>& lists) {
  std::vector<PostingsCursor> cursors;
  for (const List* list : lists) {
    cursors.emplace_back(list->info, list->postings, list->positions);
  }
  return TermConjunction(std::move(cursors));
}

struct Shape {
  std::string name;
  std::vector<size_t> sizes;
  std::vector<uint32_t> max_gaps;
};
void PrintTo(const Shape& shape, std::ostream* os) { *os << shape.name; }

class TermConjunctionAlign : public ::testing::TestWithParam<Shape> {
 protected:
  // Lists of the parameter's shape, and views of them.
  void MakeLists(std::mt19937& rng) {
    lists_.clear();
    views_.clear();
    for (size_t i = 0; i < GetParam().sizes.size(); ++i) {
      lists_.push_back(MakeList(GetParam().sizes[i], GetParam().max_gaps[i], rng));
    }
    for (const List& list : lists_) views_.push_back(&list);
  }

  std::vector<List> lists_;
  std::vector<const List*> views_;
};

TEST_P(TermConjunctionAlign, VisitsTheIntersectionInOrder) {
  std::mt19937 rng(3);
  for (int round = 0; round < 5; ++round) {
    MakeLists(rng);
    const std::vector<uint32_t> expected = Intersect(views_);
    TermConjunction conjunction = ConjunctionOf(views_);
    std::vector<uint32_t> visited;
    for (uint32_t id = conjunction.Align(0); id != kEndId; id = conjunction.Align(id + 1)) {
      visited.push_back(id);
      for (size_t i = 0; i < views_.size(); ++i) ASSERT_EQ(conjunction.cursor(i).id(), id);
    }
    EXPECT_EQ(visited, expected);
    EXPECT_FALSE(expected.empty()) << "a shape whose lists never meet tests little";
  }
}

TEST_P(TermConjunctionAlign, RandomTargetsLandOnTheFirstCommonIdAtOrAfter) {
  std::mt19937 rng(5);
  MakeLists(rng);
  const std::vector<uint32_t> expected = Intersect(views_);
  uint32_t largest = 0;
  for (const List& list : lists_) largest = std::max(largest, list.ids.back());
  for (int walk = 0; walk < 20; ++walk) {
    TermConjunction conjunction = ConjunctionOf(views_);
    uint32_t target = 0;
    while (true) {
      target += std::uniform_int_distribution<uint32_t>(0, largest / 30)(rng);
      const auto it = std::lower_bound(expected.begin(), expected.end(), target);
      const uint32_t id = conjunction.Align(target);
      ASSERT_EQ(id, it == expected.end() ? kEndId : *it) << "target " << target;
      if (id == kEndId) break;
      target = id;  // the next walk step may stay on it
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Densities, TermConjunctionAlign,
                         ::testing::Values(Shape{"SameDensityMerged", {3000, 3000}, {4, 4}},
                                           Shape{"WithinTheMergeRatio", {1000, 3000}, {12, 4}},
                                           Shape{"FarApartSeeked", {200, 6000}, {60, 2}},
                                           Shape{"AThirdListSeeks", {2000, 2500, 300}, {5, 4, 33}},
                                           Shape{"OneFullBlockEach", {128, 128}, {2, 2}},
                                           Shape{"DenseRunsOfIds", {5000, 4000}, {1, 2}}),
                         [](const ::testing::TestParamInfo<Shape>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace syndex
