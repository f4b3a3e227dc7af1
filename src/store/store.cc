#include "storyline/store.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cluster/stream.h"
#include "common/hash.h"
#include "common/json_writer.h"
#include "common/status_macros.h"
#include "format/json_parts.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "storyline/format.h"

namespace storyline {
namespace {

using store::Database;
using store::Statement;

std::string Fingerprint(std::string_view text) {
  const Hash128 h = HashBytes128(text);
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(h.low >> (8 * i));
    out[8 + i] = static_cast<char>(h.high >> (8 * i));
  }
  return out;
}

std::string UtcNow() {
  const std::time_t t = std::time(nullptr);
  return FormatIsoDate(static_cast<int64_t>(t));
}

DuplicateKind KindFromName(std::string_view name) {
  if (name == "exact") return DuplicateKind::kExact;
  if (name == "near") return DuplicateKind::kNear;
  if (name == "contained") return DuplicateKind::kContained;
  return DuplicateKind::kNone;
}

// A story's id in a store: 1 + the seq of the article that opened it (StoryIdOf's rule, with the
// store's arrival numbers), and back.
int64_t StoryIdOpenedBy(int64_t seq) { return seq + 1; }
int64_t OpenerOf(int64_t story_id) { return story_id - 1; }

// Seconds since the last lap (or construction).
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// The article columns every reader selects, in this order, starting at column 1 (column 0 is
// `seq`); the text is `text_column` (the text as published, or the cleaned one).
std::string ArticleColumns(std::string_view text_column) {
  return "id, url, source, title, date, published, " + std::string(text_column);
}
Article ReadArticle(const Statement& row) {
  Article a;
  a.id = row.Text(1);
  a.url = row.Text(2);
  a.source = row.Text(3);
  a.title = row.Text(4);
  a.date = row.Text(5);
  a.timestamp = row.OptionalInt(6);
  a.text = row.Text(7);
  return a;
}

}  // namespace

std::string SearchHitToJson(const SearchHit& h, bool article) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  if (article) {
    w.StringField("id", h.article);
    w.IntField("story", h.story);
    w.StringOrNullField("title", h.title);
    w.StringOrNullField("source", h.source);
    w.StringOrNullField("date", h.date);
  } else {
    w.IntField("story", h.story);
    w.StringField("headline", h.headline);
  }
  w.DoubleField("score", h.score);
  w.StringField("snippet", h.snippet);
  w.EndObject();
  return out;
}

std::string StoryListingToJson(const StoryListing& s) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.IntField("story", s.story);
  w.StringField("headline", s.headline);
  w.IntField("size", s.size);
  w.IntField("originals", s.originals);
  w.IntField("outlets", s.outlets);
  for (const auto& [key, t] : {std::pair{"first_date", &s.first_timestamp},
                               std::pair{"last_date", &s.last_timestamp}}) {
    if (*t) {
      w.StringField(key, FormatIsoDate(**t));
    } else {
      w.NullField(key);
    }
  }
  w.StringArrayField("summary", s.summary);
  w.IntField("updated", s.updated);
  w.EndObject();
  return out;
}

std::string OutletCountsToJson(const OutletCounts& o) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringField("outlet", OutletDisplayName(o.outlet));
  w.IntField("articles", o.articles);
  w.IntField("originals", o.originals);
  w.IntField("copies", o.copies);
  w.EndObject();
  return out;
}

Status Validate(const StoreOptions& options) {
  RETURN_IF_ERROR(Validate(options.text_clean));
  RETURN_IF_ERROR(Validate(options.dedup));
  RETURN_IF_ERROR(Validate(options.cluster));
  RETURN_IF_ERROR(Validate(options.brief));
  if (options.busy_timeout_ms < 0) return Status::InvalidArgument("busy_timeout_ms must be >= 0");
  return Status::OK();
}

struct Store::Impl {
  StoreOptions options;
  Database db;
  // The writer's state, loaded from the database at the first Ingest and dropped after a failed
  // one (the database is the truth; memory follows it).
  bool loaded = false;
  std::unique_ptr<DedupIndex> dedup;
  // The dedup index numbers its articles from 0: the hot window's restored articles, then the
  // batches since. seq_of maps those numbers to article seqs (ascending).
  std::vector<int64_t> seq_of;
  Statement read_text;  // the dedup index's text source
  std::unique_ptr<cluster::StoryClusterer> clusterer;
  TemplateModel templates;
  int64_t articles = 0;  // stored articles: the next seq

  Status LoadWriterState();
  bool ids_by_opener = true;  // false for a store migrated from version 1 (ids in creation order)
  // Story ids (stories.id: 1 + the seq of the article that opened the story, StoryIdOf) and the
  // clusterer's story numbers, both ways; looked up in story_index and remembered.
  std::unordered_map<int32_t, int64_t> id_of;
  Result<int64_t> StoryId(int32_t number);
  Result<int32_t> StoryNumber(int64_t id) const;
  // The start of a window of `window` seconds ending at the newest stored article (INT64_MIN
  // when the window is 0 or nothing is dated).
  Result<int64_t> WindowStart(int64_t window) const;

  Status RestoreClusterer();
  Status SplitVersion1Clusterer();
  Status NewDedupIndex();
  Status RestoreDedupIndex();
  Status FillDedupKeys();
  int64_t LocalOf(int64_t seq) const;
  struct Batch;
  Status IngestInTransaction(std::vector<Article>& batch, int64_t batch_id, IngestReport* report);
  Status SelectNew(std::vector<Article>& batch, Batch* out, IngestReport* report);
  Status Clean(Batch* b);
  Status Deduplicate(Batch* b);
  void Cluster(Batch* b);
  Status Recluster(Batch* b);
  Status UpdateReclustered(int64_t batch_id, const Batch& b, IngestReport* report);
  Status WriteArticles(size_t received, int64_t batch_id, const Batch& b, IngestReport* report);
  Status UpdateStories(int64_t batch_id, const Batch& b, IngestReport* report);
  // The batch's index state: the story index, the template model, the dedup index's state.
  Status SaveState(std::string_view dedup_state);
  // Writes one named blob of the `state` table.
  Status PutState(std::string_view name, std::string_view bytes);
  Status SaveClusterer(std::string_view head,
                       const std::vector<cluster::StoryClusterer::SavedStory>& stories);
  Status RebuildStories(const std::set<int32_t>& roots, int64_t batch_id);
  Result<Story> LoadAndBuildStory(int64_t id, PipelineResult* local) const;
  Status WriteStory(int64_t id, const Story& story, const PipelineResult& local, int64_t batch_id);
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const Database::Mode mode =
      options.read_only ? Database::Mode::kReadOnly : Database::Mode::kReadWriteCreate;
  ASSIGN_OR_RETURN(impl->db, Database::Open(path, mode, options.busy_timeout_ms));
  Database& db = impl->db;
  // SQLite's default cache is 2 MiB; the default here is 64 MiB (StoreOptions).
  RETURN_IF_ERROR(db.Exec("PRAGMA cache_size = -" +
                          std::to_string(std::max<uint64_t>(1, options.page_cache_bytes >> 10))));
  if (!options.read_only) {
    // WAL: readers never block the writer nor it them; a commit is atomic and survives the
    // process being killed (synchronous=NORMAL may lose the last batch on power loss, never the
    // file's consistency).
    RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
    RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
    // Checkpoints every 64 MiB of WAL rather than SQLite's 4 MiB: a batch of 1,000 articles
    // writes ~10 MiB, and fewer, larger checkpoints halve the time commits take; the WAL file is
    // cut back to 64 MiB after each.
    RETURN_IF_ERROR(db.Exec("PRAGMA wal_autocheckpoint = 16384"));
    RETURN_IF_ERROR(db.Exec("PRAGMA journal_size_limit = 67108864"));
    if (options.max_bytes > 0) {
      ASSIGN_OR_RETURN(const std::optional<int64_t> page, db.QueryInt("PRAGMA page_size"));
      const uint64_t pages = std::max<uint64_t>(1, options.max_bytes / page.value_or(4096));
      RETURN_IF_ERROR(db.Exec("PRAGMA max_page_count = " + std::to_string(pages)));
    }
  }
  RETURN_IF_ERROR(store::PrepareSchema(db, options.read_only));
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

// ---- Writer state ------------------------------------------------------------------------------

Status Store::Impl::LoadWriterState() {
  loaded = false;
  id_of.clear();
  ASSIGN_OR_RETURN(const std::optional<int64_t> creation_ids,
                   db.QueryInt("SELECT count(*) FROM meta WHERE key = 'story_ids' AND value = "
                               "'creation'"));
  ids_by_opener = creation_ids.value_or(0) == 0;
  clusterer = std::make_unique<cluster::StoryClusterer>(options.cluster);
  templates = TemplateModel();
  ASSIGN_OR_RETURN(store::StatementLease state_ptr, db.Cached("SELECT name, bytes FROM state"));
  Statement& state = *state_ptr;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, state.Step());
    if (!row) break;
    const std::string_view name = state.Text(0);
    if (name == "templates") {
      ASSIGN_OR_RETURN(templates, TemplateModel::Deserialize(state.Blob(1)));
    }
  }
  RETURN_IF_ERROR(RestoreClusterer());
  // Seqs and story ids are dense (0.. and 1..): their maxima give the counts without a scan.
  ASSIGN_OR_RETURN(const std::optional<int64_t> last, db.QueryInt("SELECT max(seq) FROM articles"));
  articles = last.value_or(-1) + 1;
  RETURN_IF_ERROR(RestoreDedupIndex());
  ASSIGN_OR_RETURN(const std::optional<int64_t> stories,
                   db.QueryInt("SELECT max(story) + 1 FROM story_index"));
  if (static_cast<size_t>(stories.value_or(0)) != clusterer->num_stories()) {
    return Status::Corruption("store: the story index does not match the stories table");
  }
  loaded = true;
  return Status::OK();
}

