// Hashing primitives over xxHash (internal).

#ifndef STORYLINE_COMMON_HASH_H_
#define STORYLINE_COMMON_HASH_H_

#include <cstdint>
#include <string_view>

namespace storyline {

// Seeds of the hashes that name things inside the library, one per kind of key, so that keys of
// different kinds never collide by construction and every table can be rebuilt identically.
// The values are ASCII tags; changing one changes tie orders (and so outputs) of the stage using
// it, never correctness.
namespace hash_seed {
inline constexpr uint64_t kWordCache = 0x776f7264;   // "word": folded word -> cache slot
inline constexpr uint64_t kTerm = 0x7465726d;        // "term": stems of TF-IDF terms
inline constexpr uint64_t kNumber = 0x6e756d62;      // "numb": number terms of story vectors
inline constexpr uint64_t kPhrase = 0x70687261;      // "phra": name phrases of story vectors
inline constexpr uint64_t kConcept = 0x636f6e63;     // "conc": stems of brief concepts
inline constexpr uint64_t kParaphrase = 0x73696d31;  // "sim1": stems of the paraphrase test
inline constexpr uint64_t kOutlet = 0x5157a1e5;      // outlet names of template-line models
inline constexpr uint64_t kLine = 0x7e3a1a7e;        // normalised lines of template-line models
inline constexpr uint64_t kExcludedWords = 0x5eed;   // xor-ed into DedupOptions::seed: values of
                                                     // template words left out of an alignment
}  // namespace hash_seed

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
