// Baseline throughput of the pipeline and of dedup alone on a generated corpus of ~3 KB
// English-like articles with planted copies (exact, wrapped in boilerplate, word-swapped).
//
// Run: build/bench/pipeline_bench   (see bench/README.md; figures go to bench/RESULTS.md)
//
// Before timing, each benchmark checks that the planted copies are found with their originals;
// a wrong result aborts the benchmark with an error instead of reporting a time.

#include <benchmark/benchmark.h>

#include <map>

#include "storyline/storyline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

const testing::GeneratedCorpus& Corpus(size_t originals) {
  static std::map<size_t, testing::GeneratedCorpus> cache;
  auto it = cache.find(originals);
  if (it == cache.end()) {
    testing::CorpusSpec spec;
    spec.num_originals = originals;
    spec.copy_rate = 0.3;
    it = cache.emplace(originals, testing::GenerateCorpus(spec)).first;
  }
  return it->second;
}

// Returns an empty string when every planted copy points at its planted original and nothing
// else is a copy; otherwise a description of the first problem.
std::string CheckDedup(const testing::GeneratedCorpus& c, const DedupResult& r) {
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (r.articles[i].duplicate_of != c.copy_of[i]) {
      return "article " + c.articles[i].id + ": expected copy of " +
             std::to_string(c.copy_of[i]) + ", got " + std::to_string(r.articles[i].duplicate_of);
    }
  }
  return "";
}

size_t TotalBytes(const testing::GeneratedCorpus& c) {
  size_t b = 0;
  for (const Article& a : c.articles) b += a.text.size();
  return b;
}

void BM_Dedup(benchmark::State& state) {
  const auto& corpus = Corpus(static_cast<size_t>(state.range(0)));
  DedupOptions o;
  o.threads = 1;
  auto check = Deduplicate(corpus.articles, o);
  if (!check.ok() || !CheckDedup(corpus, *check).empty()) {
    state.SkipWithError(check.ok() ? CheckDedup(corpus, *check).c_str() : "dedup failed");
    return;
  }
  for (auto _ : state) {
    auto r = Deduplicate(corpus.articles, o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.articles.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(TotalBytes(corpus)));
  state.counters["articles"] = static_cast<double>(corpus.articles.size());
}

void BM_Pipeline(benchmark::State& state) {
  const auto& corpus = Corpus(static_cast<size_t>(state.range(0)));
  PipelineOptions o;
  o.dedup.threads = 1;
  auto check = RunPipeline(corpus.articles, o);
  if (!check.ok() || !CheckDedup(corpus, check->dedup).empty()) {
    state.SkipWithError("pipeline result does not match the planted copies");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Article> copy = corpus.articles;  // RunPipeline consumes its input
    state.ResumeTiming();
    auto r = RunPipeline(std::move(copy), o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.articles.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(TotalBytes(corpus)));
  state.counters["articles"] = static_cast<double>(corpus.articles.size());
}

BENCHMARK(BM_Dedup)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Pipeline)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
