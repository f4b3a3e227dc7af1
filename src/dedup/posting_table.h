// A flat posting table for the dedup index (internal): 64-bit key -> the articles that carry it,
// in insertion order. No per-key or per-entry node allocation: keys live in one open-addressing
// array, postings in one array of (article, previous) links, so each key's list is a chain
// through that array from its newest entry back to its first.
//
// The dedup index only ever needs a key's first article (the hub of a large group) and its most
// recent ones, which is exactly what a backward chain gives without sorting anything.

#ifndef STORYLINE_DEDUP_POSTING_TABLE_H_
#define STORYLINE_DEDUP_POSTING_TABLE_H_

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "common/hash.h"

namespace storyline::dedup {

inline constexpr size_t kHugePage = size_t{2} << 20;

// Asks for transparent huge pages over the whole 2 MB pages inside [p, p + bytes), which must not
// have been touched yet. The index's tables are probed at random, and with 4 KB pages nearly
// every probe of a large table would be a TLB miss.
inline void AdviseHugePages(void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  const uintptr_t begin = reinterpret_cast<uintptr_t>(p), end = begin + bytes;
  const uintptr_t b = (begin + kHugePage - 1) / kHugePage * kHugePage;
  const uintptr_t e = end / kHugePage * kHugePage;
  if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);
#else
  (void)p, (void)bytes;
#endif
}

// A fixed-size array of trivially copyable T whose large instances are backed by transparent
// huge pages where the OS offers them (AdviseHugePages before the first touch).
template <typename T>
class HugeArray {
 public:
  HugeArray() = default;
  HugeArray(size_t n, const T& fill) : n_(n) {
    // Whole 2 MB pages, 2 MB aligned, through operator new (so heap accounting sees them).
    const size_t bytes =
        (std::max<size_t>(n * sizeof(T), 1) + kHugePage - 1) / kHugePage * kHugePage;
    huge_ = n * sizeof(T) >= kHugePage;
    // Small arrays still get T's alignment (the posting table's buckets are cache-line aligned).
    data_ = static_cast<T*>(
        huge_ ? ::operator new (bytes, std::align_val_t{kHugePage})
              : ::operator new (std::max<size_t>(n * sizeof(T), 1), std::align_val_t{alignof(T)}));
    if (huge_) AdviseHugePages(data_, bytes);
    std::uninitialized_fill_n(data_, n, fill);
  }
  HugeArray(HugeArray&& o) noexcept { swap(o); }
  HugeArray& operator=(HugeArray&& o) noexcept {
    swap(o);
    return *this;
  }
  ~HugeArray() {
    if (data_ == nullptr) return;
    if (huge_) {
      ::operator delete (data_, std::align_val_t{kHugePage});
    } else {
      ::operator delete (data_, std::align_val_t{alignof(T)});
    }
  }
  void swap(HugeArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(n_, o.n_);
    std::swap(huge_, o.huge_);
  }
  size_t size() const { return n_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + n_; }

 private:
  T* data_ = nullptr;
  size_t n_ = 0;
  bool huge_ = false;
};

class PostingTable {
 public:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  // Postings held per key: its first article (the hub of a large group of reposts) and the newest
  // kHeld - 1. A later posting replaces the oldest non-hub one and is only counted.
  static constexpr uint32_t kHeld = 65;

  // What a key held before the posting being added: `first` (the hub; kNone when the key is
  // new), `count` postings ever added under it (saturating), and the other held articles,
  // newest first.
  struct Postings {
    uint32_t first = kNone;
    uint32_t count = 0;
    uint32_t num_recent = 0;
    uint32_t recent[kHeld];  // (two keys taken for one may hold more: the rest are dropped)
  };

  // `min_buckets` of 8 postings: a table that grows from B buckets tells keys apart by
  // log2(B) + 24 bits (see Locate), so a stream's tables should not start tiny.
  explicit PostingTable(size_t min_buckets = 1024) { Init(std::max<size_t>(min_buckets, 16)); }

  // Hints that `key` will be looked up soon (its home bucket's cache line is fetched).
  void Prefetch(uint64_t key) const { __builtin_prefetch(&buckets_[Locate(Mix64(key)).home]); }

  // Sizes an empty table for `postings` postings at a load of 0.85, so it never grows while
  // they are added (a non-empty table grows by doubling instead).
  void Reserve(size_t postings) {
    const size_t want = std::max<size_t>(16, postings * 20 / (kBucket * 17) + 1);
    if (size_ == 0) {
      if (want > buckets_.size()) Init(want);
      return;
    }
    while (buckets_.size() < want) Grow();
  }

