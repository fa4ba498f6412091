// Tests of the file envelope: FileWriter writes header, body, chunk table
// and footer; MappedFile accepts exactly the files FileWriter finished and
// rejects every truncation, flipped bit and foreign header with a message
// naming the file and where it is damaged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/checksum.h"
#include "common/coding.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using format::FileKind;
using testing::Mentions;
using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

// Writes `body` as a file of `kind` through FileWriter, in two appends.
void WriteWithFileWriter(const std::string& path, FileKind kind, std::string_view body) {
  auto writer = FileWriter::Create(path, kind);
  ASSERT_TRUE(writer.ok()) << writer.status();
  const size_t half = body.size() / 2;
  ASSERT_TRUE((*writer)->Append(body.substr(0, half)).ok());
  ASSERT_TRUE((*writer)->Append(body.substr(half)).ok());
  EXPECT_EQ((*writer)->body_size(), body.size());
  ASSERT_TRUE((*writer)->Finish().ok());
}

// A complete file with any header fields, a chunk table if its version and
// kind have one, and a correct checksum, so that the header check (not the
// checksum) is what rejects it.
std::string CraftFile(uint32_t magic, uint16_t kind, uint16_t version, uint64_t reserved,
                      std::string_view body) {
  std::string file;
  PutFixed32(&file, magic);
  PutFixed16(&file, kind);
  PutFixed16(&file, version);
  PutFixed64(&file, reserved);
  file.append(body);
  if (format::HasChunkTable(static_cast<FileKind>(kind), version)) {
    file.append(EncodeChunkTable(file));
  }
  file.append(EncodeFileFooter(Checksum64(file)));
  return file;
}

std::string CraftFile(uint16_t version, std::string_view body) {
  return CraftFile(format::kHeaderMagic, static_cast<uint16_t>(FileKind::kPassages), version, 0,
                   body);
}

absl::Status OpenStatus(const std::string& path, FileKind kind = FileKind::kPassages) {
  return MappedFile::Open(path, kind).status();
}

class FileFormat : public ::testing::Test {
 protected:
  // A small, finished file of kind kPassages.
  std::string WriteSmallFile() {
    const std::string path = dir_.PathOf("small.psg");
    WriteWithFileWriter(path, FileKind::kPassages, kSmallBody);
    return path;
  }

  static constexpr std::string_view kSmallBody = "passage records go here";
  ScratchDir dir_{"syndex_file_format"};
};

TEST_F(FileFormat, RoundTripThroughFileWriterAndMappedFile) {
  const std::string path = WriteSmallFile();
  auto file = MappedFile::Open(path, FileKind::kPassages);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body(), kSmallBody);
  EXPECT_EQ((*file)->path(), path);
  EXPECT_EQ((*file)->file_size(), format::kHeaderSize + kSmallBody.size() + 2 * 8 +
                                      format::kFooterSize);  // one chunk's checksum, the table's
  EXPECT_EQ(MappedFile::body_offset(), format::kHeaderSize);
}

