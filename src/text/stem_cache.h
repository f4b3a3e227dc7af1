// Per-word caches (internal): text repeats its words (Zipf), so whatever is derived from a word
// (its stem, whether it is a term) is computed once per distinct word and then looked up.

#ifndef STORYLINE_TEXT_STEM_CACHE_H_
#define STORYLINE_TEXT_STEM_CACHE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/hash.h"
#include "text/stemmer.h"
#include "text/stopwords.h"

namespace storyline::text {

// A direct-mapped cache from words to values: a colliding word replaces the one in its slot, so
// a look-up is one probe and never allocates. Words are told apart by a 64-bit hash. The table
// starts small and doubles (dropping its contents) while misses outnumber its slots, up to
// `max_slots`: a cache built for one short text costs what that text needs, not `max_slots`.
template <typename V>
class WordCache {
 public:
  // `max_slots` must be a power of two.
  explicit WordCache(size_t max_slots)
      : max_slots_(max_slots), slots_(std::min(max_slots, kInitialSlots)) {}

  // The value of `word`, computed by `compute()` when the word is not in its slot.
  template <typename Compute>
  const V& Get(std::string_view word, Compute&& compute) {
    const uint64_t key = Hash64(word, hash_seed::kWordCache) | 1;  // never 0, the empty slot
    Slot* s = &slots_[key & (slots_.size() - 1)];
    if (s->key != key) {
      if (++misses_ > slots_.size() && slots_.size() < max_slots_) {
        misses_ = 0;
        slots_.assign(slots_.size() * 2, Slot{});
        s = &slots_[key & (slots_.size() - 1)];
      }
      s->key = key;
      s->value = compute();
    }
    return s->value;
  }

 private:
  static constexpr size_t kInitialSlots = 256;
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  size_t max_slots_;
  size_t misses_ = 0;
  std::vector<Slot> slots_;
};

// Stems of case-folded words, hashed. Not thread-safe (owns a stemmer): one per thread.
class StemCache {
 public:
  struct Stem {
    uint64_t hash = 0;  // Hash64(stem, seed)
    bool stop = false;  // the word is a stop word (IsStopword)
  };

  explicit StemCache(uint64_t seed, size_t max_slots = 4096) : seed_(seed), cache_(max_slots) {}

  // The stem of `folded` (a case-folded word).
  Stem Of(std::string_view folded) {
    return cache_.Get(folded, [&] {
      return Stem{Hash64(stemmer_.Stem(folded), seed_), IsStopword(folded)};
    });
  }

 private:
  uint64_t seed_;
  WordCache<Stem> cache_;
  Stemmer stemmer_;
};

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_STEM_CACHE_H_