// The story index: its head and the stories that may still take members (not frozen, with a
// member within the clustering window before the newest stored article, or undated); every
// other story comes back frozen.
Status Store::Impl::RestoreClusterer() {
  RETURN_IF_ERROR(SplitVersion1Clusterer());
  ASSIGN_OR_RETURN(store::StatementLease head_ptr,
                   db.Cached("SELECT bytes FROM state WHERE name = 'clusterer_head'"));
  Statement& head = *head_ptr;
  ASSIGN_OR_RETURN(const bool has_head, head.Step());
  if (!has_head) {
    clusterer = std::make_unique<cluster::StoryClusterer>(options.cluster);
    return Status::OK();
  }
  ASSIGN_OR_RETURN(const int64_t cutoff, WindowStart(options.cluster.time_window_seconds));
  ASSIGN_OR_RETURN(store::StatementLease live_ptr,
                   // Two index ranges, sorted below (an OR or an ORDER BY makes SQLite scan).
                   db.Cached("SELECT story, newest, state FROM story_index WHERE frozen = 0 AND "
                             "newest >= ?1 UNION ALL SELECT story, newest, state FROM story_index "
                             "WHERE frozen = 0 AND newest IS NULL"));
  Statement& live = *live_ptr;
  live.Bind(1, cutoff);
  std::vector<cluster::StoryClusterer::SavedStory> stories;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, live.Step());
    if (!row) break;
    cluster::StoryClusterer::SavedStory st;
    st.story = static_cast<int32_t>(live.Int(0));
    st.newest = live.OptionalInt(1);
    st.bytes = live.Blob(2);
    stories.push_back(std::move(st));
  }
  std::sort(stories.begin(), stories.end(),
            [](const auto& x, const auto& y) { return x.story < y.story; });
  ASSIGN_OR_RETURN(cluster::StoryClusterer c,
                   cluster::StoryClusterer::Restore(head.Blob(0), stories, options.cluster));
  clusterer = std::make_unique<cluster::StoryClusterer>(std::move(c));
  return Status::OK();
}

// A version-1 store kept the story index as one blob ('clusterer'): it becomes a head and a
// row per story, once, in one transaction.
Status Store::Impl::SplitVersion1Clusterer() {
  ASSIGN_OR_RETURN(store::StatementLease old_ptr,
                   db.Cached("SELECT bytes FROM state WHERE name = 'clusterer'"));
  Statement& old = *old_ptr;
  ASSIGN_OR_RETURN(const bool has_old, old.Step());
  if (!has_old) return Status::OK();
  std::string head;
  std::vector<cluster::StoryClusterer::SavedStory> stories;
  RETURN_IF_ERROR(cluster::StoryClusterer::SplitVersion1(old.Blob(0), &head, &stories));
  old.Reset();
  for (const auto& st : stories) id_of[st.story] = st.story + 1;  // version 1's ids
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status st = SaveClusterer(head, stories);
  if (st.ok()) st = db.Exec("DELETE FROM state WHERE name = 'clusterer'");
  if (st.ok()) st = db.Exec("INSERT OR REPLACE INTO meta VALUES ('story_ids', 'creation')");
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

Status Store::Impl::PutState(std::string_view name, std::string_view bytes) {
  ASSIGN_OR_RETURN(store::StatementLease put,
                   db.Cached("INSERT INTO state (name, bytes) VALUES (?1, ?2) "
                             "ON CONFLICT(name) DO UPDATE SET bytes = excluded.bytes"));
  return (*put).Bind(1, name).BindBlob(2, bytes).Run();
}

Status Store::Impl::SaveClusterer(std::string_view head,
                                  const std::vector<cluster::StoryClusterer::SavedStory>& stories) {
  RETURN_IF_ERROR(PutState("clusterer_head", head));
  ASSIGN_OR_RETURN(store::StatementLease story_ptr,
                   db.Cached("INSERT OR REPLACE INTO story_index (story, id, newest, frozen, "
                             "state) VALUES (?1, ?2, ?3, ?4, ?5)"));
  Statement& story = *story_ptr;
  for (const cluster::StoryClusterer::SavedStory& st : stories) {
    ASSIGN_OR_RETURN(const int64_t id, StoryId(st.story));
    RETURN_IF_ERROR(story.Bind(1, static_cast<int64_t>(st.story))
                        .Bind(2, id)
                        .BindOptional(3, st.newest)
                        .Bind(4, static_cast<int64_t>(st.frozen))
                        .BindBlob(5, st.bytes)
                        .Run());
  }
  return Status::OK();
}

Result<int64_t> Store::Impl::WindowStart(int64_t window) const {
  if (window <= 0) return INT64_MIN;
  ASSIGN_OR_RETURN(const std::optional<int64_t> newest,
                   db.QueryInt("SELECT max(published) FROM articles"));
  if (!newest || *newest < INT64_MIN + window) return INT64_MIN;  // (dates set through the API)
  return *newest - window;
}

Result<int64_t> Store::Impl::StoryId(int32_t number) {
  auto it = id_of.find(number);
  if (it != id_of.end()) return it->second;
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   db.Cached("SELECT id FROM story_index WHERE story = ?1"));
  Statement& q = *q_ptr;
  ASSIGN_OR_RETURN(const bool row, q.Bind(1, static_cast<int64_t>(number)).Step());
  if (!row) return Status::Corruption("store: story " + std::to_string(number) + " has no id");
  return id_of[number] = q.Int(0);
}

Result<int32_t> Store::Impl::StoryNumber(int64_t id) const {
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   db.Cached("SELECT story FROM story_index WHERE id = ?1"));
  Statement& q = *q_ptr;
  ASSIGN_OR_RETURN(const bool row, q.Bind(1, id).Step());
  if (!row) return Status::Corruption("store: story id " + std::to_string(id) + " is unknown");
  return static_cast<int32_t>(q.Int(0));
}

Status Store::Impl::NewDedupIndex() {
  seq_of.clear();
  ASSIGN_OR_RETURN(dedup, DedupIndex::Create(options.dedup));
  ASSIGN_OR_RETURN(read_text, db.Prepare("SELECT text FROM articles WHERE seq = ?1"));
  // Texts the index dropped are read back by seq (inside the writer's transaction, so a batch's
  // own articles are there once written; until then the index holds their texts).
  dedup->SetTextSource([this](size_t i, std::string* text) -> Status {
    if (i >= seq_of.size()) return Status::Internal("store: dedup asked for an unknown article");
    Statement& q = read_text;
    q.Reset();  // a step that failed last time left it mid-way
    q.Bind(1, seq_of[i]);
    ASSIGN_OR_RETURN(const bool row, q.Step());
    if (row) text->assign(q.Text(0));
    q.Reset();
    if (!row)
      return Status::Corruption("store: the text of article " + std::to_string(seq_of[i]) +
                                " is missing");
    return Status::OK();
  });
  return Status::OK();
}

int64_t Store::Impl::LocalOf(int64_t seq) const {
  auto it = std::lower_bound(seq_of.begin(), seq_of.end(), seq);
  return it != seq_of.end() && *it == seq ? it - seq_of.begin() : -1;
}

// The articles of the hot window (published within the dedup window before the newest stored
// article, and every undated one) go back into the dedup index from their stored keys; older
// ones stay in the database only. No text is read.
Status Store::Impl::RestoreDedupIndex() {
  ASSIGN_OR_RETURN(const std::optional<int64_t> keyed,
                   db.QueryInt("SELECT max(seq) FROM dedup_keys"));
  if (keyed.value_or(-1) + 1 != articles) RETURN_IF_ERROR(FillDedupKeys());
  RETURN_IF_ERROR(NewDedupIndex());
  if (articles == 0) return Status::OK();
  ASSIGN_OR_RETURN(store::StatementLease state_ptr,
                   db.Cached("SELECT bytes FROM state WHERE name = 'dedup'"));
  Statement& state = *state_ptr;
  ASSIGN_OR_RETURN(const bool has_state, state.Step());
  if (!has_state) return Status::Corruption("store: the dedup index state is missing");
  const std::string index_state(state.Blob(0));
  state.Reset();
  // The dedup window moves in steps of a tenth of it: an article matches for up to 1.1 windows.
  const int64_t window = options.dedup.window_seconds;
  ASSIGN_OR_RETURN(const int64_t cutoff, WindowStart(window + window / 10));
  ASSIGN_OR_RETURN(
      store::StatementLease hot_ptr,
      // Two index ranges (an OR of them in one WHERE makes SQLite scan every article).
      db.Cached("SELECT a.seq, a.published, a.source, a.url, a.duplicate_of, a.duplicate_kind, "
                "k.keys FROM articles a JOIN dedup_keys k ON k.seq = a.seq WHERE a.seq IN "
                "(SELECT seq FROM articles WHERE published >= ?1 UNION ALL SELECT seq FROM "
                "articles WHERE published IS NULL) ORDER BY a.seq"));
  Statement& hot = *hot_ptr;
  hot.Bind(1, cutoff);
  std::vector<Article> meta;
  std::vector<std::string> keys;
  std::vector<DuplicateInfo> results;
  std::vector<int64_t> original_seq;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, hot.Step());
    if (!row) break;
    seq_of.push_back(hot.Int(0));
    Article a;
    a.timestamp = hot.OptionalInt(1);
    a.source = hot.Text(2);
    a.url = hot.Text(3);
    meta.push_back(std::move(a));
    original_seq.push_back(hot.IsNull(4) ? -1 : hot.Int(4));
    DuplicateInfo d;
    d.kind = KindFromName(hot.Text(5));
    results.push_back(d);
    keys.emplace_back(hot.Blob(6));
  }
  for (size_t i = 0; i < results.size(); ++i) {
    if (original_seq[i] >= 0) results[i].duplicate_of = LocalOf(original_seq[i]);
  }
  return dedup->Restore(index_state, meta, keys, results);
}