TEST_F(FileFormat, HeaderChunkTableAndFooterBytesAreAsDocumented) {
  const std::string bytes = ReadFile(WriteSmallFile());
  const size_t covered = 16 + kSmallBody.size();
  ASSERT_EQ(bytes.size(), covered + 16u + 16u);
  // magic "SYNX", kind 5 (passages), version 6, eight reserved zero bytes.
  EXPECT_EQ(bytes.substr(0, 16), std::string_view("SYNX\x05\x00\x06\x00\0\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(bytes.substr(16, kSmallBody.size()), kSmallBody);
  // One chunk (the header and body), its checksum, then the table's.
  const std::string_view header_and_body = std::string_view(bytes).substr(0, covered);
  EXPECT_EQ(DecodeFixed64(bytes.data() + covered), Checksum64(header_and_body));
  EXPECT_EQ(DecodeFixed64(bytes.data() + covered + 8),
            Checksum64(std::string_view(bytes).substr(covered, 8)));
  EXPECT_EQ(EncodeChunkTable(header_and_body), bytes.substr(covered, 16));
  const std::string footer = bytes.substr(bytes.size() - 16);
  EXPECT_EQ(DecodeFixed64(footer.data()),
            Checksum64(std::string_view(bytes).substr(0, bytes.size() - 16)));
  EXPECT_EQ(footer.substr(8), "SYNDXEND");
  EXPECT_EQ(EncodeFileHeader(FileKind::kPassages), bytes.substr(0, 16));
}

TEST_F(FileFormat, EmptyBodyRoundTrips) {
  const std::string path = dir_.PathOf("empty.doc");
  WriteWithFileWriter(path, FileKind::kDocuments, "");
  auto file = MappedFile::Open(path, FileKind::kDocuments);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body(), "");
  EXPECT_EQ((*file)->file_size(), 48u);  // header, chunk table of 16, footer
}

TEST_F(FileFormat, LargeAppendsRoundTrip) {
  // Bigger than the writer's 1 MiB buffer, both as one append and as many.
  std::string body;
  for (uint64_t i = 0; body.size() < (3u << 20); ++i) body += std::to_string(i * 7919) + ",";
  const std::string path = dir_.PathOf("large.post");
  auto writer = FileWriter::Create(path, FileKind::kPostings);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Append(std::string_view(body).substr(0, 1000)).ok());
  ASSERT_TRUE((*writer)->Append(std::string_view(body).substr(1000, 2u << 20)).ok());
  for (size_t at = 1000 + (2u << 20); at < body.size(); at += 4096) {
    ASSERT_TRUE((*writer)->Append(std::string_view(body).substr(at, 4096)).ok());
  }
  EXPECT_EQ((*writer)->body_size(), body.size());
  ASSERT_TRUE((*writer)->Finish().ok());
  auto file = MappedFile::Open(path, FileKind::kPostings);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_TRUE((*file)->body() == body);
}

TEST_F(FileFormat, CreateInMissingDirectoryIsNotFound) {
  const std::string path = dir_.PathOf("no/such/dir/x.psg");
  auto writer = FileWriter::Create(path, FileKind::kPassages);
  ASSERT_FALSE(writer.ok());
  EXPECT_TRUE(absl::IsNotFound(writer.status())) << writer.status();
  EXPECT_TRUE(Mentions(writer.status(), path)) << writer.status();
}

TEST_F(FileFormat, UnfinishedFileIsRejected) {
  const std::string path = dir_.PathOf("unfinished.psg");
  {
    auto writer = FileWriter::Create(path, FileKind::kPassages);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append(kSmallBody).ok());
  }  // destroyed without Finish
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
}

TEST_F(FileFormat, MissingFileIsNotFound) {
  const std::string path = dir_.PathOf("missing.psg");
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
}

TEST_F(FileFormat, EmptyAndTooShortFilesAreDataLoss) {
  const std::string path = dir_.PathOf("short.psg");
  const std::string complete = CraftFile(format::kVersion, "");  // header, table, footer
  ASSERT_EQ(complete.size(), 48u);
  for (size_t size : {0, 1, 16, 31}) {
    WriteFile(path, complete.substr(0, size));
    const absl::Status status = OpenStatus(path);
    EXPECT_TRUE(absl::IsDataLoss(status)) << size << ": " << status;
    EXPECT_TRUE(Mentions(status, path)) << status;
    EXPECT_TRUE(Mentions(status, "truncated")) << status;
  }
  WriteFile(path, complete);
  EXPECT_TRUE(OpenStatus(path).ok());
}

TEST_F(FileFormat, WrongMagicIsDataLoss) {
  const std::string path = dir_.PathOf("magic.psg");
  WriteFile(path, CraftFile(0x12345678, static_cast<uint16_t>(FileKind::kPassages),
                            format::kVersion, 0, "body"));
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
  EXPECT_TRUE(Mentions(status, "not a syndex file")) << status;
}

TEST_F(FileFormat, WrongKindIsDataLoss) {
  const std::string path = WriteSmallFile();
  const absl::Status status = OpenStatus(path, FileKind::kDocuments);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
  EXPECT_TRUE(Mentions(status, "document table")) << status;
}

TEST_F(FileFormat, NewerVersionIsFailedPrecondition) {
  const std::string path = dir_.PathOf("newer.psg");
  WriteFile(path, CraftFile(format::kVersion + 1, "body"));
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
  EXPECT_TRUE(Mentions(status, "newer")) << status;
}

