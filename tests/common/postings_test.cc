// Round trips of PostingsEncoder through PostingsCursor, on random lists of
// sizes around the block size, and the cursor's behaviour on damaged lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/bit_packing.h"
#include "common/coding.h"
#include "common/format.h"
#include "common/lane_packing.h"
#include "common/postings_cursor.h"
#include "common/postings_encoder.h"
#include "common/str_cat.h"
#include "common/term_info.h"

namespace syndex {
namespace {

constexpr uint32_t kBlock = format::kBlockSize;

struct Posting {
  uint32_t id = 0;
  TermFreq tf = 0;
  std::vector<Position> positions;  // empty for lists without positions
  uint32_t length = 0;
};

// A random list of `size` postings. Gaps and term frequencies are mostly
// small with occasional large ones, so varints of every width appear.
std::vector<Posting> RandomList(size_t size, bool with_positions, uint32_t seed) {
  std::mt19937 rng(seed);
  auto uniform = [&rng](uint32_t lo, uint32_t hi) {
    return std::uniform_int_distribution<uint32_t>(lo, hi)(rng);
  };
  std::vector<Posting> list(size);
  uint32_t id = uniform(0, 3);
  for (Posting& p : list) {
    p.id = id;
    id += uniform(0, 49) == 0 ? uniform(1, 200000) : uniform(1, 20);
    p.tf = uniform(0, 99) == 0 ? uniform(100, 400) : uniform(1, 6);
    if (!with_positions) {
      p.length = p.tf + uniform(0, 300);
      continue;
    }
    Position position = uniform(0, 20);
    for (TermFreq k = 0; k < p.tf; ++k, position += 1 + uniform(0, 5)) {
      p.positions.push_back(position);
    }
    p.length = p.positions.back() + 1 + uniform(0, 30);
  }
  return list;
}

struct EncodedList {
  std::string postings;
  std::string positions;
  TermInfo info;
};

// Encodes `list`, appending to `prefix_*` (bytes of earlier lists).
EncodedList Encode(const std::vector<Posting>& list, bool with_positions,
                   std::string prefix_postings = "", std::string prefix_positions = "") {
  EncodedList out{std::move(prefix_postings), std::move(prefix_positions), {}};
  PostingsEncoder encoder(with_positions);
  for (const Posting& p : list) encoder.Add(p.id, p.tf, p.positions, p.length);
  EXPECT_EQ(encoder.size(), list.size());
  out.info = encoder.Finish(&out.postings, &out.positions);
  return out;
}

std::vector<uint32_t> Ids(const std::vector<Posting>& list) {
  std::vector<uint32_t> ids;
  for (const Posting& p : list) ids.push_back(p.id);
  return ids;
}

// Copies bytes into an allocation of exactly their size, so that the
// address sanitizer reports any read past the end.
class ExactBuffer {
 public:
  explicit ExactBuffer(std::string_view bytes)
      : data_(new char[std::max<size_t>(bytes.size(), 1)]), size_(bytes.size()) {
    std::copy(bytes.begin(), bytes.end(), data_.get());
  }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

// What a cursor visits when only Next() is called; positions are read for
// every posting if `read_positions`.
struct Visit {
  std::vector<uint32_t> ids;
  std::vector<TermFreq> tfs;
  std::vector<std::vector<Position>> positions;
};

Visit Drain(PostingsCursor& cursor, bool read_positions, size_t limit = SIZE_MAX) {
  Visit visit;
  for (; cursor.id() != kEndId && visit.ids.size() < limit; cursor.Next()) {
    visit.ids.push_back(cursor.id());
    visit.tfs.push_back(cursor.tf());
    if (!read_positions) continue;
    std::span<const Position> p = cursor.Positions();
    visit.positions.emplace_back(p.begin(), p.end());
  }
  return visit;
}

// ---- Round trips, parameterized by list size and positions ---------------

class PostingsRoundTrip : public ::testing::TestWithParam<std::tuple<size_t, bool>> {
 protected:
  void SetUp() override {
    std::tie(size_, with_positions_) = GetParam();
    list_ = RandomList(size_, with_positions_, static_cast<uint32_t>(size_ * 2 + with_positions_));
    encoded_ = Encode(list_, with_positions_);
  }
  PostingsCursor Cursor() const {
    return PostingsCursor(encoded_.info, encoded_.postings, encoded_.positions);
  }
  // Index of the first posting with id >= target (size_ if none).
  size_t LowerBound(uint32_t target) const {
    return std::lower_bound(list_.begin(), list_.end(), target,
                            [](const Posting& p, uint32_t t) { return p.id < t; }) -
           list_.begin();
  }
  void ExpectAt(PostingsCursor& cursor, size_t index) {
    if (index == size_) {
      EXPECT_EQ(cursor.id(), kEndId);
      return;
    }
    ASSERT_EQ(cursor.id(), list_[index].id) << "posting " << index;
    EXPECT_EQ(cursor.tf(), list_[index].tf) << "posting " << index;
    if (!with_positions_) return;
    std::span<const Position> positions = cursor.Positions();
    EXPECT_EQ(std::vector<Position>(positions.begin(), positions.end()), list_[index].positions)
        << "posting " << index;
  }

