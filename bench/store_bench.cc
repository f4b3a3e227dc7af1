// The store (storyline/store.h) against the in-memory pipeline, on one core.
//
// Run: build/bench/store_bench                          10k and 100k articles (~10 minutes)
//      STORYLINE_BENCH_STORE_SIZES=10000 build/bench/store_bench   other sizes
// (see bench/README.md; figures go to bench/RESULTS.md)
//
// Corpus: testing::GenerateCorpus (~3 KB articles in stories of four, 30 % planted copies), in
// date order, each article with its own URL; generated once per size outside timed regions.
//
//   BM_RunPipeline/N   RunPipeline over the N articles in memory (the baseline);
//   BM_StoreIngest/N   a new store file fed the same N articles in batches of 1,000 (each one
//                      transaction, briefs rebuilt for the stories a batch changes).
//                      Counters: db_B/art (file bytes per article, WAL checkpointed) and
//                      text_B/art (UTF-8 bytes of the texts), ratio = db / text;
//   BM_AddBatch/N      a store of N articles (BM_StoreIngest's, copied) is opened and given
//                      1,000 new articles published after its newest (and 300 copies of them
//                      left out): the time the next batch costs, reopening included;
//   BM_Search/N, BM_Show/N  warm query latency on the store of N: p50 and p99 in microseconds.
//
// Checked before timing: the store holds every article once, and the planted copies' stories
// equal run's for at least 98 % of the articles.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storyline/storyline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<Article> Corpus(size_t articles, uint64_t seed) {
  testing::CorpusSpec spec;
  spec.num_originals = static_cast<size_t>(static_cast<double>(articles) / 1.3);
  spec.seed = seed;
  std::vector<Article> v = testing::GenerateCorpus(spec).articles;
  std::stable_sort(v.begin(), v.end(), PublishedBefore);
  for (Article& a : v) a.url = "https://news.example/" + std::to_string(seed) + "/" + a.id;
  return v;
}

const std::vector<Article>& Articles(size_t n) {
  static std::map<size_t, std::vector<Article>> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, Corpus(n, 7)).first;
  return it->second;
}

std::string DbPath(size_t n) {
  return (fs::temp_directory_path() / ("storyline_store_bench_" + std::to_string(n) + ".db"))
      .string();
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

void AddSteps(const IngestReport::Seconds& s, IngestReport::Seconds* sum) {
  sum->load += s.load;
  sum->select += s.select;
  sum->clean += s.clean;
  sum->dedup += s.dedup;
  sum->cluster += s.cluster;
  sum->write += s.write;
  sum->stories += s.stories;
  sum->state += s.state;
  sum->commit += s.commit;
}

// Per step, its seconds as a counter.
void StepCounters(benchmark::State& state, const IngestReport::Seconds& s) {
  const std::pair<const char*, double> steps[] = {
      {"s_load", s.load},       {"s_select", s.select},   {"s_clean", s.clean},
      {"s_dedup", s.dedup},     {"s_cluster", s.cluster}, {"s_write", s.write},
      {"s_stories", s.stories}, {"s_state", s.state},     {"s_commit", s.commit}};
  for (const auto& [name, v] : steps) state.counters[name] = v;
}

// Seconds per step summed over IngestAll's batches (the last call's).
IngestReport::Seconds g_steps;

bool IngestAll(const std::string& path, const std::vector<Article>& v, std::string* error) {
  g_steps = IngestReport::Seconds();
  auto store = Store::Open(path, StoreOptions());
  if (!store.ok()) {
    *error = store.status().ToString();
    return false;
  }
  for (size_t b = 0; b < v.size(); b += 1000) {
    const size_t e = std::min(v.size(), b + 1000);
    auto r = (*store)->Ingest(std::vector<Article>(v.begin() + b, v.begin() + e));
    if (!r.ok()) {
      *error = r.status().ToString();
      return false;
    }
    AddSteps(r->seconds, &g_steps);
  }
  return true;
}

// Whether `path` is a store of n articles (BM_StoreIngest's, kept between runs: building the 1M
// store takes long). Opening it for writing and closing it checkpoints its WAL into the file.
bool HasStore(const std::string& path, size_t n) {
  if (!fs::exists(path)) return false;
  auto store = Store::Open(path, StoreOptions());
  return store.ok() && (*store)->Count().ok() &&
         (*store)->Count()->articles == static_cast<int64_t>(n);
}

void BM_RunPipeline(benchmark::State& state) {
  const auto& v = Articles(static_cast<size_t>(state.range(0)));
  PipelineOptions o;
  o.dedup.threads = 1;
  for (auto _ : state) {
    auto r = RunPipeline(v, o);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * v.size()));
}

void BM_StoreIngest(benchmark::State& state) {
  const auto& v = Articles(static_cast<size_t>(state.range(0)));
  const std::string path = DbPath(v.size());
  std::string error;
  for (auto _ : state) {
    state.PauseTiming();
    RemoveDb(path);
    state.ResumeTiming();
    if (!IngestAll(path, v, &error)) state.SkipWithError(error.c_str());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * v.size()));
  auto store = Store::Open(path, StoreOptions());
  if (!store.ok() || (*store)->Count()->articles != static_cast<int64_t>(v.size())) {
    state.SkipWithError("the store does not hold every article once");
    return;
  }
  store->reset();  // closing checkpoints the WAL into the file
  double text = 0;
  for (const Article& a : v) text += static_cast<double>(a.text.size());
  const double db = static_cast<double>(fs::file_size(path));
  state.counters["db_B/art"] = db / static_cast<double>(v.size());
  state.counters["text_B/art"] = text / static_cast<double>(v.size());
  state.counters["db/text"] = db / text;
  StepCounters(state, g_steps);
}

