#include "store/schema.h"

#include <string>

#include "common/status_macros.h"

namespace storyline::store {
namespace {

// Version 1. Plain tables for people and tools; `state` holds the index state as blobs.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE batches (
  id        INTEGER PRIMARY KEY,
  committed TEXT NOT NULL,          -- UTC time the batch was stored
  received  INTEGER NOT NULL,
  added     INTEGER NOT NULL
);

CREATE TABLE articles (
  seq            INTEGER PRIMARY KEY,  -- arrival order, from 0: the article's number in the indexes
  id             TEXT NOT NULL UNIQUE, -- as in articles.jsonl
  url            TEXT,
  source         TEXT,
  outlet         TEXT,                 -- source, else the URL's host; NULL when unknown
  title          TEXT,
  date           TEXT,                 -- as the input wrote it
  published      INTEGER,              -- seconds since 1970-01-01 UTC
  story          INTEGER NOT NULL,     -- stories.id (a live story, never an alias)
  story_score    REAL NOT NULL,
  duplicate_of   INTEGER REFERENCES articles(seq),
  duplicate_kind TEXT,                 -- exact | near | contained
  similarity     REAL NOT NULL,
  jaccard        REAL NOT NULL,
  containment    REAL NOT NULL,
  fingerprint    BLOB NOT NULL,        -- 128-bit hash of the text as published
  text           TEXT NOT NULL,        -- as published (what dedup compares)
  clean_text     TEXT,                 -- after boilerplate removal; NULL when it is `text`
  batch          INTEGER NOT NULL REFERENCES batches(id)
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_fingerprint ON articles(fingerprint);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);

-- What clustering, briefs and search read: the cleaned text.
CREATE VIEW article_texts (seq, title, body) AS
  SELECT seq, title, coalesce(clean_text, text) FROM articles;

CREATE VIRTUAL TABLE article_search USING fts5(
  title, body, content='article_texts', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2');

CREATE TABLE stories (
  id          INTEGER PRIMARY KEY,  -- stable for the story's life
  merged_into INTEGER REFERENCES stories(id),  -- set when merged away: the id is an alias
  headline    TEXT,
  size        INTEGER NOT NULL DEFAULT 0,
  originals   INTEGER NOT NULL DEFAULT 0,
  outlets     INTEGER NOT NULL DEFAULT 0,
  first_date  INTEGER,
  last_date   INTEGER,
  created     INTEGER NOT NULL REFERENCES batches(id),
  updated     INTEGER NOT NULL REFERENCES batches(id),
  summary     TEXT,                 -- JSON array of the brief's sentences
  json        TEXT                  -- the stories.jsonl object
);
CREATE INDEX stories_updated ON stories(updated DESC, last_date DESC) WHERE merged_into IS NULL;

CREATE TABLE story_entities (
  story    INTEGER NOT NULL REFERENCES stories(id),
  rank     INTEGER NOT NULL,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL,
  outlets  INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (story, rank)
) WITHOUT ROWID;
CREATE INDEX story_entities_name ON story_entities(name);

CREATE TABLE story_outlets (
  story     INTEGER NOT NULL REFERENCES stories(id),
  outlet    TEXT NOT NULL,
  originals INTEGER NOT NULL,
  copies    INTEGER NOT NULL,
  PRIMARY KEY (story, outlet)
) WITHOUT ROWID;
CREATE INDEX story_outlets_outlet ON story_outlets(outlet);

CREATE TABLE reuse (
  copy     INTEGER NOT NULL REFERENCES articles(seq),
  source   INTEGER NOT NULL REFERENCES articles(seq),
  passages INTEGER NOT NULL,
  words    INTEGER NOT NULL,
  coverage REAL NOT NULL,
  PRIMARY KEY (copy, source)
) WITHOUT ROWID;

CREATE TABLE state (
  name  TEXT PRIMARY KEY,
  bytes BLOB NOT NULL
) WITHOUT ROWID;

INSERT INTO meta VALUES ('format', 'storyline-store');
)sql";

// Version 2: the story index kept per story (rows rewritten only for the stories a batch
// changed; a version-1 store's single blob is split by the first writer); each article's dedup keys
// (MinHash band keys, winnowed shingle hashes, counts), so reopening restores the dedup index of
// the hot window without reading a text; the published index finds that window; the merged index
// finds a story's aliases. A version-1 store gets the table empty, and the first writer fills it
// from the stored texts once.
constexpr const char* kToV2 = R"sql(
CREATE TABLE IF NOT EXISTS dedup_keys (
  seq  INTEGER PRIMARY KEY REFERENCES articles(seq),
  keys BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS stories_merged ON stories(merged_into) WHERE merged_into IS NOT NULL;
CREATE TABLE IF NOT EXISTS story_index (
  story  INTEGER PRIMARY KEY,  -- the clusterer's story number
  id     INTEGER NOT NULL,     -- stories.id
  newest INTEGER,              -- its newest member's date
  frozen INTEGER NOT NULL,     -- 1 once it takes no members
  state  BLOB NOT NULL         -- its term vector and counts
);
CREATE INDEX IF NOT EXISTS story_index_live ON story_index(newest) WHERE frozen = 0;
CREATE UNIQUE INDEX IF NOT EXISTS story_index_id ON story_index(id);
)sql";

// Version 3: what the read API looks up by a copy's original (an article's copies, the store's
// copy count) and by a reused passage's source, without scanning the articles; the largest
// stories in order.
constexpr const char* kToV3 = R"sql(
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of)
  WHERE duplicate_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS reuse_source ON reuse(source);
