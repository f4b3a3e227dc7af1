// Brief time for real 10-article stories, one core: the 50 DUC 2004 task 2 clusters (10 AP/NYT
// articles each, ../shared/data/duc2004-task2/docs; skipped when absent).
//
// Run: build/bench/summarize_bench   (see bench/README.md; figures go to bench/RESULTS.md)
//
//   BM_Brief/concepts     Summarize with the default concept method: candidate sentences,
//                         concept weights, coverage selection, entities, timeline, headline
//   BM_Brief/centroid     the same with the centroid baseline, measured in the same run
//   BM_Contributions      OutletContributions: every article's sentences aligned with the
//                         other outlets' (paraphrase test), unique sentences and rewrites
//   BM_StoryBrief         both, as RunPipeline does for a story
//
// Time is per story (items are stories); the target is a brief under 5 ms for 10 articles.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storyline/storyline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

struct Cluster {
  std::vector<Article> articles;
  std::vector<uint32_t> members;
};

const std::vector<Cluster>& Clusters() {
  static const std::vector<Cluster> clusters = [] {
    std::vector<Cluster> out;
    const std::filesystem::path root =
        std::filesystem::path(testing::SharedDir()) / "data" / "duc2004-task2" / "docs";
    if (!std::filesystem::exists(root)) return out;
    std::vector<std::filesystem::path> dirs;
    for (const auto& e : std::filesystem::directory_iterator(root)) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs) {
      Cluster c;
      c.articles = testing::LoadArticles({d.string()});
      for (uint32_t i = 0; i < c.articles.size(); ++i) {
        c.members.push_back(i);
      }
      out.push_back(std::move(c));
    }
    return out;
  }();
  return clusters;
}

void Run(benchmark::State& state, bool brief, bool contributions, BriefMethod method) {
  const auto& clusters = Clusters();
  if (clusters.empty()) {
    state.SkipWithError("DUC 2004 documents not found under ../shared/data");
    return;
  }
  BriefOptions o;
  o.method = method;
  o.max_words = 100;
  o.max_sentences = 1000;
  size_t k = 0, articles = 0;
  for (auto _ : state) {
    const Cluster& c = clusters[k++ % clusters.size()];
    articles += c.articles.size();
    if (brief) benchmark::DoNotOptimize(Summarize(c.articles, c.members, o));
    if (contributions) {
      benchmark::DoNotOptimize(OutletContributions(c.articles, c.members, o));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["articles/story"] =
      static_cast<double>(articles) / static_cast<double>(state.iterations());
}

void BM_Brief_Concepts(benchmark::State& s) { Run(s, true, false, BriefMethod::kConcepts); }
void BM_Brief_Centroid(benchmark::State& s) { Run(s, true, false, BriefMethod::kCentroid); }
void BM_Contributions(benchmark::State& s) { Run(s, false, true, BriefMethod::kConcepts); }
void BM_StoryBrief(benchmark::State& s) { Run(s, true, true, BriefMethod::kConcepts); }
BENCHMARK(BM_Brief_Concepts)->Name("BM_Brief/concepts")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Brief_Centroid)->Name("BM_Brief/centroid")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Contributions)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StoryBrief)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