// A store written before the keys were kept (schema version 1): every stored text goes through
// a dedup index once, in arrival order, and its keys are written; the results already stored
// stay as they are.
Status Store::Impl::FillDedupKeys() {
  RETURN_IF_ERROR(NewDedupIndex());
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status st = [&]() -> Status {
    RETURN_IF_ERROR(db.Exec("DELETE FROM dedup_keys"));
    ASSIGN_OR_RETURN(
        store::StatementLease texts_ptr,
        db.Cached("SELECT seq, " + ArticleColumns("text") + " FROM articles ORDER BY seq"));
    Statement& texts = *texts_ptr;
    ASSIGN_OR_RETURN(store::StatementLease put_ptr,
                     db.Cached("INSERT INTO dedup_keys (seq, keys) VALUES (?1, ?2)"));
    Statement& put = *put_ptr;
    std::vector<Article> slice;
    for (;;) {
      ASSIGN_OR_RETURN(const bool row, texts.Step());
      if (row) {
        seq_of.push_back(texts.Int(0));
        slice.push_back(ReadArticle(texts));
      }
      if (slice.size() == 4096 || (!row && !slice.empty())) {
        RETURN_IF_ERROR(dedup->Add(slice));
        ASSIGN_OR_RETURN(DedupIndex::DedupCommit c, dedup->Commit());
        for (size_t k = 0; k < c.article_states.size(); ++k) {
          RETURN_IF_ERROR(put.Bind(1, seq_of[c.first + k]).BindBlob(2, c.article_states[k]).Run());
        }
        RETURN_IF_ERROR(PutState("dedup", c.index_state));
        slice.clear();
      }
      if (!row) break;
    }
    return Status::OK();
  }();
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

Status Store::Impl::SaveState(std::string_view dedup_state) {
  RETURN_IF_ERROR(SaveClusterer(clusterer->SerializeHead(), clusterer->TakeChanged()));
  // Stories past the clustering window are frozen: their rows keep no term vector (reopening
  // restores them frozen anyway; a late article that still joins one saves it whole again).
  ASSIGN_OR_RETURN(const int64_t frozen_before, WindowStart(options.cluster.time_window_seconds));
  if (frozen_before != INT64_MIN) {
    ASSIGN_OR_RETURN(store::StatementLease freeze_ptr,
                     db.Cached("UPDATE story_index SET frozen = 1, state = x'' WHERE frozen = 0 "
                               "AND newest < ?1"));
    RETURN_IF_ERROR((*freeze_ptr).Bind(1, frozen_before).Run());
  }
  RETURN_IF_ERROR(PutState("templates", templates.Serialize()));
  return PutState("dedup", dedup_state);
}

// ---- Ingest ------------------------------------------------------------------------------------

Result<IngestReport> Store::Ingest(std::vector<Article> batch) {
  Impl& m = *impl_;
  if (m.options.read_only) return Status::InvalidArgument("the store was opened read-only");
  IngestReport report;
  Stopwatch clock;
  if (!m.loaded) RETURN_IF_ERROR(m.LoadWriterState());
  report.seconds.load = clock.Lap();
  RETURN_IF_ERROR(m.db.Exec("BEGIN IMMEDIATE"));
  Status st;
  int64_t batch_id = 0;
  {
    Result<std::optional<int64_t>> last = m.db.QueryInt("SELECT max(id) FROM batches");
    st = last.status();
    if (st.ok()) batch_id = last->value_or(0) + 1;
  }
  if (st.ok()) st = m.IngestInTransaction(batch, batch_id, &report);
  clock.Lap();
  if (st.ok()) st = m.db.Exec("COMMIT");
  report.seconds.commit = clock.Lap();
  if (!st.ok()) {
    (void)m.db.Exec("ROLLBACK");
    m.loaded = false;  // memory may be ahead of the database: reload at the next batch
    return st;
  }
  return report;
}

// A batch on its way into the store.
struct Store::Impl::Batch {
  std::vector<size_t> keep;          // indices of the received articles that are new
  std::vector<Article> fresh;        // those articles (moved out of the received batch)
  std::vector<std::string> prints;   // their fingerprints
  std::vector<std::string> cleaned;  // their cleaned texts ("" when cleaning is off or empty)
  int64_t first = 0;                 // the seq of fresh[0]
  DedupIndex::DedupCommit dedup;     // the batch settled by the dedup index (its numbering)
  std::vector<DuplicateInfo> info;   // per fresh article: its copy link (duplicate_of a seq)
  std::vector<cluster::StoryClusterer::Link> links;
  cluster::StoryClusterer::BatchResult clusters;
  std::vector<int32_t> merged_before;
  size_t stories_before = 0;
  // Recluster: the stored articles' stories (ids) before and after, by seq.
  std::vector<int64_t> old_story, new_story;
  std::vector<double> old_score, new_score;
};

Status Store::Impl::IngestInTransaction(std::vector<Article>& received, int64_t batch_id,
                                        IngestReport* report) {
  report->received = received.size();
  report->story_of.assign(received.size(), 0);
  report->article_id.assign(received.size(), "");
  report->skipped.assign(received.size(), false);
  report->duplicate_of.assign(received.size(), "");
  report->duplicate_kind.assign(received.size(), DuplicateKind::kNone);
  Batch b;
  IngestReport::Seconds& t = report->seconds;
  Stopwatch clock;
  RETURN_IF_ERROR(SelectNew(received, &b, report));
  t.select = clock.Lap();
  if (options.clean_text) RETURN_IF_ERROR(Clean(&b));
  t.clean = clock.Lap();
  RETURN_IF_ERROR(Deduplicate(&b));
  t.dedup = clock.Lap();
  // A young store clusters everything again (not one migrated from version 1, whose story ids
  // are not those of openers; nor one that holds ten times the warm-up in articles, mostly
  // copies; nor for a batch that adds nothing).
  const bool young = ids_by_opener && !b.fresh.empty() &&
                     clusterer->num_originals() < options.cluster.idf_warmup &&
                     static_cast<uint64_t>(b.first) < 10 * options.cluster.idf_warmup;
  if (young) {
    RETURN_IF_ERROR(Recluster(&b));
  } else {
    Cluster(&b);
  }
  t.cluster = clock.Lap();
  RETURN_IF_ERROR(WriteArticles(received.size(), batch_id, b, report));
  t.write = clock.Lap();
  if (young) {
    RETURN_IF_ERROR(UpdateReclustered(batch_id, b, report));
  } else {
    RETURN_IF_ERROR(UpdateStories(batch_id, b, report));
  }
  t.stories = clock.Lap();
  RETURN_IF_ERROR(SaveState(b.dedup.index_state));
  t.state = clock.Lap();
  return Status::OK();
}

// Already stored: the same URL, or the same text when there is no URL (inside the batch too).
// The others get a free id and their timestamp.
Status Store::Impl::SelectNew(std::vector<Article>& batch, Batch* out, IngestReport* report) {
  std::vector<size_t>& keep = out->keep;
  std::vector<std::string>& prints = out->prints;
  ASSIGN_OR_RETURN(store::StatementLease by_url_ptr,
                   db.Cached("SELECT 1 FROM articles WHERE url = ?1"));
  Statement& by_url = *by_url_ptr;
  ASSIGN_OR_RETURN(store::StatementLease by_text_ptr,
                   db.Cached("SELECT 1 FROM articles WHERE fingerprint = ?1 AND url IS NULL"));
  Statement& by_text = *by_text_ptr;
  ASSIGN_OR_RETURN(store::StatementLease by_id_ptr,
                   db.Cached("SELECT 1 FROM articles WHERE id = ?1"));
  Statement& by_id = *by_id_ptr;
  std::unordered_set<std::string> batch_urls, batch_prints, batch_ids;
  for (size_t i = 0; i < batch.size(); ++i) {
    Article& a = batch[i];
    std::string print = Fingerprint(a.text);
    bool stored = false;
    if (!a.url.empty()) {
      ASSIGN_OR_RETURN(stored, by_url.Bind(1, a.url).Step());
      by_url.Reset();
      stored |= !batch_urls.insert(a.url).second;
    } else {
      ASSIGN_OR_RETURN(stored, by_text.BindBlob(1, print).Step());
      by_text.Reset();
      stored |= !batch_prints.insert(print).second;
    }
    if (stored) {
      report->skipped[i] = true;
      ++report->already_stored;
      continue;
    }
    // A taken id is renamed as RunPipeline renames repeats.
    std::string id = a.id.empty() ? "article" : a.id;
    for (int suffix = 2;; ++suffix) {
      ASSIGN_OR_RETURN(const bool taken, by_id.Bind(1, id).Step());
      by_id.Reset();
      if (!taken && !batch_ids.count(id)) break;
      id = (a.id.empty() ? "article" : a.id) + "~" + std::to_string(suffix);
    }
    batch_ids.insert(id);
    a.id = std::move(id);
    if (!a.timestamp && !a.date.empty()) SetArticleDate(&a, a.date);
    keep.push_back(i);
    prints.push_back(std::move(print));
  }
  std::vector<Article>& fresh = out->fresh;
  fresh.reserve(keep.size());
  for (size_t i : keep) fresh.push_back(std::move(batch[i]));
  out->first = articles;
  return Status::OK();
}

// The outlets' template lines learn the batch, then the batch is cleaned.
Status Store::Impl::Clean(Batch* b) {
  const size_t n = b->fresh.size();
  std::vector<Article>& fresh = b->fresh;
  std::vector<std::string>& cleaned = b->cleaned;
  cleaned.assign(n, std::string());
  {
    for (const Article& a : fresh) templates.Observe(ArticleOutlet(a), a.text);
    for (size_t k = 0; k < n; ++k) {
      ASSIGN_OR_RETURN(cleaned[k], CleanText(fresh[k].text, ArticleOutlet(fresh[k]), &templates,
                                             options.text_clean));
      if (cleaned[k].find_first_not_of(" \n\t") == std::string::npos) cleaned[k].clear();
    }
  }

  return Status::OK();
}

// Dedup against the hot window (the texts as published); copies never chain.
Status Store::Impl::Deduplicate(Batch* b) {
  const size_t n = b->fresh.size();
  const int64_t first = b->first;
  if (b->cleaned.empty()) b->cleaned.assign(n, std::string());
  const size_t local_first = seq_of.size();
  for (size_t k = 0; k < n; ++k) seq_of.push_back(first + static_cast<int64_t>(k));
  RETURN_IF_ERROR(dedup->Add(b->fresh));
  ASSIGN_OR_RETURN(b->dedup, dedup->Commit());
  if (b->dedup.first != local_first || b->dedup.result.articles.size() != n ||
      b->dedup.article_states.size() != n) {
    return Status::Internal("store: the dedup index and the store disagree on the batch");
  }
  // From the index's numbers to seqs.
  for (PartialReuse& r : b->dedup.result.reuse) {
    r.source = static_cast<uint32_t>(seq_of[r.source]);
    r.copy = static_cast<uint32_t>(seq_of[r.copy]);
  }
  ASSIGN_OR_RETURN(store::StatementLease stored_dup_ptr,
                   db.Cached("SELECT duplicate_of, story FROM articles WHERE seq = ?1"));
  Statement& stored_dup = *stored_dup_ptr;
  std::vector<DuplicateInfo>& info = b->info;
  std::vector<cluster::StoryClusterer::Link>& links = b->links;
  info = b->dedup.result.articles;
  links.assign(n, cluster::StoryClusterer::Link());
  for (size_t k = 0; k < n; ++k) {
    if (info[k].duplicate_of < 0) continue;
    const int64_t o = seq_of[static_cast<size_t>(info[k].duplicate_of)];
    info[k].duplicate_of = o;
    if (o >= first) {
      links[k].original = static_cast<int32_t>(o - first);
      continue;
    }
    // A stored original (the index links copies to originals only; a stored copy's own
    // original is taken should one come back).
    ASSIGN_OR_RETURN(const bool row, stored_dup.Bind(1, o).Step());
    if (!row) return Status::Corruption("store: a copy points at a missing article");
    if (!stored_dup.IsNull(0)) {
      info[k].duplicate_of = stored_dup.Int(0);
      stored_dup.Reset();
      ASSIGN_OR_RETURN(const bool row2, stored_dup.Bind(1, info[k].duplicate_of).Step());
      if (!row2) return Status::Corruption("store: a copy points at a missing article");
    }
    const int64_t stored_story = stored_dup.Int(1);
    stored_dup.Reset();
    ASSIGN_OR_RETURN(links[k].known_story, StoryNumber(stored_story));
  }
  return Status::OK();
}

// Clustering reads the cleaned texts (as RunPipeline does), against the stories stored.
void Store::Impl::Cluster(Batch* b) {
  const size_t n = b->fresh.size();
  std::vector<Article> for_clusters = b->fresh;
  for (size_t k = 0; k < n; ++k) {
    if (!b->cleaned[k].empty()) for_clusters[k].text = b->cleaned[k];
  }
  b->merged_before = clusterer->merged_into();
  b->stories_before = clusterer->num_stories();
  b->clusters = clusterer->Add(for_clusters, b->links);
  for_clusters.clear();
  // A new story's id: 1 + the seq of the article that opened it (StoryIdOf).
  for (size_t s = b->stories_before; s < clusterer->num_stories(); ++s) {
    id_of[static_cast<int32_t>(s)] = StoryIdOpenedBy(
        b->first + static_cast<int64_t>(b->clusters.opened_by[s - b->stories_before]));
  }
}

// A young store clusters everything it holds again, with the batch: a fresh clusterer takes the
// stored articles (cleaned texts, copy links as stored) and the batch as one batch, so its stories
// are those of one run over everything, whatever the batching was.
Status Store::Impl::Recluster(Batch* b) {
  const size_t n = b->fresh.size();
  const size_t stored = static_cast<size_t>(b->first);
  std::vector<Article> all;
  std::vector<cluster::StoryClusterer::Link> links;
  all.reserve(stored + n);
  links.reserve(stored + n);
  b->old_story.reserve(stored);
  ASSIGN_OR_RETURN(store::StatementLease rows_ptr,
                   // Copies are clustered through their originals: their texts are not read.
                   db.Cached("SELECT seq, " +
                             ArticleColumns("CASE WHEN duplicate_of IS NULL THEN "
                                            "coalesce(clean_text, text) END") +
                             ", duplicate_of, story, story_score FROM articles ORDER BY seq"));
  Statement& rows = *rows_ptr;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, rows.Step());
    if (!row) break;
    if (rows.Int(0) != static_cast<int64_t>(all.size()) || all.size() >= stored) {
      return Status::Corruption("store: gap in article numbers");
    }
    all.push_back(ReadArticle(rows));
    cluster::StoryClusterer::Link l;
    if (!rows.IsNull(8)) l.original = static_cast<int32_t>(rows.Int(8));
    links.push_back(l);
    b->old_story.push_back(rows.Int(9));
    b->old_score.push_back(rows.Double(10));
  }
  if (all.size() != stored) return Status::Corruption("store: gap in article numbers");
  for (size_t k = 0; k < n; ++k) {
    all.push_back(b->fresh[k]);
    if (!b->cleaned[k].empty()) all.back().text = b->cleaned[k];
    cluster::StoryClusterer::Link l;
    if (b->info[k].duplicate_of >= 0) l.original = static_cast<int32_t>(b->info[k].duplicate_of);
    links.push_back(l);
  }
  clusterer = std::make_unique<cluster::StoryClusterer>(options.cluster);
  cluster::StoryClusterer::BatchResult r = clusterer->Add(all, links);
  all.clear();
  id_of.clear();
  for (size_t s = 0; s < clusterer->num_stories(); ++s) {
    id_of[static_cast<int32_t>(s)] = StoryIdOpenedBy(static_cast<int64_t>(r.opened_by[s]));
  }
  b->new_story.resize(stored);
  b->new_score.resize(stored);
  for (size_t i = 0; i < stored; ++i) {
    ASSIGN_OR_RETURN(b->new_story[i], StoryId(r.story[i]));
    b->new_score[i] = r.score[i];
  }
  // The batch's part, as Cluster gives it.
  b->clusters.story.assign(r.story.begin() + static_cast<ptrdiff_t>(stored), r.story.end());
  b->clusters.score.assign(r.score.begin() + static_cast<ptrdiff_t>(stored), r.score.end());
  b->stories_before = 0;
  return Status::OK();
}

