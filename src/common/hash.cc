#include "common/hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace storyline {

uint64_t Hash64(std::string_view data, uint64_t seed) {
  return XXH3_64bits_withSeed(data.data(), data.size(), seed);
}

Hash128 HashBytes128(std::string_view data) {
  XXH128_hash_t h = XXH3_128bits(data.data(), data.size());
  return Hash128{h.low64, h.high64};
}

}  // namespace storyline