void BM_AddBatch(benchmark::State& state) {
  const auto& v = Articles(static_cast<size_t>(state.range(0)));
  const std::string path = DbPath(v.size());
  std::string error;
  if (!HasStore(path, v.size()) && (RemoveDb(path), !IngestAll(path, v, &error))) {
    state.SkipWithError(error.c_str());
    return;
  }
  // The next batch: published after the store's newest article, in date order.
  const std::vector<Article> more = Corpus(1300, 8);
  std::vector<Article> batch(more.begin(), more.begin() + 1000);
  const int64_t shift = *v.back().timestamp + 3600 - *batch.front().timestamp;
  for (Article& a : batch) {
    a.id = "new-" + a.id;
    *a.timestamp += shift;
    a.date = FormatIsoDate(*a.timestamp);
  }
  const std::string scratch = path + ".scratch";
  for (auto _ : state) {
    state.PauseTiming();
    RemoveDb(scratch);
    fs::copy_file(path, scratch);
    ::sync();  // the copy's pages reach the disk before the clock starts
    state.ResumeTiming();
    auto store = Store::Open(scratch, StoreOptions());
    auto r = store.ok() ? (*store)->Ingest(batch) : Result<IngestReport>(store.status());
    if (!r.ok() || r->added != batch.size()) {
      state.SkipWithError("the batch was not stored");
      break;
    }
    StepCounters(state, r->seconds);
  }
  RemoveDb(scratch);
}

// `prepare` runs once on the opened store and returns the query to time (k: the iteration).
using Query = std::function<Status(const Store&, size_t k)>;
void Latencies(benchmark::State& state, const std::function<Result<Query>(const Store&)>& prepare) {
  const auto& v = Articles(static_cast<size_t>(state.range(0)));
  const std::string path = DbPath(v.size());
  std::string error;
  if (!HasStore(path, v.size()) && (RemoveDb(path), !IngestAll(path, v, &error))) {
    state.SkipWithError(error.c_str());
    return;
  }
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(path, ro);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  Result<Query> query = prepare(**store);
  if (!query.ok()) {
    state.SkipWithError(query.status().ToString().c_str());
    return;
  }
  std::vector<double> us;
  size_t k = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    if (Status st = (*query)(**store, k++); !st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      break;
    }
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  if (us.empty()) return;
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

void BM_Search(benchmark::State& state) {
  static const char* kQueries[] = {"river",         "council AND vote",    "\"the government\"",
                                   "flood OR fire", "minister NOT police", "report*"};
  Latencies(state, [](const Store&) -> Result<Query> {
    return Query([](const Store& s, size_t k) {
      return s.Search(kQueries[k % std::size(kQueries)], k % 2 == 1, 10).status();
    });
  });
}

void BM_Show(benchmark::State& state) {
  Latencies(state, [](const Store& s) -> Result<Query> {
    // Story ids are the seqs of the articles that opened them: the ids of the 10,000 most
    // recently updated stories, visited in a scattered order.
    StoryQuery q;
    q.limit = 10000;
    Result<std::vector<StoryListing>> listed = s.Stories(q);
    if (!listed.ok()) return listed.status();
    auto ids = std::make_shared<std::vector<int32_t>>();
    for (const StoryListing& l : *listed) ids->push_back(l.story);
    if (ids->empty()) return Status::NotFound("no stories listed");
    return Query([ids](const Store& st, size_t k) {
      return st.StoryJson((*ids)[(k * 7919) % ids->size()]).status();
    });
  });
}

std::vector<int64_t> Sizes() {
  const char* env = std::getenv("STORYLINE_BENCH_STORE_SIZES");
  if (env == nullptr) return {10000, 100000};
  std::vector<int64_t> out;
  for (const char* p = env; *p != '\0';) {
    char* end = nullptr;
    out.push_back(std::strtoll(p, &end, 10));
    p = *end == ',' ? end + 1 : end;
  }
  return out;
}

void Register() {
  for (int64_t n : Sizes()) {
    benchmark::RegisterBenchmark(("BM_RunPipeline/" + std::to_string(n)).c_str(), BM_RunPipeline)
        ->Arg(n)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_StoreIngest/" + std::to_string(n)).c_str(), BM_StoreIngest)
        ->Arg(n)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_Search/" + std::to_string(n)).c_str(), BM_Search)
        ->Arg(n)
        ->Iterations(600)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Show/" + std::to_string(n)).c_str(), BM_Show)
        ->Arg(n)
        ->Iterations(600)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_AddBatch/" + std::to_string(n)).c_str(), BM_AddBatch)
        ->Arg(n)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace
}  // namespace storyline

int main(int argc, char** argv) {
  storyline::Register();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
