// Dedup throughput and memory on one core, at growing corpus sizes, against a textbook baseline in
// the same run.
//
// Run: build/bench/dedup_bench                        10k and 100k articles (~1.5 minutes)
//      STORYLINE_BENCH_1M=1 build/bench/dedup_bench   adds 1M articles (~12 minutes, ~15 GB RAM)
// (see bench/README.md; figures go to bench/RESULTS.md)
//
// Corpus: testing::GenerateCorpus, ~3 KB English-like articles with 30 % planted copies (exact,
// wrapped in boilerplate, word-swapped); N counts all articles, originals and copies. It is
// generated once per size, outside every timed region.
//
// Stages, each timed for our code and (for the first two) for the baseline:
//   BM_Sketch/{ours,baseline}/N            normalise, tokenise, shingle, MinHash, exact hash;
//   BM_SketchIndexVerify/{ours,baseline}/N the near-duplicate core: sketch every article, then
//                                          article by article look up and add its LSH band keys
//                                          and verify the candidates on the exact shingle sets
//                                          (Jaccard >= near_threshold);
//   BM_Dedup/ours/N                        the whole storyline::Deduplicate (exact, near,
//                                          contained, partial layers and originals);
//   BM_DedupIndex/ours/N                   the same through the streaming DedupIndex, fed in
//                                          batches of 1,000 articles, then Snapshot().
// The baseline is what one would write from the textbook: k = num_hashes independent hash
// functions (a Mix64 per function and shingle, min per function) and one
// std::unordered_map<uint64_t, std::vector<uint32_t>> of buckets per LSH band. It shares with ours
// the tokeniser, the shingle width, the LSH (bands, rows), the 32-bit shingle sets, the
// article-by-article query-then-add order and the exact verification (dedup::IntersectionSize),
// so the ratio shows the sketch and index implementations, not different work.
//
// Every benchmark checks its result before a time is reported: sketches against the exact
// shingle-set oracle on a sample of planted pairs; sketch+index+verify finds only pairs inside a
// planted group and as many planted pairs as the LSH S-curve predicts from their exact Jaccard;
// Deduplicate and DedupIndex point every planted copy at its planted original and mark nothing
// else.
//
// Memory: this binary replaces the global operator new/delete to count live heap bytes
// (malloc_usable_size of each block). `peak_B/art` is the peak of live heap during one run of the
// stage above the level before it, per article: sketches, index, candidate pairs and results, but
// not the article texts, which exist before the run. `index_B/art` is the index alone (for
// DedupIndex: its MemoryBytes(), which leaves out the copies of the articles it keeps). Bytes per
// article equal MB per million articles. Counting costs an atomic add per allocation for both
// implementations alike.
//
// Times are CPU time of the one benchmark thread, so items_per_second is articles per second per
// core; on a shared VM wall-clock time also counts other tenants' work (it did at 1M articles).

#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "dedup/posting_table.h"
#include "dedup/sketch.h"
#include "heap_meter.h"
#include "storyline/dedup.h"
#include "storyline/text.h"
#include "testing/corpus.h"
#include "testing/oracle.h"

