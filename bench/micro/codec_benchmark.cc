// Raw block decoding, to choose the postings codec: the same gap arrays,
// blocks of 128 integers (format::kBlockSize), decoded by
//
//   BM_BitPacking          our UnpackBits (common/bit_packing.h), the
//                          codec of the .post format
//   BM_BitPackingIds       the same plus the prefix sum to ids
//                          (id += gap + 1), as a partial block decodes
//   BM_LanePacking         UnpackLanes (common/lane_packing.h), the
//                          four-lane layout of the .post format's full
//                          blocks, decoded with SSE2
//   BM_LanePackingIds      UnpackLanesToIds: the same with the prefix sum
//                          to ids in the same registers, as PostingsCursor
//                          decodes a full block
//   BM_StreamVByte         streamvbyte_decode (Debian's libstreamvbyte)
//   BM_StreamVByteDelta    streamvbyte_delta_decode of the ids (the prefix
//                          sum done by the library, with SIMD)
//   BM_Varint              LEB128 through GetVarint32Ptr (common/coding.h),
//                          bounds-checked, as the positions reader decodes
//   BM_VarintInline        a plain inline LEB128 loop, no bounds check
//
// For each width w (the "bits" argument), 1024 blocks of values drawn
// uniformly from [0, 2^w), each block holding one value of exactly w bits,
// so every block packs at w bits; varints and Stream VByte spend 1 byte a
// value up to 7 and 8 bits, 2 bytes up to 14 and 16, and so on. Each
// iteration decodes all 1024 blocks (131072 integers, 0.5 MiB decoded)
// block by block into one 128-integer buffer, as a cursor does, so the
// encoded input streams through the cache and the output stays in L1.
// Reported: integers/s (items) and the encoded size in bits per integer.
// Zigzag coding (streamvbyte_zigzag.h) is for signed values; gaps are
// never negative, so it would only add work. Every codec's output is
// compared with its input once, before timing.
#include <benchmark/benchmark.h>
#include <streamvbyte.h>
#include <streamvbytedelta.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench/micro/micro_support.h"
#include "common/bit_packing.h"
#include "common/coding.h"
#include "common/format.h"
#include "common/lane_packing.h"