  // Adds `article` under `key` in one probe run. Before adding, calls visit(postings) with what
  // the key held, so the caller can take candidates from it. Articles must be added in
  // increasing order.
  template <typename Visit>
  void Upsert(uint64_t key, uint32_t article, Visit&& visit) {
    if (full_) return;
    if (size_ >= kNone - 1) {  // postings are counted in 32 bits
      full_ = true;
      return;
    }
    if ((size_ + 1) * 8 > buckets_.size() * kBucket * 7) Grow();
    const uint64_t h = Mix64(key);
    const Place p = Locate(h);
    Postings& f = found_;
    f.first = kNone;
    f.num_recent = 0;
    Entry* empty = nullptr;
    uint32_t disp = 0;
    for (size_t b = p.home; disp <= kMaxDisp; b = NextBucket(b), ++disp) {
      Entry* e = buckets_[b].e;
      const uint32_t want = p.tag | disp;
      for (size_t k = 0; k < kBucket; ++k) {
        if (e[k].article == kNone) {
          if (empty == nullptr) empty = &e[k];
        } else if (((e[k].meta ^ want) & match_mask_) == 0) {
          const uint32_t a = e[k].article;
          const uint32_t other = a < f.first ? f.first : a;
          if (a < f.first) f.first = a;
          if (other != kNone && f.num_recent < kHeld) f.recent[f.num_recent++] = other;
        }
      }
      if (empty != nullptr) break;
    }
    if (empty == nullptr) {  // a probe run of kMaxDisp full buckets: make room, start again
      Grow();
      Upsert(key, article, visit);
      return;
    }
    const uint32_t held = f.first == kNone ? 0 : f.num_recent + 1;
    f.count = hot_used_ == 0 ? held : Saturate(held + uint64_t{HotCount(h)});
    if (f.num_recent > 1) std::sort(f.recent, f.recent + f.num_recent, std::greater<uint32_t>());
    visit(static_cast<const Postings&>(f));
    if (held < kHeld) {
      *empty = Entry{p.tag | disp, article};  // the first free slot is in the last bucket seen
      ++size_;
      return;
    }
    // The key holds kHeld postings: the newest replaces the oldest non-hub one.
    const uint32_t victim = f.recent[f.num_recent - 1];
    bool replaced = false;
    for (size_t b = p.home, d = 0; !replaced; b = NextBucket(b), ++d) {
      Entry* e = buckets_[b].e;
      for (size_t k = 0; k < kBucket && !replaced; ++k) {
        if (e[k].article == victim &&
            ((e[k].meta ^ (p.tag | static_cast<uint32_t>(d))) & match_mask_) == 0) {
          e[k].article = article;
          replaced = true;
        }
      }
    }
    BumpHot(h);
  }

  // Keeps only the postings whose article `keep` accepts. Keys' counts of postings beyond the
  // held ones stay (a key once carried by many articles is still template text).
  template <typename Keep>
  void Filter(Keep&& keep) {
    Rebuild(buckets_.size(), keep);
  }

  // True once a posting was refused because the table holds 2^32 - 1 of them.
  bool full() const { return full_; }
  size_t postings() const { return size_; }
  size_t MemoryBytes() const {
    return buckets_.size() * sizeof(Bucket) + hot_.size() * sizeof(HotSlot);
  }

 private:
  // 8 bytes: `meta` holds the key's tag in its top 24 bits and, in its low 8, how many buckets
  // past its home the entry sits (so the home is known without the key); article kNone: empty.
  struct Entry {
    uint32_t meta = 0;
    uint32_t article = kNone;
  };
  static constexpr size_t kBucket = 8;  // one 64-byte cache line
  struct alignas(64) Bucket {
    Entry e[kBucket];
  };
  static constexpr uint32_t kMaxDisp = 255;
  static constexpr uint32_t kDispMask = 0xFFu;