  size_t size_ = 0;
  bool with_positions_ = false;
  std::vector<Posting> list_;
  EncodedList encoded_;
};

TEST_P(PostingsRoundTrip, TermInfoHasTheListStatistics) {
  const TermInfo& info = encoded_.info;
  uint64_t total = 0;
  TermFreq max_tf = 0;
  uint32_t min_length = UINT32_MAX;
  for (const Posting& p : list_) {
    total += p.tf;
    max_tf = std::max(max_tf, p.tf);
    min_length = std::min(min_length, p.length);
  }
  EXPECT_EQ(info.doc_freq, size_);
  EXPECT_EQ(info.total_freq, total);
  EXPECT_EQ(info.max_tf, max_tf);
  EXPECT_EQ(info.min_length, min_length);
  EXPECT_EQ(info.block_count(), (size_ + kBlock - 1) / kBlock);
  EXPECT_EQ(info.postings_offset, 0u);
  EXPECT_EQ(info.postings_size, encoded_.postings.size());
  EXPECT_EQ(info.positions_size, encoded_.positions.size());
  EXPECT_EQ(info.positions_size > 0, with_positions_);
}

TEST_P(PostingsRoundTrip, NextVisitsEveryPostingInOrder) {
  PostingsCursor cursor = Cursor();
  const Visit visit = Drain(cursor, with_positions_);
  EXPECT_EQ(visit.ids, Ids(list_));
  ASSERT_EQ(visit.tfs.size(), size_);
  for (size_t i = 0; i < size_; ++i) {
    EXPECT_EQ(visit.tfs[i], list_[i].tf) << i;
    if (with_positions_) {
      EXPECT_EQ(visit.positions[i], list_[i].positions) << i;
    }
  }
  EXPECT_FALSE(cursor.corrupt());
}

// The same lists, with positions only.
class PositionsRoundTrip : public PostingsRoundTrip {};

TEST_P(PositionsRoundTrip, PositionsOfSomePostingsOnly) {
  PostingsCursor cursor = Cursor();
  for (size_t i = 0; i < size_; ++i, cursor.Next()) {
    ASSERT_EQ(cursor.id(), list_[i].id);
    if (i % 7 == 3) ExpectAt(cursor, i);  // the skipped ones are stepped over lazily
  }
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_FALSE(cursor.corrupt());
}

// A merge copies positions as bytes: a list encoded again from them is
// the same list, byte for byte.
TEST_P(PositionsRoundTrip, EncodedPositionsCopyIntoTheSameBytes) {
  PostingsCursor cursor = Cursor();
  PostingsEncoder encoder(/*with_positions=*/true);
  for (size_t i = 0; cursor.id() != kEndId; cursor.Next(), ++i) {
    encoder.AddEncoded(cursor.id(), cursor.tf(), cursor.EncodedPositions(), list_[i].length);
  }
  EXPECT_FALSE(cursor.corrupt());
  std::string postings;
  std::string positions;
  encoder.Finish(&postings, &positions);
  EXPECT_EQ(postings, encoded_.postings);
  EXPECT_EQ(positions, encoded_.positions);
}

// Bytes and decoded positions of the same posting, asked in either order
// and twice, agree; postings skipped in between are stepped over.
TEST_P(PositionsRoundTrip, EncodedAndDecodedPositionsOfOnePostingAgree) {
  PostingsCursor cursor = Cursor();
  for (size_t i = 0; i < size_; ++i, cursor.Next()) {
    if (i % 3 == 2) continue;
    std::string expected;
    Position previous = 0;
    for (Position p : list_[i].positions) {
      PutVarint32(&expected, p - previous);
      previous = p;
    }
    if (i % 2 == 0) {  // the bytes first, then decoded
      EXPECT_EQ(cursor.EncodedPositions(), expected) << "posting " << i;
    }
    ExpectAt(cursor, i);
    ExpectAt(cursor, i);
    EXPECT_EQ(cursor.EncodedPositions(), expected) << "posting " << i;
  }
  EXPECT_FALSE(cursor.corrupt());
}

TEST_P(PostingsRoundTrip, SeekLandsOnFirstIdAtLeastTarget) {
  std::mt19937 rng(static_cast<uint32_t>(size_) + 17);
  const uint32_t max_target = list_.back().id + 100;
  std::vector<uint32_t> targets(std::min<size_t>(size_, 300) + 5);
  for (uint32_t& t : targets) t = std::uniform_int_distribution<uint32_t>(0, max_target)(rng);
  std::sort(targets.begin(), targets.end());
  PostingsCursor cursor = Cursor();
  size_t at = 0;
  for (uint32_t target : targets) {
    cursor.Seek(target);
    at = std::max(at, LowerBound(target));
    ExpectAt(cursor, at);
    if (at == size_) break;
  }
  EXPECT_FALSE(cursor.corrupt());
}

// Every seek within the first block, from every posting to every later id
// and to the value just below it: short steps are scanned, long ones
// halved (PostingsCursor::Seek), and both must land on the first id that
// reaches the target.
TEST_P(PostingsRoundTrip, SeekWithinABlockFromEveryPostingToEveryLaterOne) {
  const size_t block = std::min<size_t>(size_, kBlock);
  for (size_t from = 0; from < block; ++from) {
    for (size_t to = from; to < block; ++to) {
      for (const uint32_t target : {list_[to].id, list_[to].id - 1}) {
        PostingsCursor cursor = Cursor();
        cursor.Seek(list_[from].id);
        cursor.Seek(target);
        ASSERT_NO_FATAL_FAILURE(ExpectAt(cursor, std::max(from, LowerBound(target))))
            << "from " << from << " to " << to << " target " << target;
      }
    }
  }
}

TEST_P(PostingsRoundTrip, SeekToBlockEdges) {
  PostingsCursor cursor = Cursor();
  for (size_t end = kBlock; end <= size_; end += kBlock) {
    const uint32_t last_of_block = list_[end - 1].id;
    cursor.Seek(last_of_block);
    ExpectAt(cursor, end - 1);
    EXPECT_EQ(cursor.block_last_id(), last_of_block);
    cursor.Seek(last_of_block + 1);
    ExpectAt(cursor, end);
  }
  if (size_ % kBlock != 0) {  // a last, partial block
    cursor.Seek(list_.back().id);
    ExpectAt(cursor, size_ - 1);
    EXPECT_EQ(cursor.block_last_id(), list_.back().id);
  }
  cursor.Seek(list_.back().id + 1);
  EXPECT_EQ(cursor.id(), kEndId);
}

TEST_P(PostingsRoundTrip, SeekBackwardsDoesNothing) {
  PostingsCursor cursor = Cursor();
  const size_t middle = size_ / 2;
  cursor.Seek(list_[middle].id);
  ExpectAt(cursor, middle);
  cursor.Seek(list_[middle].id);  // equal target
  ExpectAt(cursor, middle);
  cursor.Seek(0);
  ExpectAt(cursor, middle);
  if (middle > 0) {
    cursor.Seek(list_[middle - 1].id);
    ExpectAt(cursor, middle);
  }
}

TEST_P(PostingsRoundTrip, AtTheEndNextAndSeekDoNothing) {
  PostingsCursor cursor = Cursor();
  Drain(cursor, /*read_positions=*/false);
  ASSERT_EQ(cursor.id(), kEndId);
  cursor.Next();
  EXPECT_EQ(cursor.id(), kEndId);
  cursor.Seek(0);
  EXPECT_EQ(cursor.id(), kEndId);
  cursor.Seek(kEndId);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_EQ(cursor.block_last_id(), kEndId);
  EXPECT_EQ(cursor.block_impacts().low.tf, 0u);
  EXPECT_EQ(cursor.block_impacts().high.tf, 0u);
  EXPECT_FALSE(cursor.corrupt());
}

TEST_P(PostingsRoundTrip, SeekPastTheLastIdEnds) {
  PostingsCursor cursor = Cursor();
  cursor.Seek(list_.back().id + 1);
  EXPECT_EQ(cursor.id(), kEndId);
  cursor.Seek(kEndId - 1);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_FALSE(cursor.corrupt());
}

TEST_P(PositionsRoundTrip, PositionsTwiceReturnsTheSame) {
  PostingsCursor cursor = Cursor();
  for (size_t i = 0; i < size_; i += 5) {
    cursor.Seek(list_[i].id);
    std::span<const Position> first = cursor.Positions();
    const std::vector<Position> copy(first.begin(), first.end());
    std::span<const Position> second = cursor.Positions();
    EXPECT_EQ(copy, list_[i].positions) << i;
    EXPECT_EQ(std::vector<Position>(second.begin(), second.end()), copy) << i;
  }
}

TEST_P(PostingsRoundTrip, BlockImpactsCoverTheirBlock) {
  PostingsCursor cursor = Cursor();
  for (size_t i = 0; i < size_; ++i, cursor.Next()) {
    const size_t begin = i / kBlock * kBlock;
    const size_t end = std::min(size_, begin + kBlock);
    TermFreq max_tf = 0;
    uint32_t min_length = UINT32_MAX;
    for (size_t j = begin; j < end; ++j) {
      max_tf = std::max(max_tf, list_[j].tf);
      min_length = std::min(min_length, list_[j].length);
    }
    ASSERT_EQ(cursor.id(), list_[i].id);
    const BlockImpacts impacts = cursor.block_impacts();
    EXPECT_TRUE(impacts.Covers(cursor.tf(), list_[i].length)) << "posting " << i;
    // The pairs are as tight as the block: its largest tf, its shortest unit.
    EXPECT_EQ(std::max(impacts.low.tf, impacts.high.tf), std::min(max_tf, kMaxStoredTf))
        << "posting " << i;
    EXPECT_EQ(std::min(impacts.low.length, impacts.high.length),
              std::min(min_length, kMaxStoredLength))
        << "posting " << i;
    EXPECT_EQ(cursor.block_last_id(), list_[end - 1].id) << "posting " << i;
  }
}

// SkipBlocksUntil asks about the current block and then each next one in
// turn, stopping on the first block's first posting that it accepts.
TEST_P(PostingsRoundTrip, SkipBlocksUntilStopsOnTheFirstAcceptedBlock) {
  const size_t blocks = (size_ + kBlock - 1) / kBlock;
  for (size_t from = 0; from < size_; from += 37) {
    for (size_t asked_until = 1; asked_until <= blocks + 1; ++asked_until) {
      PostingsCursor cursor = Cursor();
      cursor.Seek(list_[from].id);
      size_t asked = 0;
      cursor.SkipBlocksUntil([&](const BlockImpacts&) { return ++asked == asked_until; });
      const size_t block = from / kBlock + asked_until - 1;
      if (asked_until == 1) {
        ExpectAt(cursor, from);  // the current block: no move
      } else if (block < blocks) {
        ExpectAt(cursor, block * kBlock);
      } else {
        EXPECT_EQ(cursor.id(), kEndId);
        EXPECT_FALSE(cursor.corrupt());
      }
      EXPECT_EQ(asked, std::min(asked_until, blocks - from / kBlock)) << from;
    }
  }
}

// SkipBlocksBelow with bounds of 0 for every block but one, from every
// block on: it stays in the current block if that one reaches the minimum,
// else stops at the first later one that does, or ends.
TEST_P(PostingsRoundTrip, SkipBlocksBelowStopsOnTheFirstBlockReachingTheMinimum) {
  const size_t blocks = (size_ + kBlock - 1) / kBlock;
  for (size_t from = 0; from < size_; from += 37) {
    for (size_t high = 0; high <= blocks; ++high) {  // high == blocks: none reaches
      std::vector<float> bounds(blocks, 0.0f);
      if (high < blocks) bounds[high] = 2.0f;
      PostingsCursor cursor = Cursor();
      cursor.Seek(list_[from].id);
      cursor.SkipBlocksBelow(bounds, 1.0f);
      const size_t current = from / kBlock;
      if (high == current) {
        ExpectAt(cursor, from);  // the current block: no move
      } else if (high > current && high < blocks) {
        ExpectAt(cursor, high * kBlock);
      } else {
        EXPECT_EQ(cursor.id(), kEndId) << from << " " << high;
        EXPECT_FALSE(cursor.corrupt());
      }
    }
  }
}

// BlockReaching and LastIdOfBlock look ahead without moving: from every
// 37th posting, for targets at, between and past ids, the block of the
// first id >= max(target, current id), and that block's last id.
TEST_P(PostingsRoundTrip, BlockReachingLooksAheadWithoutMoving) {
  const size_t blocks = (size_ + kBlock - 1) / kBlock;
  for (size_t from = 0; from < size_; from += 37) {
    PostingsCursor cursor = Cursor();
    cursor.Seek(list_[from].id);
    for (size_t t = from > 5 ? from - 5 : 0; t < size_ + 1; t += 1 + t / 3) {
      const uint32_t target = t < size_ ? list_[t].id : list_.back().id + 1;
      const size_t first = std::max(LowerBound(target), from);
      const uint32_t block = cursor.BlockReaching(target);
      if (first == size_) {
        EXPECT_EQ(block, blocks) << target;
        continue;
      }
      ASSERT_EQ(block, first / kBlock) << "target " << target << " from " << from;
      const size_t last = std::min(size_, (first / kBlock + 1) * kBlock) - 1;
      EXPECT_EQ(cursor.LastIdOfBlock(block), list_[last].id);
    }
    ExpectAt(cursor, from);  // it did not move
  }
}

std::string ParamName(const ::testing::TestParamInfo<std::tuple<size_t, bool>>& info) {
  return StrCat(std::get<0>(info.param), std::get<1>(info.param) ? "_positions" : "_no_positions");
}

const auto kSizes = ::testing::Values(1, 127, 128, 129, 1000, 10000);
INSTANTIATE_TEST_SUITE_P(Sizes, PostingsRoundTrip, ::testing::Combine(kSizes, ::testing::Bool()),
                         ParamName);
INSTANTIATE_TEST_SUITE_P(Sizes, PositionsRoundTrip,
                         ::testing::Combine(kSizes, ::testing::Values(true)), ParamName);

// ---- Encoder --------------------------------------------------------------

TEST(PostingsEncoder, OffsetsAreRelativeToBytesAlreadyThere) {
  const std::vector<Posting> first = RandomList(300, true, 1);
  const std::vector<Posting> second = RandomList(50, true, 2);
  const EncodedList a = Encode(first, true);
  const EncodedList b = Encode(second, true, a.postings, a.positions);
  EXPECT_EQ(b.info.postings_offset, a.postings.size());
  EXPECT_EQ(b.info.positions_offset, a.positions.size());
  PostingsCursor cursor_a(a.info, b.postings, b.positions);
  PostingsCursor cursor_b(b.info, b.postings, b.positions);
  EXPECT_EQ(Drain(cursor_a, true).ids, Ids(first));
  EXPECT_EQ(Drain(cursor_b, true).ids, Ids(second));
}

TEST(PostingsEncoder, FinishResetsForTheNextTerm) {
  PostingsEncoder encoder(/*with_positions=*/false);
  std::string postings, positions;
  encoder.Add(5, 2, {}, 10);
  encoder.Add(9, 1, {}, 4);
  const TermInfo first = encoder.Finish(&postings, &positions);
  EXPECT_EQ(encoder.size(), 0u);
  encoder.Add(1, 3, {}, 7);  // smaller than the previous term's ids: a new list
  const TermInfo second = encoder.Finish(&postings, &positions);
  EXPECT_EQ(first.doc_freq, 2u);
  EXPECT_EQ(first.total_freq, 3u);
  EXPECT_EQ(first.min_length, 4u);
  EXPECT_EQ(second.doc_freq, 1u);
  EXPECT_EQ(second.max_tf, 3u);
  EXPECT_EQ(second.min_length, 7u);
  PostingsCursor cursor(second, postings, positions);
  EXPECT_EQ(cursor.id(), 1u);
  EXPECT_EQ(cursor.tf(), 3u);
}

TEST(PostingsEncoder, SmallListBytesAreAsDocumented) {
  // One block, no skip table: gap width 9, tf width 1; the gaps 2 (2 - (-1)
  // - 1) and 297 (300 - 2 - 1) at 9 bits, little-endian bit order:
  // 00000010 0|0101001 0|10 -> 0x02 0x52 0x02; then tf-1 1, 0 at 1 bit: 0x01.
  PostingsEncoder encoder(/*with_positions=*/true);
  const std::vector<Position> a = {0, 3}, b = {200};
  encoder.Add(2, 2, a, 10);
  encoder.Add(300, 1, b, 250);
  std::string postings, positions;
  const TermInfo info = encoder.Finish(&postings, &positions);
  EXPECT_EQ(postings, std::string_view("\x09\x01\x02\x52\x02\x01", 6));
  EXPECT_EQ(positions, std::string_view("\x00\x03\xC8\x01", 4));  // 0, +3 | 200
  EXPECT_EQ(info.min_length, 10u);
  EXPECT_EQ(info.max_tf, 2u);
}

TEST(PostingsEncoder, MultiBlockListStartsWithSkipTable) {
  const std::vector<Posting> list = RandomList(2 * kBlock + 1, false, 3);
  const EncodedList encoded = Encode(list, false);
  ASSERT_GE(encoded.postings.size(), 3 * format::kSkipEntrySize);
  for (uint32_t b = 0; b < 3; ++b) {
    const char* entry = encoded.postings.data() + b * format::kSkipEntrySize;
    const size_t last = std::min<size_t>(list.size(), (b + 1) * kBlock) - 1;
    EXPECT_EQ(DecodeFixed32(entry), list[last].id) << "block " << b;
  }
  // The last block's postings end is the end of the list's block data.
  const char* last_entry = encoded.postings.data() + 2 * format::kSkipEntrySize;
  EXPECT_EQ(DecodeFixed32(last_entry + 4), encoded.postings.size() - 3 * format::kSkipEntrySize);
}

// ---- Damaged lists ----------------------------------------------------------

TEST(PostingsCursor, DefaultConstructedIsAtTheEnd) {
  PostingsCursor cursor;
  EXPECT_EQ(cursor.id(), kEndId);
  cursor.Next();
  cursor.Seek(5);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_FALSE(cursor.corrupt());
}

// Truncates the list's postings by `cut` bytes, in a buffer that ends there.
void ExpectTruncatedPostingsEndEarly(size_t size, size_t cut) {
  const std::vector<Posting> list = RandomList(size, true, static_cast<uint32_t>(size + cut));
  const EncodedList encoded = Encode(list, true);
  TermInfo info = encoded.info;
  cut = std::min<size_t>(cut, info.postings_size - 1);  // keep at least one byte
  info.postings_size -= cut;
  const ExactBuffer postings(std::string_view(encoded.postings).substr(0, info.postings_size));
  const ExactBuffer positions(encoded.positions);
  PostingsCursor cursor(info, postings.view(), positions.view());
  const Visit visit = Drain(cursor, /*read_positions=*/true);
  const std::vector<uint32_t> ids = Ids(list);
  EXPECT_LT(visit.ids.size(), ids.size()) << "size " << size << ", cut " << cut;
  EXPECT_TRUE(std::equal(visit.ids.begin(), visit.ids.end(), ids.begin()))
      << "the postings before the damage are decoded correctly";
  EXPECT_TRUE(cursor.corrupt()) << "size " << size << ", cut " << cut;
  EXPECT_EQ(cursor.id(), kEndId);
}

TEST(PostingsCursor, TruncatedPostingsEndEarlyAndReportCorrupt) {
  for (size_t size : {1, 127, 128, 129, 1000}) {
    for (size_t cut : {1, 2, 7}) ExpectTruncatedPostingsEndEarly(size, cut);
  }
  ExpectTruncatedPostingsEndEarly(1000, 500);  // into the block data
  ExpectTruncatedPostingsEndEarly(1000, 1000);
}

TEST(PostingsCursor, SeekIntoTruncatedPostingsReportsCorrupt) {
  const std::vector<Posting> list = RandomList(1000, false, 11);
  const EncodedList encoded = Encode(list, false);
  TermInfo info = encoded.info;
  info.postings_size -= 1;
  const ExactBuffer postings(std::string_view(encoded.postings).substr(0, info.postings_size));
  PostingsCursor cursor(info, postings.view(), "");
  cursor.Seek(list.back().id);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_TRUE(cursor.corrupt());
}

// A list whose positions lack their last byte, in buffers of their exact
// size (so that the address sanitizer sees any read past them).
struct TruncatedPositions {
  explicit TruncatedPositions(const std::vector<Posting>& list)
      : encoded(Encode(list, true)),
        info(Shortened(encoded.info)),
        postings(encoded.postings),
        positions(std::string_view(encoded.positions).substr(0, info.positions_size)) {}
  static TermInfo Shortened(TermInfo info) {
    info.positions_size -= 1;
    return info;
  }
  PostingsCursor Cursor() const { return PostingsCursor(info, postings.view(), positions.view()); }

