// Store: a persistent, incremental news database on SQLite — articles, their copies and reused
// passages, the stories they form and each story's brief, full-text search over them — fed batch
// by batch and queried at any time. The CLI's ingest/stories/show/search/export, the server and
// the Python bindings all go through this API.
//
// A batch is cleaned, deduplicated and clustered *against everything the store holds* (copies of
// stored articles are found, a late article joins the story it belongs to), then the briefs of
// the stories it changed are rebuilt. A story keeps its id for its whole life: ids count stories
// in order of creation, a merge keeps the older id and the other becomes an alias that still
// resolves. The whole batch is one SQLite transaction (WAL journal), so a crash leaves the store
// as it was before or after a batch, never in between.
//
// The schema is plain tables any SQLite tool can read (docs/store.md), with opaque blobs only for
// index state; PRAGMA user_version holds the schema version.
//
// Thread-safety: a Store is used by one thread at a time. Several processes may open one file:
// readers work while a writer ingests; a second writer waits busy_timeout_ms, then gets
// Unavailable ("database is busy").

#ifndef STORYLINE_STORE_H_
#define STORYLINE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "storyline/extract.h"
#include "storyline/status.h"
#include "storyline/stories.h"
#include "storyline/summarize.h"

namespace storyline {

struct StoreOptions {
  // How articles are cleaned, deduplicated, clustered and briefed (as storyline/pipeline.h's
  // PipelineOptions, whose defaults these are). Changing them between ingests of one store
  // changes how later batches are processed, never what is stored.
  bool clean_text = true;
  TextCleanOptions text_clean;
  // dedup.window_seconds is the store's hot window, 30 days unless set: new articles are
  // compared with the articles published within it before the newest stored one (and with every
  // undated one); reopening restores only those, from their stored keys. 0 keeps every article
  // hot (reopening then reads every article's keys).
  DedupOptions dedup = [] {
    DedupOptions o;
    o.window_seconds = 30 * 86400;
    return o;
  }();
  // cluster.idf_warmup is the store's warm-up, 1,000 originals unless set: while the store has
  // clustered fewer, each batch clusters everything it holds again (document frequencies from a
  // few hundred articles move with every batch), so a young store's stories are those of one run
  // over everything whatever the batching; later originals are weighted with the frequencies of
  // the stream up to themselves. 0: the store never clusters again, and each batch is weighted
  // with the frequencies of the store and the whole batch.
  ClusterOptions cluster = [] {
    ClusterOptions o;
    o.idf_warmup = 1000;
    return o;
  }();
  BriefOptions brief;
  // Open for queries only: Ingest fails, nothing is created, a missing file is NotFound.
  bool read_only = false;
  // SQLite's page cache for this Store, in bytes: the hot window's rows, the indexes' upper
  // levels and the search index's recent segments stay in memory between batches and queries.
  // Each open Store has its own (a server's readers too: measured, a quarter of it each cut
  // story-page throughput by 30 %).
  uint64_t page_cache_bytes = 64ull << 20;
  // How long a reader or writer waits for a lock another process holds before Unavailable.
  int busy_timeout_ms = 5000;
  // The largest the database file may grow, in bytes (0: no limit beyond the disk's). A batch
  // that would pass it fails with ResourceExhausted and stores nothing.
  uint64_t max_bytes = 0;
};

// InvalidArgument when any option is out of range; OK otherwise. Store::Open calls it.
Status Validate(const StoreOptions& options);

// What one Ingest did.
struct IngestReport {
  uint64_t received = 0;        // articles in the batch
  uint64_t added = 0;           // stored now
  uint64_t already_stored = 0;  // same URL, or the same text when there is no URL: skipped
  uint64_t copies = 0;          // added articles that are copies of another
  uint64_t stories_created = 0;
  uint64_t stories_updated = 0;         // stories whose brief was rebuilt (created ones included)
  std::vector<int32_t> story_of;        // per received article: its story id (0 for skipped ones)
  std::vector<std::string> article_id;  // per received article: its stored id ("" skipped)
  // Per received article: true when it was already stored (and skipped).
  std::vector<bool> skipped;
  // Per received article: the id of the stored article it is a copy of ("" when it is not a
  // copy, or was skipped), and the kind of copy.
  std::vector<std::string> duplicate_of;
  std::vector<DuplicateKind> duplicate_kind;
  // Seconds spent in each step of the batch: loading the writer's state (the first batch after
  // opening), selecting the new articles, cleaning, dedup, clustering, writing the articles,
  // rebuilding the changed stories, saving the index state, committing.
  struct Seconds {
    double load = 0, select = 0, clean = 0, dedup = 0, cluster = 0, write = 0, stories = 0,
           state = 0, commit = 0;
  } seconds;
};

// A story as listed: the fields of `storyline stories`.
struct StoryListing {
  int32_t story = 0;
  std::string headline;
  int64_t size = 0;       // articles, copies included
  int64_t originals = 0;  // articles that are not copies
  int64_t outlets = 0;    // distinct known outlets
  std::optional<int64_t> first_timestamp, last_timestamp;
  std::vector<std::string> summary;
  int64_t updated = 0;  // the ingest batch that last changed it
};

struct StoryQuery {
  std::optional<int64_t> since, until;  // the story's last / first date bounds (seconds, UTC)
  std::string outlet;                   // only stories with an original of this outlet
  int64_t min_articles = 1;             // only stories of at least this many articles
  size_t limit = 20;                    // at most this many
  // The order without a text query: kNewest (the last batch that changed the story, then last
  // date, then id, all descending) or kLargest (articles, then id, descending).
  enum class Order : uint8_t { kNewest, kLargest } order = Order::kNewest;
  // A full-text query (Search's syntax): only stories with a matching article, best match
  // first. The other filters apply after the ranked match, to its best kMaxRankedStories
  // stories, so a narrow filter over a common word may list fewer than exist.
  std::string text;
  // Where a page starts: "" for the first, else a StoryPage::next_cursor of the same query.
  std::string cursor;
};

// One page of a story list.
struct StoryPage {
  std::vector<StoryListing> stories;
  std::string next_cursor;  // "" when this is the last page
};

// How many stories a text query ranks before the other filters apply.
inline constexpr size_t kMaxRankedStories = 1000;

// An outlet and what the store holds of it.
struct OutletCounts {
  std::string outlet;  // ArticleOutlet: the source, else the URL's host; "" for unknown
  int64_t articles = 0, originals = 0, copies = 0;
};

// A full-text search hit: a story (its best-matching article) or an article.
struct SearchHit {
  int32_t story = 0;
  std::string headline;  // the story's
  std::string article;   // the matching article's id
  std::string title, source, date;
  double score = 0;     // bm25: higher is better
  std::string snippet;  // matched words wrapped in [ and ]
};

// One JSON object for a search hit: {story, headline, score, snippet} for a story hit, or
// {id, story, title, source, date, score, snippet} for an article hit (`article`).
std::string SearchHitToJson(const SearchHit& hit, bool article);

// One JSON object for a listed story: {story, headline, size, originals, outlets,
// first_date, last_date (ISO 8601 UTC or null), summary: [sentence], updated}.
std::string StoryListingToJson(const StoryListing& story);
// One JSON object for an outlet: {outlet ("(unknown)" for ""), articles, originals, copies}.
std::string OutletCountsToJson(const OutletCounts& outlet);

class Store {
 public:
  // Opens the store at `path`, creating it (and its schema) when missing unless read_only.
  // Errors: InvalidArgument for invalid options; NotFound for a missing read-only store;
  // Corruption for a file that is not a Storyline store or is damaged; NotSupported for a store
  // written by a newer version; IOError for files that cannot be read or written; Unavailable
  // when another process holds the store past busy_timeout_ms.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Adds `batch` (consumed) in one transaction. Articles already stored (the same URL, or the
  // same text when there is no URL) are skipped and counted; an id the store already uses for
  // another article is renamed "<id>~2", "<id>~3"... Errors: InvalidArgument on a read-only
  // store; Unavailable when busy; ResourceExhausted when the disk
  // or max_bytes is full; on any error nothing of the batch is stored and the store stays usable.
  Result<IngestReport> Ingest(std::vector<Article> batch);

