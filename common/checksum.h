// File: common/checksum.h
//
// The checksum every index file carries: XXH3-64 (libxxhash). It is chosen
// for speed (tens of GB/s, so a reader can verify whole files when it opens
// them) and for catching every single-bit flip and any burst a torn write
// leaves; it is not a cryptographic hash.
//
// Example:
//   Checksummer sum;
//   sum.Update(header); sum.Update(body);
//   uint64_t digest = sum.Digest();   // == Checksum64(header + body)
#ifndef SYNDEX_COMMON_CHECKSUM_H_
#define SYNDEX_COMMON_CHECKSUM_H_

#include <cstdint>
#include <memory>
#include <string_view>

namespace syndex {

uint64_t Checksum64(std::string_view bytes);

// Incremental form of Checksum64. Not thread-safe.
class Checksummer {
 public:
  Checksummer();
  ~Checksummer();
  Checksummer(const Checksummer&) = delete;
  Checksummer& operator=(const Checksummer&) = delete;

  void Update(std::string_view bytes);
  uint64_t Digest() const;
  // Starts again, as if new.
  void Reset();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_CHECKSUM_H_
