#include "storyline/dedup.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <mutex>
#include <numeric>
#include <string>
#include <tuple>

#include "common/bytes.h"
#include "common/hash.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "dedup/posting_table.h"
#include "dedup/reuse.h"
#include "dedup/sketch.h"
#include "dedup/template_lines.h"
#include "dedup/tuning.h"
#include "text/utf8.h"

namespace storyline {
namespace {

using dedup::Sketch;

using dedup::kAsymmetry;
using dedup::kRecent;
static_assert(kRecent == dedup::PostingTable::kHeld - 1);

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
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

bool Verify(uint32_t a, uint32_t b, const Sketch& x, const Sketch& y, const DedupOptions& o,
            Edge* e) {
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

}  // namespace

Status Validate(const DedupOptions& o) {
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
  if (o.window_seconds < 0 || o.window_seconds > 10'000'000'000)
    return Status::InvalidArgument("window_seconds must be in [0, 10^10]");
  if (o.template_min_articles < 0)
    return Status::InvalidArgument("template_min_articles must be >= 0");
  if (o.max_posting < 2 || o.max_posting > 65535)
    return Status::InvalidArgument("max_posting must be in [2, 65535]");
  if (o.lsh_max_bands < 0) return Status::InvalidArgument("lsh_max_bands must be >= 0");
  if ((o.lsh_bands > 0) != (o.lsh_rows > 0)) {
    return Status::InvalidArgument("lsh_bands and lsh_rows are set together (or both left 0)");
  }
  if (o.lsh_bands < 0 || o.lsh_rows < 0 ||
      static_cast<int64_t>(o.lsh_bands) * o.lsh_rows > o.num_hashes)
    return Status::InvalidArgument("lsh_bands * lsh_rows must not exceed num_hashes");
  return Status::OK();
}

namespace {

bool IsWire(const Article& a, const DedupOptions& o) {
  const std::string_view outlet = ArticleOutlet(a);
  if (outlet.empty()) return false;
  // clang-format off
  static constexpr std::string_view kWire[] = {
      "Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "dpa", "Bloomberg",
      "UPI", "PA Media", "EFE", "ANSA", "Xinhua", "Kyodo", "TASS"};
  // clang-format on
  auto named = [&](std::string_view w) { return text::EqualsAsciiIgnoreCase(w, outlet); };
  if (o.wire_sources.empty()) return std::any_of(std::begin(kWire), std::end(kWire), named);
  return std::any_of(o.wire_sources.begin(), o.wire_sources.end(), named);
}

// Texts are addressed with 32-bit offsets (tokens, spans, template lines).
Status CheckTexts(std::span<const Article> articles) {
  for (const Article& a : articles) {
    if (a.text.size() >= 0xFFFFFFFFu) {
      return Status::InvalidArgument("article '" + a.id + "' has " + std::to_string(a.text.size()) +
                                     " bytes of text; dedup takes under 4 GiB per text");
    }
  }
  return Status::OK();
}

}  // namespace

// What the index keeps per article. The sketch is dropped on eviction; the article's fields stay
// for reporting, without the text.
struct DedupIndex::Impl {
  DedupOptions options;
  int bands = 1, rows = 1;
  std::vector<Article> owned;         // streaming: copies of the articles added
  std::span<const Article> borrowed;  // Deduplicate: the caller's articles, not copied
  // Per article, kept after eviction: words, winnowed shingles indexed (saturating), evicted flag.
  std::vector<uint32_t> words;
  std::vector<uint16_t> sample_count;
  std::vector<uint8_t> evicted;
  // Keys: LSH bands and winnowed shingles. Exact copies need no table of their own: equal texts
  // have equal signatures, so they meet in every band, and verification compares the 128-bit
  // exact hashes. A stream's tables start at 2^11 / 2^12 buckets of 8 postings (384 KB; keys
  // told apart by 35 / 36 bits, see PostingTable: at a million articles about 1 in 40 articles
  // meets one spurious shared sample, which the exact check discards); Deduplicate sizes them
  // for its batch.
  dedup::PostingTable lsh{size_t{1} << 11}, samples{size_t{1} << 12};
  // Deduplicate: text bytes of the whole batch, to size the sample table from the first chunk.
  size_t reserve_for_bytes = 0;
  // Sketches of the batch being inserted (built in parallel, dropped once inserted).
  std::vector<Sketch> pending;
  // Verification sets (exact hash and sorted shingle set) are not kept per article: a small
  // direct-mapped cache holds those of the newest articles and of recently verified ones, and a
  // miss rebuilds the set from the text (which the index keeps anyway). Mutable: Snapshot()
  // fills it too.
  static constexpr size_t kCacheSlots = dedup::kVerificationCacheSlots;
  struct CachedSet {
    uint32_t article = dedup::PostingTable::kNone;
    Sketch sketch;  // exact, num_words, shingles (no MinHash, no samples)
  };
  mutable std::vector<CachedSet> cache = std::vector<CachedSet>(kCacheSlots);
  std::vector<Edge> edges;
  std::vector<uint64_t> reuse_candidates;  // pairs sharing passages, aligned in Snapshot()
  std::vector<PartialReuse> aligned;       // alignments done before an endpoint was evicted
  DedupStats stats;
  int64_t newest = INT64_MIN;       // newest timestamp added, for the window
  int64_t last_cutoff = INT64_MIN;  // latest eviction cutoff
  size_t live = 0;

  const Article& article(uint32_t i) const { return borrowed.empty() ? owned[i] : borrowed[i]; }

  // Persistence (SetTextSource, Commit, Restore). Articles [0, committed) are settled: their
  // results are kept here and never recomputed; their texts are read through text_source once
  // dropped.
  TextSource text_source;
  mutable Status source_error;  // the first error text_source returned since the last Commit
  mutable std::string fetched;  // the text last read through text_source
  size_t committed = 0;
  std::vector<int64_t> committed_original;  // per committed article: duplicate_of (-1: none)
  std::vector<DuplicateKind> committed_kind;
  std::vector<std::string> states;  // per uncommitted article, its keys (with a text source)
  // Article i's text: its own, or read back through the text source ("" when that fails; the
  // error is kept for Commit).
  std::string_view TextOf(uint32_t i) const {
    const std::string& own = article(i).text;
    if (!own.empty() || !text_source || i >= committed) return own;
    fetched.clear();
    if (Status st = text_source(i, &fetched); !st.ok()) {
      if (source_error.ok()) source_error = st;
      fetched.clear();
    }
    return fetched;
  }
  // The keys an article is indexed under: one per LSH band.
  void BandKeys(const Sketch& sk, std::vector<uint64_t>* keys) const {
    keys->resize(static_cast<size_t>(bands));
    for (int b = 0; b < bands; ++b) {
      std::string_view band(reinterpret_cast<const char*>(sk.minhash.data() + b * rows),
                            sizeof(uint32_t) * rows);
      (*keys)[b] = Hash64(band, options.seed + b);
    }
  }
  // Article i's state for Restore: counts, template ranges, its band keys (as Insert made them)
  // and sample keys.
  std::string EncodeState(uint32_t i, const Sketch& sk, std::span<const uint64_t> band_keys);
  // Article i's copy link: committed, or from `settled` (Settle's result for the uncommitted).
  int64_t OriginalOf(uint32_t i, const DedupResult& settled) const {
    return i < committed ? committed_original[i] : settled.articles[i - committed].duplicate_of;
  }
  DuplicateKind KindOf(uint32_t i, const DedupResult& settled) const {
    return i < committed ? committed_kind[i] : settled.articles[i - committed].kind;
  }
  // Sketches articles [base, end) in parallel, then inserts them in order.
  void SketchAndInsert(size_t base, size_t end);
  // ResourceExhausted once a posting table refused postings (2^32 - 1 of them).
  Status FullStatus() const {
    if (lsh.full() || samples.full()) {
      return Status::ResourceExhausted(
          "dedup index tables are full (2^32 - 1 postings); later articles are not indexed");
    }
    return Status::OK();
  }

  void Insert(uint32_t i, Sketch& sk);
  mutable std::vector<uint32_t> radix;  // scratch for FinalizeShingles
  mutable dedup::SketchScratch rebuild_scratch;
  mutable std::string rebuild_text;
  // The text an article is compared on: its own, without its outlet's template lines (written to
  // *kept when some are left out).
  std::string_view ComparedText(uint32_t i, std::string* kept) const {
    std::string_view text = TextOf(i);
    auto drop = TemplateOf(i);
    if (drop.empty()) return text;
    kept->clear();
    size_t at = 0;
    for (const auto& [db, de] : drop) {
      // Ranges are sorted and inside the text when made here; restored ones are checked, and
      // clamped here too, so damaged state can never reach past the text.
      if (db < at || de < db || de > text.size()) continue;
      kept->append(text.substr(at, db - at));
      kept->push_back('\n');
      at = de;
    }
    kept->append(text.substr(at));
    return *kept;
  }
  // Article i's verification set, sorted: from the cache, or rebuilt from the text into it.
  // The reference stays valid until the next call. Not for evicted articles (no text left).
  const Sketch& VerificationSet(uint32_t i) const {
    CachedSet& c = cache[i % kCacheSlots];
    if (c.article != i) {
      c.article = i;
      dedup::BuildVerificationSketch(ComparedText(i, &rebuild_text), options, &rebuild_scratch,
                                     &c.sketch);
    }
    dedup::FinalizeShingles(&c.sketch, &radix);
    return c.sketch;
  }
  // Template lines left out of each article: ranges [template_begin[i], template_begin[i+1]) of
  // template_ranges.
  dedup::TemplateLines templates{0};
  std::vector<uint32_t> template_begin{0};
  std::vector<std::pair<uint32_t, uint32_t>> template_ranges;
  std::span<const std::pair<uint32_t, uint32_t>> TemplateOf(uint32_t i) const {
    return std::span<const std::pair<uint32_t, uint32_t>>(template_ranges)
        .subspan(template_begin[i], template_begin[i + 1] - template_begin[i]);
  }
  std::vector<uint64_t> scratch_keys;
  std::vector<uint32_t> scratch_strong, scratch_verify, scratch_contain, scratch_shared;
  // Keeps (a, b) for alignment when their texts share enough shingles to hold one reused
  // passage: a passage of min_reuse_words words has min_reuse_words - shingle_words + 1
  // shingles; edits inside it may break up to half of them. A winnowed sample in common happens
  // by chance (stock phrases); this exact count rules those out.
  void MaybeReuse(uint32_t a, uint32_t b, size_t shared_shingles) {
    const int64_t per_passage =
        std::max<int64_t>(1, options.min_reuse_words - options.shingle_words + 1);
    if (2 * static_cast<int64_t>(shared_shingles) >= per_passage) {
      reuse_candidates.push_back(PairKey(a, b));
    }
  }
  void AlignPairs(const std::vector<uint64_t>& pairs, std::vector<PartialReuse>* out) const;

  // Snapshot's and Commit's steps, over the uncommitted articles [from, n) (from = committed).
  // The verified edges of each (CSR: edge[begin[i - from]..begin[i - from + 1]) index `edges`),
  // and how many articles each one contains.
  struct Adjacency {
    size_t from = 0;
    std::vector<uint32_t> begin, edge, contained_in;
  };
  Adjacency BuildAdjacency() const;
  // The uncommitted articles in the order that decides originals (DedupOptions::original_rule
  // or original_before; input order breaks ties).
  std::vector<uint32_t> OriginalOrder(const Adjacency& adj) const;
  // Walking `order`, an article becomes a copy of the best original it has a verified edge with
  // (committed, or earlier in the order; directly, or verified on the spot against a partner's
  // original), else an original itself. `result` holds every article; the committed ones' are
  // filled in first.
  void AssignOriginals(const Adjacency& adj, const std::vector<uint32_t>& order,
                       DedupResult* result) const;
  // The uncommitted articles settled: articles[k] is article committed + k.
  DedupResult Settle() const;
  // Partial reuse between articles of different groups.
  void FindPartialReuse(DedupResult* result) const;
};

void DedupIndex::Impl::Insert(uint32_t i, Sketch& sk) {
  if (sk.num_words == 0) return;
  // Candidates: partners proposed by an LSH band, and shared samples (kept across calls: this
  // runs once per article and should not allocate).
  std::vector<uint32_t>& strong = scratch_strong;  // partners from LSH bands
  std::vector<uint32_t>& shared = scratch_shared;  // one partner per shared sample
  strong.clear();
  shared.clear();
  // Candidates from a key's postings as they were before this article: the first article
  // (hub) and the newest kRecent, skipping evicted ones.
  auto collect = [&](const dedup::PostingTable::Postings& p, auto&& sink) {
    if (p.first == dedup::PostingTable::kNone) return;
    // (An article's own earlier key can come back when two of its keys are taken for one.)
    if (!evicted[p.first] && p.first != i) sink(p.first);
    const size_t n = std::min<size_t>(p.num_recent, kRecent);
    for (size_t k = 0; k < n; ++k) {
      if (!evicted[p.recent[k]] && p.recent[k] != i) sink(p.recent[k]);
    }
  };
  // Every key of this article first, with its slot prefetched, then one probe per key: the
  // table lookups are the index's cache misses, and this lets them overlap.
  std::vector<uint64_t>& band_keys = scratch_keys;
  BandKeys(sk, &band_keys);
  for (uint64_t key : band_keys) lsh.Prefetch(key);
  for (uint64_t h : sk.samples) samples.Prefetch(h);
  auto strong_sink = [&](uint32_t a) { strong.push_back(a); };
  for (uint64_t key : band_keys) {
    lsh.Upsert(key, i, [&](const auto& p) { collect(p, strong_sink); });
  }
  const uint32_t max_posting = static_cast<uint32_t>(options.max_posting);
  for (uint64_t h : sk.samples) {
    samples.Upsert(h, i, [&](const auto& p) {
      // A winnowed shingle carried by more than max_posting articles is template text: it
      // neither proposes candidates nor counts as shared.
      if (p.count >= max_posting) return;
      collect(p, [&](uint32_t a) { shared.push_back(a); });
    });
  }
  std::sort(strong.begin(), strong.end());
  strong.erase(std::unique(strong.begin(), strong.end()), strong.end());
  stats.lsh_candidates += strong.size();
  std::sort(shared.begin(), shared.end());
  std::vector<uint32_t>& verify = scratch_verify;
  verify.assign(strong.begin(), strong.end());
  std::vector<uint32_t>& contain = scratch_contain;  // partners found by shared samples
  contain.clear();
  for (size_t k = 0; k < shared.size();) {
    size_t j = k;
    while (j < shared.size() && shared[j] == shared[k]) ++j;
    const uint32_t a = shared[k];
    const double n_shared = static_cast<double>(j - k);
    const size_t smaller = std::min<size_t>(sample_count[a], sk.samples.size());
    // Every partner sharing a sample is verified exactly (one shared sample is what a 36-word
    // shared run guarantees): a copy whose edits are spread evenly can keep a Jaccard of 0.7
    // and share only a third of its samples, and the exact count that verification makes is
    // also what decides partial reuse. Without partial reuse, partners sharing a single
    // sample (stock phrases, almost never copies) are left out. Enough shared samples for the
    // shorter text's containment to come near the threshold counts as a containment candidate.
    const bool containment = n_shared >= 0.5 * options.containment_threshold * smaller;
    if (containment) ++stats.containment_candidates;
    if (containment || options.find_partial || n_shared >= 2) contain.push_back(a);
    k = j;
  }
  verify.insert(verify.end(), contain.begin(), contain.end());
  std::sort(verify.begin(), verify.end());
  verify.erase(std::unique(verify.begin(), verify.end()), verify.end());
  if (!verify.empty()) dedup::FinalizeShingles(&sk, &radix);
  for (uint32_t a : verify) {
    Edge e{};
    if (Verify(a, i, VerificationSet(a), sk, options, &e)) {
      edges.push_back(e);
      ++stats.verified_pairs;
    } else if (options.find_partial && std::binary_search(contain.begin(), contain.end(), a)) {
      // Shared samples but no copy: a partial-reuse candidate if enough shingles are shared.
      MaybeReuse(a, i, static_cast<size_t>(std::lround(e.contain_b_in_a * sk.shingles.size())));
    }
  }
}

DedupIndex::DedupIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DedupIndex::~DedupIndex() = default;

Result<std::unique_ptr<DedupIndex>> DedupIndex::Create(const DedupOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->templates = dedup::TemplateLines(options.template_min_articles);
  RETURN_IF_ERROR(LshParameters(options, &impl->bands, &impl->rows));
  return std::unique_ptr<DedupIndex>(new DedupIndex(std::move(impl)));
}

size_t DedupIndex::size() const { return impl_->words.size(); }
size_t DedupIndex::live_size() const { return impl_->live; }

void DedupIndex::Impl::SketchAndInsert(size_t base, size_t end) {
  // In chunks, so that the signatures and samples of a large batch are never all held at once.
  constexpr size_t kChunk = dedup::kSketchChunk;
  if (end - base > kChunk) {
    for (size_t at = base; at < end; at += kChunk) SketchAndInsert(at, std::min(end, at + kChunk));
    return;
  }
  pending.resize(end - base);
  evicted.resize(end, 0);
  words.resize(end, 0);
  // Template lines are learned in article order (cheap: one hash per short line), then the
  // articles are sketched in parallel without them.
  for (size_t k = base; k < end; ++k) {
    const Article& a = article(static_cast<uint32_t>(k));
    templates.Observe(ArticleOutlet(a), a.text, &template_ranges);
    template_begin.push_back(static_cast<uint32_t>(template_ranges.size()));
  }
  ParallelFor(end - base, ResolveThreads(options.threads), [&](size_t, size_t b, size_t e) {
    dedup::SketchScratch scratch;
    std::string kept;
    for (size_t k = base + b; k < base + e; ++k) {
      const std::string_view text = ComparedText(static_cast<uint32_t>(k), &kept);
      dedup::BuildSketch(text, options, &scratch, &pending[k - base], /*finalize=*/false);
      words[k] = pending[k - base].num_words;
    }
  });
  sample_count.resize(end, 0);
  if (reserve_for_bytes > 0) {
    // A batch's first chunk: samples per byte here, times the batch's bytes, with 4 % to spare
    // (a table that has to grow doubles).
    size_t chunk_bytes = 0, chunk_samples = 0;
    for (size_t k = base; k < end; ++k) {
      chunk_bytes += article(static_cast<uint32_t>(k)).text.size();
      chunk_samples += pending[k - base].samples.size();
    }
    const double per_byte = static_cast<double>(chunk_samples) / std::max<size_t>(1, chunk_bytes);
    samples.Reserve(static_cast<size_t>(per_byte * 1.04 * reserve_for_bytes) + 1024);
    reserve_for_bytes = 0;
  }
  for (size_t k = base; k < end; ++k) {
    const uint32_t i = static_cast<uint32_t>(k);
    Sketch& sk = pending[k - base];
    ++live;
    sample_count[i] = static_cast<uint16_t>(std::min<size_t>(sk.samples.size(), 0xFFFF));
    Insert(i, sk);
    if (text_source) states.push_back(EncodeState(i, sk, scratch_keys));
    // The signature and the winnowed shingles live on only as index keys; the shingle set goes
    // to the cache (copies mostly follow their original closely) and is rebuilt from the text
    // when a later candidate needs it after the cache dropped it.
    CachedSet& c = cache[i % kCacheSlots];
    c.article = i;
    c.sketch.exact = sk.exact;
    c.sketch.num_words = sk.num_words;
    c.sketch.shingles.swap(sk.shingles);
    c.sketch.shingles_final = sk.shingles_final;
    sk = Sketch();
  }
  pending.clear();
}

Status DedupIndex::Add(std::span<const Article> batch) {
  Impl& m = *impl_;
  const size_t base = m.owned.size();
  if (base + batch.size() >= (size_t{1} << 32) - 1) {
    return Status::ResourceExhausted("a dedup index holds at most 2^32 - 2 articles");
  }
  if (Status st = CheckTexts(batch); !st.ok()) return st;
  m.owned.insert(m.owned.end(), batch.begin(), batch.end());
  if (m.options.window_seconds <= 0) {
    m.SketchAndInsert(base, m.owned.size());
    return m.FullStatus();
  }
  // With a window, eviction happens between articles, as the newest timestamp advances; in
  // steps of a tenth of the window, so tables are not rebuilt for every article.
  size_t start = base;
  for (size_t k = base; k < m.owned.size(); ++k) {
    const Article& a = m.owned[k];
    if (!a.timestamp || *a.timestamp <= m.newest) continue;
    m.newest = *a.timestamp;
    // window_seconds is at most 10^10 and timestamps are years 0..9999: no overflow.
    const int64_t cutoff = m.newest - m.options.window_seconds;
    if (cutoff - m.options.window_seconds / 10 > m.last_cutoff) {
      m.SketchAndInsert(start, k);
      start = k;
      EvictBefore(cutoff);
    }
  }
  m.SketchAndInsert(start, m.owned.size());
  return m.FullStatus();
}

size_t DedupIndex::EvictBefore(int64_t cutoff) {
  Impl& m = *impl_;
  m.last_cutoff = std::max(m.last_cutoff, cutoff);
  std::vector<uint32_t> gone;
  for (uint32_t i = 0; i < m.words.size(); ++i) {
    const Article& a = m.article(i);
    if (!m.evicted[i] && a.timestamp && *a.timestamp < cutoff) gone.push_back(i);
  }
  if (gone.empty()) return 0;
  // Pairs waiting for alignment that involve an evicted article are aligned now, while both
  // texts are here.
  std::vector<uint64_t> now, later;
  SortUnique(&m.reuse_candidates);
  for (uint64_t p : m.reuse_candidates) {
    uint32_t a = static_cast<uint32_t>(p >> 32), b = static_cast<uint32_t>(p);
    bool ends = std::binary_search(gone.begin(), gone.end(), a) ||
                std::binary_search(gone.begin(), gone.end(), b);
    (ends ? now : later).push_back(p);
  }
  m.AlignPairs(now, &m.aligned);
  m.reuse_candidates.swap(later);
  for (uint32_t i : gone) {
    m.evicted[i] = 1;
    Impl::CachedSet& c = m.cache[i % Impl::kCacheSlots];
    if (c.article == i) c = Impl::CachedSet();
    if (m.borrowed.empty()) m.owned[i].text = std::string();
  }
  m.live -= gone.size();
  m.stats.evicted += gone.size();
  auto keep = [&](uint32_t a) { return !m.evicted[a]; };
  m.lsh.Filter(keep);
  m.samples.Filter(keep);
  return gone.size();
}

void DedupIndex::Impl::AlignPairs(const std::vector<uint64_t>& pairs,
                                  std::vector<PartialReuse>* out) const {
  if (pairs.empty()) return;
  // Texts are prepared once each, only for articles in some pair.
  std::vector<uint32_t> ids;
  for (uint64_t p : pairs) {
    ids.push_back(static_cast<uint32_t>(p >> 32));
    ids.push_back(static_cast<uint32_t>(p));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const int threads = ResolveThreads(options.threads);
  // Texts the index dropped are read back first, one at a time (the source need not be
  // thread-safe).
  std::vector<std::string> read_back(ids.size());
  for (size_t k = 0; k < ids.size(); ++k) {
    if (article(ids[k]).text.empty()) read_back[k] = TextOf(ids[k]);
  }
  std::vector<dedup::AlignText> texts(ids.size());
  ParallelFor(ids.size(), threads, [&](size_t, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const std::string& own = article(ids[k]).text;
      dedup::PrepareAlign(own.empty() ? read_back[k] : own, options, &texts[k], TemplateOf(ids[k]));
    }
  });
  auto text_of = [&](uint32_t id) -> const dedup::AlignText& {
    return texts[static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin())];
  };
  std::vector<PartialReuse> found(pairs.size());
  ParallelFor(pairs.size(), threads, [&](size_t, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      uint32_t a = static_cast<uint32_t>(pairs[k] >> 32), b = static_cast<uint32_t>(pairs[k]);
      // The source is the one published first; input order breaks ties (a < b).
      PartialReuse& r = found[k];
      r.source = PublishedBefore(article(b), article(a)) ? b : a;
      r.copy = r.source == a ? b : a;
      const dedup::AlignText& ct = text_of(r.copy);
      r.spans = dedup::AlignReuse(ct, text_of(r.source), options);
      uint64_t words = 0;
      for (const ReuseSpan& sp : r.spans) words += sp.words;
      r.coverage =
          ct.tokens.empty() ? 0.0 : std::min(1.0, static_cast<double>(words) / ct.tokens.size());
    }
  });
  for (PartialReuse& r : found) {
    if (!r.spans.empty()) out->push_back(std::move(r));
  }
}

DedupIndex::Impl::Adjacency DedupIndex::Impl::BuildAdjacency() const {
  // Edges are made when their later article is inserted, and Commit drops them: every edge has
  // an uncommitted end, and only those ends get lists.
  const size_t from = committed, n = words.size() - from;
  Adjacency adj;
  adj.from = from;
  adj.contained_in.assign(n, 0);
  adj.begin.assign(n + 1, 0);
  size_t ends = 0;
  for (const Edge& e : edges) {
    if (e.kind == DuplicateKind::kContained && e.inner >= from) ++adj.contained_in[e.inner - from];
    if (e.a >= from) ++adj.begin[e.a - from + 1], ++ends;
    if (e.b >= from) ++adj.begin[e.b - from + 1], ++ends;
  }
  adj.edge.resize(ends);
  for (size_t i = 0; i < n; ++i) adj.begin[i + 1] += adj.begin[i];
  std::vector<uint32_t> fill(adj.begin.begin(), adj.begin.end() - 1);
  for (uint32_t k = 0; k < edges.size(); ++k) {
    if (edges[k].a >= from) adj.edge[fill[edges[k].a - from]++] = k;
    if (edges[k].b >= from) adj.edge[fill[edges[k].b - from]++] = k;
  }
  return adj;
}

std::vector<uint32_t> DedupIndex::Impl::OriginalOrder(const Adjacency& adj) const {
  const size_t from = adj.from, n = words.size() - from;
  std::vector<uint8_t> wire(n, 0);
  for (size_t k = 0; k < n; ++k)
    wire[k] = IsWire(article(static_cast<uint32_t>(from + k)), options);
  auto complete_before = [&](uint32_t x, uint32_t y) -> int {
    if (adj.contained_in[x - from] != adj.contained_in[y - from]) {
      return adj.contained_in[x - from] > adj.contained_in[y - from] ? -1 : 1;
    }
    if (words[x] != words[y]) return words[x] > words[y] ? -1 : 1;
    return 0;
  };
  auto earliest_before = [&](uint32_t x, uint32_t y) -> int {
    if (PublishedBefore(article(x), article(y))) return -1;
    if (PublishedBefore(article(y), article(x))) return 1;
    return 0;
  };
  auto wire_before = [&](uint32_t x, uint32_t y) -> int {
    return wire[x - from] == wire[y - from] ? 0 : (wire[x - from] ? -1 : 1);
  };
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), static_cast<uint32_t>(from));
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (options.original_before) return options.original_before(article(x), article(y));
    int c = 0;
    switch (options.original_rule) {
      case OriginalRule::kEarliest:
        c = earliest_before(x, y);
        if (c == 0) c = wire_before(x, y);
        if (c == 0) c = complete_before(x, y);
        break;
      case OriginalRule::kMostComplete:
        c = complete_before(x, y);
        if (c == 0) c = earliest_before(x, y);
        if (c == 0) c = wire_before(x, y);
        break;
      case OriginalRule::kWireFirst:
        c = wire_before(x, y);
        if (c == 0) c = earliest_before(x, y);
        if (c == 0) c = complete_before(x, y);
        break;
    }
    return c < 0;
  });
  return order;
}