// After Recluster: stored articles move to their new stories; every story of the new clustering
// gets its row (an id seen before keeps its row and creation batch); an id of the old clustering
// that is no story now becomes an alias of the story that holds the article that opened it; the
// stories whose members changed get their briefs rebuilt; the story index is written whole.
Status Store::Impl::UpdateReclustered(int64_t batch_id, const Batch& b, IngestReport* report) {
  const size_t stored = b.old_story.size();
  std::set<int32_t> changed;  // clusterer numbers of live stories to rebuild
  std::set<int64_t> left;     // old ids that lost a member
  ASSIGN_OR_RETURN(store::StatementLease move_ptr,
                   db.Cached("UPDATE articles SET story = ?2, story_score = ?3 WHERE seq = ?1"));
  Statement& move = *move_ptr;
  std::unordered_map<int64_t, int32_t> number_of;  // the new clustering's ids -> numbers
  for (const auto& [number, id] : id_of) number_of[id] = number;
  for (size_t i = 0; i < stored; ++i) {
    if (b.new_story[i] == b.old_story[i] && b.new_score[i] == b.old_score[i]) continue;
    RETURN_IF_ERROR(move.Bind(1, static_cast<int64_t>(i))
                        .Bind(2, b.new_story[i])
                        .Bind(3, b.new_score[i])
                        .Run());
    if (b.new_story[i] != b.old_story[i]) {
      left.insert(b.old_story[i]);
      changed.insert(number_of.at(b.new_story[i]));
    }
  }
  // Every story now: live or merged (an alias of its root).
  std::map<int64_t, int64_t> now;  // id -> merged into (0: live)
  for (size_t s = 0; s < clusterer->num_stories(); ++s) {
    ASSIGN_OR_RETURN(const int64_t id, StoryId(static_cast<int32_t>(s)));
    const int32_t root = clusterer->Root(static_cast<int32_t>(s));
    int64_t into = 0;
    if (root != static_cast<int32_t>(s)) {
      ASSIGN_OR_RETURN(into, StoryId(root));
    }
    now[id] = into;
  }
  for (size_t k = 0; k < b.fresh.size(); ++k) changed.insert(clusterer->Root(b.clusters.story[k]));
  // Old ids: kept when still a story of the new clustering, else aliases: a story of the old
  // clustering of the story now holding the article that opened it (or, for ids not given by
  // openers, its first member); an old alias of where its old target went.
  ASSIGN_OR_RETURN(store::StatementLease ids_ptr, db.Cached("SELECT id, merged_into FROM stories"));
  Statement& ids = *ids_ptr;
  std::map<int64_t, int64_t> old_into;  // old id -> old merged_into (0: live)
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, ids.Step());
    if (!row) break;
    old_into[ids.Int(0)] = ids.IsNull(1) ? 0 : ids.Int(1);
  }
  std::unordered_map<int64_t, int64_t> first_member;
  for (size_t i = stored; i-- > 0;) first_member[b.old_story[i]] = static_cast<int64_t>(i);
  for (const auto& [id, into] : old_into) {
    if (into != 0 || now.count(id)) continue;
    int64_t member = OpenerOf(id);
    if (member < 0 || static_cast<size_t>(member) >= stored || b.old_story[member] != id) {
      auto it = first_member.find(id);
      if (it == first_member.end()) return Status::Corruption("store: a story without members");
      member = it->second;
    }
    now[id] = b.new_story[static_cast<size_t>(member)];
  }
  for (const auto& [id, into] : old_into) {
    if (into == 0 || now.count(id)) continue;
    int64_t target = into;
    for (size_t hops = 0; !now.count(target) && hops <= old_into.size(); ++hops) {
      auto it = old_into.find(target);
      if (it == old_into.end() || it->second == 0) break;
      target = it->second;
    }
    auto it = now.find(target);
    if (it == now.end()) return Status::Corruption("store: an alias that resolves to no story");
    now[id] = it->second == 0 ? target : it->second;
  }
  ASSIGN_OR_RETURN(
      store::StatementLease put_ptr,
      db.Cached("INSERT INTO stories (id, merged_into, created, updated) VALUES (?1, ?2, ?3, ?3) "
                "ON CONFLICT(id) DO UPDATE SET merged_into = excluded.merged_into, json = "
                "CASE WHEN excluded.merged_into IS NULL THEN json END, updated = "
                "CASE WHEN stories.merged_into IS excluded.merged_into THEN updated ELSE "
                "excluded.updated END"));
  Statement& put = *put_ptr;
  for (const auto& [id, into] : now) {
    RETURN_IF_ERROR(put.Bind(1, id)
                        .BindOptional(2, into > 0 ? std::optional<int64_t>(into) : std::nullopt)
                        .Bind(3, batch_id)
                        .Run());
    if (into == 0 && !old_into.count(id)) {
      ++report->stories_created;
      changed.insert(number_of.at(id));
    }
  }
  // Live stories that lost a member, and stories that were aliases and live again.
  for (int64_t id : left) {
    auto it = now.find(id);
    if (it != now.end() && it->second == 0) changed.insert(number_of.at(id));
  }
  RETURN_IF_ERROR(db.Exec("DELETE FROM story_index"));
  report->stories_updated = changed.size();
  return RebuildStories(changed, batch_id);
}