namespace storyline {
namespace {

using bench::HeapMeter;

// ---- Corpus ------------------------------------------------------------------------------------

constexpr double kCopyRate = 0.3;

struct Workload {
  testing::GeneratedCorpus corpus;
  size_t text_bytes = 0;
  // Exact Jaccard of each planted (copy, original) pair, by copy index; filled on first use.
  std::vector<double> planted_jaccard;
};

// The workload of about `articles` articles (originals plus planted copies). Only the latest size
// is kept: benchmarks run size by size, and the 1M corpus alone takes ~5 GB.
Workload& GetWorkload(size_t articles) {
  static size_t cached_size = 0;
  static std::unique_ptr<Workload> cached;
  if (cached == nullptr || cached_size != articles) {
    cached.reset();
    auto w = std::make_unique<Workload>();
    testing::CorpusSpec spec;
    spec.num_originals =
        static_cast<size_t>(std::llround(static_cast<double>(articles) / (1 + kCopyRate)));
    spec.copy_rate = kCopyRate;
    w->corpus = testing::GenerateCorpus(spec);
    for (const Article& a : w->corpus.articles) w->text_bytes += a.text.size();
    cached = std::move(w);
    cached_size = articles;
  }
  return *cached;
}

DedupOptions BenchOptions() {
  DedupOptions o;
  o.threads = 1;
  return o;
}

// The original an article was planted from (itself for originals).
int64_t PlantedRoot(const testing::GeneratedCorpus& c, size_t i) {
  return c.copy_of[i] >= 0 ? c.copy_of[i] : static_cast<int64_t>(i);
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

double SetJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  size_t inter = dedup::IntersectionSize(a, b);
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

// Share of equal positions of two MinHash signatures: the Jaccard estimate.
double SignatureAgreement(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t same = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) same += a[i] == b[i];
  return a.empty() ? 0.0 : static_cast<double>(same) / static_cast<double>(a.size());
}

// The exact Jaccard of every planted pair, on the 32-bit shingle sets of our sketches (which
// BM_Sketch checks against the string-set oracle; the oracle itself is too slow at 1M articles).
const std::vector<double>& PlantedJaccard(Workload& w, const DedupOptions& o) {
  if (!w.planted_jaccard.empty()) return w.planted_jaccard;
  const auto& c = w.corpus;
  w.planted_jaccard.assign(c.articles.size(), 0.0);
  dedup::SketchScratch scratch;
  dedup::Sketch copy, orig;
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (c.copy_of[i] < 0) continue;
    dedup::BuildSketch(c.articles[i].text, o, &scratch, &copy);
    dedup::BuildSketch(c.articles[static_cast<size_t>(c.copy_of[i])].text, o, &scratch, &orig);
    w.planted_jaccard[i] = SetJaccard(copy.shingles, orig.shingles);
  }
  return w.planted_jaccard;
}

// ---- Baseline: k independent hash functions, std::unordered_map buckets -------------------------

namespace baseline {

struct Sketch {
  Hash128 exact;
  uint32_t num_words = 0;
  std::vector<uint32_t> shingles;  // sorted, unique 32-bit shingle hashes (verification set)
  std::vector<uint32_t> minhash;   // min over the shingles of each of the k hash functions
};

// The textbook sketch: the shingle is hashed from its text, and each of the k MinHash functions is
// a Mix64 of that hash under its own seed.
class Sketcher {
 public:
  explicit Sketcher(const DedupOptions& o) : options_(o) {
    for (int i = 0; i < o.num_hashes; ++i) seeds_.push_back(Mix64(o.seed + 1 + i));
  }

  void Build(std::string_view text, Sketch* out) {
    const std::string norm = NormalizeText(text);
    tokens_.clear();
    Tokenize(norm, &tokens_);
    // The words joined by single spaces: the exact-copy key, and the text every shingle is
    // hashed from (word i spans [starts_[i], ends_[i]) of it).
    joined_.clear();
    starts_.clear();
    ends_.clear();
    for (const Token& t : tokens_) {
      if (!joined_.empty()) joined_.push_back(' ');
      starts_.push_back(joined_.size());
      joined_.append(norm, t.begin, t.end - t.begin);
      ends_.push_back(joined_.size());
    }
    out->exact = HashBytes128(joined_);
    out->num_words = static_cast<uint32_t>(tokens_.size());

    const size_t n = tokens_.size();
    const size_t w = static_cast<size_t>(options_.shingle_words);
    hashes_.clear();
    if (n > 0) {
      const size_t width = std::min(n, w);
      for (size_t i = 0; i + width <= n; ++i) {
        hashes_.push_back(
            Hash64(std::string_view(joined_).substr(starts_[i], ends_[i + width - 1] - starts_[i]),
                   options_.seed));
      }
    }
    out->shingles.clear();
    for (uint64_t h : hashes_) out->shingles.push_back(static_cast<uint32_t>(h >> 32));
    std::sort(out->shingles.begin(), out->shingles.end());
    out->shingles.erase(std::unique(out->shingles.begin(), out->shingles.end()),
                        out->shingles.end());

    out->minhash.assign(seeds_.size(), UINT32_MAX);
    for (uint64_t h : hashes_) {
      for (size_t k = 0; k < seeds_.size(); ++k) {
        out->minhash[k] = std::min(out->minhash[k], static_cast<uint32_t>(Mix64(h ^ seeds_[k])));
      }
    }
  }