  EncodedList encoded;
  TermInfo info;
  ExactBuffer postings;
  ExactBuffer positions;
};

TEST(PostingsCursor, TruncatedPositionsReportCorrupt) {
  for (size_t size : {1, 129, 1000}) {
    const std::vector<Posting> list = RandomList(size, true, static_cast<uint32_t>(size) + 5);
    const TruncatedPositions truncated(list);
    PostingsCursor cursor = truncated.Cursor();
    const Visit visit = Drain(cursor, /*read_positions=*/true);
    EXPECT_TRUE(cursor.corrupt()) << size;
    // Every posting but the damaged last one has its positions.
    ASSERT_EQ(visit.positions.size(), size);
    for (size_t i = 0; i + 1 < size; ++i) EXPECT_EQ(visit.positions[i], list[i].positions) << i;
    EXPECT_LT(visit.positions.back().size(), list.back().positions.size());
  }
}

TEST(PostingsCursor, TruncatedPositionsGiveNoBytes) {
  const std::vector<Posting> list = RandomList(300, true, 9);
  const TruncatedPositions truncated(list);
  PostingsCursor cursor = truncated.Cursor();
  size_t with_bytes = 0;
  for (; cursor.id() != kEndId; cursor.Next()) with_bytes += !cursor.EncodedPositions().empty();
  EXPECT_TRUE(cursor.corrupt());
  EXPECT_EQ(with_bytes, list.size() - 1);  // the damaged last posting hands out nothing
}

TEST(PostingsCursor, ListBeyondTheBytesIsCorrupt) {
  const EncodedList encoded = Encode(RandomList(200, true, 4), true);
  TermInfo info = encoded.info;
  info.postings_offset = 1;  // the list would end one byte after the buffer
  PostingsCursor cursor(info, encoded.postings, encoded.positions);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_TRUE(cursor.corrupt());

  TermInfo positions_beyond = encoded.info;
  positions_beyond.positions_size += 1;
  PostingsCursor cursor2(positions_beyond, encoded.postings, encoded.positions);
  EXPECT_EQ(cursor2.id(), kEndId);
  EXPECT_TRUE(cursor2.corrupt());
}

TEST(PostingsCursor, OffsetsThatWrapAroundAreCorrupt) {
  const EncodedList encoded = Encode(RandomList(10, false, 6), false);
  TermInfo info = encoded.info;
  info.postings_offset = UINT64_MAX;  // offset + size wraps to a small number
  info.postings_size = 2;
  PostingsCursor cursor(info, encoded.postings, encoded.positions);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_TRUE(cursor.corrupt());
}

TEST(PostingsCursor, SkipTableTooLongForTheListIsCorrupt) {
  const EncodedList encoded = Encode(RandomList(1000, false, 7), false);
  TermInfo info = encoded.info;
  info.doc_freq = 1000 * kBlock;  // a skip table bigger than the whole list
  PostingsCursor cursor(info, encoded.postings, encoded.positions);
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_TRUE(cursor.corrupt());
}

// Damage can make a block's gaps sum past the last 32-bit id, which would
// wrap the ids around to small ones: the cursor must refuse such a block,
// full (lane-packed) or partial (packed back to back), not yield ids that
// go backwards.
void ExpectGapsPastTheLastIdAreCorrupt(size_t n) {
  const std::vector<uint32_t> gaps(n, 0x7FFFFFFF);    // n >= 3: sums past 2^32
  std::string postings = {static_cast<char>(31), 0};  // gap width 31, tf width 0
  if (n == kBlock) {
    PackLanes(std::span<const uint32_t, kBlock>(gaps.data(), kBlock), 31, &postings);
  } else {
    PackBits(gaps, 31, &postings);
  }
  TermInfo info;
  info.doc_freq = static_cast<uint32_t>(n);
  info.postings_size = postings.size();
  PostingsCursor cursor(info, postings, "");
  EXPECT_EQ(cursor.id(), kEndId) << n << " postings";
  EXPECT_TRUE(cursor.corrupt()) << n << " postings";
}

TEST(PostingsCursor, GapsSummingPastTheLastIdAreCorrupt) {
  ExpectGapsPastTheLastIdAreCorrupt(3);
  ExpectGapsPastTheLastIdAreCorrupt(kBlock);
}

// With checksums off, damaged gaps can give ids beyond the segment's
// units; a cursor given the unit count ends at the first block holding
// one, full or partial, and yields only the ids of the blocks before it.
TEST(PostingsCursor, IdsAtOrAboveTheLimitAreCorrupt) {
  std::vector<Posting> list(kBlock + 5);
  for (size_t i = 0; i < list.size(); ++i) list[i] = {static_cast<uint32_t>(2 * i), 1, {}, 5};
  const EncodedList encoded = Encode(list, false);
  const uint32_t last_full = list[kBlock - 1].id, last = list.back().id;
  for (const auto& [limit, ids] : std::vector<std::pair<uint32_t, size_t>>{
           {last + 1, list.size()}, {last, kBlock}, {last_full + 1, kBlock}, {last_full, 0}}) {
    PostingsCursor cursor(encoded.info, encoded.postings, encoded.positions, limit);
    size_t n = 0;
    for (; cursor.id() != kEndId; cursor.Next()) {
      EXPECT_LT(cursor.id(), limit);
      ++n;
    }
    EXPECT_EQ(n, ids) << "limit " << limit;
    EXPECT_EQ(cursor.corrupt(), ids < list.size()) << "limit " << limit;
  }
}

TEST(PostingsCursor, SeekWithSkipEntryAboveItsBlockDoesNotRunOffTheBlock) {
  // Two blocks: ids 10, 20, ..., 1290; the second block holds only 1290.
  std::vector<Posting> list(kBlock + 1);
  for (size_t i = 0; i < list.size(); ++i)
    list[i] = {static_cast<uint32_t>(10 * (i + 1)), 1, {}, 5};
  EncodedList encoded = Encode(list, false);
  // Claim the second block ends at 5000, above every id it really holds.
  char* second_entry = encoded.postings.data() + format::kSkipEntrySize;
  std::string last_id;
  PutFixed32(&last_id, 5000);
  std::copy(last_id.begin(), last_id.end(), second_entry);
  PostingsCursor cursor(encoded.info, encoded.postings, encoded.positions);
  cursor.Seek(2000);
  EXPECT_EQ(cursor.id(), kEndId) << "no id of the list is >= 2000";
}

// A list holding an id at or past the cursor's id limit (the size of the
// table its ids index) ends before the block holding it and is corrupt,
// so that no caller looks an id up past the table: the searcher read a
// passage's length past the passage table through a damaged list.
TEST(PostingsCursor, IdsAtOrPastTheLimitEndTheList) {
  // 3 postings (a block packed back to back), 128 (one lane-packed block)
  // and 300 (three blocks, the last packed back to back).
  for (size_t size : {size_t{3}, size_t{kBlock}, size_t{300}}) {
    std::vector<Posting> list(size);
    for (size_t i = 0; i < size; ++i) list[i] = {static_cast<uint32_t>(2 * i), 1, {}, 5};
    const EncodedList encoded = Encode(list, false);
    const std::vector<uint32_t> ids = Ids(list);
    const uint32_t last = ids.back();
    PostingsCursor whole(encoded.info, encoded.postings, "", /*id_limit=*/last + 1);
    EXPECT_EQ(Drain(whole, false).ids, ids) << size;
    EXPECT_FALSE(whole.corrupt()) << size;

    PostingsCursor cut(encoded.info, encoded.postings, "", /*id_limit=*/last);
    const Visit visit = Drain(cut, false);
    const size_t whole_blocks = (size - 1) / kBlock * kBlock;  // before the last id's block
    EXPECT_EQ(visit.ids, std::vector<uint32_t>(ids.begin(), ids.begin() + whole_blocks)) << size;
    EXPECT_TRUE(cut.corrupt()) << size;
  }
}

TEST(PostingsCursor, RandomBytesNeverReadOutOfBounds) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(std::uniform_int_distribution<size_t>(0, 400)(rng), '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const size_t split = bytes.empty() ? 0 : rng() % bytes.size();
    const ExactBuffer postings(std::string_view(bytes).substr(0, split));
    const ExactBuffer positions(std::string_view(bytes).substr(split));
    TermInfo info;
    info.doc_freq = std::uniform_int_distribution<uint32_t>(1, 3 * kBlock)(rng);
    info.postings_size = split;
    info.positions_size = bytes.size() - split;
    info.max_tf = 10;
    PostingsCursor cursor(info, postings.view(), positions.view());
    uint32_t steps = 0;
    uint32_t target = 0;
    while (cursor.id() != kEndId && steps <= info.doc_freq) {
      ++steps;
      cursor.Positions();
      if (steps % 3 == 0) {
        target = static_cast<uint32_t>(
            std::min<uint64_t>(uint64_t{cursor.id()} + 1 + rng() % 64, kEndId));
        cursor.Seek(target);
        if (cursor.id() != kEndId) {
          EXPECT_GE(cursor.id(), target);
        }
      } else {
        cursor.Next();
      }
    }
    EXPECT_LE(steps, info.doc_freq) << "round " << round;
    EXPECT_EQ(cursor.id(), kEndId) << "round " << round;
  }
}

}  // namespace
}  // namespace syndex
