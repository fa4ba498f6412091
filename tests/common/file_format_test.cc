// Tests of the file envelope: FileWriter writes header, body and footer;
// MappedFile accepts exactly the files FileWriter finished and rejects every
// truncation, flipped bit and foreign header with a message naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

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

// A complete file with any header fields, and a correct checksum, so that
// the header check (not the checksum) is what rejects it.
std::string CraftFile(uint32_t magic, uint16_t kind, uint16_t version, uint64_t reserved,
                      std::string_view body) {
  std::string file;
  PutFixed32(&file, magic);
  PutFixed16(&file, kind);
  PutFixed16(&file, version);
  PutFixed64(&file, reserved);
  file.append(body);
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
  EXPECT_EQ((*file)->file_size(), format::kHeaderSize + kSmallBody.size() + format::kFooterSize);
  EXPECT_EQ(MappedFile::body_offset(), format::kHeaderSize);
}

TEST_F(FileFormat, HeaderAndFooterBytesAreAsDocumented) {
  const std::string bytes = ReadFile(WriteSmallFile());
  ASSERT_EQ(bytes.size(), 16u + kSmallBody.size() + 16u);
  // magic "SYNX", kind 5 (passages), version 6, eight reserved zero bytes.
  EXPECT_EQ(bytes.substr(0, 16), std::string_view("SYNX\x05\x00\x06\x00\0\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(bytes.substr(16, kSmallBody.size()), kSmallBody);
  const std::string footer = bytes.substr(bytes.size() - 16);
  EXPECT_EQ(DecodeFixed64(footer.data()),
            Checksum64(std::string_view(bytes).substr(0, 16 + kSmallBody.size())));
  EXPECT_EQ(footer.substr(8), "SYNDXEND");
  EXPECT_EQ(EncodeFileHeader(FileKind::kPassages), bytes.substr(0, 16));
}

TEST_F(FileFormat, EmptyBodyRoundTrips) {
  const std::string path = dir_.PathOf("empty.doc");
  WriteWithFileWriter(path, FileKind::kDocuments, "");
  auto file = MappedFile::Open(path, FileKind::kDocuments);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ((*file)->body(), "");
  EXPECT_EQ((*file)->file_size(), 32u);
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
  const std::string complete = CraftFile(format::kVersion, "");  // exactly 32 bytes
  ASSERT_EQ(complete.size(), 32u);
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

TEST_F(FileFormat, EveryFlippedBitIsRejected) {
  const std::string path = WriteSmallFile();
  const std::string bytes = ReadFile(path);
  constexpr size_t kVersionOffset = 6;  // u16 after magic u32 and kind u16
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
      WriteFile(path, damaged);
      const absl::Status status = OpenStatus(path);
      const bool in_version = offset == kVersionOffset || offset == kVersionOffset + 1;
      if (in_version) {
        EXPECT_TRUE(absl::IsFailedPrecondition(status)) << offset << "/" << bit << ": " << status;
      } else {
        EXPECT_TRUE(absl::IsDataLoss(status)) << offset << "/" << bit << ": " << status;
      }
      EXPECT_TRUE(Mentions(status, path)) << status;
    }
  }
}

TEST_F(FileFormat, FlippedBodyBitIsFoundOnlyByTheChecksum) {
  const std::string path = WriteSmallFile();
  std::string bytes = ReadFile(path);
  bytes[format::kHeaderSize + 3] ^= 0x10;
  WriteFile(path, bytes);
  const absl::Status status = OpenStatus(path);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "checksum")) << status;

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
