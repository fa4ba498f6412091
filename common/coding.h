// File: common/coding.h
//
// Byte encodings used by every index file: fixed-width little-endian integers
// and LEB128 variable-length integers (7 bits a byte, high bit = "more").
//
// Example:
//   std::string buf;
//   PutVarint32(&buf, 300);
//   ByteReader in(buf);
//   uint32_t v; if (!in.ReadVarint32(&v)) { /* truncated */ }
#ifndef SYNDEX_COMMON_CODING_H_
#define SYNDEX_COMMON_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace syndex {

void PutFixed16(std::string* dst, uint16_t value);
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
// Inline for one-byte values (most position and id gaps), which a
// build appends tens of millions of times.
void PutVarint64(std::string* dst, uint64_t value);
inline void PutVarint32(std::string* dst, uint32_t value) {
  if (value < 0x80) {
    dst->push_back(static_cast<char>(value));
    return;
  }
  PutVarint64(dst, value);
}
// A varint byte length followed by the bytes.
void PutLengthPrefixed(std::string* dst, std::string_view value);

// Number of bytes PutVarint64 writes for `value`.
int VarintLength(uint64_t value);

inline uint16_t DecodeFixed16(const char* p) {
  uint16_t v;
  std::memcpy(&v, p, sizeof v);  // x86-64 and aarch64 are little-endian
  return v;
}
inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// GetVarint32Ptr past its one-byte case.
const char* GetVarint32PtrSlow(const char* p, const char* limit, uint32_t* value);
// Decodes a varint from [p, limit). Returns the byte after it, or nullptr if
// the varint is truncated or longer than the type allows. Inline for
// one-byte values, most of a phrase's positions.
inline const char* GetVarint32Ptr(const char* p, const char* limit, uint32_t* value) {
  if (p < limit && (static_cast<unsigned char>(*p) & 0x80) == 0) {
    *value = static_cast<unsigned char>(*p);
    return p + 1;
  }
  return GetVarint32PtrSlow(p, limit, value);
}
const char* GetVarint64Ptr(const char* p, const char* limit, uint64_t* value);
// SkipVarints past its one-byte case.
const char* SkipVarintsSlow(const char* p, const char* limit, size_t count);
// The end of the `count` varints that start at p, without decoding them,
// or nullptr if [p, limit) ends first. Inline for one varint of one byte:
// most postings have one position, below 128.
inline const char* SkipVarints(const char* p, const char* limit, size_t count) {
  if (count == 1 && p < limit && (static_cast<unsigned char>(*p) & 0x80) == 0) return p + 1;
  return SkipVarintsSlow(p, limit, count);
}

// A bounds-checked cursor over a byte range. Every Read* returns false (and
// leaves the cursor unusable) when the bytes run out, so a truncated or
// corrupt file is reported instead of read past.
class ByteReader {
 public:
  ByteReader() = default;
  explicit ByteReader(std::string_view bytes)
      : p_(bytes.data()), limit_(bytes.data() + bytes.size()) {}

  bool ReadFixed16(uint16_t* v) { return ReadFixed(v); }
  bool ReadFixed32(uint32_t* v) { return ReadFixed(v); }
  bool ReadFixed64(uint64_t* v) { return ReadFixed(v); }
  bool ReadVarint32(uint32_t* v) { return Advance(GetVarint32Ptr(p_, limit_, v)); }
  bool ReadVarint64(uint64_t* v) { return Advance(GetVarint64Ptr(p_, limit_, v)); }
  bool ReadLengthPrefixed(std::string_view* v);
  bool ReadBytes(size_t n, std::string_view* v);
  bool Skip(size_t n);

  size_t remaining() const { return static_cast<size_t>(limit_ - p_); }
  const char* position() const { return p_; }
  bool empty() const { return p_ == limit_; }

 private:
  template <typename T>
  bool ReadFixed(T* v) {
    if (remaining() < sizeof(T)) return Fail();
    std::memcpy(v, p_, sizeof(T));
    p_ += sizeof(T);
    return true;
  }
  bool Advance(const char* next) { return next == nullptr ? Fail() : (p_ = next, true); }
  bool Fail() {
    p_ = limit_;
    return false;
  }

  const char* p_ = nullptr;
  const char* limit_ = nullptr;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_CODING_H_
