#include "storyline/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "storyline/format.h"
#include "storyline/pipeline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name = "news.db") const { return (dir_ / name).string(); }

  static std::vector<Article> Corpus(size_t originals, uint64_t seed = 1) {
    testing::CorpusSpec spec;
    spec.num_originals = originals;
    spec.seed = seed;
    std::vector<Article> v = testing::GenerateCorpus(spec).articles;
    std::stable_sort(v.begin(), v.end(), PublishedBefore);
    // Every article has its own address: planted exact copies are other pages, not re-ingests.
    for (Article& a : v) a.url = "https://news.example/" + std::to_string(seed) + "/" + a.id;
    return v;
  }

  void ContinuesAsOneStream(int64_t window);
  fs::path dir_;
};

std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions o = StoreOptions()) {
  auto s = Store::Open(path, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

int64_t RawInt(const std::string& path, const std::string& sql);

// The stories of a store as article id -> story id.
std::map<std::string, int64_t> StoryOfArticles(const Store& s) {
  std::map<std::string, int64_t> out;
  EXPECT_TRUE(s.Export([](std::string_view) {},
                       [&](std::string_view line) {
                         const std::string l(line);
                         const size_t id = l.find("\"id\":\"") + 6;
                         const size_t story = l.find("\"story\":") + 8;
                         out[l.substr(id, l.find('"', id) - id)] = std::stoll(l.substr(story));
                       })
                  .ok());
  return out;
}

TEST_F(StoreTest, OneBatchIsRun) {
  const std::vector<Article> v = Corpus(120);
  auto store = OpenOrDie(Path());
  auto report = store->Ingest(v);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->added, v.size());
  auto run = RunPipeline(v, PipelineOptions());
  ASSERT_TRUE(run.ok());
  std::vector<std::string> stories, articles;
  ASSERT_TRUE(store
                  ->Export([&](std::string_view l) { stories.emplace_back(l); },
                           [&](std::string_view l) { articles.emplace_back(l); })
                  .ok());
  ASSERT_EQ(articles.size(), run->articles.size());
  for (size_t i = 0; i < articles.size(); ++i) EXPECT_EQ(articles[i], ArticleToJson(*run, i)) << i;
  ASSERT_EQ(stories.size(), run->stories.size());
  for (size_t k = 0; k < stories.size(); ++k) {
    EXPECT_EQ(stories[k], StoryToJson(*run, run->stories[k])) << k;
  }
}

// A store that is closed and reopened between two batches against one that stays open, in the
// incremental regime (no warm-up): they store the same stories.
TEST_F(StoreTest, ReopenedStoreContinuesAsOneStream) {
  for (const int64_t window : {int64_t{365} * 86400, int64_t{2} * 86400}) {
    SCOPED_TRACE(window);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ContinuesAsOneStream(window);
  }
}

void StoreTest::ContinuesAsOneStream(int64_t window) {
  const std::vector<Article> v = Corpus(200);
  const size_t half = v.size() / 2;
  StoreOptions o;
  o.cluster.idf_warmup = 0;
  // (A two-day window freezes most stories: their rows are kept without vectors.)
  o.cluster.time_window_seconds = window;
  {
    auto open = OpenOrDie(Path("open.db"), o);
    ASSERT_TRUE(open->Ingest(std::vector<Article>(v.begin(), v.begin() + half)).ok());
    ASSERT_TRUE(open->Ingest(std::vector<Article>(v.begin() + half, v.end())).ok());
  }
  {
    auto store = OpenOrDie(Path("twice.db"), o);
    ASSERT_TRUE(store->Ingest(std::vector<Article>(v.begin(), v.begin() + half)).ok());
  }
  auto store = OpenOrDie(Path("twice.db"), o);
  auto second = store->Ingest(std::vector<Article>(v.begin() + half, v.end()));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  if (window < 30 * 86400) {
    EXPECT_GT(RawInt(Path("twice.db"), "SELECT count(*) FROM story_index WHERE length(state) = 0"),
              0)
        << "frozen stories are kept without their vectors";
  }
  const auto a = StoryOfArticles(*OpenOrDie(Path("open.db"))), b = StoryOfArticles(*store);
  ASSERT_EQ(a.size(), v.size());
  EXPECT_EQ(a, b) << "a reopened store goes on exactly as one that stayed open";
  // Against one batch of everything, the incremental regime is close but not exact (document
  // frequencies grow with the batches).
  const auto once = [&] {
    auto s1 = OpenOrDie(Path("once.db"), o);
    EXPECT_TRUE(s1->Ingest(v).ok());
    return StoryOfArticles(*s1);
  }();
  size_t same = 0;
  for (const auto& [id, story] : once) same += b.at(id) == story;
  EXPECT_GE(static_cast<double>(same) / once.size(), 0.9);
}

// A young store clusters everything again with each batch: ten batches store exactly what one
// does, story ids and briefs included, and the ids of the earlier batches' stories resolve.
TEST_F(StoreTest, TenBatchesOfAYoungStoreAreOne) {
  const std::vector<Article> v = Corpus(150);
  auto one = OpenOrDie(Path("one.db"));
  ASSERT_TRUE(one->Ingest(v).ok());
  auto ten = OpenOrDie(Path("ten.db"));
  std::vector<int32_t> seen;
  const size_t step = (v.size() + 9) / 10;
  for (size_t at = 0; at < v.size(); at += step) {
    const size_t end = std::min(v.size(), at + step);
    auto r = ten->Ingest(std::vector<Article>(v.begin() + at, v.begin() + end));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (int32_t id : r->story_of) seen.push_back(id);
    if (at == 3 * step) ten = OpenOrDie(Path("ten.db"));  // closed and reopened on the way
  }
  std::vector<std::string> a, b, c, d;
  ASSERT_TRUE(one->Export([&](std::string_view l) { a.emplace_back(l); },
                          [&](std::string_view l) { b.emplace_back(l); })
                  .ok());
  ASSERT_TRUE(ten->Export([&](std::string_view l) { c.emplace_back(l); },
                          [&](std::string_view l) { d.emplace_back(l); })
                  .ok());
  ASSERT_EQ(a.size(), c.size());
  for (size_t k = 0; k < a.size(); ++k) {
    // The stories' JSON but "aliases": ten batches may have had stories that one never had.
    auto strip = [](std::string j) {
      const size_t at = j.find("\"aliases\":");
      if (at != std::string::npos) j.erase(at, j.find(']', at) - at + 1);
      return j;
    };
    EXPECT_TRUE(strip(a[k]) == strip(c[k])) << "story line " << k;
  }
  ASSERT_EQ(b.size(), d.size());
  size_t differ = 0;
  for (size_t k = 0; k < b.size(); ++k) differ += b[k] != d[k];
  EXPECT_EQ(differ, 0u) << "articles.jsonl lines that differ";
  for (int32_t id : seen) EXPECT_TRUE(ten->ResolveStory(id).ok()) << id;
}

// Runs `sql` on the file with the sqlite3 library directly (what any SQLite tool may do).
void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

int64_t RawInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

// Reopening restores the dedup index of the hot window from the stored keys: a repost of a
// stored article within the window is its copy, one published after the window has moved on
// is not (the original is in the database only).
TEST_F(StoreTest, ReopenedStoreFindsCopiesInTheHotWindow) {
  const std::vector<Article> v = Corpus(20);
  {
    auto store = OpenOrDie(Path());
    ASSERT_TRUE(store->Ingest(v).ok());
  }
  EXPECT_EQ(RawInt(Path(), "SELECT count(*) FROM dedup_keys"), static_cast<int64_t>(v.size()));
  const int64_t last = *v.back().timestamp;
  auto repost = [&](size_t k, int64_t at, const std::string& url) {
    Article a = v[k];
    a.id = "repost-" + url;
    a.url = "https://elsewhere.example/" + url;
    a.timestamp = at;
    a.date = FormatIsoDate(at);
    return a;
  };
  auto store = OpenOrDie(Path());
  auto near = store->Ingest({repost(3, last + 86400, "a")});
  ASSERT_TRUE(near.ok()) << near.status().ToString();
  EXPECT_EQ(near->copies, 1u) << "a stored article within the window";
  EXPECT_EQ(RawInt(Path(), "SELECT duplicate_of IS NOT NULL FROM articles WHERE id = 'repost-a'"),
            1);
  Article later = Corpus(1, 9)[0];
  later.timestamp = last + 90 * 86400;
  later.date = FormatIsoDate(*later.timestamp);
  ASSERT_TRUE(store->Ingest({later}).ok());
  store.reset();
  store = OpenOrDie(Path());
  auto far = store->Ingest({repost(4, last + 91 * 86400, "b")});
  ASSERT_TRUE(far.ok()) << far.status().ToString();
  EXPECT_EQ(far->copies, 0u) << "its original left the hot window 60 days ago";
}

// A version-1 store (no stored dedup keys) is migrated on open and its keys are filled once
// from the stored texts; it then goes on as a store that was always version 2.
TEST_F(StoreTest, MigratesAVersionOneStore) {
  const std::vector<Article> v = Corpus(200);
  const size_t half = v.size() / 2;
  for (const char* name : {"v1.db", "v2.db"}) {
    auto store = OpenOrDie(Path(name));
    ASSERT_TRUE(store->Ingest(std::vector<Article>(v.begin(), v.begin() + half)).ok());
  }
  RawSql(Path("v1.db"),
         "DROP TABLE dedup_keys; DROP INDEX articles_published; DELETE FROM state WHERE name = "
         "'dedup'; PRAGMA user_version = 1;");
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Store::Open(Path("v1.db"), ro).ok()) << "a reader takes an older store as it is";
  EXPECT_EQ(RawInt(Path("v1.db"), "PRAGMA user_version"), 1);
  for (const char* name : {"v1.db", "v2.db"}) {
    auto store = OpenOrDie(Path(name));
    auto r = store->Ingest(std::vector<Article>(v.begin() + half, v.end()));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ(RawInt(Path("v1.db"), "PRAGMA user_version"), 3);
  EXPECT_EQ(RawInt(Path("v1.db"), "SELECT count(*) FROM dedup_keys"),
            static_cast<int64_t>(v.size()));
  const auto a = StoryOfArticles(*OpenOrDie(Path("v1.db")));
  const auto b = StoryOfArticles(*OpenOrDie(Path("v2.db")));
  EXPECT_EQ(a, b);
  EXPECT_EQ(RawInt(Path("v1.db"), "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            RawInt(Path("v2.db"), "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"));
}

TEST_F(StoreTest, ReingestingAddsNothing) {
  std::vector<Article> v = Corpus(40);
  v[1].url.clear();  // no address: the same text is the same article
  auto store = OpenOrDie(Path());
  ASSERT_TRUE(store->Ingest(v).ok());
  auto again = store->Ingest(v);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->already_stored, v.size());
  auto counts = store->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(static_cast<size_t>(counts->articles), v.size());
  // Same id, other article: renamed.
  Article other = v[0];
  other.url = "https://example.test/other";
  other.text += " A later paragraph nobody else printed.";
  auto renamed = store->Ingest({other});
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->article_id[0], v[0].id + "~2");
}

TEST_F(StoreTest, StoriesShowAndSearch) {
  auto store = OpenOrDie(Path());
  ASSERT_TRUE(store->Ingest(Corpus(60)).ok());
  auto listed = store->Stories(StoryQuery());
  ASSERT_TRUE(listed.ok());
  ASSERT_FALSE(listed->empty());
  auto json = store->StoryJson(listed->front().story);
  ASSERT_TRUE(json.ok());
  EXPECT_NE(json->find("\"story\":" + std::to_string(listed->front().story)), std::string::npos);
  EXPECT_EQ(store->StoryJson(999999).status().code(), StatusCode::kNotFound);
  const std::string word = listed->front().headline.substr(0, listed->front().headline.find(' '));
  auto hits = store->Search(word, false, 5);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_FALSE(hits->empty());
  EXPECT_NE(hits->front().snippet.find('['), std::string::npos);
  auto articles = store->Search(word + " OR nothingmatchesthis", true, 3);
  ASSERT_TRUE(articles.ok());
  EXPECT_LE(articles->size(), 3u);
  for (const char* bad : {"\"unbalanced", "AND", "a NOT", "(x"}) {
    EXPECT_EQ(store->Search(bad, false, 5).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST_F(StoreTest, RefusesWhatIsNotAStore) {
  { std::ofstream(Path("junk.db")) << "this is not a database at all, just some bytes"; }
  EXPECT_EQ(Store::Open(Path("junk.db"), StoreOptions()).status().code(), StatusCode::kCorruption);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path("other.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(Store::Open(Path("other.db"), StoreOptions()).status().code(), StatusCode::kCorruption);
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_FALSE(Store::Open(Path("missing.db"), ro).ok());
  // A newer schema.
  { auto s = OpenOrDie(Path("new.db")); }
  ASSERT_EQ(sqlite3_open(Path("new.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(Store::Open(Path("new.db"), StoreOptions()).status().code(), StatusCode::kNotSupported);
}

TEST_F(StoreTest, ReadOnlyStoreRefusesIngest) {
  {
    auto s = OpenOrDie(Path());
    ASSERT_TRUE(s->Ingest(Corpus(10)).ok());
  }
  StoreOptions ro;
  ro.read_only = true;
  auto s = OpenOrDie(Path(), ro);
  EXPECT_EQ(s->Ingest(Corpus(5, 2)).status().code(), StatusCode::kInvalidArgument);
  auto counts = s->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_GT(counts->articles, 0);
}

TEST_F(StoreTest, FullDatabaseFailsCleanlyAndKeepsWhatWasStored) {
  StoreOptions small;
  small.max_bytes = 3u << 20;
  auto s = OpenOrDie(Path(), small);
  ASSERT_TRUE(s->Ingest(Corpus(20)).ok());
  const int64_t before = s->Count()->articles;
  auto big = s->Ingest(Corpus(2000, 3));
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted) << big.status().ToString();
  EXPECT_EQ(s->Count()->articles, before);
  // Still usable: a small batch goes in.
  auto more = s->Ingest(Corpus(3, 4));
  EXPECT_TRUE(more.ok()) << more.status().ToString();
}

TEST_F(StoreTest, SecondWriterIsToldTheStoreIsBusy) {
  StoreOptions quick;
  quick.busy_timeout_ms = 100;
  auto a = OpenOrDie(Path(), quick);
  ASSERT_TRUE(a->Ingest(Corpus(5)).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto busy = a->Ingest(Corpus(5, 9));
  EXPECT_EQ(busy.status().code(), StatusCode::kUnavailable) << busy.status().ToString();
  // Readers are not blocked by the writer.
  EXPECT_TRUE(a->Stories(StoryQuery()).ok());
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_TRUE(a->Ingest(Corpus(5, 9)).ok());
}

// Issue 13: a writer killed at any moment leaves a store that opens, passes integrity_check and
// holds the state before or after some batch; finishing the ingest then gives what a clean run
// gives.
TEST_F(StoreTest, KilledWriterLosesNothing) {
  const std::vector<Article> v = Corpus(150);
  constexpr size_t kBatch = 25;
  auto ingest_all = [&](const std::string& path) {
    auto s = Store::Open(path, StoreOptions());
    if (!s.ok()) return false;
    for (size_t b = 0; b < v.size(); b += kBatch) {
      const size_t e = std::min(v.size(), b + kBatch);
      if (!(*s)->Ingest(std::vector<Article>(v.begin() + b, v.begin() + e)).ok()) return false;
    }
    return true;
  };
  ASSERT_TRUE(ingest_all(Path("clean.db")));
  auto clean = OpenOrDie(Path("clean.db"));
  const auto expected = StoryOfArticles(*clean);
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    const std::string path = Path("crash" + std::to_string(round) + ".db");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ingest_all(path);
      _exit(0);
    }
    usleep(std::uniform_int_distribution<int>(1000, 120000)(rng));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    {
      sqlite3* db = nullptr;
      if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
        if (sqlite3_step(st) == SQLITE_ROW) {
          EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
        }
        sqlite3_finalize(st);
      }
      sqlite3_close(db);
    }
    auto s = Store::Open(path, StoreOptions());
    if (!s.ok()) {
      // Killed before the schema was committed: the file is empty or absent, never half-made.
      EXPECT_NE(s.status().code(), StatusCode::kCorruption) << s.status().ToString();
      continue;
    }
    const int64_t stored = (*s)->Count()->articles;
    EXPECT_EQ(stored % kBatch == 0 || stored == static_cast<int64_t>(v.size()), true) << stored;
    s->reset();
    ASSERT_TRUE(ingest_all(path)) << round;  // already stored articles are skipped
    auto done = OpenOrDie(path);
    EXPECT_EQ(StoryOfArticles(*done), expected) << round;
  }
}

}  // namespace
}  // namespace storyline
