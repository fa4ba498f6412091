// Tests for searcher/passage_text.h: every passage's text as written (body
// passages, titles, copies whose own entries are empty), across several
// stored-text blocks, each block decompressed once when passages are read
// in order or a document's passages read again; titles need no block.
#include "searcher/passage_text.h"

#include <memory>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;
using search_testing::ScratchDir;

// Paragraph p of document d: about 60 bytes, distinct, but every tenth
// document repeats document 0's paragraphs (copies).
std::string Paragraph(size_t d, size_t p) {
  return StrCat("Document number ", d % 10 == 0 ? 0 : d, " says in its paragraph ", p,
                " what no other paragraph says.");
}

class PassageTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 300 documents of a title and 5 paragraphs: about 90 KB of text, so
    // more than one block.
    std::vector<RawDocument> docs;
    for (size_t d = 0; d < 300; ++d) {
      std::string text;
      for (size_t p = 0; p < 5; ++p) StrAppend(&text, p ? "\n\n" : "", Paragraph(d, p));
      docs.push_back(Doc(StrCat("d", d), StrCat("Title ", d), text));
    }
    const absl::Status written = search_testing::WriteIndex(dir_.path(), docs);
    ASSERT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
    ASSERT_EQ(index_->segments().size(), 1u);
  }

  const Segment& segment() const { return *index_->segments()[0]; }

  ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
};

TEST_F(PassageTextTest, EveryPassageReadsAsWrittenWithEachBlockDecompressedOnce) {
  ASSERT_GT(segment().stored_text().block_count(), 1u);
  PassageTextReader texts(segment());
  size_t copies = 0;
  for (DocId d = 0; d < segment().documents().size(); ++d) {
    const DocumentRecord doc = segment().documents().Get(d);
    ASSERT_EQ(doc.passage_count, 6u);
    for (uint32_t i = 0; i < doc.passage_count; ++i) {
      const PassageId p = doc.first_passage + i;
      copies += segment().passages().Get(p).is_copy();
      auto text = texts.Text(p);
      ASSERT_TRUE(text.ok()) << text.status();
      EXPECT_EQ(*text, i == 0 ? StrCat("Title ", d) : Paragraph(d, i - 1)) << d << " " << i;
    }
  }
  EXPECT_EQ(copies, 29u * 5u);  // documents 10, 20, ..., 290
  EXPECT_EQ(texts.blocks_read(), segment().stored_text().block_count());
}

TEST_F(PassageTextTest, ReadingADocumentAgainDecompressesNothing) {
  PassageTextReader texts(segment());
  const DocumentRecord doc = segment().documents().Get(150);
  for (int round = 0; round < 3; ++round) {
    for (PassageId p = doc.first_passage; p < doc.first_passage + doc.passage_count; ++p) {
      ASSERT_TRUE(texts.Text(p).ok());
    }
  }
  EXPECT_EQ(texts.blocks_read(), 1u);
}

TEST_F(PassageTextTest, ACopyReadsItsContentsBlockAndATitleNone) {
  PassageTextReader texts(segment());
  const DocumentRecord doc = segment().documents().Get(290);
  auto title = texts.Text(doc.first_passage);
  ASSERT_TRUE(title.ok());
  EXPECT_EQ(*title, "Title 290");
  EXPECT_EQ(texts.blocks_read(), 0u);
  const PassageId copy = doc.first_passage + 1;
  ASSERT_TRUE(segment().passages().Get(copy).is_copy());
  EXPECT_EQ(segment().passages().ContentOf(copy), segment().documents().Get(0).first_passage + 1);
  auto text = texts.Text(copy);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, Paragraph(0, 0));
  EXPECT_EQ(texts.blocks_read(), 1u);
}

}  // namespace
}  // namespace syndex