TEST_F(FileFormat, OlderVersionIsFailedPrecondition) {
  static_assert(format::kOldestReadableVersion > 0, "version 0 must be too old");
  const std::string path = dir_.PathOf("older.psg");
  WriteFile(path, CraftFile(format::kOldestReadableVersion - 1, "body"));
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
  EXPECT_TRUE(Mentions(status, "older")) << status;
  EXPECT_FALSE(Mentions(status, "newer")) << status;
}

TEST_F(FileFormat, NonzeroReservedIsDataLoss) {
  const std::string path = dir_.PathOf("reserved.psg");
  WriteFile(path, CraftFile(format::kHeaderMagic, static_cast<uint16_t>(FileKind::kPassages),
                            format::kVersion, uint64_t{1} << 56, "body"));
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
  EXPECT_TRUE(Mentions(status, "reserved")) << status;
}

TEST_F(FileFormat, EveryTruncationIsDataLoss) {
  const std::string path = WriteSmallFile();
  const std::string bytes = ReadFile(path);
  for (size_t cut = 1; cut <= bytes.size(); ++cut) {
    WriteFile(path, std::string_view(bytes).substr(0, bytes.size() - cut));
    const absl::Status status = OpenStatus(path);
    EXPECT_TRUE(absl::IsDataLoss(status)) << "cut " << cut << ": " << status;
    EXPECT_TRUE(Mentions(status, path)) << status;
  }
}

// The byte ranges an error gives for `path`: "PATH: offset N" is [N, N + 1),
// "PATH: bytes [a, b), [c, d)" is each range.
std::vector<std::pair<uint64_t, uint64_t>> Locations(const absl::Status& status,
                                                     const std::string& path) {
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  const std::string full(status.message());
  std::string_view message = full;
  const std::string key = path + ": ";
  if (!message.starts_with(key)) return ranges;
  message.remove_prefix(key.size());
  unsigned long long a, b;
  if (std::sscanf(std::string(message).c_str(), "offset %llu", &a) == 1) return {{a, a + 1}};
  if (!message.starts_with("bytes ")) return ranges;
  message.remove_prefix(6);
  int n = 0;
  while (std::sscanf(std::string(message).c_str(), "[%llu, %llu)%n", &a, &b, &n) == 2) {
    ranges.push_back({a, b});
    message.remove_prefix(n);
    if (!message.starts_with(", [")) break;
    message.remove_prefix(2);
  }
  return ranges;
}

bool Holds(const std::vector<std::pair<uint64_t, uint64_t>>& ranges, uint64_t offset) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const auto& r) { return r.first <= offset && offset < r.second; });
}

// Every flipped bit is DataLoss, and the error names bytes that hold it: a
// flipped version is damage too, since the checksum fails.
TEST_F(FileFormat, EveryFlippedBitIsRejectedWhereItIs) {
  const std::string path = WriteSmallFile();
  const std::string bytes = ReadFile(path);
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
      WriteFile(path, damaged);
      const absl::Status status = OpenStatus(path);
      EXPECT_TRUE(absl::IsDataLoss(status)) << offset << "/" << bit << ": " << status;
      EXPECT_TRUE(Mentions(status, path)) << status;
      EXPECT_TRUE(Holds(Locations(status, path), offset)) << offset << "/" << bit << ": " << status;
    }
  }
}