// The batch's row, its articles (and their search entries), the passages they reuse.
Status Store::Impl::WriteArticles(size_t received, int64_t batch_id, const Batch& b,
                                  IngestReport* report) {
  const size_t n = b.fresh.size();
  const int64_t first = b.first;
  const std::vector<Article>& fresh = b.fresh;
  const std::vector<std::string>& cleaned = b.cleaned;
  const std::vector<DuplicateInfo>& info = b.info;
  const cluster::StoryClusterer::BatchResult& clusters = b.clusters;
  const std::vector<std::string>& prints = b.prints;
  const std::vector<size_t>& keep = b.keep;
  ASSIGN_OR_RETURN(store::StatementLease add_batch_ptr,
                   db.Cached("INSERT INTO batches (id, committed, received, added) "
                             "VALUES (?1, ?2, ?3, ?4)"));
  Statement& add_batch = *add_batch_ptr;
  RETURN_IF_ERROR(add_batch.Bind(1, batch_id)
                      .Bind(2, UtcNow())
                      .Bind(3, static_cast<int64_t>(received))
                      .Bind(4, static_cast<int64_t>(n))
                      .Run());
  ASSIGN_OR_RETURN(
      store::StatementLease add_article_ptr,
      db.Cached("INSERT INTO articles (seq, id, url, source, outlet, title, date, published, "
                "story, story_score, duplicate_of, duplicate_kind, similarity, jaccard, "
                "containment, fingerprint, text, clean_text, batch) VALUES (?1, ?2, ?3, ?4, ?5, "
                "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"));
  Statement& add_article = *add_article_ptr;
  ASSIGN_OR_RETURN(
      store::StatementLease add_search_ptr,
      db.Cached("INSERT INTO article_search (rowid, title, body) VALUES (?1, ?2, ?3)"));
  Statement& add_search = *add_search_ptr;
  ASSIGN_OR_RETURN(store::StatementLease add_keys_ptr,
                   db.Cached("INSERT INTO dedup_keys (seq, keys) VALUES (?1, ?2)"));
  Statement& add_keys = *add_keys_ptr;
  ASSIGN_OR_RETURN(store::StatementLease id_of_ptr,
                   db.Cached("SELECT id FROM articles WHERE seq = ?1"));
  Statement& id_of = *id_of_ptr;
  for (size_t k = 0; k < n; ++k) {
    const Article& a = fresh[k];
    const DuplicateInfo& d = info[k];
    ASSIGN_OR_RETURN(const int64_t story, StoryId(clusters.story[k]));
    const bool copy = d.duplicate_of >= 0;
    const std::string_view clean = cleaned[k] == a.text ? std::string_view() : cleaned[k];
    add_article.Bind(1, first + static_cast<int64_t>(k))
        .Bind(2, a.id)
        .BindOptional(3, a.url)
        .BindOptional(4, a.source)
        .BindOptional(5, ArticleOutlet(a))
        .BindOptional(6, a.title)
        .BindOptional(7, a.date)
        .BindOptional(8, a.timestamp)
        .Bind(9, story)
        .Bind(10, clusters.score[k])
        .BindOptional(11, copy ? std::optional<int64_t>(d.duplicate_of) : std::nullopt)
        .BindOptional(12, copy ? DuplicateKindName(d.kind) : std::string_view())
        .Bind(13, d.similarity)
        .Bind(14, d.jaccard)
        .Bind(15, d.containment)
        .BindBlob(16, prints[k])
        .Bind(17, a.text)
        .BindOptional(18, clean)
        .Bind(19, batch_id);
    RETURN_IF_ERROR(add_article.Run());
    RETURN_IF_ERROR(add_search.Bind(1, first + static_cast<int64_t>(k))
                        .Bind(2, a.title)
                        .Bind(3, clean.empty() ? std::string_view(a.text) : clean)
                        .Run());
    RETURN_IF_ERROR(add_keys.Bind(1, first + static_cast<int64_t>(k))
                        .BindBlob(2, b.dedup.article_states[k])
                        .Run());
    report->article_id[keep[k]] = a.id;
    report->story_of[keep[k]] = static_cast<int32_t>(story);
    report->copies += copy;
    if (copy) {
      report->duplicate_kind[keep[k]] = d.kind;
      if (d.duplicate_of >= first) {
        report->duplicate_of[keep[k]] = fresh[static_cast<size_t>(d.duplicate_of - first)].id;
      } else {
        ASSIGN_OR_RETURN(const bool row, id_of.Bind(1, d.duplicate_of).Step());
        if (row) report->duplicate_of[keep[k]] = id_of.Text(0);
        id_of.Reset();
      }
    }
  }
  ASSIGN_OR_RETURN(store::StatementLease add_reuse_ptr,
                   db.Cached("INSERT OR REPLACE INTO reuse (copy, source, passages, words, "
                             "coverage) VALUES (?1, ?2, ?3, ?4, ?5)"));
  Statement& add_reuse = *add_reuse_ptr;
  for (const PartialReuse& r : b.dedup.result.reuse) {
    int64_t words = 0;
    for (const ReuseSpan& sp : r.spans) words += sp.words;
    RETURN_IF_ERROR(add_reuse.Bind(1, static_cast<int64_t>(r.copy))
                        .Bind(2, static_cast<int64_t>(r.source))
                        .Bind(3, static_cast<int64_t>(r.spans.size()))
                        .Bind(4, words)
                        .Bind(5, r.coverage)
                        .Run());
  }
  articles += static_cast<int64_t>(n);
  report->added = n;

  return Status::OK();
}

// New stories get rows; merged ones become aliases and lend their members; every story that
// gained a member or a merged story gets its brief rebuilt.
Status Store::Impl::UpdateStories(int64_t batch_id, const Batch& b, IngestReport* report) {
  const size_t n = b.fresh.size();
  const size_t stories_before = b.stories_before;
  const std::vector<int32_t>& merged_before = b.merged_before;
  const cluster::StoryClusterer::BatchResult& clusters = b.clusters;
  ASSIGN_OR_RETURN(store::StatementLease add_story_ptr,
                   db.Cached("INSERT INTO stories (id, created, updated) VALUES (?1, ?2, ?2)"));
  Statement& add_story = *add_story_ptr;
  for (size_t s = stories_before; s < clusterer->num_stories(); ++s) {
    ASSIGN_OR_RETURN(const int64_t id, StoryId(static_cast<int32_t>(s)));
    RETURN_IF_ERROR(add_story.Bind(1, id).Bind(2, batch_id).Run());
  }
  for (size_t s = stories_before; s < clusterer->num_stories(); ++s) {
    report->stories_created += clusterer->merged_into()[s] < 0;  // not merged away at once
  }
  std::set<int32_t> changed;
  for (size_t k = 0; k < n; ++k) changed.insert(clusters.story[k]);
  ASSIGN_OR_RETURN(store::StatementLease alias_ptr,
                   db.Cached("UPDATE stories SET merged_into = ?2, json = NULL, updated = ?3 "
                             "WHERE id = ?1"));
  Statement& alias = *alias_ptr;
  ASSIGN_OR_RETURN(store::StatementLease move_ptr,
                   db.Cached("UPDATE articles SET story = ?2 WHERE story = ?1"));
  Statement& move = *move_ptr;
  const std::vector<int32_t>& merged_now = clusterer->merged_into();
  for (size_t s = 0; s < merged_now.size(); ++s) {
    const bool was_merged = s < merged_before.size() && merged_before[s] >= 0;
    if (merged_now[s] < 0 || was_merged) continue;
    const int32_t root = clusterer->Root(static_cast<int32_t>(s));
    ASSIGN_OR_RETURN(const int64_t from_id, StoryId(static_cast<int32_t>(s)));
    ASSIGN_OR_RETURN(const int64_t root_id, StoryId(root));
    RETURN_IF_ERROR(alias.Bind(1, from_id).Bind(2, root_id).Bind(3, batch_id).Run());
    RETURN_IF_ERROR(move.Bind(1, from_id).Bind(2, root_id).Run());
    changed.insert(root);
  }
  report->stories_updated = changed.size();
  return RebuildStories(changed, batch_id);
}

// ---- Stories -----------------------------------------------------------------------------------

// Loads the members of story `root` (cleaned texts) into `local`, re-numbered 0.., with their
// copy links, and builds the story.
Result<Story> Store::Impl::LoadAndBuildStory(int64_t id, PipelineResult* local) const {
  ASSIGN_OR_RETURN(store::StatementLease members_ptr,
                   db.Cached("SELECT seq, " + ArticleColumns("coalesce(clean_text, text)") +
                             ", duplicate_of, duplicate_kind, similarity, jaccard, containment, "
                             "story_score FROM articles WHERE story = ?1 ORDER BY seq"));
  Statement& members = *members_ptr;
  members.Bind(1, id);
  std::unordered_map<int64_t, uint32_t> local_of;
  std::vector<int64_t> original_seq;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, members.Step());
    if (!row) break;
    local_of[members.Int(0)] = static_cast<uint32_t>(local->articles.size());
    local->articles.push_back(ReadArticle(members));
    DuplicateInfo d;
    original_seq.push_back(members.IsNull(8) ? -1 : members.Int(8));
    d.kind = KindFromName(members.Text(9));
    d.similarity = members.Double(10);
    d.jaccard = members.Double(11);
    d.containment = members.Double(12);
    local->dedup.articles.push_back(d);
    local->cluster.score.push_back(members.Double(13));
  }
  for (size_t i = 0; i < original_seq.size(); ++i) {
    auto it = original_seq[i] >= 0 ? local_of.find(original_seq[i]) : local_of.end();
    // A copy whose original is not in the story (it cannot happen through Ingest) counts as an
    // original rather than pointing nowhere.
    if (it == local_of.end()) {
      local->dedup.articles[i].kind = DuplicateKind::kNone;
    } else {
      local->dedup.articles[i].duplicate_of = it->second;
    }
  }
  local->story_id.assign(local->articles.size(), static_cast<int32_t>(id));
  local->cluster.story_of.assign(local->articles.size(), 0);
  std::vector<uint32_t> all(local->articles.size());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  ASSIGN_OR_RETURN(Story story, BuildStory(local->articles, local->dedup, all, options.brief));
  story.id = static_cast<int32_t>(id);
  // Aliases: the stories merged into this one, directly or through others.
  ASSIGN_OR_RETURN(store::StatementLease aliases_ptr,
                   db.Cached("WITH RECURSIVE a(id) AS (SELECT id FROM stories WHERE merged_into "
                             "= ?1 UNION SELECT s.id FROM stories s JOIN a ON s.merged_into = "
                             "a.id) SELECT id FROM a ORDER BY id"));
  Statement& aliases = *aliases_ptr;
  aliases.Bind(1, id);
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, aliases.Step());
    if (!row) break;
    story.aliases.push_back(static_cast<int32_t>(aliases.Int(0)));
  }
  return story;
}

