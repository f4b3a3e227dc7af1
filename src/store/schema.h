// The store's SQLite schema (internal): creation, version checks and migrations.
// docs/store.md documents the tables for people.

#ifndef STORYLINE_STORE_SCHEMA_H_
#define STORYLINE_STORE_SCHEMA_H_

#include "store/sqlite.h"
#include "storyline/status.h"

namespace storyline::store {

// The schema version this code writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 3;

// Makes `db` a Storyline store of kSchemaVersion: creates the schema in an empty database,
// migrates an older one, accepts the current one. Errors: Corruption for a database that is not
// a Storyline store; NotSupported for a newer schema; SQLite errors as SqliteStatus.
Status PrepareSchema(Database& db, bool read_only);

}  // namespace storyline::store

#endif  // STORYLINE_STORE_SCHEMA_H_