void DedupIndex::Impl::AssignOriginals(const Adjacency& adj, const std::vector<uint32_t>& order,
                                       DedupResult* result) const {
  // result->articles[k] is article from + k; committed articles are read where they are kept.
  const size_t n = words.size(), from = adj.from;
  std::vector<uint8_t> done(n - from, 0), is_original(n - from, 0);
  auto is_done = [&](uint32_t i) { return i < from || done[i - from]; };
  auto is_an_original = [&](uint32_t i) {
    if (i >= from) return is_original[i - from] != 0;
    const DuplicateKind k = KindOf(i, *result);
    return k == DuplicateKind::kNone || k == DuplicateKind::kPartial;
  };
  auto original_of = [&](uint32_t i) { return OriginalOf(i, *result); };
  // Exact over contained over near (a text wholly inside another is the stronger relation),
  // then the higher score.
  auto rank = [](DuplicateKind k) {
    return k == DuplicateKind::kExact ? 0 : k == DuplicateKind::kContained ? 1 : 2;
  };
  auto better = [&](const Edge& e, const Edge* best) {
    return best == nullptr || rank(e.kind) < rank(best->kind) ||
           (e.kind == best->kind && e.score() > best->score());
  };
  std::vector<uint32_t> tried;  // originals already verified for the current article
  for (uint32_t i : order) {
    const Edge* best = nullptr;
    Edge indirect;  // a verified edge to a partner's original, found on the spot
    uint32_t best_other = 0;
    tried.clear();
    for (uint32_t q = adj.begin[i - from]; q < adj.begin[i - from + 1]; ++q) {
      const Edge& e = edges[adj.edge[q]];
      const uint32_t other = e.a == i ? e.b : e.a;
      if (!is_done(other)) continue;
      if (is_an_original(other)) {
        if (better(e, best)) {
          best = &e;
          best_other = other;
        }
        continue;
      }
      // The partner is itself a copy (capped candidate lists may not pair us with the original
      // directly): verify against its original, so copies never chain. Evicted articles have
      // no sketch left to verify with, and a restored copy's original may not be here.
      if (original_of(other) < 0) continue;
      const uint32_t orig = static_cast<uint32_t>(original_of(other));
      if (std::find(tried.begin(), tried.end(), orig) != tried.end()) continue;
      tried.push_back(orig);
      if (evicted[i] || evicted[orig]) continue;
      Edge e2;
      const uint32_t lo = std::min(i, orig), hi = std::max(i, orig);
      const Sketch x = VerificationSet(lo);  // a copy: the second call may reuse its slot
      if (Verify(lo, hi, x, VerificationSet(hi), options, &e2) && better(e2, best)) {
        indirect = e2;
        best = &indirect;
        best_other = orig;
      }
    }
    done[i - from] = 1;
    if (best == nullptr) {
      is_original[i - from] = 1;
      continue;
    }
    DuplicateInfo& info = result->articles[i - from];
    info.duplicate_of = best_other;
    info.kind = best->kind;
    info.similarity = best->score();
    info.jaccard = best->jaccard;
    info.containment = std::max(best->contain_a_in_b, best->contain_b_in_a);
    ++result->stats.copies;
  }
}