Status Store::Impl::WriteStory(int64_t id, const Story& s, const PipelineResult& local,
                               int64_t batch_id) {
  std::string summary;
  for (const SummarySentence& sent : s.summary) {
    if (!summary.empty()) summary += '\n';
    summary += sent.text;
  }
  const std::string json = StoryToJson(local, s);
  ASSIGN_OR_RETURN(
      store::StatementLease update_ptr,
      db.Cached("UPDATE stories SET headline = ?2, size = ?3, originals = ?4, outlets = ?5, "
                "first_date = ?6, last_date = ?7, updated = ?8, summary = ?9, json = ?10 "
                "WHERE id = ?1"));
  Statement& update = *update_ptr;
  RETURN_IF_ERROR(update.Bind(1, id)
                      .Bind(2, s.headline)
                      .Bind(3, static_cast<int64_t>(s.articles.size()))
                      .Bind(4, static_cast<int64_t>(s.originals.size()))
                      .Bind(5, static_cast<int64_t>(s.KnownOutlets()))
                      .BindOptional(6, s.first_timestamp)
                      .BindOptional(7, s.last_timestamp)
                      .Bind(8, batch_id)
                      .Bind(9, summary)
                      .Bind(10, json)
                      .Run());
  ASSIGN_OR_RETURN(store::StatementLease clear_entities_ptr,
                   db.Cached("DELETE FROM story_entities WHERE story = ?1"));
  Statement& clear_entities = *clear_entities_ptr;
  RETURN_IF_ERROR(clear_entities.Bind(1, id).Run());
  ASSIGN_OR_RETURN(store::StatementLease add_entity_ptr,
                   db.Cached("INSERT INTO story_entities VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  Statement& add_entity = *add_entity_ptr;
  for (size_t r = 0; r < s.entities.size(); ++r) {
    const StoryEntity& e = s.entities[r];
    RETURN_IF_ERROR(add_entity.Bind(1, id)
                        .Bind(2, static_cast<int64_t>(r))
                        .Bind(3, e.name)
                        .Bind(4, std::string_view(EntityKindName(e.kind)))
                        .Bind(5, static_cast<int64_t>(e.outlets))
                        .Bind(6, static_cast<int64_t>(e.mentions))
                        .Run());
  }
  ASSIGN_OR_RETURN(store::StatementLease clear_outlets_ptr,
                   db.Cached("DELETE FROM story_outlets WHERE story = ?1"));
  Statement& clear_outlets = *clear_outlets_ptr;
  RETURN_IF_ERROR(clear_outlets.Bind(1, id).Run());
  ASSIGN_OR_RETURN(store::StatementLease add_outlet_ptr,
                   db.Cached("INSERT INTO story_outlets VALUES (?1, ?2, ?3, ?4)"));
  Statement& add_outlet = *add_outlet_ptr;
  for (const OutletEntry& o : s.outlets) {
    if (o.source.empty()) continue;  // an unknown outlet is no outlet
    int64_t copies = 0;
    for (const auto& c : o.copies) copies += static_cast<int64_t>(c.size());
    RETURN_IF_ERROR(add_outlet.Bind(1, id)
                        .Bind(2, o.source)
                        .Bind(3, static_cast<int64_t>(o.originals.size()))
                        .Bind(4, copies)
                        .Run());
  }
  return Status::OK();
}

Status Store::Impl::RebuildStories(const std::set<int32_t>& roots, int64_t batch_id) {
  for (int32_t root : roots) {
    PipelineResult local;
    ASSIGN_OR_RETURN(const int64_t id, StoryId(root));
    ASSIGN_OR_RETURN(Story story, LoadAndBuildStory(id, &local));
    RETURN_IF_ERROR(WriteStory(id, story, local, batch_id));
  }
  return Status::OK();
}

// ---- Queries -----------------------------------------------------------------------------------

Result<int32_t> Store::ResolveStory(int32_t id) const {
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   impl_->db.Cached("SELECT merged_into FROM stories WHERE id = ?1"));
  Statement& q = *q_ptr;
  for (int hops = 0; hops < 1000000; ++hops) {
    q.Bind(1, static_cast<int64_t>(id));
    ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) return Status::NotFound("no story " + std::to_string(id));
    if (q.IsNull(0)) return id;
    id = static_cast<int32_t>(q.Int(0));
    q.Reset();
  }
  return Status::Corruption("store: a cycle of merged stories");
}

Result<PipelineResult> Store::StoryResult(int32_t id) const {
  ASSIGN_OR_RETURN(const int32_t live, ResolveStory(id));
  PipelineResult local;
  ASSIGN_OR_RETURN(Story story, impl_->LoadAndBuildStory(live, &local));
  if (story.articles.empty()) return Status::NotFound("no story " + std::to_string(id));
  local.stories.push_back(std::move(story));
  return local;
}

Result<std::string> Store::StoryJson(int32_t id) const {
  ASSIGN_OR_RETURN(const int32_t live, ResolveStory(id));
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   impl_->db.Cached("SELECT json FROM stories WHERE id = ?1"));
  Statement& q = *q_ptr;
  ASSIGN_OR_RETURN(const bool row, q.Bind(1, static_cast<int64_t>(live)).Step());
  if (!row || q.IsNull(0)) return Status::NotFound("no story " + std::to_string(id));
  return std::string(q.Text(0));
}

namespace {

// A story list's keyset cursor: the last story of a page, by the list's order: newest (updated,
// last date with no date lowest, id) "k<updated>.<last date or n>.<id>", largest (size, id)
// "s<size>.<id>"; or, for a text query, how many ranked stories the pages before took,
// "r<offset>".
struct StoryCursor {
  bool ranked = false, largest = false;
  int64_t offset = 0;
  int64_t updated = 0, id = 0, size = 0;
  std::optional<int64_t> last_date;
};

bool ParseInt(std::string_view s, int64_t* v) {
  const bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return false;
  int64_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + (c - '0');
  }
  *v = neg ? -x : x;
  return true;
}

Result<StoryCursor> ParseStoryCursor(std::string_view s) {
  StoryCursor c;
  const Status bad = Status::InvalidArgument("malformed cursor");
  if (s.size() < 2 || s.size() > 80) return bad;
  if (s[0] == 'r') {
    c.ranked = true;
    if (!ParseInt(s.substr(1), &c.offset) || c.offset < 0) return bad;
    return c;
  }
  if (s[0] == 's') {
    c.largest = true;
    const size_t dot = s.find('.');
    if (dot == std::string_view::npos || !ParseInt(s.substr(1, dot - 1), &c.size) ||
        !ParseInt(s.substr(dot + 1), &c.id)) {
      return bad;
    }
    return c;
  }
  if (s[0] != 'k') return bad;
  s.remove_prefix(1);
  const size_t a = s.find('.'), b = s.rfind('.');
  if (a == std::string_view::npos || a == b) return bad;
  int64_t last = 0;
  if (!ParseInt(s.substr(0, a), &c.updated) || !ParseInt(s.substr(b + 1), &c.id)) return bad;
  const std::string_view l = s.substr(a + 1, b - a - 1);
  if (l != "n") {
    if (!ParseInt(l, &last)) return bad;
    c.last_date = last;
  }
  return c;
}

std::string KeysetCursor(const StoryListing& s, StoryQuery::Order order) {
  if (order == StoryQuery::Order::kLargest) {
    return "s" + std::to_string(s.size) + "." + std::to_string(s.story);
  }
  return "k" + std::to_string(s.updated) + "." +
         (s.last_timestamp ? std::to_string(*s.last_timestamp) : std::string("n")) + "." +
         std::to_string(s.story);
}

constexpr const char* kListingColumns =
    "SELECT id, headline, size, originals, outlets, first_date, last_date, summary, updated "
    "FROM stories WHERE merged_into IS NULL AND json IS NOT NULL AND size >= ?1";

StoryListing ReadListing(const Statement& q) {
  StoryListing s;
  s.story = static_cast<int32_t>(q.Int(0));
  s.headline = q.Text(1);
  s.size = q.Int(2);
  s.originals = q.Int(3);
  s.outlets = q.Int(4);
  s.first_timestamp = q.OptionalInt(5);
  s.last_timestamp = q.OptionalInt(6);
  const std::string_view summary = q.Text(7);
  for (size_t b = 0; b < summary.size();) {
    size_t e = summary.find('\n', b);
    if (e == std::string_view::npos) e = summary.size();
    s.summary.emplace_back(summary.substr(b, e - b));
    b = e + 1;
  }
  s.updated = q.Int(8);
  return s;
}

// The filters of `query` other than the text and the outlet, on the stories table (parameters
// ?2, ?3).
std::string DateFilters(const StoryQuery& query) {
  std::string sql;
  if (query.since) sql += " AND last_date >= ?2";
  if (query.until) sql += " AND first_date <= ?3";
  return sql;
}
// The outlet filter (parameter ?4), checked per story.
constexpr const char* kOutletExists =
    " AND EXISTS (SELECT 1 FROM story_outlets o WHERE o.story = stories.id AND o.outlet = ?4)";

// An outlet of up to this many stories has its list read from its stories, then sorted (each
// costs a row read); one of more is checked per story while the list is read in order, which
// stops at the page's end (about page / share-of-stories rows). The two cost the same near
// sqrt(12 x stories) outlet stories: ~500 at 20,000 stories.
constexpr int64_t kFewOutletStories = 500;

void BindListingFilters(const StoryQuery& query, Statement* q) {
  q->Bind(1, query.min_articles);
  if (query.since) q->Bind(2, *query.since);
  if (query.until) q->Bind(3, *query.until);
  if (!query.outlet.empty()) q->Bind(4, query.outlet);
}

}  // namespace

