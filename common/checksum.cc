#include "common/checksum.h"

#include <xxhash.h>

namespace syndex {

struct Checksummer::State {
  XXH3_state_t* xxh = XXH3_createState();
  ~State() { XXH3_freeState(xxh); }
};

uint64_t Checksum64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

Checksummer::Checksummer() : state_(std::make_unique<State>()) { XXH3_64bits_reset(state_->xxh); }
Checksummer::~Checksummer() = default;

void Checksummer::Update(std::string_view bytes) {
  XXH3_64bits_update(state_->xxh, bytes.data(), bytes.size());
}

uint64_t Checksummer::Digest() const { return XXH3_64bits_digest(state_->xxh); }

void Checksummer::Reset() { XXH3_64bits_reset(state_->xxh); }

}  // namespace syndex