CREATE INDEX IF NOT EXISTS stories_size ON stories(size DESC, id DESC) WHERE merged_into IS NULL;
)sql";

// Runs `sql` and sets user_version to `version` in one transaction.
Status Step(Database& db, const char* sql, int version) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status st = db.Exec(sql);
  if (st.ok()) st = db.Exec("PRAGMA user_version = " + std::to_string(version));
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  return db.Exec("COMMIT");
}

}  // namespace

Status PrepareSchema(Database& db, bool read_only) {
  ASSIGN_OR_RETURN(const std::optional<int64_t> version, db.QueryInt("PRAGMA user_version"));
  ASSIGN_OR_RETURN(const std::optional<int64_t> tables,
                   db.QueryInt("SELECT count(*) FROM sqlite_schema"));
  if (version.value_or(0) == 0) {
    if (tables.value_or(0) != 0) {
      return Status::Corruption("not a Storyline store (a SQLite database with other tables)");
    }
    if (read_only) return Status::Corruption("not a Storyline store (an empty database)");
    RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status st = db.Exec(kSchemaV1);
    if (st.ok()) st = db.Exec(kToV2);
    if (st.ok()) st = db.Exec(kToV3);
    if (st.ok()) st = db.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    if (!st.ok()) {
      (void)db.Exec("ROLLBACK");
      return st;
    }
    return db.Exec("COMMIT");
  }
  if (*version > kSchemaVersion) {
    return Status::NotSupported("this store was written by a newer Storyline (schema version " +
                                std::to_string(*version) + ", this one reads up to " +
                                std::to_string(kSchemaVersion) + ")");
  }
  ASSIGN_OR_RETURN(const std::optional<int64_t> marked,
                   db.QueryInt("SELECT count(*) FROM meta WHERE key = 'format' AND "
                               "value = 'storyline-store'"));
  if (marked.value_or(0) != 1) return Status::Corruption("not a Storyline store");
  // Migrations, one step per version, each in its own transaction. A read-only open reads an
  // older store as it is (its queries need nothing newer).
  if (read_only) return Status::OK();
  if (*version < 2) RETURN_IF_ERROR(Step(db, kToV2, 2));
  if (*version < 3) RETURN_IF_ERROR(Step(db, kToV3, 3));
  return Status::OK();
}

}  // namespace storyline::store
