// A minimal static parallel-for (internal).

#ifndef STORYLINE_COMMON_PARALLEL_H_
#define STORYLINE_COMMON_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace storyline {

// Returns the worker count for a `threads` option: the option itself when positive, else the
// number of cores (at least 1).
inline int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

// Calls fn(worker, begin, end) on contiguous slices of [0, n) from up to `threads` threads; the
// calling thread runs slice 0. Small inputs run inline. `fn` must not throw.
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  size_t workers = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), (n + 63) / 64);
  if (workers <= 1) {
    if (n > 0) fn(0, size_t{0}, n);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  size_t chunk = (n + workers - 1) / workers;
  for (size_t w = 1; w < workers; ++w) {
    size_t b = w * chunk, e = std::min(n, b + chunk);
    if (b >= e) break;
    pool.emplace_back([&fn, w, b, e] { fn(w, b, e); });
  }
  fn(0, size_t{0}, std::min(n, chunk));
  for (auto& t : pool) t.join();
}

}  // namespace storyline

#endif  // STORYLINE_COMMON_PARALLEL_H_