// A file of four chunks and a bit: a flip in a chunk names that chunk; in
// the table, its entry (or the table's checksum); in the footer's checksum,
// that.
TEST_F(FileFormat, ChunkTableNamesTheDamagedBytes) {
  const std::string path = dir_.PathOf("chunks.post");
  std::string body;
  for (uint64_t i = 0; body.size() < 4 * format::kChecksumChunkSize; ++i) {
    body += std::to_string(i * 7919) + ",";
  }
  WriteWithFileWriter(path, FileKind::kPostings, body);
  const std::string bytes = ReadFile(path);
  const uint64_t covered = 16 + body.size();
  ASSERT_EQ(format::CoveredSize(bytes.size()), covered);
  const uint64_t chunks = format::ChunkCount(covered);
  ASSERT_EQ(chunks, 5u);
  ASSERT_EQ(bytes.size(), covered + format::ChunkTableSize(covered) + format::kFooterSize);
  const uint64_t c = format::kChecksumChunkSize;
  const std::vector<std::pair<uint64_t, std::pair<uint64_t, uint64_t>>> cases = {
      {16, {0, c}},
      {c, {c, 2 * c}},
      {2 * c + 100, {2 * c, 3 * c}},
      {covered - 1, {4 * c, covered}},
      {covered, {covered, covered + 8}},                           // chunk 0's checksum
      {covered + 8 * 4 + 3, {covered + 8 * 4, covered + 8 * 5}},   // chunk 4's checksum
      {covered + 8 * 5, {covered + 8 * 5, covered + 8 * 6}},       // the table's checksum
      {bytes.size() - 16, {bytes.size() - 16, bytes.size() - 8}},  // the footer's checksum
  };
  for (const auto& [offset, range] : cases) {
    std::string damaged = bytes;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x20);
    WriteFile(path, damaged);
    const absl::Status status = OpenStatus(path, FileKind::kPostings);
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_TRUE(MappedFile::IsChecksumMismatch(status)) << status;
    EXPECT_EQ(Locations(status, path), (std::vector<std::pair<uint64_t, uint64_t>>{range}))
        << offset << ": " << status;
  }
  // Two damaged chunks side by side read as one range; apart, as two.
  std::string damaged = bytes;
  damaged[c - 1] ^= 1;
  damaged[c] ^= 1;
  damaged[3 * c + 5] ^= 1;
  WriteFile(path, damaged);
  EXPECT_EQ(Locations(OpenStatus(path, FileKind::kPostings), path),
            (std::vector<std::pair<uint64_t, uint64_t>>{{0, 2 * c}, {3 * c, 4 * c}}));
  // Without checksums the body is there, chunk table excluded.
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  auto file = MappedFile::Open(path, FileKind::kPostings, no_checksum);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body().size(), body.size());
}

TEST_F(FileFormat, SizeThatNoWholeFileHasIsDataLoss) {
  // One whole chunk: a byte more makes the size of two chunks, less their
  // second checksum.
  const std::string path = dir_.PathOf("one_chunk.psg");
  WriteWithFileWriter(path, FileKind::kPassages,
                      std::string(format::kChecksumChunkSize - format::kHeaderSize, 'x'));
  std::string bytes = ReadFile(path);
  bytes.insert(bytes.size() - 16, "x");
  WriteFile(path, bytes);
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "not the size of a whole file")) << status;
}

TEST_F(FileFormat, CoveredSizeInvertsTheChunkTableSize) {
  uint64_t sizes = 0;
  for (uint64_t covered = 16; covered < 3 * format::kChecksumChunkSize + 50; ++covered) {
    const uint64_t size = covered + format::ChunkTableSize(covered) + format::kFooterSize;
    ASSERT_EQ(format::CoveredSize(size), covered) << size;
    ++sizes;
  }
  // Between two chunk counts lie sizes no file has.
  const uint64_t one_chunk = format::kChecksumChunkSize + 16 + format::kFooterSize;
  EXPECT_EQ(format::CoveredSize(one_chunk + 1), 0u);
  EXPECT_EQ(format::CoveredSize(one_chunk + 8), 0u);
  EXPECT_EQ(format::CoveredSize(one_chunk + 9), format::kChecksumChunkSize + 1);
  EXPECT_EQ(format::CoveredSize(47), 0u);
}

// A damaged version field fails the checksum: damage, not another version.
TEST_F(FileFormat, VersionThatFailsTheChecksumIsDataLoss) {
  const std::string path = WriteSmallFile();
  std::string bytes = ReadFile(path);
  bytes[6] = static_cast<char>(format::kVersion + 1);
  WriteFile(path, bytes);
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path + ": bytes [6, 8):")) << status;
  // Without checksums, the version is taken as it reads.
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  EXPECT_TRUE(absl::IsFailedPrecondition(
      MappedFile::Open(path, FileKind::kPassages, no_checksum).status()));
}

// Version 5 files have no chunk table, and are still read.
TEST_F(FileFormat, Version5FileWithoutChunkTableIsRead) {
  static_assert(format::kOldestReadableVersion <= 5);
  const std::string path = dir_.PathOf("v5.psg");
  WriteFile(path, CraftFile(5, "version five body"));
  auto file = MappedFile::Open(path, FileKind::kPassages);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body(), "version five body");
  std::string bytes = ReadFile(path);
  bytes[20] ^= 1;
  WriteFile(path, bytes);
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(MappedFile::IsChecksumMismatch(status)) << status;
  EXPECT_EQ(Locations(status, path),
            (std::vector<std::pair<uint64_t, uint64_t>>{{0, bytes.size() - 8}}));
}

