// Dedup: exact copies, near-copies and contained copies (a wire story inside a page's
// boilerplate), each pointing at its original.
//
// Layers, all on word shingles of the normalised text (storyline/text.h):
//   exact      128-bit hash of the normalised token stream;
//   near       Jaccard similarity of shingle sets >= near_threshold; candidates from MinHash
//              (one-permutation hashing with densification) and LSH banding;
//   contained  the shorter text's shingles lie in the longer text's set at a rate
//              >= containment_threshold; candidates from an inverted index of winnowed shingles;
//   partial    passages of at least min_reuse_words words of one text copied into another that
//              is not a whole copy; pairs sharing winnowed shingles are aligned shingle by
//              shingle, and the reused spans are reported with byte offsets in both texts.
// Every candidate pair is verified on the exact shingle sets before it is reported, so groups
// never chain through unverified pairs, and every copy points directly at its original.
//
// The original of a group is chosen by DedupOptions::original_rule (documented on the enum).
//
// Streaming: DedupIndex takes articles one at a time or in batches, in a time window with
// eviction; Deduplicate is a DedupIndex fed the whole input, so the two agree by construction.
//
// Thread-safety: Deduplicate is reentrant. A DedupIndex needs external synchronisation for
// every call, Snapshot() and MemoryBytes() included: Snapshot() fills the index's cache of
// verification sets.

#ifndef STORYLINE_DEDUP_H_
#define STORYLINE_DEDUP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline {

enum class DuplicateKind : uint8_t {
  kNone = 0,       // an original (or a unique article)
  kExact = 1,      // identical normalised text
  kNear = 2,       // Jaccard >= near_threshold
  kContained = 3,  // its original is contained in it (or it in its original) >= threshold
  // Never set in DuplicateInfo: an article with reused passages is not a copy, and may reuse
  // several sources. Used for the entries of DedupResult::reuse in DedupGroupsToJsonLines.
  kPartial = 4,
};

// "exact", "near", "contained", "partial" or "none".
std::string_view DuplicateKindName(DuplicateKind kind);

// How the original of a group of copies is chosen: the first article in this order that has a
// verified edge to a copy. Every rule ends with input order, so it is a total order.
enum class OriginalRule : uint8_t {
  // Earliest publication (undated last); then a wire outlet (DedupOptions::wire_sources); then
  // the most complete text: the one most partners are contained in (a wire story inside several
  // pages' boilerplate), then the longest; then input order.
  kEarliest = 0,
  // The most complete text first (contained-in count, then length), then earliest, then wire.
  kMostComplete = 1,
  // A wire outlet first, then as kEarliest.
  kWireFirst = 2,
};

struct DedupOptions {
  // Words per shingle. Shorter shingles match more paraphrase but also more unrelated text.
  int shingle_words = 5;
  // MinHash signature length (one-permutation bins). More bins: finer estimates, more memory.
  int num_hashes = 128;
  // Verified Jaccard at or above which two texts are near-duplicates.
  double near_threshold = 0.5;
  // Verified containment (shared shingles / shingles of the shorter text) at or above which the
  // shorter text counts as contained in the longer one.
  double containment_threshold = 0.8;
  // Texts with fewer words are never reported as contained (a one-line text is contained in
  // anything that quotes it).
  int min_containment_words = 40;
  // Winnowing window, in shingles: of every `winnow_window` consecutive shingles the smallest
  // hash is indexed (about 2 / (window + 1) of all shingles). Any passage of at least
  // winnow_window + shingle_words - 1 words shared by two texts is guaranteed to share an
  // indexed shingle, which is what makes a pair a containment or partial-reuse candidate (36
  // words at the defaults, below min_reuse_words).
  int winnow_window = 32;
  // Find partially reused passages between texts that are not copies of each other.
  bool find_partial = true;
  // Reused passages shorter than this many words are not reported.
  int min_reuse_words = 40;
  // Two aligned runs of shared shingles separated by at most this many words (an edited word, a
  // dropped sentence) are one passage.
  int reuse_gap_words = 12;
  // Sampled shingles carried by more articles than this are treated as template text and do not
  // generate candidates.
  int max_posting = 1000;  // in [2, 65535]
  // Per-outlet template lines: a line (header, footer, share bar) that this many earlier articles
  // of the same outlet (ArticleOutlet) carried is left out of that outlet's later articles
  // before they are compared, so template text neither makes two different articles look like
  // copies nor hides a copy. Learned online in article order; 0 turns it off. Articles without
  // a source are compared as they are.
  int template_min_articles = 3;
  // LSH bands and rows per band; 0 derives them from near_threshold and num_hashes, with at most
  // lsh_max_bands bands (0: no limit). Each band is one index key per article (8 bytes of
  // postings): the winnowed index already proposes every pair sharing a 36-word run, so the
  // bands are for copies whose edits are spread too evenly to leave one.
  int lsh_bands = 0;
  int lsh_rows = 0;
  int lsh_max_bands = 8;
  // How originals are chosen; see OriginalRule.
  OriginalRule original_rule = OriginalRule::kEarliest;
  // Outlets (ArticleOutlet, compared case-insensitively) that write wire stories. Empty means
  // the built-in list: Associated Press, AP, Reuters, AFP, Agence France-Presse, dpa, Bloomberg,
  // UPI, PA Media, EFE, ANSA, Xinhua, Kyodo, TASS.
  std::vector<std::string> wire_sources;
  // When set, replaces the rule: returns true when `a` is a better original than `b`. Must be a
  // strict weak ordering; input order breaks its ties.
  std::function<bool(const Article& a, const Article& b)> original_before;
  // Streaming only (DedupIndex): articles published more than this many seconds before the
  // newest article added are evicted and no longer match new articles. Eviction runs in steps
  // of a tenth of the window, so an article can match for up to 1.1 windows; an article that
  // arrives already older than the window matches until the next step. 0 keeps everything;
  // at most 10^10.
  int64_t window_seconds = 0;
  // Seed of every hash function: results are deterministic for a given seed.
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  // Worker threads for sketching; 0 uses every core.
  int threads = 0;
};

