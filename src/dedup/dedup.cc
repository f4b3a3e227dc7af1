#include "storyline/dedup.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/hash.h"
#include "common/parallel.h"
#include "dedup/reuse.h"
#include "dedup/sketch.h"

namespace storyline {
namespace {

using dedup::Sketch;

// Containment must be lopsided by at least this much: the longer text carries material of its
// own (a page's header and comment box, a dropped paragraph). Word swaps spread their changes
// over both texts alike and stay near-duplicates.
constexpr double kAsymmetry = 0.05;

// Pairs generated per member of a run of equal keys (plus one with the run's hub).
constexpr size_t kMaxRunPairs = 64;

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

// Appends the pairs of each run of equal keys in `entries` (sorted by key, then article) to
// `pairs`. Runs longer than `skip_runs_over` are ignored. Runs longer than `max_run` (a wire
// story reposted hundreds of times) pair every member with the run's first article, which is the
// earliest in input order, and with its `max_run` successors: linear instead of quadratic, and
// every copy still gets a verified edge to a common hub.
void PairsFromRuns(const std::vector<std::pair<uint64_t, uint32_t>>& entries, size_t max_run,
                   size_t skip_runs_over, std::vector<uint64_t>* pairs) {
  size_t i = 0;
  while (i < entries.size()) {
    size_t j = i + 1;
    while (j < entries.size() && entries[j].first == entries[i].first) ++j;
    size_t len = j - i;
    if (len > 1 && len <= skip_runs_over) {
      for (size_t a = i; a < j; ++a) {
        if (len > max_run && a > i && entries[a].second != entries[i].second) {
          pairs->push_back(PairKey(entries[i].second, entries[a].second));
        }
        size_t end = j - a - 1 > max_run ? a + 1 + max_run : j;
        for (size_t b = a + 1; b < end; ++b) {
          if (entries[a].second != entries[b].second) {
            pairs->push_back(PairKey(entries[a].second, entries[b].second));
          }
        }
      }
    }
    i = j;
  }
}

struct Edge {
  uint32_t a, b;
  DuplicateKind kind;
  double jaccard;
  double contain_a_in_b;  // |A ∩ B| / |A|
  double contain_b_in_a;
  uint32_t inner;  // for kContained: the endpoint whose text lies inside the other's
  double score() const {
    if (kind == DuplicateKind::kExact) return 1.0;
    if (kind == DuplicateKind::kNear) return jaccard;
    return std::max(contain_a_in_b, contain_b_in_a);
  }
};

bool Verify(uint32_t a, uint32_t b, const std::vector<Sketch>& sk, const DedupOptions& o,
            Edge* e) {
  const Sketch& x = sk[a];
  const Sketch& y = sk[b];
  if (x.shingles.empty() || y.shingles.empty()) return false;
  size_t inter = dedup::IntersectionSize(x.shingles, y.shingles);
  double uni = static_cast<double>(x.shingles.size() + y.shingles.size() - inter);
  e->a = a;
  e->b = b;
  e->jaccard = inter / uni;
  e->contain_a_in_b = static_cast<double>(inter) / x.shingles.size();
  e->contain_b_in_a = static_cast<double>(inter) / y.shingles.size();
  if (x.exact == y.exact) {
    e->kind = DuplicateKind::kExact;
    return true;
  }
  // The shorter text inside the longer one, while the longer adds material of its own (a wire
  // story inside a page's header and comment box), is containment. Texts that cover each other
  // evenly (edits spread over both), or overlap by Jaccard >= near_threshold, are near-copies.
  const uint32_t min_words = static_cast<uint32_t>(std::max(0, o.min_containment_words));
  const bool a_shorter = x.shingles.size() <= y.shingles.size();
  const double short_in_long = a_shorter ? e->contain_a_in_b : e->contain_b_in_a;
  const double long_in_short = a_shorter ? e->contain_b_in_a : e->contain_a_in_b;
  const uint32_t short_words = a_shorter ? x.num_words : y.num_words;
  if (short_in_long >= o.containment_threshold && short_words >= min_words &&
      long_in_short <= short_in_long - kAsymmetry) {
    e->kind = DuplicateKind::kContained;
    e->inner = a_shorter ? a : b;
    return true;
  }
  if (e->jaccard >= o.near_threshold) {
    e->kind = DuplicateKind::kNear;
    return true;
  }
  return false;
}

Status CheckOptions(const DedupOptions& o) {
  if (o.shingle_words < 1 || o.shingle_words > 64)
    return Status::InvalidArgument("shingle_words must be in [1, 64]");
  if (o.num_hashes < 1 || o.num_hashes > 4096)
    return Status::InvalidArgument("num_hashes must be in [1, 4096]");
  if (!(o.near_threshold > 0 && o.near_threshold <= 1))
    return Status::InvalidArgument("near_threshold must be in (0, 1]");
  if (!(o.containment_threshold > 0 && o.containment_threshold <= 1))
    return Status::InvalidArgument("containment_threshold must be in (0, 1]");
  if (o.winnow_window < 1 || o.winnow_window > 4096)
    return Status::InvalidArgument("winnow_window must be in [1, 4096]");
  if (o.min_reuse_words < 1) return Status::InvalidArgument("min_reuse_words must be >= 1");
  if (o.reuse_gap_words < 0) return Status::InvalidArgument("reuse_gap_words must be >= 0");
  if (o.max_posting < 2) return Status::InvalidArgument("max_posting must be >= 2");
  if (o.lsh_bands < 0 || o.lsh_rows < 0 ||
      static_cast<int64_t>(o.lsh_bands) * o.lsh_rows > o.num_hashes)
    return Status::InvalidArgument("lsh_bands * lsh_rows must not exceed num_hashes");
  return Status::OK();
}

// Aligns the candidate pairs for partial reuse and records the pairs with reused passages.
// Only originals take part: a copy's passages are its original's, and a pair inside one group is
// a copy relation, not partial reuse.
void FindPartialReuse(std::span<const Article> articles, const DedupOptions& options,
                      std::vector<uint64_t>& pairs, DedupResult* result) {
  SortUnique(&pairs);
  const auto& info = result->articles;
  std::vector<uint64_t> kept;
  for (uint64_t p : pairs) {
    uint32_t a = static_cast<uint32_t>(p >> 32), b = static_cast<uint32_t>(p);
    if (info[a].duplicate_of >= 0 || info[b].duplicate_of >= 0) continue;
    kept.push_back(p);
  }
  result->stats.partial_candidates = kept.size();
  if (kept.empty()) return;
  // Texts are prepared once each, only for articles in some candidate pair.
  std::vector<uint32_t> ids;
  for (uint64_t p : kept) {
    ids.push_back(static_cast<uint32_t>(p >> 32));
    ids.push_back(static_cast<uint32_t>(p));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<dedup::AlignText> texts(ids.size());
  ParallelFor(ids.size(), ResolveThreads(options.threads), [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) dedup::PrepareAlign(articles[ids[i]].text, options, &texts[i]);
  });
  auto text_of = [&](uint32_t id) -> const dedup::AlignText& {
    return texts[static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin())];
  };
  std::vector<std::vector<PartialReuse>> found(kept.size());
  ParallelFor(kept.size(), ResolveThreads(options.threads), [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      uint32_t a = static_cast<uint32_t>(kept[i] >> 32), b = static_cast<uint32_t>(kept[i]);
      // The source is the one published first; input order breaks ties (a < b).
      uint32_t source = PublishedBefore(articles[b], articles[a]) ? b : a;
      uint32_t copy = source == a ? b : a;
      PartialReuse r;
      r.source = source;
      r.copy = copy;
      const dedup::AlignText& ct = text_of(copy);
      r.spans = dedup::AlignReuse(ct, text_of(source), options);
      if (r.spans.empty()) continue;
      uint64_t words = 0;
      for (const ReuseSpan& sp : r.spans) words += sp.words;
      r.coverage = ct.tokens.empty() ? 0.0 : std::min(1.0, static_cast<double>(words) / ct.tokens.size());
      found[i].push_back(std::move(r));
    }
  });
  for (auto& f : found) {
    for (PartialReuse& r : f) result->reuse.push_back(std::move(r));
  }
  std::sort(result->reuse.begin(), result->reuse.end(), [](const PartialReuse& x, const PartialReuse& y) {
    return x.copy != y.copy ? x.copy < y.copy : x.source < y.source;
  });
  result->stats.partial_pairs = result->reuse.size();
}

}  // namespace