TEST_F(FileFormat, FlippedBodyBitIsFoundOnlyByTheChecksum) {
  const std::string path = WriteSmallFile();
  std::string bytes = ReadFile(path);
  bytes[format::kHeaderSize + 3] ^= 0x10;
  WriteFile(path, bytes);
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "checksum")) << status;
  EXPECT_TRUE(MappedFile::IsChecksumMismatch(status)) << status;

  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  auto file = MappedFile::Open(path, FileKind::kPassages, no_checksum);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body(), std::string_view(bytes).substr(16, kSmallBody.size()));
}

TEST_F(FileFormat, EnvelopeIsCheckedEvenWithoutChecksum) {
  const std::string path = WriteSmallFile();
  std::string bytes = ReadFile(path);
  bytes.back() ^= 0x01;  // footer magic
  WriteFile(path, bytes);
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  const absl::Status status = MappedFile::Open(path, FileKind::kPassages, no_checksum).status();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "footer")) << status;
}

TEST_F(FileFormat, CorruptionNamesPathAndFileOffset) {
  const std::string path = WriteSmallFile();
  auto file = MappedFile::Open(path, FileKind::kPassages);
  ASSERT_TRUE(file.ok());
  const absl::Status status = (*file)->Corruption(8, "bad record");
  EXPECT_TRUE(absl::IsDataLoss(status));
  EXPECT_EQ(status.message(), path + ": offset 24: bad record");
}

TEST_F(FileFormat, WriteFileAtomicallyCreatesAndReplaces) {
  const std::string path = dir_.PathOf("NAME");
  ASSERT_TRUE(WriteFileAtomically(dir_.path(), "NAME", "NAME.tmp", "first version").ok());
  EXPECT_EQ(ReadFile(path), "first version");
  ASSERT_TRUE(WriteFileAtomically(dir_.path(), "NAME", "NAME.tmp", "second").ok());
  EXPECT_EQ(ReadFile(path), "second");
  EXPECT_FALSE(std::filesystem::exists(dir_.PathOf("NAME.tmp")));
}

TEST_F(FileFormat, WriteFileAtomicallyIntoMissingDirectoryFails) {
  const std::string missing = dir_.PathOf("missing");
  const absl::Status status = WriteFileAtomically(missing, "NAME", "NAME.tmp", "x");
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, missing)) << status;
}

TEST_F(FileFormat, SyncDirectoryOfMissingDirectoryIsNotFound) {
  EXPECT_TRUE(SyncDirectory(dir_.path()).ok());
  EXPECT_TRUE(absl::IsNotFound(SyncDirectory(dir_.PathOf("missing"))));
}

TEST(Checksum, IncrementalEqualsOneShot) {
  const std::string data = "the quick brown fox jumps over the lazy dog";
  Checksummer sum;
  sum.Update(data.substr(0, 10));
  sum.Update("");
  sum.Update(data.substr(10));
  EXPECT_EQ(sum.Digest(), Checksum64(data));
  EXPECT_NE(Checksum64(data), Checksum64(data.substr(1)));
}

TEST(Checksum, EverySingleBitFlipChangesTheDigest) {
  const std::string data(64, 'a');
  const uint64_t original = Checksum64(data);
  for (size_t i = 0; i < data.size() * 8; ++i) {
    std::string flipped = data;
    flipped[i / 8] = static_cast<char>(flipped[i / 8] ^ (1 << (i % 8)));
    EXPECT_NE(Checksum64(flipped), original) << "bit " << i;
  }
}

TEST(Format, ExtensionsAndKindNamesAreAsDocumented) {
  using format::Extension;
  EXPECT_EQ(Extension(FileKind::kDictionary), ".dict");
  EXPECT_EQ(Extension(FileKind::kPostings), ".post");
  EXPECT_EQ(Extension(FileKind::kPositions), ".pos");
  EXPECT_EQ(Extension(FileKind::kPassages), ".psg");
  EXPECT_EQ(Extension(FileKind::kDocuments), ".doc");
  EXPECT_EQ(Extension(FileKind::kStoredText), ".txt");
  EXPECT_EQ(format::KindName(FileKind::kStoredText), "stored text");
  EXPECT_EQ(format::KindName(FileKind::kManifest), "manifest");
}

}  // namespace
}  // namespace syndex