Result<StoryPage> Store::StoryList(const StoryQuery& query) const {
  StoryCursor cursor;
  if (!query.cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, ParseStoryCursor(query.cursor));
    const bool largest = query.order == StoryQuery::Order::kLargest;
    if (cursor.ranked != !query.text.empty() || (!cursor.ranked && cursor.largest != largest)) {
      return Status::InvalidArgument("malformed cursor: it belongs to another kind of query");
    }
  }
  const size_t limit = std::min<size_t>(query.limit, 10000);
  StoryPage page;
  if (!query.text.empty()) {
    // The ranked, limited match first (Search), then the filters on the stories it found.
    ASSIGN_OR_RETURN(const std::vector<SearchHit> hits,
                     Search(query.text, /*articles=*/false, kMaxRankedStories));
    std::string sql = std::string(kListingColumns) + DateFilters(query) +
                      (query.outlet.empty() ? "" : kOutletExists) + " AND id = ?5";
    ASSIGN_OR_RETURN(store::StatementLease q_ptr, impl_->db.Cached(sql));
    Statement& q = *q_ptr;
    size_t k = static_cast<size_t>(cursor.offset);
    for (; k < hits.size() && page.stories.size() < limit; ++k) {
      BindListingFilters(query, &q);
      q.Bind(5, static_cast<int64_t>(hits[k].story));
      ASSIGN_OR_RETURN(const bool row, q.Step());
      if (row) page.stories.push_back(ReadListing(q));
      q.Reset();
    }
    if (k < hits.size()) page.next_cursor = "r" + std::to_string(k);
    return page;
  }
  const bool largest = query.order == StoryQuery::Order::kLargest;
  std::string where = DateFilters(query);
  if (!query.cursor.empty()) {
    // After the cursor's story in the list's order.
    if (largest) {
      where += " AND (size < ?6 OR (size = ?6 AND id < ?8))";
    } else {
      // (updated DESC, last_date DESC with NULL lowest, id DESC)
      where += cursor.last_date ? " AND (updated < ?6 OR (updated = ?6 AND (last_date IS NULL OR "
                                  "last_date < ?7 OR (last_date = ?7 AND id < ?8))))"
                                : " AND (updated < ?6 OR (updated = ?6 AND last_date IS NULL AND "
                                  "id < ?8))";
    }
  }
  const std::string_view kOrder = largest ? " ORDER BY size DESC, id DESC"
                                          : " ORDER BY updated DESC, last_date DESC, id DESC";
  std::string sql = std::string(kListingColumns) + where;
  if (!query.outlet.empty()) {
    ASSIGN_OR_RETURN(store::StatementLease n_ptr,
                     impl_->db.Cached("SELECT count(*) FROM (SELECT 1 FROM story_outlets WHERE "
                                      "outlet = ?1 LIMIT ?2)"));
    Statement& n = *n_ptr;
    ASSIGN_OR_RETURN(const bool row, n.Bind(1, query.outlet).Bind(2, kFewOutletStories).Step());
    if (row && n.Int(0) < kFewOutletStories) {
      // The page is chosen among the outlet's stories reading only their sort keys; the rows
      // are read for the page alone.
      sql += " AND id IN (SELECT id FROM stories WHERE merged_into IS NULL AND json IS NOT NULL "
             "AND size >= ?1" + where +
             " AND id IN (SELECT story FROM story_outlets WHERE outlet = ?4)" +
             std::string(kOrder) + " LIMIT ?5)";
    } else {
      sql += kOutletExists;
    }
  }
  sql += std::string(kOrder) + " LIMIT ?5";
  ASSIGN_OR_RETURN(store::StatementLease q_ptr, impl_->db.Cached(sql));
  Statement& q = *q_ptr;
  BindListingFilters(query, &q);
  q.Bind(5, static_cast<int64_t>(limit) + 1);
  if (!query.cursor.empty()) {
    q.Bind(6, largest ? cursor.size : cursor.updated).Bind(8, cursor.id);
    if (!largest && cursor.last_date) q.Bind(7, *cursor.last_date);
  }
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    if (page.stories.size() == limit) {
      if (limit > 0) page.next_cursor = KeysetCursor(page.stories.back(), query.order);
      break;
    }
    page.stories.push_back(ReadListing(q));
  }
  return page;
}

namespace {

// The metadata and cleaned text of one article, as the read API gives them.
struct StoredArticle {
  int64_t seq = 0;
  Article article;  // text: the cleaned text
  std::string outlet;
  int64_t story = 0;
  double story_score = 0;
  std::optional<int64_t> duplicate_of;
  std::string duplicate_kind;
  double similarity = 0, jaccard = 0, containment = 0;
};

constexpr const char* kStoredArticleColumns =
    "SELECT seq, id, url, source, title, date, published, coalesce(clean_text, text), "
    "outlet, story, story_score, duplicate_of, duplicate_kind, similarity, jaccard, "
    "containment FROM articles";

StoredArticle ReadStoredArticle(const Statement& q) {
  StoredArticle a;
  a.seq = q.Int(0);
  a.article = ReadArticle(q);
  a.outlet = q.Text(8);
  a.story = q.Int(9);
  a.story_score = q.Double(10);
  a.duplicate_of = q.OptionalInt(11);
  a.duplicate_kind = q.Text(12);
  a.similarity = q.Double(13);
  a.jaccard = q.Double(14);
  a.containment = q.Double(15);
  return a;
}

// Article `key` by id (a string) or by seq.
Result<StoredArticle> FindArticle(const Database& db, std::string_view id,
                                  std::optional<int64_t> seq) {
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   db.Cached(std::string(kStoredArticleColumns) +
                             (seq ? " WHERE seq = ?1" : " WHERE id = ?1")));
  Statement& q = *q_ptr;
  if (seq) {
    q.Bind(1, *seq);
  } else {
    q.Bind(1, id);
  }
  ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) {
    return Status::NotFound(seq ? "no article number " + std::to_string(*seq)
                                : "no article " + std::string(id));
  }
  return ReadStoredArticle(q);
}

// id, source, title, date of an article, as fields of the open object.
void ArticleHeadFields(const Article& a, JsonWriter* w) {
  w->StringField("id", a.id);
  w->StringOrNullField("source", a.source);
  w->StringOrNullField("title", a.title);
  w->StringOrNullField("date", a.date);
}

}  // namespace