// An exact or near copy's passages are its original's, so only originals and contained copies
// (pages that hold a whole text and more, which may hold passages of others too) take part.
void DedupIndex::Impl::FindPartialReuse(DedupResult* result) const {
  auto root = [&](uint32_t i) {
    const int64_t o = OriginalOf(i, *result);
    return o >= 0 ? static_cast<uint32_t>(o) : i;
  };
  auto takes_part = [&](uint32_t i) {
    const DuplicateKind k = KindOf(i, *result);
    return k != DuplicateKind::kExact && k != DuplicateKind::kNear;
  };
  auto originals = [&](uint64_t p) {
    const uint32_t a = static_cast<uint32_t>(p >> 32), b = static_cast<uint32_t>(p);
    return takes_part(a) && takes_part(b) && root(a) != root(b);
  };
  std::vector<uint64_t> pairs;
  for (uint64_t p : reuse_candidates) {
    if (originals(p)) pairs.push_back(p);
  }
  SortUnique(&pairs);
  result->stats.partial_candidates = pairs.size();
  AlignPairs(pairs, &result->reuse);
  for (const PartialReuse& r : aligned) {
    if (originals(PairKey(r.source, r.copy))) result->reuse.push_back(r);
  }
  std::sort(result->reuse.begin(), result->reuse.end(),
            [](const PartialReuse& x, const PartialReuse& y) {
              return x.copy != y.copy ? x.copy < y.copy : x.source < y.source;
            });
  result->stats.partial_pairs = result->reuse.size();
}

