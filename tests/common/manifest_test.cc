#include "common/manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "common/checksum.h"
#include "common/coding.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;
using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

Manifest SampleManifest() {
  Manifest m;
  m.generation = 7;
  m.segments.push_back({"seg000001", 120, 900, 45000});
  m.segments.push_back({"seg000004", UINT32_MAX, 1, uint64_t{1} << 40});
  m.segments[0].deleted_count = 3;  // by the deletion file of generation 5
  m.segments[0].deletions_generation = 5;
  return m;
}

// A complete manifest file around `body`, with a correct checksum.
std::string ManifestFileWithBody(std::string_view body) {
  std::string file = EncodeFileHeader(format::FileKind::kManifest);
  file.append(body);
  file.append(EncodeFileFooter(Checksum64(file)));
  return file;
}

// A manifest body: generation, count, then the given segment names, each
// with zero counts.
// A manifest body of generation 1 whose segments have 10 documents, of
// which `deleted` are deleted by the deletion file of `deletions_generation`.
std::string ManifestBody(uint32_t count, const std::vector<std::string>& names,
                         uint32_t deleted = 0, uint64_t deletions_generation = 0) {
  std::string body;
  PutFixed64(&body, 1);
  PutFixed32(&body, count);
  for (const std::string& name : names) {
    PutLengthPrefixed(&body, name);
    PutFixed32(&body, 10);
    PutFixed32(&body, 0);
    PutFixed64(&body, 0);
    PutFixed32(&body, 0);
    PutFixed64(&body, 0);
    PutFixed32(&body, deleted);
    PutFixed64(&body, deletions_generation);
  }
  return body;
}

class ManifestTest : public ::testing::Test {
 protected:
  std::string manifest_path() const { return dir_.PathOf(format::kManifestName); }
  ScratchDir dir_{"syndex_manifest"};
};

TEST_F(ManifestTest, RoundTrip) {
  ASSERT_TRUE(WriteManifest(dir_.path(), SampleManifest()).ok());
  auto read = ReadManifest(dir_.path());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, SampleManifest());
  EXPECT_EQ(read->segments[1].doc_count, UINT32_MAX);
}

TEST_F(ManifestTest, EmptyManifestRoundTrips) {
  ASSERT_TRUE(WriteManifest(dir_.path(), Manifest{}).ok());
  auto read = ReadManifest(dir_.path());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->generation, 0u);
  EXPECT_TRUE(read->segments.empty());
}

TEST_F(ManifestTest, EncodingIsAsDocumented) {
  const std::string bytes = EncodeManifest(SampleManifest());
  // header | generation u64 | count u32 | (name, 5 counts, 2 deletion
  // fields) x 2 | footer
  const size_t segment_bytes = 1 + 9 + 4 + 4 + 8 + 4 + 8 + 4 + 8;
  EXPECT_EQ(bytes.size(), 16 + 8 + 4 + 2 * segment_bytes + 16);
  EXPECT_EQ(bytes.substr(0, 16), EncodeFileHeader(format::FileKind::kManifest));
  EXPECT_EQ(DecodeFixed64(bytes.data() + 16), 7u);
  EXPECT_EQ(DecodeFixed32(bytes.data() + 24), 2u);
  EXPECT_EQ(bytes.substr(28, 10), "\x09seg000001");
  EXPECT_EQ(bytes.substr(bytes.size() - 8), "SYNDXEND");
}

TEST_F(ManifestTest, WriteReplacesThePreviousManifest) {
  ASSERT_TRUE(WriteManifest(dir_.path(), SampleManifest()).ok());
  Manifest next;
  next.generation = 8;
  next.segments.push_back({"seg000009", 1, 2, 3});
  ASSERT_TRUE(WriteManifest(dir_.path(), next).ok());
  auto read = ReadManifest(dir_.path());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, next);
  EXPECT_FALSE(std::filesystem::exists(dir_.PathOf(format::kManifestTempName)));
}

TEST_F(ManifestTest, MissingDirectoryIsNotFound) {
  const std::string missing = dir_.PathOf("nowhere");
  const absl::Status status = ReadManifest(missing).status();
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, missing)) << status;
  EXPECT_TRUE(Mentions(status, "no such index directory")) << status;
}

TEST_F(ManifestTest, RegularFileIsNoIndexDirectory) {
  const std::string file = dir_.PathOf("plain");
  WriteFile(file, "not a directory");
  const absl::Status status = ReadManifest(file).status();
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, "no such index directory")) << status;
}

