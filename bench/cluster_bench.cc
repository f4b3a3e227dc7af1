// Story clustering throughput and memory on one core, at growing corpus sizes.
//
// Run: build/bench/cluster_bench                        10k and 100k articles (~2 minutes)
//      STORYLINE_BENCH_1M=1 build/bench/cluster_bench   adds 1M articles for the clustering
//                                                       stage (the whole pipeline stays at
//                                                       100k: ~2,000 articles/s)
// (see bench/README.md; figures go to bench/RESULTS.md)
//
// Corpus: testing::GenerateCorpus, ~3 KB English-like articles in stories of four originals,
// seven hours apart, with 30 % planted copies; N counts all articles. Generated once per size,
// with its dedup result, outside every timed region.
//
//   BM_Cluster/N    storyline::ClusterArticles alone (term extraction, document frequencies,
//                   the online pass through the story index);
//   BM_Pipeline/N   storyline::RunPipeline: text cleaning, dedup, clustering and briefs.
//
// Checked before a time is reported: every copy is in its original's story, and the pairwise
// precision of "same story" against the planted stories is at least 0.9 (on a sample of pairs).
// items_per_second is articles per CPU-second of the one benchmark thread. `peak_B/art` is the
// peak of live heap during one run above the level before it, per article, not counting the
// articles themselves; `index_B/art` is the story index alone at the end (ClusterResult).

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "heap_meter.h"
#include "storyline/storyline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

using bench::HeapMeter;

struct Workload {
  testing::GeneratedCorpus corpus;
  DedupResult dedup;
};

Workload& GetWorkload(size_t articles) {
  static size_t cached_size = 0;
  static std::unique_ptr<Workload> cached;
  if (cached == nullptr || cached_size != articles) {
    cached.reset();
    auto w = std::make_unique<Workload>();
    testing::CorpusSpec spec;
    spec.num_originals = static_cast<size_t>(std::llround(static_cast<double>(articles) / 1.3));
    spec.copy_rate = 0.3;
    w->corpus = testing::GenerateCorpus(spec);
    DedupOptions o;
    o.threads = 1;
    w->dedup = *Deduplicate(w->corpus.articles, o);
    cached = std::move(w);
    cached_size = articles;
  }
  return *cached;
}

// Empty when copies follow their originals and planted stories are not mixed.
std::string Check(const Workload& w, const std::vector<int32_t>& story_of) {
  const auto& c = w.corpus;
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (c.copy_of[i] >= 0 && story_of[i] != story_of[static_cast<size_t>(c.copy_of[i])]) {
      return "copy " + c.articles[i].id + " is not in its original's story";
    }
  }
  std::mt19937_64 rng(1);
  size_t together = 0, right = 0;
  for (int k = 0; k < 200000; ++k) {
    const size_t i = rng() % c.articles.size();
    const size_t j = std::min(c.articles.size() - 1, i + 1 + rng() % 12);
    if (i == j || story_of[i] != story_of[j]) continue;
    ++together;
    right += c.story[i] == c.story[j];
  }
  const double precision = together ? static_cast<double>(right) / together : 1.0;
  if (precision < 0.9) return "pairwise precision " + std::to_string(precision) + " < 0.9";
  return "";
}

void BM_Cluster(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const ClusterOptions o;
  {
    auto r = ClusterArticles(w.corpus.articles, w.dedup, o);
    const std::string error = r.ok() ? Check(w, r->story_of) : r.status().ToString();
    if (!error.empty()) {
      state.SkipWithError(error.c_str());
      return;
    }
  }
  int64_t peak = 0;
  size_t index_bytes = 0, stories = 0;
  for (auto _ : state) {
    HeapMeter heap;
    auto r = ClusterArticles(w.corpus.articles, w.dedup, o);
    peak = heap.Peak();
    index_bytes = r->index_bytes;
    stories = static_cast<size_t>(r->num_stories);
    benchmark::DoNotOptimize(r->story_of.data());
  }
  const auto n = static_cast<double>(w.corpus.articles.size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.corpus.articles.size()));
  state.counters["articles"] = n;
  state.counters["stories"] = static_cast<double>(stories);
  state.counters["peak_B/art"] = static_cast<double>(peak) / n;
  state.counters["index_B/art"] = static_cast<double>(index_bytes) / n;
}

void BM_Pipeline(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  PipelineOptions o;
  o.dedup.threads = 1;
  int64_t peak = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Article> input = w.corpus.articles;
    state.ResumeTiming();
    HeapMeter heap;
    auto r = RunPipeline(std::move(input), o);
    peak = heap.Peak();
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(r->stories.data());
  }
  const auto n = static_cast<double>(w.corpus.articles.size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.corpus.articles.size()));
  state.counters["articles"] = n;
  // Includes the pipeline's own copy of the articles (moved in) and its results.
  state.counters["peak_B/art"] = static_cast<double>(peak) / n;
}

}  // namespace
}  // namespace storyline

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::vector<int64_t> sizes = {10000, 100000};
  const char* big = std::getenv("STORYLINE_BENCH_1M");
  const bool million = big != nullptr && std::string(big) == "1";
  for (int64_t n : sizes) {
    benchmark::RegisterBenchmark("BM_Cluster", storyline::BM_Cluster)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_Pipeline", storyline::BM_Pipeline)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  if (million) {
    benchmark::RegisterBenchmark("BM_Cluster", storyline::BM_Cluster)
        ->Arg(1000000)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