DedupResult DedupIndex::Impl::Settle() const {
  DedupResult result;
  result.articles.resize(words.size() - committed);
  result.stats = stats;
  result.stats.copies = 0;
  const Adjacency adj = BuildAdjacency();
  AssignOriginals(adj, OriginalOrder(adj), &result);
  if (options.find_partial) FindPartialReuse(&result);
  return result;
}

DedupResult DedupIndex::Snapshot() const {
  const Impl& m = *impl_;
  DedupResult settled = m.Settle();
  if (m.committed == 0) return settled;
  DedupResult result;
  result.articles.resize(m.committed);
  for (size_t i = 0; i < m.committed; ++i) {
    result.articles[i].duplicate_of = m.committed_original[i];
    result.articles[i].kind = m.committed_kind[i];
  }
  result.articles.insert(result.articles.end(), settled.articles.begin(), settled.articles.end());
  result.reuse = std::move(settled.reuse);
  result.stats = settled.stats;
  return result;
}

void DedupIndex::SetTextSource(TextSource source) { impl_->text_source = std::move(source); }

std::string DedupIndex::Impl::EncodeState(uint32_t i, const Sketch& sk,
                                          std::span<const uint64_t> band_keys) {
  std::string out;
  ByteWriter w(&out);
  w.Varint(sk.num_words);
  w.Varint(sample_count[i]);
  const auto drop = TemplateOf(i);
  w.Varint(drop.size());
  for (const auto& [b, e] : drop) {
    w.Varint(b);
    w.Varint(e - b);
  }
  if (sk.num_words == 0) return out;  // never inserted: no keys
  for (uint64_t k : band_keys) w.Fixed64(k);
  w.Varint(sk.samples.size());
  for (uint64_t h : sk.samples) w.Fixed64(h);
  return out;
}