  // Stories in query.order (newest-updated first by default); best match first with a text
  // query. A page and a cursor to the next: pages of a query never repeat or skip a story that
  // stayed as it was (keyset paging; with a text query, the rank's offset).
  // Errors: InvalidArgument for a malformed cursor or text query.
  Result<StoryPage> StoryList(const StoryQuery& query) const;
  // The stories of StoryList's first page (the cursor is not read).
  Result<std::vector<StoryListing>> Stories(const StoryQuery& query) const;
  // The articles of story `id` (an alias resolves), in date order, at most `limit`, as one JSON
  // object: {story, total, articles: [{id, source, title, date, duplicate_of, duplicate_kind,
  // reused_from: [id]}]}. Errors: NotFound.
  Result<std::string> StoryArticlesJson(int32_t id, size_t limit) const;
  // Article `id` as one JSON object: id, url, source, title, date, story, story_score,
  // duplicate_of (an id or null), duplicate_kind, similarity, jaccard, containment, text (the
  // cleaned text: what clustering, briefs and search read), copies ([{id, source, kind}], the
  // articles that copy it), reused_from ([{article, title, source, coverage, passages: [{begin,
  // end, source_begin, source_end, words}]}]: the passages of earlier articles it reuses, byte
  // offsets into the two texts, aligned again from the stored texts), reused_by ([{article,
  // title, source, coverage}]). Errors: NotFound.
  Result<std::string> ArticleJson(std::string_view id) const;
  // Copy `id` beside its original, for a copy view, as one JSON object: kind, similarity, copy
  // and original ({id, source, title, date, text}: the cleaned texts) and marks ({copy:
  // [{begin, end, kind}], original: [...]}: MarkCopy's byte ranges).
  // Errors: NotFound when there is no such article or it is not a copy.
  Result<std::string> CopyJson(std::string_view id) const;
  // Every outlet with its article, original and copy counts, most articles first.
  Result<std::vector<OutletCounts>> Outlets() const;
  // The stories.jsonl object of story `id` (an alias resolves to the story it was merged into).
  // Errors: NotFound.
  Result<std::string> StoryJson(int32_t id) const;
  // Story `id` (an alias resolves) as a PipelineResult holding only its articles, for the
  // format functions (FormatReport, FormatHtmlReport): its brief is rebuilt from the stored
  // articles with this store's options. Errors: NotFound.
  Result<PipelineResult> StoryResult(int32_t id) const;
  // The story `id` resolves to (itself, or the story an alias was merged into). NotFound.
  Result<int32_t> ResolveStory(int32_t id) const;
  // Full-text search (SQLite FTS5, bm25 over titles and texts): stories (each with its best
  // article) or, with `articles`, articles. Phrases ("..."), AND, OR, NOT and prefix* work.
  // Errors: InvalidArgument for a malformed query.
  Result<std::vector<SearchHit>> Search(std::string_view query, bool articles, size_t limit) const;
  // Every story and article as `storyline run` writes them (stories.jsonl objects, largest
  // first; articles.jsonl objects in arrival order), one call per line.
  Status Export(const std::function<void(std::string_view)>& story_line,
                const std::function<void(std::string_view)>& article_line) const;

  // The id of the last batch stored (0 before the first), by this or any other process: it
  // changes whenever the store changes, so an answer computed at one value is current while
  // the value stays. Cheap (one index lookup).
  Result<int64_t> LastBatch() const;

  // Counts of what is stored.
  struct Counts {
    int64_t articles = 0, stories = 0, copies = 0, batches = 0;
  };
  Result<Counts> Count() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace storyline

#endif  // STORYLINE_STORE_H_