namespace syndex {
namespace {

constexpr size_t kBlock = format::kBlockSize;
constexpr size_t kBlocks = 1024;
constexpr size_t kValues = kBlock * kBlocks;
// Bytes after the Stream VByte data: its SIMD decoder, when the library has
// one, may load up to 16 bytes past the data.
constexpr size_t kStreamVByteSlack = 64;

// One gap array of width `bits`, with each codec's encoding of it.
struct Encoded {
  uint32_t bits = 0;
  std::vector<uint32_t> gaps;  // kValues
  std::vector<uint32_t> ids;   // prefix sums: id_i = id_(i-1) + gap_i + 1, from id -1
  std::string packed;          // kBlocks blocks of PackedSize(kBlock, bits), then slack
  size_t packed_block_bytes = 0;
  std::string lanes;               // kBlocks blocks of LanePackedSize(bits)
  std::vector<uint8_t> svb;        // per block: streamvbyte_encode(gaps)
  std::vector<uint8_t> svb_delta;  // per block: streamvbyte_delta_encode(ids, prev)
  std::string varints;             // PutVarint32 of every gap
};

std::vector<uint32_t> MakeGaps(uint32_t bits) {
  std::mt19937_64 rng(kBenchSeed + bits);
  const uint64_t limit = uint64_t{1} << bits;
  std::vector<uint32_t> gaps(kValues);
  for (uint32_t& gap : gaps) gap = static_cast<uint32_t>(rng() % limit);
  for (size_t b = 0; b < kBlocks; ++b) {  // each block's width is exactly `bits`
    gaps[b * kBlock + rng() % kBlock] |= static_cast<uint32_t>(limit >> 1);
  }
  return gaps;
}

void EncodeStreamVByte(const Encoded& e, std::vector<uint8_t>* out, bool delta) {
  out->resize(kBlocks * streamvbyte_max_compressedbytes(kBlock) + kStreamVByteSlack);
  size_t size = 0;
  for (size_t b = 0; b < kBlocks; ++b) {
    uint8_t* at = out->data() + size;
    if (delta) {
      const uint32_t prev = b == 0 ? format::kNoPreviousId : e.ids[b * kBlock - 1];
      size += streamvbyte_delta_encode(&e.ids[b * kBlock], kBlock, at, prev);
    } else {
      size += streamvbyte_encode(&e.gaps[b * kBlock], kBlock, at);
    }
  }
  out->resize(size + kStreamVByteSlack);
}

const Encoded& EncodedFor(uint32_t bits) {
  static auto* cache = new std::map<uint32_t, Encoded>();
  auto it = cache->find(bits);
  if (it != cache->end()) return it->second;
  Encoded e;
  e.bits = bits;
  e.gaps = MakeGaps(bits);
  e.ids.resize(kValues);
  uint32_t id = format::kNoPreviousId;
  for (size_t i = 0; i < kValues; ++i) e.ids[i] = id += e.gaps[i] + 1;  // mod 2^32
  e.packed_block_bytes = PackedSize(kBlock, bits);
  for (size_t b = 0; b < kBlocks; ++b) {
    PackBits({&e.gaps[b * kBlock], kBlock}, bits, &e.packed);
    PackLanes(std::span<const uint32_t, kBlock>(&e.gaps[b * kBlock], kBlock), bits, &e.lanes);
  }
  e.packed.append(kUnpackSlack, '\0');
  EncodeStreamVByte(e, &e.svb, /*delta=*/false);
  EncodeStreamVByte(e, &e.svb_delta, /*delta=*/true);
  for (uint32_t gap : e.gaps) PutVarint32(&e.varints, gap);
  return cache->emplace(bits, std::move(e)).first->second;
}

// The decoders: each decodes block `b` into out[0, kBlock) given the state
// it carries between blocks (a read pointer or the previous id).

inline void BitPackingBlock(const Encoded& e, size_t b, uint32_t* out) {
  const size_t offset = b * e.packed_block_bytes;
  UnpackBits(e.packed.data() + offset, e.packed.size() - offset, e.bits, kBlock, out);
}

inline uint32_t PrefixSum(uint32_t previous_id, uint32_t* out) {
  for (size_t i = 0; i < kBlock; ++i) out[i] = previous_id += out[i] + 1;
  return previous_id;
}

inline const char* InlineVarint(const char* p, const char* limit, uint32_t* value) {
  uint32_t result = 0;
  for (uint32_t shift = 0; shift <= 28 && p < limit; shift += 7) {
    const uint32_t byte = static_cast<unsigned char>(*p++);
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return p;
    }
  }
  return nullptr;
}

enum class Codec {
  kBitPacking,
  kBitPackingIds,
  kLanePacking,
  kLanePackingIds,
  kStreamVByte,
  kStreamVByteDelta,
  kVarint,
  kInline
};

// Decodes every block of `e` with `codec`, calling sink(b, out) after
// block b. Shared by the check and the timed loops.
template <Codec kCodec, typename Sink>
inline void DecodeAll(const Encoded& e, uint32_t* out, Sink&& sink) {
  const uint8_t* svb = kCodec == Codec::kStreamVByte ? e.svb.data() : e.svb_delta.data();
  const char* p = e.varints.data();
  const char* limit = p + e.varints.size();
  uint32_t previous_id = format::kNoPreviousId;
  for (size_t b = 0; b < kBlocks; ++b) {
    if constexpr (kCodec == Codec::kBitPacking) {
      BitPackingBlock(e, b, out);
    } else if constexpr (kCodec == Codec::kBitPackingIds) {
      BitPackingBlock(e, b, out);
      previous_id = PrefixSum(previous_id, out);
    } else if constexpr (kCodec == Codec::kLanePacking) {
      UnpackLanes(e.lanes.data() + b * LanePackedSize(e.bits), e.bits, 0, out);
    } else if constexpr (kCodec == Codec::kLanePackingIds) {
      UnpackLanesToIds(e.lanes.data() + b * LanePackedSize(e.bits), e.bits, previous_id, out);
      previous_id = out[kBlock - 1];
    } else if constexpr (kCodec == Codec::kStreamVByte) {
      svb += streamvbyte_decode(svb, out, kBlock);
    } else if constexpr (kCodec == Codec::kStreamVByteDelta) {
      svb += streamvbyte_delta_decode(svb, out, kBlock, previous_id);
      previous_id = out[kBlock - 1];
    } else {
      for (size_t i = 0; i < kBlock; ++i) {
        p = kCodec == Codec::kVarint ? GetVarint32Ptr(p, limit, &out[i])
                                     : InlineVarint(p, limit, &out[i]);
      }
    }
    sink(b, out);
  }
}

template <Codec kCodec>
void CheckCodec(const Encoded& e, const char* name) {
  const bool ids = kCodec == Codec::kBitPackingIds || kCodec == Codec::kLanePackingIds ||
                   kCodec == Codec::kStreamVByteDelta;
  const std::vector<uint32_t>& expected = ids ? e.ids : e.gaps;
  uint32_t out[kBlock];
  bool same = true;
  DecodeAll<kCodec>(e, out, [&](size_t b, const uint32_t* block) {
    same = same && std::equal(block, block + kBlock, expected.begin() + b * kBlock);
  });
  CheckOrDie(same, std::string(name) + ": decoded values differ from the input");
}

size_t EncodedBytes(const Encoded& e, Codec codec) {
  switch (codec) {
    case Codec::kBitPacking:
    case Codec::kBitPackingIds:
      return e.packed.size() - kUnpackSlack;
    case Codec::kLanePacking:
    case Codec::kLanePackingIds:
      return e.lanes.size();
    case Codec::kStreamVByte:
      return e.svb.size() - kStreamVByteSlack;
    case Codec::kStreamVByteDelta:
      return e.svb_delta.size() - kStreamVByteSlack;
    default:
      return e.varints.size();
  }
}

template <Codec kCodec>
void BM_Decode(benchmark::State& state, const char* name) {
  const Encoded& e = EncodedFor(static_cast<uint32_t>(state.range(0)));
  CheckCodec<kCodec>(e, name);
  alignas(64) uint32_t out[kBlock];
  for (auto _ : state) {
    DecodeAll<kCodec>(e, out, [](size_t, uint32_t* block) { benchmark::DoNotOptimize(block); });
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kValues));
  state.counters["bits/int"] = 8.0 * EncodedBytes(e, kCodec) / kValues;
}

