// Stems of words, hashed, behind a direct-mapped cache (internal): text repeats its words
// (Zipf), and stemming is most of the cost of terms, concepts and paraphrase bags.

#ifndef STORYLINE_TEXT_STEM_CACHE_H_
#define STORYLINE_TEXT_STEM_CACHE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/hash.h"
#include "text/stemmer.h"
#include "text/stopwords.h"

namespace storyline::text {

// Not thread-safe (owns a stemmer): one per thread.
class StemCache {
 public:
  struct Stem {
    uint64_t hash = 0;  // Hash64(stem, seed)
    bool stop = false;  // the word is a stop word (IsStopword)
  };

  // Stem hashes are Hash64(stem, seed). `slots` (a power of two) bounds the cache: a colliding
  // word replaces the one in its slot, so a lookup is one probe and never allocates.
  explicit StemCache(uint64_t seed, size_t slots = 4096)
      : seed_(seed), mask_(slots - 1), slots_(slots) {}

  // The stem of `folded` (a case-folded word).
  Stem Of(std::string_view folded) {
    const uint64_t key = Hash64(folded, hash_seed::kWordCache) | 1;  // never 0, the empty slot
    Slot& s = slots_[key & mask_];
    if (s.key != key) {
      s.key = key;
      s.stem = {Hash64(stemmer_.Stem(folded), seed_), IsStopword(folded)};
    }
    return s.stem;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    Stem stem;
  };
  uint64_t seed_;
  size_t mask_;
  std::vector<Slot> slots_;
  Stemmer stemmer_;
};

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_STEM_CACHE_H_