 private:
  DedupOptions options_;
  std::vector<uint64_t> seeds_;
  std::vector<Token> tokens_;
  std::string joined_;
  std::vector<size_t> starts_, ends_;
  std::vector<uint64_t> hashes_;
};

}  // namespace baseline

// ---- Sketch + index + verify -------------------------------------------------------------------

struct SivResult {
  std::vector<uint64_t> pairs;  // verified pairs (PairKey), Jaccard >= near_threshold
  int64_t sketch_bytes = 0;     // heap held by the sketches
  int64_t index_bytes = 0;      // heap added by the LSH index
  int64_t peak_bytes = 0;       // peak heap of the whole run
};

// Candidates per band key beyond its first article, as in dedup.cc (kRecent): a story reposted
// a thousand times costs linear, not quadratic, work.
constexpr size_t kRecentPostings = 64;

// Our near-duplicate core, as Deduplicate runs the DedupIndex's LSH path: the library sketches of
// all articles, then the flat posting table reserved for every band key, and article by article
// its band keys computed and prefetched, then one probe per key (Upsert) that yields the key's
// first and newest kRecentPostings articles as candidates and adds the article; the distinct
// candidates are verified on the shingle sets.
SivResult OursSketchIndexVerify(std::span<const Article> articles, const DedupOptions& o) {
  HeapMeter heap;
  SivResult r;
  const size_t n = articles.size();
  std::vector<dedup::Sketch> sketches(n);
  dedup::SketchScratch scratch;
  for (size_t i = 0; i < n; ++i) dedup::BuildSketch(articles[i].text, o, &scratch, &sketches[i]);
  r.sketch_bytes = heap.Live();

  int bands, rows;
  if (!LshParameters(o, &bands, &rows).ok()) std::abort();  // the benchmark's own options
  const int64_t before_index = heap.Live();
  dedup::PostingTable lsh;
  lsh.Reserve(n * static_cast<size_t>(bands));
  std::vector<uint64_t> keys(static_cast<size_t>(bands));
  std::vector<uint32_t> candidates;
  auto collect = [&](const dedup::PostingTable::Postings& p) {
    if (p.first == dedup::PostingTable::kNone) return;
    candidates.push_back(p.first);
    const size_t m = std::min<size_t>(p.num_recent, kRecentPostings);
    candidates.insert(candidates.end(), p.recent, p.recent + m);
  };
  for (uint32_t i = 0; i < n; ++i) {
    const dedup::Sketch& s = sketches[i];
    if (s.num_words == 0) continue;
    candidates.clear();
    for (int b = 0; b < bands; ++b) {
      std::string_view band(reinterpret_cast<const char*>(s.minhash.data() + b * rows),
                            sizeof(uint32_t) * static_cast<size_t>(rows));
      keys[b] = Hash64(band, o.seed + static_cast<uint64_t>(b));
      lsh.Prefetch(keys[b]);
    }
    for (uint64_t key : keys) lsh.Upsert(key, i, collect);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (uint32_t c : candidates) {
      if (SetJaccard(sketches[c].shingles, s.shingles) >= o.near_threshold) {
        r.pairs.push_back(PairKey(c, i));
      }
    }
  }
  // The index is what the loop left behind apart from the buffers and the result.
  r.index_bytes = heap.Live() - before_index -
                  static_cast<int64_t>(keys.capacity() * sizeof(uint64_t) +
                                       candidates.capacity() * sizeof(uint32_t) +
                                       r.pairs.capacity() * sizeof(uint64_t));
  r.peak_bytes = heap.Peak();
  return r;
}

// The baseline: sketches as above, then article by article, each band's bucket is looked up, its
// members become candidates, and the article joins the bucket; candidates are verified at once.
SivResult BaselineSketchIndexVerify(std::span<const Article> articles, const DedupOptions& o) {
  HeapMeter heap;
  SivResult r;
  const size_t n = articles.size();
  std::vector<baseline::Sketch> sketches(n);
  baseline::Sketcher sketcher(o);
  for (size_t i = 0; i < n; ++i) sketcher.Build(articles[i].text, &sketches[i]);
  r.sketch_bytes = heap.Live();

  int bands, rows;
  if (!LshParameters(o, &bands, &rows).ok()) std::abort();  // the benchmark's own options
  const int64_t before_index = heap.Live();
  std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> tables(
      static_cast<size_t>(bands));
  for (auto& t : tables) t.reserve(n);
  std::vector<uint32_t> candidates;
  for (uint32_t i = 0; i < n; ++i) {
    const baseline::Sketch& s = sketches[i];
    if (s.num_words == 0) continue;
    candidates.clear();
    for (int b = 0; b < bands; ++b) {
      std::string_view band(reinterpret_cast<const char*>(s.minhash.data() + b * rows),
                            sizeof(uint32_t) * static_cast<size_t>(rows));
      std::vector<uint32_t>& bucket =
          tables[static_cast<size_t>(b)][Hash64(band, o.seed + static_cast<uint64_t>(b))];
      candidates.insert(candidates.end(), bucket.begin(), bucket.end());
      bucket.push_back(i);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (uint32_t c : candidates) {
      if (SetJaccard(sketches[c].shingles, s.shingles) >= o.near_threshold) {
        r.pairs.push_back(PairKey(c, i));
      }
    }
  }
  // The index is what the loop left behind apart from the candidate buffer and the result.
  r.index_bytes = heap.Live() - before_index -
                  static_cast<int64_t>(candidates.capacity() * sizeof(uint32_t) +
                                       r.pairs.capacity() * sizeof(uint64_t));
  r.peak_bytes = heap.Peak();
  return r;
}

// Empty when every verified pair lies inside one planted group and the planted pairs found agree
// with the LSH S-curve: at least the expected count minus six standard deviations, from the exact
// Jaccard of each planted pair. Sets `*recall` to the share of planted pairs found and
// `*expected_recall` to the share the S-curve predicts.
std::string CheckPairs(Workload& w, const DedupOptions& o, const std::vector<uint64_t>& pairs,
                       double* recall, double* expected_recall) {
  const auto& c = w.corpus;
  std::vector<uint64_t> sorted = pairs;
  std::sort(sorted.begin(), sorted.end());
  for (uint64_t p : sorted) {
    size_t a = p >> 32, b = static_cast<uint32_t>(p);
    if (PlantedRoot(c, a) != PlantedRoot(c, b)) {
      return "verified pair outside a planted group: " + c.articles[a].id + ", " + c.articles[b].id;
    }
  }
  const std::vector<double>& jaccard = PlantedJaccard(w, o);
  int bands, rows;
  if (!LshParameters(o, &bands, &rows).ok()) std::abort();  // the benchmark's own options
  double expected = 0, variance = 0;
  size_t planted = 0, found = 0;
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (c.copy_of[i] < 0 || jaccard[i] < o.near_threshold) continue;
    ++planted;
    double p = LshMatchProbability(jaccard[i], bands, rows);
    expected += p;
    variance += p * (1 - p);
    found +=
        std::binary_search(sorted.begin(), sorted.end(),
                           PairKey(static_cast<uint32_t>(i), static_cast<uint32_t>(c.copy_of[i])));
  }
  *recall = planted == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(planted);
  *expected_recall = planted == 0 ? 1.0 : expected / static_cast<double>(planted);
  if (static_cast<double>(found) < expected - 6 * std::sqrt(variance) - 1) {
    return "found " + std::to_string(found) + " of " + std::to_string(planted) +
           " planted pairs, the LSH curve expects " + std::to_string(expected);
  }
  return "";
}

// Empty when every planted copy points at its planted original and nothing else is a copy.
std::string CheckDedup(const testing::GeneratedCorpus& c, const DedupResult& r) {
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (r.articles[i].duplicate_of != c.copy_of[i]) {
      return "article " + c.articles[i].id + ": expected copy of " + std::to_string(c.copy_of[i]) +
             ", got " + std::to_string(r.articles[i].duplicate_of);
    }
  }
  return "";
}

