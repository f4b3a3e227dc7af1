// A thin RAII layer over SQLite (internal to store): a connection, prepared statements with typed
// binds and columns, and one mapping from SQLite result codes to Status.

#ifndef STORYLINE_STORE_SQLITE_H_
#define STORYLINE_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline::store {

// The Status for a SQLite result code: busy/locked -> Unavailable ("database is busy"), full ->
// ResourceExhausted, corrupt or not a database -> Corruption, read-only and I/O errors ->
// IOError, constraint and misuse -> InvalidArgument / Internal. `what` names the operation.
Status SqliteStatus(int code, std::string_view what, sqlite3* db = nullptr);

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameter `i` (1-based).
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);  // the view must outlive the execution
  Statement& BindBlob(int i, std::string_view v);
  Statement& BindNull(int i);
  // Binds `v` or NULL when it is empty / none.
  Statement& BindOptional(int i, std::string_view v);
  Statement& BindOptional(int i, std::optional<int64_t> v);

  // Runs one step: true when a row is ready, false when done; errors as SqliteStatus.
  Result<bool> Step();
  // Runs to completion (a statement without rows), then resets for reuse.
  Status Run();
  // Clears the bindings and rewinds, for the next execution.
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view Text(int col) const;  // valid until the next Step or Reset
  std::string_view Blob(int col) const;
  std::optional<int64_t> OptionalInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
  }

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// A cached statement in use (Database::Cached): reset when the lease ends, so that a connection
// never keeps a finished query's read snapshot open.
class StatementLease {
 public:
  explicit StatementLease(Statement* s) : s_(s) {}
  StatementLease(StatementLease&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(const StatementLease&) = delete;
  ~StatementLease() {
    if (s_ != nullptr) s_->Reset();
  }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };
  // Opens `path` (":memory:" for a private in-memory database) with a busy timeout.
  static Result<Database> Open(const std::string& path, Mode mode, int busy_timeout_ms);
  Database() = default;
  Database(Database&& other) noexcept : db_(other.db_), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
  }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Result<Statement> Prepare(std::string_view sql) const;
  // The statement for `sql`, prepared once per connection and kept (for statements run many
  // times), leased reset and unbound. Not for two uses of one SQL text at once.
  Result<StatementLease> Cached(std::string_view sql) const;
  // Runs one or more statements without parameters or rows.
  Status Exec(std::string_view sql) const;
  // The single integer a query returns (a PRAGMA, a count), or none when it returns no row or NULL.
  Result<std::optional<int64_t>> QueryInt(std::string_view sql) const;
  int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  mutable std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace storyline::store

#endif  // STORYLINE_STORE_SQLITE_H_