  // A key's mixed 64-bit hash h is placed by Lemire's fast range: with B buckets the 128-bit
  // product h * B has the home bucket in its high word and the tag in the top 24 bits of its
  // low word. Doubling B doubles the product: the new home is 2 * home + the tag's top bit and
  // the tag shifts left by one, so the table grows without the keys. Each doubling leaves the
  // tag's lowest bit unknown for the entries it moved (match_mask_ drops it), so home and tag
  // tell keys apart by log2(initial B) + 24 bits: 28 at the smallest start (16 buckets), 35 for
  // a stream's LSH table (2^11 buckets). Two keys taken for one cost an extra candidate to verify,
  // never a missed one.
  struct Place {
    size_t home;
    uint32_t tag;
  };
  Place Locate(uint64_t h) const {
    __extension__ using U128 = unsigned __int128;
    const U128 p = static_cast<U128>(h) * buckets_.size();
    return {static_cast<size_t>(p >> 64),
            static_cast<uint32_t>(static_cast<uint64_t>(p) >> 32) & ~kDispMask};
  }
  size_t NextBucket(size_t b) const { return b + 1 == buckets_.size() ? 0 : b + 1; }
  static uint32_t Saturate(uint64_t v) { return v > 0xFFFFFFFEu ? 0xFFFFFFFEu : uint32_t(v); }

  void Init(size_t buckets) {
    buckets_ = HugeArray<Bucket>(buckets, Bucket{});
    match_mask_ = 0xFFFFFFFFu;
    size_ = 0;
  }

  // Puts (tag, article) at the first free slot from `home` on. Returns false when the run
  // would be longer than kMaxDisp buckets.
  bool PlaceAt(size_t home, uint32_t tag, uint32_t article) {
    size_t b = home;
    for (uint32_t d = 0; d <= kMaxDisp; ++d, b = NextBucket(b)) {
      for (Entry& e : buckets_[b].e) {
        if (e.article == kNone) {
          e = Entry{tag | d, article};
          return true;
        }
      }
    }
    return false;
  }

  // Re-places every kept entry into `buckets` buckets (the current count, or twice it).
  template <typename Keep>
  void Rebuild(size_t buckets, Keep&& keep) {
    HugeArray<Bucket> old;
    old.swap(buckets_);
    const size_t old_n = old.size();
    const bool doubled = buckets == 2 * old_n;
    buckets_ = HugeArray<Bucket>(buckets, Bucket{});
    if (doubled) match_mask_ = ((match_mask_ & ~kDispMask) << 1) | kDispMask;
    size_ = 0;
    for (size_t b = 0; b < old_n; ++b) {
      for (const Entry& e : old[b].e) {
        if (e.article == kNone || !keep(e.article)) continue;
        const uint32_t d = e.meta & kDispMask;
        size_t home = b >= d ? b - d : b + old_n - d;
        uint32_t tag = e.meta & ~kDispMask;
        if (doubled) {
          home = 2 * home + (tag >> 31);
          tag = (tag << 1) & ~kDispMask;
        }
        if (!PlaceAt(home, tag, e.article)) {  // cannot happen below a load of 7/8
          full_ = true;
          continue;
        }
        ++size_;
      }
    }
  }
  void Grow() {
    Rebuild(buckets_.size() * 2, [](uint32_t) { return true; });
  }

  // Postings beyond the held ones, per key (only keys that filled up: few).
  struct HotSlot {
    uint64_t h = 0;
    uint32_t extra = 0;  // 0: empty
  };
  uint32_t HotCount(uint64_t h) const {
    if (hot_.empty()) return 0;
    for (size_t i = h & (hot_.size() - 1);; i = (i + 1) & (hot_.size() - 1)) {
      if (hot_[i].extra == 0) return 0;
      if (hot_[i].h == h) return hot_[i].extra;
    }
  }
  void BumpHot(uint64_t h) {
    if ((hot_used_ + 1) * 2 > hot_.size()) {
      std::vector<HotSlot> old(std::max<size_t>(64, hot_.size() * 2));
      old.swap(hot_);
      for (const HotSlot& s : old) {
        if (s.extra == 0) continue;
        size_t i = s.h & (hot_.size() - 1);
        while (hot_[i].extra != 0) i = (i + 1) & (hot_.size() - 1);
        hot_[i] = s;
      }
    }
    size_t i = h & (hot_.size() - 1);
    while (hot_[i].extra != 0 && hot_[i].h != h) i = (i + 1) & (hot_.size() - 1);
    if (hot_[i].extra == 0) {
      hot_[i].h = h;
      ++hot_used_;
    }
    if (hot_[i].extra != 0xFFFFFFFFu) ++hot_[i].extra;
  }

  HugeArray<Bucket> buckets_;
  uint32_t match_mask_ = 0xFFFFFFFFu;
  size_t size_ = 0;
  bool full_ = false;
  std::vector<HotSlot> hot_;
  size_t hot_used_ = 0;
  Postings found_;  // scratch for Upsert
};

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_POSTING_TABLE_H_
