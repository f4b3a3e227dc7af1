// Stems of a story's words, hashed, behind a direct-mapped cache (internal to summarize): a story
// repeats its words, and stemming is most of the cost of its concepts and paraphrase bags.

#ifndef STORYLINE_SUMMARIZE_STEM_CACHE_H_
#define STORYLINE_SUMMARIZE_STEM_CACHE_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "common/hash.h"
#include "text/stemmer.h"
#include "text/stopwords.h"

namespace storyline::summarize {

class StemCache {
 public:
  // Stem hashes are Hash64(stem, seed).
  explicit StemCache(uint64_t seed) : seed_(seed) {}

  // The stem hash of `w` (folded) and whether it is a stop word.
  std::pair<uint64_t, bool> Of(std::string_view w) {
    const uint64_t key = Hash64(w, 0x776f7264) | 1;  // never 0, the empty slot
    Slot& s = slots_[key & (kSlots - 1)];
    if (s.key != key) s = {key, Hash64(stemmer_.Stem(w), seed_), text::IsStopword(w)};
    return {s.stem, s.stop};
  }

 private:
  static constexpr size_t kSlots = 4096;
  struct Slot {
    uint64_t key = 0, stem = 0;
    bool stop = false;
  };
  uint64_t seed_;
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  text::Stemmer stemmer_;
};

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_STEM_CACHE_H_