Result<DedupIndex::DedupCommit> DedupIndex::Commit() {
  Impl& m = *impl_;
  DedupCommit c;
  c.first = m.committed;
  DedupResult all = m.Settle();
  if (!m.source_error.ok()) {
    Status st = m.source_error;
    m.source_error = Status::OK();
    return st;
  }
  const size_t n = m.words.size();
  c.result = std::move(all);
  c.article_states = std::move(m.states);
  m.states.clear();
  m.committed_original.resize(n);
  m.committed_kind.resize(n);
  for (size_t i = c.first; i < n; ++i) {
    m.committed_original[i] = c.result.articles[i - c.first].duplicate_of;
    m.committed_kind[i] = c.result.articles[i - c.first].kind;
    if (m.text_source && m.borrowed.empty()) m.owned[i].text = std::string();
  }
  m.committed = n;
  m.edges.clear();
  m.reuse_candidates.clear();
  m.aligned.clear();
  ByteWriter w(&c.index_state);
  w.SignedVarint(m.newest);
  w.SignedVarint(m.last_cutoff);
  m.templates.Save(&w);
  return c;
}

Status DedupIndex::Restore(std::string_view index_state, std::span<const Article> articles,
                           std::span<const std::string> article_states,
                           std::span<const DuplicateInfo> results) {
  Impl& m = *impl_;
  if (m.words.size() != 0) return Status::InvalidArgument("dedup: Restore into a used index");
  if (articles.size() != article_states.size() || articles.size() != results.size()) {
    return Status::InvalidArgument("dedup: Restore needs one state and one result per article");
  }
  if (articles.size() >= (size_t{1} << 32) - 1) {
    return Status::ResourceExhausted("a dedup index holds at most 2^32 - 2 articles");
  }
  const Status bad = Status::Corruption("dedup: damaged index state");
  // Damaged bytes leave an empty index again, with the same options and text source.
  auto reset = [&] {
    auto fresh = std::make_unique<Impl>();
    fresh->options = m.options;
    fresh->bands = m.bands;
    fresh->rows = m.rows;
    fresh->templates = dedup::TemplateLines(m.options.template_min_articles);
    fresh->text_source = std::move(m.text_source);
    impl_ = std::move(fresh);
    return bad;
  };
  {
    ByteReader r(index_state);
    m.newest = r.SignedVarint();
    m.last_cutoff = r.SignedVarint();
    if (!m.templates.Load(&r) || !r.ok() || !r.done()) return reset();
  }
  const size_t n = articles.size();
  m.owned.reserve(n);
  m.words.assign(n, 0);
  m.sample_count.assign(n, 0);
  m.evicted.assign(n, 0);
  m.committed_original.assign(n, -1);
  m.committed_kind.assign(n, DuplicateKind::kNone);
  for (size_t i = 0; i < n; ++i) {
    Article meta = articles[i];
    m.owned.push_back(std::move(meta));
    ByteReader r(article_states[i]);
    m.words[i] = static_cast<uint32_t>(r.Varint());
    m.sample_count[i] = static_cast<uint16_t>(std::min<uint64_t>(r.Varint(), 0xFFFF));
    const uint64_t ranges = r.Varint();
    if (!r.ok() || ranges > article_states[i].size()) return reset();
    uint64_t previous_end = 0;
    for (uint64_t k = 0; k < ranges; ++k) {
      const uint64_t b = r.Varint(), len = r.Varint();
      // Sorted, apart, and addressable with 32 bits (no wrap-around).
      if (b < previous_end || b > 0xFFFFFFFFu || len > 0xFFFFFFFFu - b) return reset();
      previous_end = b + len;
      m.template_ranges.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(b + len));
    }
    m.template_begin.push_back(static_cast<uint32_t>(m.template_ranges.size()));
    const uint32_t id = static_cast<uint32_t>(i);
    // An article the window had already evicted stays evicted: it is kept for the numbering but
    // matches nothing, as in the index that committed it.
    const bool gone = articles[i].timestamp && *articles[i].timestamp < m.last_cutoff;
    m.evicted[i] = gone;
    m.live += !gone;
    auto upsert = [&](dedup::PostingTable& table, uint64_t key) {
      if (!gone) table.Upsert(key, id, [](const auto&) {});
    };
    if (m.words[i] > 0) {
      for (int b = 0; b < m.bands; ++b) upsert(m.lsh, r.Fixed64());
      const uint64_t samples = r.Varint();
      if (!r.ok() || samples > article_states[i].size()) return reset();
      for (uint64_t k = 0; k < samples; ++k) upsert(m.samples, r.Fixed64());
    }
    if (!r.ok() || !r.done()) return reset();
    const DuplicateInfo& d = results[i];
    if (d.duplicate_of >= static_cast<int64_t>(n) || d.duplicate_of == static_cast<int64_t>(i)) {
      return reset();
    }
    m.committed_original[i] = d.duplicate_of;
    m.committed_kind[i] = d.kind;
    if (articles[i].timestamp) m.newest = std::max(m.newest, *articles[i].timestamp);
  }
  m.committed = n;
  return m.FullStatus();
}

