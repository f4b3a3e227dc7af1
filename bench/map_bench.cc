// The general hash map from 64-bit keys: our FlatMap (common/flat_map.h) against Debian's abseil
// absl::flat_hash_map (Swiss table) and std::unordered_map, on the shapes the library uses maps
// for (counting hashed terms, looking up held keys, looking up absent keys).
//
// Run: build/bench/map_bench   (~1 minute; see bench/README.md, figures in bench/RESULTS.md)
//
// Keys are 64-bit term hashes drawn from a Zipf(1.0) distribution over N distinct keys, as words
// in text are; 2^20 operations per iteration. Before timing, each map's counts are checked
// against std::map's over the same stream. items_per_second is operations per CPU-second on one
// core; the summary prints each map's time against FlatMap's.
//
//   BM_Count/<map>/N      insert-or-increment of every key of the stream (term counting)
//   BM_FindHit/<map>/N    look-ups of keys the map holds, in stream order
//   BM_FindMiss/<map>/N   look-ups of keys it does not hold (candidate gating)

#include <absl/container/flat_hash_map.h>
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/flat_map.h"
#include "common/hash.h"

namespace storyline {
namespace {

constexpr size_t kOps = size_t{1} << 20;

std::vector<uint64_t> ZipfStream(size_t distinct, uint64_t seed) {
  std::vector<double> cdf(distinct);
  double sum = 0;
  for (size_t k = 0; k < distinct; ++k) cdf[k] = (sum += 1.0 / static_cast<double>(k + 1));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, sum);
  std::vector<uint64_t> out(kOps);
  for (uint64_t& key : out) {
    const size_t rank =
        static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin());
    key = Mix64(rank + 1) | 1;  // a term hash: well spread, never 0
  }
  return out;
}

// A uniform interface over the three maps.
struct Flat {
  static constexpr const char* kName = "FlatMap";
  FlatMap<uint32_t> m;
  void Increment(uint64_t k) { ++m[k]; }
  uint32_t Count(uint64_t k) const {
    const uint32_t* v = m.Find(k);
    return v == nullptr ? 0 : *v;
  }
};
struct Absl {
  static constexpr const char* kName = "absl_flat_hash_map";
  absl::flat_hash_map<uint64_t, uint32_t> m;
  void Increment(uint64_t k) { ++m[k]; }
  uint32_t Count(uint64_t k) const {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  }
};
struct Std {
  static constexpr const char* kName = "std_unordered_map";
  std::unordered_map<uint64_t, uint32_t> m;
  void Increment(uint64_t k) { ++m[k]; }
  uint32_t Count(uint64_t k) const {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  }
};

template <typename Map>
bool CountsAreRight(const std::vector<uint64_t>& stream) {
  Map map;
  std::map<uint64_t, uint32_t> reference;
  for (uint64_t k : stream) {
    map.Increment(k);
    ++reference[k];
  }
  for (const auto& [k, c] : reference) {
    if (map.Count(k) != c || map.Count(k ^ (uint64_t{1} << 63)) != 0) return false;
  }
  return true;
}

template <typename Map>
void BM_Count(benchmark::State& state) {
  const auto stream = ZipfStream(static_cast<size_t>(state.range(0)), 1);
  if (!CountsAreRight<Map>(stream)) {
    state.SkipWithError("wrong counts");
    return;
  }
  for (auto _ : state) {
    Map map;
    for (uint64_t k : stream) map.Increment(k);
    benchmark::DoNotOptimize(map);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kOps));
}

template <typename Map>
void BM_Find(benchmark::State& state, bool hit) {
  const auto stream = ZipfStream(static_cast<size_t>(state.range(0)), 2);
  Map map;
  for (uint64_t k : stream) map.Increment(k);
  std::vector<uint64_t> queries = stream;
  if (!hit) {
    for (uint64_t& q : queries) q ^= uint64_t{1} << 63;  // same spread, never held
  }
  for (auto _ : state) {
    uint64_t sum = 0;
    for (uint64_t q : queries) sum += map.Count(q);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kOps));
}
template <typename Map>
void BM_FindHit(benchmark::State& state) {
  BM_Find<Map>(state, true);
}
template <typename Map>
void BM_FindMiss(benchmark::State& state) {
  BM_Find<Map>(state, false);
}

#define STORYLINE_MAP_BENCH(fn, Map)            \
  BENCHMARK_TEMPLATE(fn, Map)                   \
      ->Name(std::string(#fn "/") + Map::kName) \
      ->Arg(1000)                               \
      ->Arg(100000)                             \
      ->Arg(4000000)                            \
      ->Unit(benchmark::kMillisecond)

STORYLINE_MAP_BENCH(BM_Count, Flat);
STORYLINE_MAP_BENCH(BM_Count, Absl);
STORYLINE_MAP_BENCH(BM_Count, Std);
STORYLINE_MAP_BENCH(BM_FindHit, Flat);
STORYLINE_MAP_BENCH(BM_FindHit, Absl);
STORYLINE_MAP_BENCH(BM_FindHit, Std);
STORYLINE_MAP_BENCH(BM_FindMiss, Flat);
STORYLINE_MAP_BENCH(BM_FindMiss, Absl);
STORYLINE_MAP_BENCH(BM_FindMiss, Std);

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