// Empty when, on up to `sample` planted pairs, `build` gives shingle sets whose Jaccard matches
// the string-set oracle to 0.01, a MinHash estimate within 0.2 of it (about 4.5 standard
// deviations at 128 hashes), and equal exact hashes exactly for the exact copies.
template <typename SketchT, typename BuildFn>
std::string CheckSketches(const testing::GeneratedCorpus& c, const DedupOptions& o, size_t sample,
                          BuildFn build) {
  size_t checked = 0;
  for (size_t i = 0; i < c.articles.size() && checked < sample; ++i) {
    if (c.copy_of[i] < 0) continue;
    ++checked;
    const Article& copy = c.articles[i];
    const Article& orig = c.articles[static_cast<size_t>(c.copy_of[i])];
    SketchT x, y;
    build(copy.text, &x);
    build(orig.text, &y);
    double truth = testing::ExactJaccard(testing::ShingleSet(copy.text, o.shingle_words),
                                         testing::ShingleSet(orig.text, o.shingle_words));
    double exact = SetJaccard(x.shingles, y.shingles);
    double estimate = SignatureAgreement(x.minhash, y.minhash);
    if (std::abs(exact - truth) > 0.01 || std::abs(estimate - truth) > 0.2 ||
        (x.exact == y.exact) != (c.kind[i] == DuplicateKind::kExact)) {
      return "sketch of " + copy.id + " vs " + orig.id + ": oracle Jaccard " +
             std::to_string(truth) + ", shingle sets " + std::to_string(exact) + ", MinHash " +
             std::to_string(estimate);
    }
  }
  return "";
}

