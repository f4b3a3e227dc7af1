// Heap accounting for the benchmarks: this file replaces the global operator new and delete of
// the binary it is linked into, counting live heap bytes (malloc_usable_size of each block) and
// their peak. Counting costs an atomic add per allocation, for every implementation alike.

#include "heap_meter.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<int64_t> g_live_bytes{0};
std::atomic<int64_t> g_peak_bytes{0};

// Adds the block at `p` (if any) to the live bytes and the peak.
void Count(void* p) {
  if (p == nullptr) return;
  const auto size = static_cast<int64_t>(malloc_usable_size(p));
  const int64_t live = g_live_bytes.fetch_add(size, std::memory_order_relaxed) + size;
  // The benchmarks are single-threaded; a racing update could only lose a peak, not corrupt.
  if (live > g_peak_bytes.load(std::memory_order_relaxed)) {
    g_peak_bytes.store(live, std::memory_order_relaxed);
  }
}

// Not inlined, so GCC does not see malloc/free pair with operator new/delete in callers
// (-Wmismatched-new-delete).
[[gnu::noinline]] void* CountedAlloc(size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  Count(p);
  return p;
}

// Aligned allocations (the dedup index's huge-page tables) are counted the same way.
[[gnu::noinline]] void* CountedAlignedAlloc(size_t n, size_t align) {
  void* p = std::aligned_alloc(align, (std::max<size_t>(n, 1) + align - 1) / align * align);
  Count(p);
  return p;
}

[[gnu::noinline]] void CountedFree(void* p) {
  if (p == nullptr) return;
  g_live_bytes.fetch_sub(static_cast<int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

void* operator new(size_t n) {
  void* p = CountedAlloc(n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n) { return operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return CountedAlloc(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return CountedAlloc(n); }
void operator delete(void* p) noexcept { CountedFree(p); }
void operator delete[](void* p) noexcept { CountedFree(p); }
void operator delete(void* p, size_t) noexcept { CountedFree(p); }
void operator delete[](void* p, size_t) noexcept { CountedFree(p); }
void* operator new(size_t n, std::align_val_t a) {
  void* p = CountedAlignedAlloc(n, static_cast<size_t>(a));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p, std::align_val_t) noexcept { CountedFree(p); }
void operator delete[](void* p, std::align_val_t) noexcept { CountedFree(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { CountedFree(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { CountedFree(p); }

namespace storyline::bench {

HeapMeter::HeapMeter() : start_(g_live_bytes.load(std::memory_order_relaxed)) {
  g_peak_bytes.store(start_, std::memory_order_relaxed);
}
int64_t HeapMeter::Live() const { return g_live_bytes.load(std::memory_order_relaxed) - start_; }
int64_t HeapMeter::Peak() const { return g_peak_bytes.load(std::memory_order_relaxed) - start_; }

}  // namespace storyline::bench