TEST_F(ManifestTest, MissingManifestIsNotASyndexIndex) {
  const absl::Status status = ReadManifest(dir_.path()).status();
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, dir_.path())) << status;
  EXPECT_TRUE(Mentions(status, "not a syndex index")) << status;
}

TEST_F(ManifestTest, EveryDamagedByteIsDataLoss) {
  ASSERT_TRUE(WriteManifest(dir_.path(), SampleManifest()).ok());
  const std::string bytes = ReadFile(manifest_path());
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    if (offset == 6 || offset == 7) continue;  // the version: FailedPrecondition
    std::string damaged = bytes;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x20);
    WriteFile(manifest_path(), damaged);
    const absl::Status status = ReadManifest(dir_.path()).status();
    EXPECT_TRUE(absl::IsDataLoss(status)) << "offset " << offset << ": " << status;
    EXPECT_TRUE(Mentions(status, manifest_path())) << status;
  }
}

TEST_F(ManifestTest, TruncatedManifestIsDataLoss) {
  ASSERT_TRUE(WriteManifest(dir_.path(), SampleManifest()).ok());
  const std::string bytes = ReadFile(manifest_path());
  for (size_t size : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    WriteFile(manifest_path(), bytes.substr(0, size));
    const absl::Status status = ReadManifest(dir_.path()).status();
    EXPECT_TRUE(absl::IsDataLoss(status)) << size << ": " << status;
    EXPECT_TRUE(Mentions(status, manifest_path())) << status;
  }
}

TEST_F(ManifestTest, NewerVersionIsFailedPrecondition) {
  ASSERT_TRUE(WriteManifest(dir_.path(), SampleManifest()).ok());
  std::string bytes = ReadFile(manifest_path());
  bytes[6] = static_cast<char>(format::kVersion + 1);
  bytes.replace(bytes.size() - 16, 8, std::string(8, '\0'));
  std::string checksum;
  PutFixed64(&checksum, Checksum64(std::string_view(bytes).substr(0, bytes.size() - 16)));
  bytes.replace(bytes.size() - 16, 8, checksum);
  WriteFile(manifest_path(), bytes);
  const absl::Status status = ReadManifest(dir_.path()).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Mentions(status, "newer")) << status;
}

TEST_F(ManifestTest, WellFormedButInvalidBodiesAreDataLoss) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated prefix", std::string(11, '\0')},
      {"count above entries", ManifestBody(2, {"seg000001"})},
      {"trailing bytes", ManifestBody(1, {"seg000001"}) + "x"},
      {"empty name", ManifestBody(1, {""})},
      {"name with a slash", ManifestBody(1, {"../seg000001"})},
      {"name with a NUL", ManifestBody(1, {std::string("seg") + std::string(3, '\0') + "1"})},
      {"name with a dot", ManifestBody(1, {"seg.post"})},
      {"name with a space", ManifestBody(1, {"seg 1"})},
      {"name with a byte above ASCII", ManifestBody(1, {"seg\xc3\xa9"})},
      {"more deleted than documents", ManifestBody(1, {"seg000001"}, 11, 1)},
      {"deletions without their file", ManifestBody(1, {"seg000001"}, 3, 0)},
      {"a deletion file without deletions", ManifestBody(1, {"seg000001"}, 0, 1)},
      {"deletions from a later commit", ManifestBody(1, {"seg000001"}, 3, 2)},
  };
  for (const auto& [what, body] : cases) {
    WriteFile(manifest_path(), ManifestFileWithBody(body));
    const absl::Status status = ReadManifest(dir_.path()).status();
    EXPECT_TRUE(absl::IsDataLoss(status)) << what << ": " << status;
    EXPECT_TRUE(Mentions(status, manifest_path())) << what << ": " << status;
  }
  WriteFile(manifest_path(), ManifestFileWithBody(ManifestBody(1, {"seg000001"})));
  EXPECT_TRUE(ReadManifest(dir_.path()).ok());
  WriteFile(manifest_path(), ManifestFileWithBody(ManifestBody(1, {"seg000001"}, 10, 1)));
  EXPECT_TRUE(ReadManifest(dir_.path()).ok());
}

TEST_F(ManifestTest, OtherFileKindIsRejected) {
  std::string file = EncodeFileHeader(format::FileKind::kPassages);
  file.append(ManifestBody(0, {}));
  file.append(EncodeFileFooter(Checksum64(file)));
  WriteFile(manifest_path(), file);
  EXPECT_TRUE(absl::IsDataLoss(ReadManifest(dir_.path()).status()));
}

}  // namespace
}  // namespace syndex