// Heap held by one stored sketch, averaged over the first `sample` articles.
template <typename SketchT, typename BuildFn>
double SketchBytes(const testing::GeneratedCorpus& c, size_t sample, BuildFn build) {
  sample = std::min(sample, c.articles.size());
  std::vector<SketchT> kept(sample);
  HeapMeter heap;
  for (size_t i = 0; i < sample; ++i) build(c.articles[i].text, &kept[i]);
  return static_cast<double>(heap.Live()) / static_cast<double>(sample);
}

void SetCommon(benchmark::State& state, const Workload& w) {
  const auto n = static_cast<int64_t>(w.corpus.articles.size());
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(w.text_bytes));
  state.counters["articles"] = static_cast<double>(n);
}

// ---- Benchmarks --------------------------------------------------------------------------------

void BM_SketchOurs(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  dedup::SketchScratch scratch;
  auto build = [&](std::string_view text, dedup::Sketch* s) {
    dedup::BuildSketch(text, o, &scratch, s);
  };
  std::string error = CheckSketches<dedup::Sketch>(w.corpus, o, 300, build);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  // Timed as the index sketches: the sorted verification set is built later, only for
  // articles that meet a candidate (that cost is in the sketch+index+verify and Deduplicate
  // figures). BM_SketchSorted times it with the set.
  dedup::Sketch out;
  for (auto _ : state) {
    for (const Article& a : w.corpus.articles) {
      dedup::BuildSketch(a.text, o, &scratch, &out, /*finalize=*/false);
      benchmark::DoNotOptimize(out.minhash.data());
    }
  }
  SetCommon(state, w);
  state.counters["sketch_B/art"] = SketchBytes<dedup::Sketch>(w.corpus, 2000, build);
}

// The sketch with its sorted, deduplicated verification set, for comparison with BM_Sketch.
void BM_SketchSortedOurs(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  dedup::SketchScratch scratch;
  dedup::Sketch out;
  for (auto _ : state) {
    for (const Article& a : w.corpus.articles) {
      dedup::BuildSketch(a.text, o, &scratch, &out, /*finalize=*/true);
      benchmark::DoNotOptimize(out.shingles.data());
    }
  }
  SetCommon(state, w);
}

void BM_SketchBaseline(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  baseline::Sketcher sketcher(o);
  auto build = [&](std::string_view text, baseline::Sketch* s) { sketcher.Build(text, s); };
  std::string error = CheckSketches<baseline::Sketch>(w.corpus, o, 300, build);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  baseline::Sketch out;
  for (auto _ : state) {
    for (const Article& a : w.corpus.articles) {
      sketcher.Build(a.text, &out);
      benchmark::DoNotOptimize(out.minhash.data());
    }
  }
  SetCommon(state, w);
  state.counters["sketch_B/art"] = SketchBytes<baseline::Sketch>(w.corpus, 2000, build);
}

// The result of the last timed run is checked before the time is reported: at 1M articles a
// separate checking run would double the benchmark's length.
template <SivResult (*kRun)(std::span<const Article>, const DedupOptions&)>
void BM_SketchIndexVerify(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  SivResult last;
  for (auto _ : state) last = kRun(w.corpus.articles, o);
  double recall = 0, expected_recall = 0;
  std::string error = CheckPairs(w, o, last.pairs, &recall, &expected_recall);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  SetCommon(state, w);
  const double n = static_cast<double>(w.corpus.articles.size());
  state.counters["pairs"] = static_cast<double>(last.pairs.size());
  state.counters["recall"] = recall;
  state.counters["recall_lsh_curve"] = expected_recall;
  state.counters["sketch_B/art"] = static_cast<double>(last.sketch_bytes) / n;
  state.counters["index_B/art"] = static_cast<double>(last.index_bytes) / n;
  state.counters["peak_B/art"] = static_cast<double>(last.peak_bytes) / n;
}