// What dedup says about one article.
struct DuplicateInfo {
  int64_t duplicate_of = -1;  // index of its original in the input, or -1
  DuplicateKind kind = DuplicateKind::kNone;
  double similarity = 0.0;   // Jaccard for exact/near; containment for contained; 0 if none
  double jaccard = 0.0;      // verified Jaccard with its original (0 if none)
  double containment = 0.0;  // verified containment of the shorter text in the longer one
};

// One reused passage: bytes [begin, end) of the reusing text match bytes
// [source_begin, source_end) of the source text (offsets into Article::text, on UTF-8 character
// boundaries).
struct ReuseSpan {
  uint32_t begin = 0, end = 0;
  uint32_t source_begin = 0, source_end = 0;
  uint32_t words = 0;  // words of the reusing text inside the span
};

// Passages of `source` reused in `copy`. The source is the one published first (input order
// breaks ties).
struct PartialReuse {
  uint32_t source = 0;  // index in the input
  uint32_t copy = 0;
  std::vector<ReuseSpan> spans;  // in the copy's text order
  double coverage = 0.0;         // share of the copy's words inside the spans
};

struct DedupStats {
  uint64_t lsh_candidates = 0;          // distinct pairs proposed by MinHash LSH
  uint64_t containment_candidates = 0;  // distinct pairs proposed by the sampled-shingle index
  uint64_t verified_pairs = 0;          // pairs that passed exact verification
  uint64_t partial_candidates = 0;      // pairs aligned for partial reuse
  uint64_t partial_pairs = 0;           // pairs with at least one reused passage
  uint64_t evicted = 0;                 // articles evicted from a streaming index
  uint64_t copies = 0;                  // articles that are copies of another
};

struct DedupResult {
  std::vector<DuplicateInfo> articles;  // one per input article, same order
  // Partial reuse between articles of different copy groups, sorted by (copy, source). Exact
  // and near copies take no part (their passages are their original's); originals and
  // contained copies (a page holding a whole text plus more) do.
  std::vector<PartialReuse> reuse;
  DedupStats stats;
};

// InvalidArgument when `options` are out of range (each field's range is in its comment and in
// the message); OK otherwise. Every entry point that takes DedupOptions calls it first.
Status Validate(const DedupOptions& options);

// Returns the (bands, rows) used for `options`: the explicit ones if set, else the pair with
// bands * rows <= num_hashes and bands <= lsh_max_bands that minimises the false-positive plus
// false-negative area of the LSH S-curve around near_threshold.
// Errors: InvalidArgument for invalid options (then *bands and *rows are untouched).
Status LshParameters(const DedupOptions& options, int* bands, int* rows);

// Probability that LSH with `bands` x `rows` proposes a pair of Jaccard similarity `j`.
double LshMatchProbability(double j, int bands, int rows);

