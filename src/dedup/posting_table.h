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
    data_ = static_cast<T*>(huge_ ? ::operator new (bytes, std::align_val_t{kHugePage})
                                  : ::operator new(std::max<size_t>(n * sizeof(T), 1)));
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
      ::operator delete(data_);
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

  // 16 bytes: a 48-bit fingerprint of the key (which also places it) and a 16-bit saturating
  // posting count share one word. Two keys are confused only when their fingerprints agree
  // (about 6 pairs among 60 million keys), which for the dedup index means an extra candidate
  // to verify, never a missed one.
  struct Slot {
    uint64_t tag = 0;        // fingerprint << 16 | count
    uint32_t first = kNone;  // first article with this key (kNone: the slot is empty)
    uint32_t head = kNone;   // index in links_ of the newest posting
    uint64_t fingerprint() const { return tag >> 16; }
    uint32_t count() const { return static_cast<uint32_t>(tag & 0xFFFF); }
    void Bump() {
      if ((tag & 0xFFFF) != 0xFFFF) ++tag;
    }
  };

  PostingTable() { Rehash(16); }

  // The slot of `key`, or null when the key was never added.
  const Slot* Find(uint64_t key) const {
    const uint64_t fp = Fingerprint(key);
    for (size_t i = HomeOf(fp);; i = Next(i)) {
      const Slot& s = slots_[i];
      if (s.first == kNone) return nullptr;
      if (s.fingerprint() == fp) return &s;
    }
  }

  // Hints that `key` will be looked up soon (its slot's cache line is fetched).
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[Home(key)]); }

  // Makes room for `keys` distinct keys and `postings` postings without rehashing.
  void Reserve(size_t keys, size_t postings) {
    if (Capacity(keys) > slots_.size()) Rehash(Capacity(keys));
    links_.reserve(postings);
    // Candidate walks jump around the postings too: huge pages for the untouched reserve.
    AdviseHugePages(links_.data(), links_.capacity() * sizeof(Link));
  }

  // Adds `article` under `key` in one probe. Before adding, calls visit(slot) with the key's
  // slot as it was (null when the key is new), so the caller can take candidates from it.
  template <typename Visit>
  void Upsert(uint64_t key, uint32_t article, Visit&& visit) {
    Insert(Fingerprint(key), article, visit);
  }

  // Adds `article` under `key`.
  void Add(uint64_t key, uint32_t article) {
    Insert(Fingerprint(key), article, [](const Slot*) {});
  }

  // Calls fn(article) for the newest `limit` postings of `slot`, newest first.
  template <typename Fn>
  void ForRecent(const Slot& slot, size_t limit, Fn&& fn) const {
    uint32_t at = slot.head;
    for (size_t k = 0; k < limit && at != kNone; ++k) {
      fn(links_[at].article);
      at = links_[at].prev;
    }
  }

  // Keeps only the postings whose article `keep` accepts; keys left without postings are
  // dropped. Posting order is preserved; the count becomes the number kept.
  template <typename Keep>
  void Filter(Keep&& keep) {
    HugeArray<Slot> old;
    old.swap(slots_);
    std::vector<Link> old_links;
    old_links.swap(links_);
    used_ = 0;
    size_t live = 0;
    for (const Slot& s : old) live += s.first != kNone;
    Rehash(Capacity(live));
    std::vector<uint32_t> chain;
    for (const Slot& s : old) {
      if (s.first == kNone) continue;
      chain.clear();
      for (uint32_t at = s.head; at != kNone; at = old_links[at].prev) {
        if (keep(old_links[at].article)) chain.push_back(old_links[at].article);
      }
      for (size_t k = chain.size(); k-- > 0;) {
        Insert(s.fingerprint(), chain[k], [](const Slot*) {});
      }
    }
  }

  size_t keys() const { return used_; }
  // True once a posting was refused because the table holds 2^32 - 1 of them.
  bool full() const { return full_; }
  size_t postings() const { return links_.size(); }
  size_t MemoryBytes() const {
    return slots_.size() * sizeof(Slot) + links_.capacity() * sizeof(Link);
  }

 private:
  struct Link {
    uint32_t article;
    uint32_t prev;
  };

  // Capacity for `keys` at a load of at most 0.7 (linear probing stays short: most lookups are
  // of new keys, which probe to an empty slot); any size, no power of two, so a table reserved
  // for a known count wastes nothing.
  static size_t Capacity(size_t keys) { return std::max<size_t>(16, keys * 10 / 7 + 2); }

  // A key's fingerprint: 48 mixed bits. Its probe run starts at the fingerprint mapped onto
  // [0, capacity) by a multiply (Lemire's fast range), so rehashing needs only the slot.
  static uint64_t Fingerprint(uint64_t key) { return Mix64(key) >> 16; }
  size_t HomeOf(uint64_t fp) const {
    __extension__ using U128 = unsigned __int128;
    return static_cast<size_t>((static_cast<U128>(fp << 16) * slots_.size()) >> 64);
  }
  size_t Home(uint64_t key) const { return HomeOf(Fingerprint(key)); }
  size_t Next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }

  // The one insertion path: finds or claims the slot of fingerprint `fp`, shows it to `visit`
  // as it was, then appends the posting.
  template <typename Visit>
  void Insert(uint64_t fp, uint32_t article, Visit&& visit) {
    // Postings are numbered in 32 bits: a full table takes no more (full() says so), rather
    // than wrap and corrupt its chains.
    if (links_.size() >= kNone - 1) {
      full_ = true;
      return;
    }
    if ((used_ + 1) * 10 > slots_.size() * 7) Rehash(slots_.size() * 2);
    size_t i = HomeOf(fp);
    while (slots_[i].first != kNone && slots_[i].fingerprint() != fp) i = Next(i);
    Slot& s = slots_[i];
    if (s.first == kNone) {
      visit(static_cast<const Slot*>(nullptr));
      s.tag = fp << 16;
      s.first = article;
      ++used_;
    } else {
      visit(static_cast<const Slot*>(&s));
    }
    links_.push_back({article, s.head});
    s.head = static_cast<uint32_t>(links_.size() - 1);
    s.Bump();
  }

  void Rehash(size_t capacity) {
    HugeArray<Slot> old;
    old.swap(slots_);
    slots_ = HugeArray<Slot>(capacity, Slot{});
    for (const Slot& s : old) {
      if (s.first == kNone) continue;
      size_t i = HomeOf(s.fingerprint());
      while (slots_[i].first != kNone) i = Next(i);
      slots_[i] = s;
    }
  }

  HugeArray<Slot> slots_;
  std::vector<Link> links_;
  size_t used_ = 0;
  bool full_ = false;
};

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_POSTING_TABLE_H_