void BM_DedupOurs(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  std::string error;
  int64_t peak = 0;
  for (auto _ : state) {
    HeapMeter heap;
    auto r = Deduplicate(w.corpus.articles, o);
    state.PauseTiming();
    peak = heap.Peak();
    error = !r.ok() ? r.status().ToString() : CheckDedup(w.corpus, *r);
    state.ResumeTiming();
  }
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  SetCommon(state, w);
  state.counters["peak_B/art"] =
      static_cast<double>(peak) / static_cast<double>(w.corpus.articles.size());
}

// Articles per DedupIndex::Add call in the streaming benchmark: a feed's batch.
constexpr size_t kStreamBatch = 1000;

// The streaming index fed the corpus kStreamBatch articles at a time, then a snapshot. The index
// copies the articles it is given (that copy is timed, it is part of the streaming API), so its
// memory is DedupIndex::MemoryBytes, which excludes those copies, rather than the heap peak.
void BM_DedupIndexOurs(benchmark::State& state) {
  Workload& w = GetWorkload(static_cast<size_t>(state.range(0)));
  const DedupOptions o = BenchOptions();
  const std::span<const Article> all(w.corpus.articles);
  std::string error;
  size_t index_bytes = 0;
  for (auto _ : state) {
    auto created = DedupIndex::Create(o);
    if (!created.ok()) {
      error = created.status().ToString();
      break;
    }
    std::unique_ptr<DedupIndex> index = std::move(*created);
    for (size_t b = 0; b < all.size() && error.empty(); b += kStreamBatch) {
      Status st = index->Add(all.subspan(b, std::min(kStreamBatch, all.size() - b)));
      if (!st.ok()) error = st.ToString();
    }
    DedupResult r = index->Snapshot();
    state.PauseTiming();
    index_bytes = index->MemoryBytes();
    if (error.empty()) error = CheckDedup(w.corpus, r);
    index.reset();  // freeing the copied texts is not part of the stage
    state.ResumeTiming();
  }
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  SetCommon(state, w);
  state.counters["index_B/art"] =
      static_cast<double>(index_bytes) / static_cast<double>(w.corpus.articles.size());
}

// ---- Summary -----------------------------------------------------------------------------------

