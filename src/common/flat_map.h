// An open-addressing hash map from 64-bit keys (already well distributed or not: they are mixed)
// to small values (internal). One array of slots, linear probing at a load of at most
// kMaxLoadPercent (50 by default: lookups of absent keys stay short; 75 for maps looked up
// mostly for keys they hold), no per-entry allocation. No erase: a map that must lose entries is
// rebuilt (Retain).
//
// The library's one general map from hashed keys (the dedup posting tables and the alignment
// multimap stay specialised), measured against Debian's abseil absl::flat_hash_map by
// bench/map_bench (bench/RESULTS.md): abseil is faster at absent keys (x3-4) and, over two runs
// on this VM, level to x1.4 faster at counting and at held keys (FlatMap led at 4M held keys).
// FlatMap stays because its iteration order depends only on the keys and their insertion order:
// abseil salts each table's probe order with its allocation address, and the story index iterates
// its maps when it merges stories (posting order decides ties, float sums their rounding), so
// with abseil one input could give different stories from run to run. Misses are FlatMap's weak
// spot; a tag byte per slot (as Swiss tables have) is the known fix if a profile ever asks.

#ifndef STORYLINE_COMMON_FLAT_MAP_H_
#define STORYLINE_COMMON_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "common/hash.h"

namespace storyline {

template <typename V, int kMaxLoadPercent = 50>
class FlatMap {
  static_assert(kMaxLoadPercent > 0 && kMaxLoadPercent < 100);

 public:
  // The value of `key`, or null.
  V* Find(uint64_t key) {
    if (slots_.empty()) return nullptr;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  const V* Find(uint64_t key) const { return const_cast<FlatMap*>(this)->Find(key); }
  // Starts loading the cache line where a lookup of `key` begins (for batches of lookups).
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }

  // The value of `key`, value-initialised when new; *inserted says which.
  V& Insert(uint64_t key, bool* inserted = nullptr) {
    if (V* found = Find(key)) {  // an existing key never rehashes (references stay valid)
      if (inserted != nullptr) *inserted = false;
      return *found;
    }
    if (inserted != nullptr) *inserted = true;
    return Place(key, V());
  }
  V& operator[](uint64_t key) { return Insert(key); }

  // Calls fn(key, value&) for every entry, in slot order.
  template <typename Fn>
  void ForEach(Fn&& fn) {
    for (Slot& s : slots_) {
      if (s.used) fn(s.key, s.value);
    }
  }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : slots_) {
      if (s.used) fn(s.key, s.value);
    }
  }

  // Keeps the entries for which keep(key, value&) is true (it may change the value), at a
  // capacity fitted to them.
  template <typename Keep>
  void Retain(Keep&& keep) {
    std::vector<Slot> old;
    old.swap(slots_);
    size_ = 0;
    mask_ = 0;
    for (Slot& s : old) {
      if (s.used && keep(s.key, s.value)) Place(s.key, std::move(s.value));
    }
  }

  void Clear() {
    std::vector<Slot>().swap(slots_);
    size_ = 0;
    mask_ = 0;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
    bool used = false;
  };
  size_t Home(uint64_t key) const { return static_cast<size_t>(Mix64(key)) & mask_; }
  // Puts an absent key in its first free slot, growing first when the load would pass the
  // limit.
  V& Place(uint64_t key, V value) {
    if ((size_ + 1) * 100 > slots_.size() * kMaxLoadPercent) Grow();
    size_t i = Home(key);
    while (slots_[i].used) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    s.used = true;
    s.key = key;
    s.value = std::move(value);
    ++size_;
    return s.value;
  }
  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 8 : slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (Slot& s : old) {
      if (s.used) Place(s.key, std::move(s.value));
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_FLAT_MAP_H_
