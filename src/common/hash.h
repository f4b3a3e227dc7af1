// Hashing primitives over xxHash (internal).

#ifndef STORYLINE_COMMON_HASH_H_
#define STORYLINE_COMMON_HASH_H_

#include <cstdint>
#include <string_view>

namespace storyline {

struct Hash128 {
  uint64_t low = 0;
  uint64_t high = 0;
  bool operator==(const Hash128&) const = default;
};

// XXH3-64 of `data` with `seed`.
uint64_t Hash64(std::string_view data, uint64_t seed = 0);
// XXH3-128 of `data`.
Hash128 HashBytes128(std::string_view data);

// A 64-bit finaliser (murmur3 fmix64): a bijection that spreads every input bit over the output.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace storyline

#endif  // STORYLINE_COMMON_HASH_H_