// Forwards to the console and keeps each run's figures for the summary table.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal, as the default reporter does.
  SummaryReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

  struct Figures {
    double docs_per_s = 0;
    std::map<std::string, double> counters;
    double Counter(const std::string& name) const {
      auto it = counters.find(name);
      return it == counters.end() ? 0.0 : it->second;
    }
  };

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
      Figures f;
      f.docs_per_s = run.counters.at("items_per_second").value;
      for (const auto& [name, counter] : run.counters) f.counters[name] = counter.value;
      // Keyed "BM_Sketch/ours/10000".
      Figures& kept = figures_[Key(run.run_name.function_name, run.run_name.args)];
      if (f.docs_per_s > kept.docs_per_s) kept = f;  // best of repetitions
    }
    ConsoleReporter::ReportRuns(runs);
  }

  // Prints ours against the baseline per stage and size with the targets: throughput,
  // memory per article, and the cost growth per article from 100k to 1M.
  void PrintSummary(const std::vector<size_t>& sizes) const {
    struct Stage {
      const char* label;
      const char* name;
      double target;  // articles per second on one core
    };
    const Stage stages[] = {{"sketch", "BM_Sketch", 400e3},
                            {"sketch+index+verify", "BM_SketchIndexVerify", 150e3},
                            {"Deduplicate", "BM_Dedup", 100e3},
                            {"DedupIndex, streamed", "BM_DedupIndex", 100e3}};
    std::printf("\nDedup summary: articles per CPU-second on one core (best run)\n\n");
    std::printf("%-21s %9s %10s %10s %7s %10s\n", "stage", "articles", "ours/s", "baseline/s",
                "ratio", "target/s");
    for (const Stage& s : stages) {
      for (size_t size : sizes) {
        const Figures* ours = Find(s.name, "ours", size);
        const Figures* base = Find(s.name, "baseline", size);
        if (ours == nullptr && base == nullptr) continue;
        const double ours_rate = ours ? ours->docs_per_s : 0;
        const double base_rate = base ? base->docs_per_s : 0;
        std::printf("%-21s %9zu %10s %10s %7s %10.0f\n", s.label, size,
                    Num(ours_rate, "%.0f").c_str(), Num(base_rate, "%.0f").c_str(),
                    Num(base_rate > 0 ? ours_rate / base_rate : 0, "%.2fx").c_str(), s.target);
      }
    }

    struct Memory {
      const char* label;
      const char* name;
      const char* counter;
    };
    const Memory memories[] = {{"one stored sketch", "BM_Sketch", "sketch_B/art"},
                               {"s+i+v: peak heap", "BM_SketchIndexVerify", "peak_B/art"},
                               {"s+i+v: index alone", "BM_SketchIndexVerify", "index_B/art"},
                               {"Deduplicate: peak heap", "BM_Dedup", "peak_B/art"},
                               {"DedupIndex::MemoryBytes", "BM_DedupIndex", "index_B/art"}};
    std::printf(
        "\nBytes per article (= MB per million articles), not counting the texts; "
        "target <= 200\n\n");
    std::printf("%-24s %9s %10s %10s\n", "measure", "articles", "ours", "baseline");
    for (const Memory& m : memories) {
      for (size_t size : sizes) {
        const Figures* ours = Find(m.name, "ours", size);
        const Figures* base = Find(m.name, "baseline", size);
        if (ours == nullptr && base == nullptr) continue;
        std::printf("%-24s %9zu %10s %10s\n", m.label, size,
                    Num(ours ? ours->Counter(m.counter) : 0, "%.0f").c_str(),
                    Num(base ? base->Counter(m.counter) : 0, "%.0f").c_str());
      }
    }

    // Cost per article at 1M over cost per article at 100k: 1.00x is linear total cost.
    bool header = false;
    for (const Stage& s : stages) {
      for (const char* impl : {"ours", "baseline"}) {
        const Figures* small = Find(s.name, impl, 100000);
        const Figures* large = Find(s.name, impl, 1000000);
        if (small == nullptr || large == nullptr || large->docs_per_s == 0) continue;
        if (!header) {
          std::printf("\nCost per article at 1M / at 100k (1.00x is linear); target <= 1.30x\n\n");
          header = true;
        }
        std::printf("%-21s %-8s %.2fx\n", s.label, impl, small->docs_per_s / large->docs_per_s);
      }
    }
  }

 private:
  static std::string Key(std::string_view function, std::string_view args) {
    std::string key(function);
    key += '/';
    key += args;
    return key;
  }
  const Figures* Find(std::string_view stage, std::string_view impl, size_t size) const {
    std::string function(stage);
    function += '/';
    function += impl;
    auto it = figures_.find(Key(function, std::to_string(size)));
    return it == figures_.end() ? nullptr : &it->second;
  }
  static std::string Num(double v, const char* format) {
    if (v == 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof(buf), format, v);
    return buf;
  }

  std::map<std::string, Figures> figures_;
};

std::vector<size_t> BenchSizes() {
  std::vector<size_t> sizes = {10000, 100000};
  const char* big = std::getenv("STORYLINE_BENCH_1M");
  if (big != nullptr && std::string(big) == "1") sizes.push_back(1000000);
  return sizes;
}

// Registered size by size, so each corpus is generated once and freed before the next.
void RegisterAll(const std::vector<size_t>& sizes) {
  for (size_t size : sizes) {
    const auto arg = static_cast<int64_t>(size);
    auto add = [&](const char* name, void (*fn)(benchmark::State&)) {
      benchmark::RegisterBenchmark(name, fn)->Arg(arg)->Unit(benchmark::kMillisecond);
    };
    add("BM_Sketch/ours", BM_SketchOurs);
    add("BM_Sketch/baseline", BM_SketchBaseline);
    add("BM_SketchSorted/ours", BM_SketchSortedOurs);
    add("BM_SketchIndexVerify/ours", BM_SketchIndexVerify<OursSketchIndexVerify>);
    add("BM_SketchIndexVerify/baseline", BM_SketchIndexVerify<BaselineSketchIndexVerify>);
    add("BM_Dedup/ours", BM_DedupOurs);
    add("BM_DedupIndex/ours", BM_DedupIndexOurs);
  }
}

}  // namespace
}  // namespace storyline

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const std::vector<size_t> sizes = storyline::BenchSizes();
  storyline::RegisterAll(sizes);
  storyline::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary(sizes);
  benchmark::Shutdown();
  return 0;
}