void BM_BitPacking(benchmark::State& s) { BM_Decode<Codec::kBitPacking>(s, "bitpacking"); }
void BM_BitPackingIds(benchmark::State& s) { BM_Decode<Codec::kBitPackingIds>(s, "bp+ids"); }
void BM_LanePacking(benchmark::State& s) { BM_Decode<Codec::kLanePacking>(s, "lanes"); }
void BM_LanePackingIds(benchmark::State& s) { BM_Decode<Codec::kLanePackingIds>(s, "lanes+ids"); }
void BM_StreamVByte(benchmark::State& s) { BM_Decode<Codec::kStreamVByte>(s, "streamvbyte"); }
void BM_StreamVByteDelta(benchmark::State& s) {
  BM_Decode<Codec::kStreamVByteDelta>(s, "streamvbyte delta");
}
void BM_Varint(benchmark::State& s) { BM_Decode<Codec::kVarint>(s, "varint"); }
void BM_VarintInline(benchmark::State& s) { BM_Decode<Codec::kInline>(s, "inline varint"); }

// Dense terms pack at 1-2 bits, medium ones at 4-8, rare ones at 12-16 (a
// passage id gap of up to 65535); 24 shows the trend past that.
void Widths(benchmark::internal::Benchmark* b) {
  b->ArgName("bits");
  for (int bits : {1, 2, 4, 8, 12, 16, 24}) b->Arg(bits);
}

BENCHMARK(BM_BitPacking)->Apply(Widths);
BENCHMARK(BM_BitPackingIds)->Apply(Widths);
BENCHMARK(BM_LanePacking)->Apply(Widths);
BENCHMARK(BM_LanePackingIds)->Apply(Widths);
BENCHMARK(BM_StreamVByte)->Apply(Widths);
BENCHMARK(BM_StreamVByteDelta)->Apply(Widths);
BENCHMARK(BM_Varint)->Apply(Widths);
BENCHMARK(BM_VarintInline)->Apply(Widths);

}  // namespace
}  // namespace syndex