std::string_view DuplicateKindName(DuplicateKind kind) {
  switch (kind) {
    case DuplicateKind::kNone: return "none";
    case DuplicateKind::kExact: return "exact";
    case DuplicateKind::kNear: return "near";
    case DuplicateKind::kContained: return "contained";
    case DuplicateKind::kPartial: return "partial";
  }
  return "none";
}

std::vector<std::string_view> DedupPresetNames() { return {"syndicated", "near-identical"}; }

Status ApplyDedupPreset(std::string_view name, DedupOptions* o) {
  if (name == "syndicated") {
    o->near_threshold = 0.5;
    o->containment_threshold = 0.8;
    o->find_partial = true;
  } else if (name == "near-identical") {
    o->near_threshold = 0.8;
    o->containment_threshold = 0.9;
    o->find_partial = false;
  } else {
    return Status::InvalidArgument("unknown dedup preset '" + std::string(name) +
                                   "' (syndicated, near-identical)");
  }
  o->lsh_bands = o->lsh_rows = 0;  // derived from the threshold
  return Status::OK();
}

double LshMatchProbability(double j, int bands, int rows) {
  return 1.0 - std::pow(1.0 - std::pow(j, rows), bands);
}

void LshParameters(const DedupOptions& o, int* bands, int* rows) {
  if (o.lsh_bands > 0 && o.lsh_rows > 0) {
    *bands = o.lsh_bands;
    *rows = o.lsh_rows;
    return;
  }
  // Minimise the area of false positives (below the threshold) plus false negatives (above it),
  // the criterion datasketch uses; integrate numerically.
  const double t = o.near_threshold;
  double best = 1e300;
  *bands = 1;
  *rows = 1;
  for (int r = 1; r <= o.num_hashes; ++r) {
    for (int b = 1; b * r <= o.num_hashes; ++b) {
      double fp = 0, fn = 0;
      const int steps = 200;
      for (int s = 0; s < steps; ++s) {
        double j = (s + 0.5) / steps;
        double p = LshMatchProbability(j, b, r);
        if (j < t) fp += p; else fn += 1 - p;
      }
      double cost = (fp + fn) / steps;
      if (cost < best - 1e-12) {
        best = cost;
        *bands = b;
        *rows = r;
      }
    }
  }
}