// A live dedup index. Articles are numbered in the order they are added (0, 1, ...); Snapshot()
// Snapshot() reports on all of them with those numbers as indices. Sketching runs on
// options.threads; insertion is sequential in article order, so results do not depend on how
// articles are batched or on the thread count, and Snapshot() after adding a sequence equals
// Deduplicate over it (as long as nothing was evicted).
class DedupIndex {
 public:
  // Errors: InvalidArgument for options out of range.
  static Result<std::unique_ptr<DedupIndex>> Create(const DedupOptions& options);
  ~DedupIndex();
  DedupIndex(const DedupIndex&) = delete;
  DedupIndex& operator=(const DedupIndex&) = delete;

  // Adds `articles` after those already added. Copies of the articles are kept (the text for
  // alignment) until they are evicted. Errors: InvalidArgument for a text of 4 GiB or more
  // (nothing is added); ResourceExhausted past 2^32 - 2 articles (nothing is added), or when the
  // index's tables are full (2^32 - 1 postings: articles are added but no longer indexed).
  Status Add(std::span<const Article> articles);
  Status Add(const Article& article) { return Add(std::span<const Article>(&article, 1)); }

  // Evicts every article published before `cutoff` (seconds since the Unix epoch; undated
  // articles are never evicted by time). Evicted articles keep the results found so far but no
  // longer match articles added later. Returns how many were evicted.
  size_t EvictBefore(int64_t cutoff);

  // Copy relations and reused passages among every article added so far. After a Commit,
  // committed articles keep the results they were given and the reuse reported covers only
  // pairs with an article added since.
  DedupResult Snapshot() const;

  // ---- Keeping the index between runs (a store) ------------------------------------------------
  //
  // A store adds a batch, commits it, writes the commit's results and per-article state next to
  // its articles, and lets the index drop their texts; a later process restores the articles of
  // its hot window from that state (no text is read or tokenised) and goes on.

  // Reads article `article`'s text back (into *text) once the index has dropped it. With a
  // source set, Commit drops the texts of the articles it commits and keeps each article's
  // index keys until then (for DedupCommit::article_states).
  using TextSource = std::function<Status(size_t article, std::string* text)>;
  void SetTextSource(TextSource source);

  // The articles added since the last Commit (all of them at the first), settled: their copy
  // links (to each other or to committed articles) and the reuse with one of them at an end.
  // Committed articles are never re-labelled: a late article that is older than a committed
  // copy's original does not take that copy over. The index then forgets the pairs among
  // committed articles. Errors: what the text source returned (nothing is committed then).
  struct DedupCommit {
    size_t first = 0;    // the first article committed; result.articles[k] is article first + k
    DedupResult result;  // indices (duplicate_of, source, copy) count from article 0
    // Per committed article, its index keys (only with a text source), for Restore.
    std::vector<std::string> article_states;
    // What the index learned across articles (each outlet's template lines, the window).
    std::string index_state;
  };
  Result<DedupCommit> Commit();

  // Restores committed articles into a new, empty index: `articles` their metadata (timestamp,
  // source, URL; the text may be empty: it is read through the text source when needed),
  // `article_states` from DedupCommit::article_states, `results` their committed results
  // (duplicate_of in the numbering of this call's articles; -1 for a copy whose original is not
  // restored), and `index_state` from the latest commit. The restored articles are numbered
  // 0.. in the order given and count as committed. Errors: Corruption for state bytes that are
  // not such a state, InvalidArgument when the index is not empty or the spans differ in size.
  Status Restore(std::string_view index_state, std::span<const Article> articles,
                 std::span<const std::string> article_states,
                 std::span<const DuplicateInfo> results);

  size_t size() const;       // articles added
  size_t live_size() const;  // articles not evicted
  // Bytes held by the index beyond the articles' own fields (sketches, tables, edges).
  size_t MemoryBytes() const;

 private:
  struct Impl;
  explicit DedupIndex(std::unique_ptr<Impl> impl);
  friend Result<DedupResult> Deduplicate(std::span<const Article>, const DedupOptions&);
  std::unique_ptr<Impl> impl_;
};

// Named operating points. "syndicated" (the default): near-duplicates at Jaccard >= 0.5 with LSH
// bands derived for it, containment >= 0.8, partial reuse on; for news, where a reposted wire story
// sits inside another page's boilerplate. "near-identical": Jaccard >= 0.8, containment >= 0.9,
// no partial reuse; for cleaning corpora of copies. Returns InvalidArgument for other names.
Status ApplyDedupPreset(std::string_view name, DedupOptions* options);

// The preset names ApplyDedupPreset accepts.
std::vector<std::string_view> DedupPresetNames();

// Finds the copies among `articles` (their `text` fields; timestamps decide originals).
// Errors: InvalidArgument for options out of range.
Result<DedupResult> Deduplicate(std::span<const Article> articles, const DedupOptions& options);

}  // namespace storyline

#endif  // STORYLINE_DEDUP_H_