Result<std::string> Store::ArticleJson(std::string_view id) const {
  const Database& db = impl_->db;
  ASSIGN_OR_RETURN(const StoredArticle a, FindArticle(db, id, std::nullopt));
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringField("id", a.article.id);
  w.StringOrNullField("url", a.article.url);
  w.StringOrNullField("source", a.article.source);
  w.StringOrNullField("title", a.article.title);
  w.StringOrNullField("date", a.article.date);
  w.IntField("story", a.story);
  w.DoubleField("story_score", a.story_score);
  if (a.duplicate_of) {
    ASSIGN_OR_RETURN(const StoredArticle o, FindArticle(db, "", *a.duplicate_of));
    w.StringField("duplicate_of", o.article.id);
    w.StringField("duplicate_kind", a.duplicate_kind);
  } else {
    w.NullField("duplicate_of");
    w.NullField("duplicate_kind");
  }
  w.DoubleField("similarity", a.similarity);
  w.DoubleField("jaccard", a.jaccard);
  w.DoubleField("containment", a.containment);
  w.StringField("text", a.article.text);
  ASSIGN_OR_RETURN(store::StatementLease copies_ptr,
                   db.Cached("SELECT id, source, duplicate_kind FROM articles WHERE "
                             "duplicate_of = ?1 ORDER BY published, seq LIMIT 1000"));
  Statement& copies = *copies_ptr;
  copies.Bind(1, a.seq);
  w.Key("copies");
  w.BeginArray();
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, copies.Step());
    if (!row) break;
    w.BeginObject();
    w.StringField("id", copies.Text(0));
    w.StringOrNullField("source", copies.Text(1));
    w.StringField("kind", copies.Text(2));
    w.EndObject();
  }
  w.EndArray();
  // Passage offsets are not stored: each source is aligned with this article again, as dedup
  // did (the pair on its own: the earlier text first).
  ASSIGN_OR_RETURN(store::StatementLease from_ptr,
                   db.Cached("SELECT source, coverage FROM reuse WHERE copy = ?1 ORDER BY "
                             "coverage DESC LIMIT 100"));
  Statement& from = *from_ptr;
  from.Bind(1, a.seq);
  std::vector<std::pair<int64_t, double>> sources;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, from.Step());
    if (!row) break;
    sources.emplace_back(from.Int(0), from.Double(1));
  }
  w.Key("reused_from");
  w.BeginArray();
  for (const auto& [seq, coverage] : sources) {
    ASSIGN_OR_RETURN(const StoredArticle src, FindArticle(db, "", seq));
    std::vector<Article> pair(2);
    pair[0].text = src.article.text;
    pair[1].text = a.article.text;
    ASSIGN_OR_RETURN(const DedupResult d, Deduplicate(pair, impl_->options.dedup));
    w.BeginObject();
    w.StringField("article", src.article.id);
    w.StringOrNullField("title", src.article.title);
    w.StringOrNullField("source", src.article.source);
    w.DoubleField("coverage", coverage);
    w.Key("passages");
    w.BeginArray();
    for (const PartialReuse& r : d.reuse) {
      if (r.copy != 1) continue;
      for (const ReuseSpan& sp : r.spans) format::WriteReuseSpan(sp, &w);
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  ASSIGN_OR_RETURN(store::StatementLease by_ptr,
                   db.Cached("SELECT a.id, a.title, a.source, r.coverage FROM reuse r JOIN "
                             "articles a ON a.seq = r.copy WHERE r.source = ?1 ORDER BY "
                             "r.coverage DESC LIMIT 100"));
  Statement& by = *by_ptr;
  by.Bind(1, a.seq);
  w.Key("reused_by");
  w.BeginArray();
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, by.Step());
    if (!row) break;
    w.BeginObject();
    w.StringField("article", by.Text(0));
    w.StringOrNullField("title", by.Text(1));
    w.StringOrNullField("source", by.Text(2));
    w.DoubleField("coverage", by.Double(3));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

Result<std::string> Store::CopyJson(std::string_view id) const {
  const Database& db = impl_->db;
  ASSIGN_OR_RETURN(const StoredArticle c, FindArticle(db, id, std::nullopt));
  if (!c.duplicate_of) return Status::NotFound("article " + std::string(id) + " is not a copy");
  ASSIGN_OR_RETURN(const StoredArticle o, FindArticle(db, "", *c.duplicate_of));
  const CopyMarks marks = MarkCopy(o.article.text, c.article.text);
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringField("kind", c.duplicate_kind);
  w.DoubleField("similarity", c.similarity);
  w.IntField("story", c.story);
  for (const auto& [name, a] : {std::pair<const char*, const StoredArticle*>{"copy", &c},
                                {"original", &o}}) {
    w.Key(name);
    w.BeginObject();
    ArticleHeadFields(a->article, &w);
    w.StringField("text", a->article.text);
    w.EndObject();
  }
  w.Key("marks");
  w.BeginObject();
  for (const auto& [name, list] :
       {std::pair<const char*, const std::vector<TextMark>*>{"copy", &marks.copy},
        {"original", &marks.original}}) {
    w.Key(name);
    w.BeginArray();
    for (const TextMark& m : *list) {
      w.BeginObject();
      w.IntField("begin", m.begin);
      w.IntField("end", m.end);
      w.StringField("kind", TextMarkKindName(m.kind));
      if (m.run >= 0) w.IntField("run", m.run);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return out;
}

Result<std::string> Store::StoryArticlesJson(int32_t id, size_t limit) const {
  const Database& db = impl_->db;
  ASSIGN_OR_RETURN(const int32_t live, ResolveStory(id));
  ASSIGN_OR_RETURN(store::StatementLease total_ptr,
                   db.Cached("SELECT count(*) FROM articles WHERE story = ?1"));
  Statement& count = *total_ptr;
  ASSIGN_OR_RETURN(const bool counted, count.Bind(1, static_cast<int64_t>(live)).Step());
  const int64_t total = counted ? count.Int(0) : 0;
  ASSIGN_OR_RETURN(
      store::StatementLease q_ptr,
      db.Cached("SELECT a.seq, a.id, a.source, a.title, a.date, o.id, a.duplicate_kind, "
                "(SELECT group_concat(s.id, char(10)) FROM reuse r JOIN articles s ON s.seq = "
                "r.source WHERE r.copy = a.seq) FROM articles a LEFT JOIN articles o ON o.seq = "
                "a.duplicate_of WHERE a.story = ?1 ORDER BY a.published IS NULL, a.published, "
                "a.seq LIMIT ?2"));
  Statement& q = *q_ptr;
  q.Bind(1, static_cast<int64_t>(live)).Bind(2, static_cast<int64_t>(limit));
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.IntField("story", live);
  w.IntField("total", total);
  w.Key("articles");
  w.BeginArray();
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    w.BeginObject();
    w.StringField("id", q.Text(1));
    w.StringOrNullField("source", q.Text(2));
    w.StringOrNullField("title", q.Text(3));
    w.StringOrNullField("date", q.Text(4));
    w.StringOrNullField("duplicate_of", q.Text(5));
    w.StringOrNullField("duplicate_kind", q.Text(6));
    w.Key("reused_from");
    w.BeginArray();
    const std::string_view from = q.Text(7);
    for (size_t b = 0; b < from.size();) {
      size_t e = from.find('\n', b);
      if (e == std::string_view::npos) e = from.size();
      w.String(from.substr(b, e - b));
      b = e + 1;
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  if (total == 0) return Status::NotFound("no story " + std::to_string(id));
  return out;
}

Result<std::vector<OutletCounts>> Store::Outlets() const {
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   impl_->db.Cached("SELECT coalesce(outlet, ''), count(*), sum(duplicate_of IS "
                                    "NULL) FROM articles GROUP BY outlet ORDER BY count(*) DESC, "
                                    "outlet"));
  Statement& q = *q_ptr;
  std::vector<OutletCounts> out;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, q.Step());
    if (!row) break;
    OutletCounts c;
    c.outlet = q.Text(0);
    c.articles = q.Int(1);
    c.originals = q.Int(2);
    c.copies = c.articles - c.originals;
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<StoryListing>> Store::Stories(const StoryQuery& query) const {
  StoryQuery first = query;
  first.cursor.clear();
  ASSIGN_OR_RETURN(StoryPage page, StoryList(first));
  return std::move(page.stories);
}

Result<std::vector<SearchHit>> Store::Search(std::string_view query, bool articles,
                                             size_t limit) const {
  const Database& db = impl_->db;
  // The ranked, limited match runs first on its own (FTS5 applies the LIMIT itself only when it
  // orders by rank alone); joins and snippets come after, for the rows returned.
  const size_t fetch = articles ? limit : limit * 8 + 16;
  ASSIGN_OR_RETURN(
      store::StatementLease hits_ptr,
      db.Cached("WITH m AS (SELECT rowid AS seq, rank FROM article_search WHERE article_search "
                "MATCH ?1 ORDER BY rank LIMIT ?2) SELECT m.seq, m.rank, a.id, a.story, a.title, "
                "a.source, a.date, s.headline FROM m JOIN articles a ON a.seq = m.seq JOIN "
                "stories s ON s.id = a.story ORDER BY m.rank"));
  Statement& hits = *hits_ptr;
  hits.Bind(1, query).Bind(2, static_cast<int64_t>(fetch));
  std::vector<SearchHit> out;
  std::vector<int64_t> seqs;
  std::unordered_set<int32_t> seen_story;
  for (;;) {
    Result<bool> row = hits.Step();
    if (!row.ok()) {
      return Status::InvalidArgument("search: " + std::string(row.status().message()));
    }
    if (!*row || out.size() == limit) break;
    const int32_t story = static_cast<int32_t>(hits.Int(3));
    if (!articles && !seen_story.insert(story).second) continue;
    SearchHit h;
    h.story = story;
    h.score = -hits.Double(1);
    h.article = hits.Text(2);
    h.title = hits.Text(4);
    h.source = hits.Text(5);
    h.date = hits.Text(6);
    h.headline = hits.Text(7);
    out.push_back(std::move(h));
    seqs.push_back(hits.Int(0));
  }
  ASSIGN_OR_RETURN(store::StatementLease snip_ptr,
                   db.Cached("SELECT snippet(article_search, -1, '[', ']', '…', 16) FROM "
                             "article_search WHERE article_search MATCH ?1 AND rowid = ?2"));
  Statement& snip = *snip_ptr;
  for (size_t k = 0; k < out.size(); ++k) {
    snip.Bind(1, query).Bind(2, seqs[k]);
    ASSIGN_OR_RETURN(const bool row, snip.Step());
    if (row) {
      out[k].snippet = snip.Text(0);
      // One line: a snippet may span a paragraph break.
      for (char& c : out[k].snippet) c = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    snip.Reset();
  }
  return out;
}

Status Store::Export(const std::function<void(std::string_view)>& story_line,
                     const std::function<void(std::string_view)>& article_line) const {
  const Database& db = impl_->db;
  ASSIGN_OR_RETURN(store::StatementLease stories_ptr,
                   db.Cached("SELECT json FROM stories WHERE merged_into IS NULL AND json IS "
                             "NOT NULL ORDER BY originals DESC, size DESC, id"));
  Statement& stories = *stories_ptr;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, stories.Step());
    if (!row) break;
    story_line(stories.Text(0));
  }
  // Articles through ArticleToJson, so the fields are exactly run's: their metadata (no texts),
  // copy links, stories and reused passages.
  PipelineResult all;
  ASSIGN_OR_RETURN(store::StatementLease rows_ptr,
                   db.Cached("SELECT seq, id, url, source, title, date, story, story_score, "
                             "duplicate_of, duplicate_kind, similarity, jaccard, containment "
                             "FROM articles ORDER BY seq"));
  Statement& rows = *rows_ptr;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, rows.Step());
    if (!row) break;
    if (rows.Int(0) != static_cast<int64_t>(all.articles.size())) {
      return Status::Corruption("store: gap in article numbers");
    }
    Article a;
    a.id = rows.Text(1);
    a.url = rows.Text(2);
    a.source = rows.Text(3);
    a.title = rows.Text(4);
    a.date = rows.Text(5);
    all.articles.push_back(std::move(a));
    all.story_id.push_back(static_cast<int32_t>(rows.Int(6)));
    all.cluster.score.push_back(rows.Double(7));
    DuplicateInfo d;
    d.duplicate_of = rows.IsNull(8) ? -1 : rows.Int(8);
    d.kind = KindFromName(rows.Text(9));
    d.similarity = rows.Double(10);
    d.jaccard = rows.Double(11);
    d.containment = rows.Double(12);
    all.dedup.articles.push_back(d);
  }
  ASSIGN_OR_RETURN(store::StatementLease reuse_ptr,
                   db.Cached("SELECT copy, source, passages, words, coverage FROM reuse "
                             "ORDER BY copy, source"));
  Statement& reuse = *reuse_ptr;
  for (;;) {
    ASSIGN_OR_RETURN(const bool row, reuse.Step());
    if (!row) break;
    PartialReuse r;
    r.copy = static_cast<uint32_t>(reuse.Int(0));
    r.source = static_cast<uint32_t>(reuse.Int(1));
    // Passage offsets are not stored; one span per passage carries the word count.
    const int64_t passages = reuse.Int(2);
    int64_t words = reuse.Int(3);
    for (int64_t p = 0; p < passages; ++p) {
      ReuseSpan sp;
      sp.words = static_cast<uint32_t>(p + 1 == passages ? words : 0);
      r.spans.push_back(sp);
    }
    r.coverage = reuse.Double(4);
    if (r.copy >= all.articles.size() || r.source >= all.articles.size()) {
      return Status::Corruption("store: reuse of a missing article");
    }
    all.dedup.reuse.push_back(std::move(r));
  }
  for (size_t i = 0; i < all.articles.size(); ++i) article_line(ArticleToJson(all, i));
  return Status::OK();
}

Result<int64_t> Store::LastBatch() const {
  ASSIGN_OR_RETURN(store::StatementLease q_ptr,
                   impl_->db.Cached("SELECT coalesce(max(id), 0) FROM batches"));
  Statement& q = *q_ptr;
  ASSIGN_OR_RETURN(const bool row, q.Step());
  return row ? q.Int(0) : 0;
}

Result<Store::Counts> Store::Count() const {
  Counts c;
  const Database& db = impl_->db;
  // Articles are never deleted and numbered from 0: the count is the largest number + 1 (no scan).
  ASSIGN_OR_RETURN(const std::optional<int64_t> a,
                   db.QueryInt("SELECT coalesce(max(seq) + 1, 0) FROM articles"));
  ASSIGN_OR_RETURN(const std::optional<int64_t> s,
                   db.QueryInt("SELECT count(*) FROM stories WHERE merged_into IS NULL"));
  ASSIGN_OR_RETURN(const std::optional<int64_t> k,
                   db.QueryInt("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"));
  ASSIGN_OR_RETURN(const std::optional<int64_t> b,
                   db.QueryInt("SELECT coalesce(max(id), 0) FROM batches"));
  c.articles = a.value_or(0);
  c.stories = s.value_or(0);
  c.copies = k.value_or(0);
  c.batches = b.value_or(0);
  return c;
}

}  // namespace storyline