Result<DedupResult> Deduplicate(std::span<const Article> articles, const DedupOptions& options) {
  Status st = CheckOptions(options);
  if (!st.ok()) return st;
  const size_t n = articles.size();
  if (n >= (size_t{1} << 32) - 1) return Status::InvalidArgument("too many articles");
  DedupResult result;
  result.articles.resize(n);
  if (n == 0) return result;

  std::vector<Sketch> sketches(n);
  const int threads = ResolveThreads(options.threads);
  ParallelFor(n, threads, [&](size_t, size_t begin, size_t end) {
    dedup::SketchScratch scratch;
    for (size_t i = begin; i < end; ++i) {
      dedup::BuildSketch(articles[i].text, options, &scratch, &sketches[i]);
    }
  });

  // Candidate pairs. Exact copies come from sorting the exact hashes; MinHash LSH proposes
  // near-duplicates; the sampled-shingle index proposes containment. Runs of equal keys are
  // capped (kMaxRunPairs successors plus the run's hub), so a story reposted a thousand times
  // costs linear, not quadratic, candidate memory.
  std::vector<uint64_t> pairs;
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  entries.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (sketches[i].num_words > 0) entries.emplace_back(sketches[i].exact.low, i);
  }
  std::sort(entries.begin(), entries.end());
  PairsFromRuns(entries, kMaxRunPairs, SIZE_MAX, &pairs);
  SortUnique(&pairs);

  int bands, rows;
  LshParameters(options, &bands, &rows);
  entries.clear();
  entries.reserve(n * static_cast<size_t>(bands));
  for (uint32_t i = 0; i < n; ++i) {
    const Sketch& s = sketches[i];
    if (s.num_words == 0) continue;
    for (int b = 0; b < bands; ++b) {
      std::string_view band(reinterpret_cast<const char*>(s.minhash.data() + b * rows),
                            sizeof(uint32_t) * rows);
      entries.emplace_back(Hash64(band, options.seed + b), i);
    }
  }
  std::sort(entries.begin(), entries.end());
  std::vector<uint64_t> lsh_pairs;
  PairsFromRuns(entries, kMaxRunPairs, SIZE_MAX, &lsh_pairs);
  SortUnique(&lsh_pairs);
  result.stats.lsh_candidates = lsh_pairs.size();

  entries.clear();
  for (uint32_t i = 0; i < n; ++i) {
    for (uint64_t h : sketches[i].samples) entries.emplace_back(h, i);
  }
  std::sort(entries.begin(), entries.end());
  std::vector<uint64_t> sample_pairs;
  PairsFromRuns(entries, kMaxRunPairs, static_cast<size_t>(options.max_posting), &sample_pairs);
  std::sort(sample_pairs.begin(), sample_pairs.end());
  // A pair is a containment candidate when it shares enough samples for the shorter text's
  // estimated containment to come near the threshold (half of it, to leave room for sampling
  // noise); exact verification decides.
  std::vector<uint64_t> contain_pairs;
  std::vector<uint64_t> reuse_pairs;  // share passages but too little for containment
  for (size_t i = 0; i < sample_pairs.size();) {
    size_t j = i + 1;
    while (j < sample_pairs.size() && sample_pairs[j] == sample_pairs[i]) ++j;
    uint32_t a = static_cast<uint32_t>(sample_pairs[i] >> 32);
    uint32_t b = static_cast<uint32_t>(sample_pairs[i]);
    size_t smaller = std::min(sketches[a].samples.size(), sketches[b].samples.size());
    double shared = static_cast<double>(j - i);
    if (shared >= 2 && shared >= 0.5 * options.containment_threshold * smaller) {
      contain_pairs.push_back(sample_pairs[i]);
    } else if (shared >= 2 && options.find_partial) {
      reuse_pairs.push_back(sample_pairs[i]);
    }
    i = j;
  }
  result.stats.containment_candidates = contain_pairs.size();
  sample_pairs = std::vector<uint64_t>();
  pairs.insert(pairs.end(), lsh_pairs.begin(), lsh_pairs.end());
  pairs.insert(pairs.end(), contain_pairs.begin(), contain_pairs.end());
  SortUnique(&pairs);

  std::vector<Edge> edges;
  for (uint64_t p : pairs) {
    Edge e;
    if (Verify(static_cast<uint32_t>(p >> 32), static_cast<uint32_t>(p), sketches, options, &e)) {
      edges.push_back(e);
    } else if (options.find_partial &&
               std::binary_search(contain_pairs.begin(), contain_pairs.end(), p)) {
      reuse_pairs.push_back(p);  // shared much, but not enough for a copy
    }
  }
  result.stats.verified_pairs = edges.size();

  // Originals. Order articles by: earliest date (undated last); then how many verified partners
  // contain it (a wire story wrapped in several pages is contained in each); then longer text
  // (the more complete copy); then input order. Walking in that order, an article becomes a copy
  // of the best-scoring earlier original it has a verified edge with, or an original itself.
  std::vector<uint32_t> contained_in(n, 0);
  std::vector<std::vector<uint32_t>> adj(n);
  for (uint32_t k = 0; k < edges.size(); ++k) {
    const Edge& e = edges[k];
    if (e.kind == DuplicateKind::kContained) ++contained_in[e.inner];
    adj[e.a].push_back(k);
    adj[e.b].push_back(k);
  }
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (PublishedBefore(articles[x], articles[y])) return true;
    if (PublishedBefore(articles[y], articles[x])) return false;
    if (contained_in[x] != contained_in[y]) return contained_in[x] > contained_in[y];
    if (sketches[x].num_words != sketches[y].num_words)
      return sketches[x].num_words > sketches[y].num_words;
    return x < y;
  });
  std::vector<uint8_t> done(n, 0), is_original(n, 0);
  auto better = [](const Edge& e, const Edge* best) {
    return best == nullptr || e.kind < best->kind ||
           (e.kind == best->kind && e.score() > best->score());
  };
  std::vector<uint32_t> tried;  // originals already verified for the current article
  for (uint32_t i : order) {
    const Edge* best = nullptr;
    Edge indirect;  // a verified edge to a partner's original, found on the spot
    uint32_t best_other = 0;
    tried.clear();
    for (uint32_t k : adj[i]) {
      const Edge& e = edges[k];
      uint32_t other = e.a == i ? e.b : e.a;
      if (!done[other]) continue;
      if (is_original[other]) {
        if (better(e, best)) {
          best = &e;
          best_other = other;
        }
        continue;
      }
      // The partner is itself a copy (capped candidate runs may not pair us with the original
      // directly): verify against its original, so copies never chain.
      uint32_t orig = static_cast<uint32_t>(result.articles[other].duplicate_of);
      if (std::find(tried.begin(), tried.end(), orig) != tried.end()) continue;
      tried.push_back(orig);
      Edge e2;
      if (Verify(std::min(i, orig), std::max(i, orig), sketches, options, &e2) &&
          better(e2, best)) {
        indirect = e2;
        best = &indirect;
        best_other = orig;
      }
    }
    done[i] = 1;
    if (best == nullptr) {
      is_original[i] = 1;
      continue;
    }
    DuplicateInfo& info = result.articles[i];
    info.duplicate_of = best_other;
    info.kind = best->kind;
    info.similarity = best->score();
    info.jaccard = best->jaccard;
    info.containment = std::max(best->contain_a_in_b, best->contain_b_in_a);
    ++result.stats.copies;
  }
  if (options.find_partial) FindPartialReuse(articles, options, reuse_pairs, &result);
  return result;
}

}  // namespace storyline