size_t DedupIndex::MemoryBytes() const {
  const Impl& m = *impl_;
  size_t bytes = m.lsh.MemoryBytes() + m.samples.MemoryBytes();
  bytes += m.edges.capacity() * sizeof(Edge) + m.reuse_candidates.capacity() * 8;
  bytes += m.evicted.capacity() + m.words.capacity() * 4 + m.sample_count.capacity() * 2;
  bytes += m.templates.MemoryBytes() + m.template_begin.capacity() * 4 +
           m.template_ranges.capacity() * 8;
  bytes += m.cache.capacity() * sizeof(Impl::CachedSet) + m.pending.capacity() * sizeof(Sketch);
  for (const Impl::CachedSet& c : m.cache) bytes += c.sketch.shingles.capacity() * 4;
  return bytes;
}

std::string_view DuplicateKindName(DuplicateKind kind) {
  switch (kind) {
    case DuplicateKind::kNone:
      return "none";
    case DuplicateKind::kExact:
      return "exact";
    case DuplicateKind::kNear:
      return "near";
    case DuplicateKind::kContained:
      return "contained";
    case DuplicateKind::kPartial:
      return "partial";
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

Status LshParameters(const DedupOptions& o, int* bands, int* rows) {
  RETURN_IF_ERROR(Validate(o));
  if (o.lsh_bands > 0 && o.lsh_rows > 0) {
    *bands = o.lsh_bands;
    *rows = o.lsh_rows;
    return Status::OK();
  }
  // The search below costs ~10^5 pow calls; an index is created per batch, so remember it.
  static std::mutex mu;
  static std::map<std::tuple<double, int, int>, std::pair<int, int>> memo;
  const int max_bands = o.lsh_max_bands > 0 ? o.lsh_max_bands : o.num_hashes;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = memo.find({o.near_threshold, o.num_hashes, max_bands});
    if (it != memo.end()) {
      *bands = it->second.first;
      *rows = it->second.second;
      return Status::OK();
    }
  }
  // Minimise the area of false positives (below the threshold) plus false negatives (above it),
  // the criterion datasketch uses; integrate numerically.
  const double t = o.near_threshold;
  double best = 1e300;
  *bands = 1;
  *rows = 1;
  for (int r = 1; r <= o.num_hashes; ++r) {
    for (int b = 1; b * r <= o.num_hashes && b <= max_bands; ++b) {
      double fp = 0, fn = 0;
      const int steps = 200;
      for (int s = 0; s < steps; ++s) {
        double j = (s + 0.5) / steps;
        double p = LshMatchProbability(j, b, r);
        if (j < t)
          fp += p;
        else
          fn += 1 - p;
      }
      double cost = (fp + fn) / steps;
      if (cost < best - 1e-12) {
        best = cost;
        *bands = b;
        *rows = r;
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu);
  if (memo.size() < 64) memo[{o.near_threshold, o.num_hashes, max_bands}] = {*bands, *rows};
  return Status::OK();
}

Result<DedupResult> Deduplicate(std::span<const Article> articles, const DedupOptions& options) {
  DedupOptions o = options;
  o.window_seconds = 0;  // a batch sees everything at once
  auto index = DedupIndex::Create(o);
  if (!index.ok()) return index.status();
  if (articles.size() >= (size_t{1} << 32) - 1) return Status::InvalidArgument("too many articles");
  if (Status st = CheckTexts(articles); !st.ok()) return st;
  DedupIndex::Impl& m = *(*index)->impl_;
  m.borrowed = articles;  // no copies: the batch outlives the index
  // Room for every key up front, so the tables never grow: one per band per article, and the
  // winnowed samples estimated from the first chunk's samples per byte of text.
  const size_t na = articles.size();
  m.lsh.Reserve(na * static_cast<size_t>(m.bands));
  for (const Article& a : articles) m.reserve_for_bytes += a.text.size();
  if (!articles.empty()) m.SketchAndInsert(0, articles.size());
  if (Status st = m.FullStatus(); !st.ok()) return st;
  return (*index)->Snapshot();
}

}  // namespace storyline
