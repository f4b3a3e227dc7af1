#include "store/sqlite.h"

#include <utility>

namespace storyline::store {

Status SqliteStatus(int code, std::string_view what, sqlite3* db) {
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr && sqlite3_errcode(db) == code ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  switch (code & 0xFF) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return Status::OK();
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(msg + " (database is busy: another writer holds it)");
    case SQLITE_FULL:
      return Status::ResourceExhausted(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(msg);
    case SQLITE_CANTOPEN:
      return Status::NotFound(msg);
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return Status::IOError(msg);
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return Status::InvalidArgument(msg);
    case SQLITE_ERROR:
      return Status::InvalidArgument(msg);
    default:
      return Status::Internal(msg);
  }
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text64(stmt_, i, v.data() == nullptr ? "" : v.data(), v.size(), SQLITE_STATIC,
                      SQLITE_UTF8);
  return *this;
}
Statement& Statement::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data() == nullptr ? "" : v.data(), v.size(), SQLITE_STATIC);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::BindOptional(int i, std::string_view v) {
  return v.empty() ? BindNull(i) : Bind(i, v);
}
Statement& Statement::BindOptional(int i, std::optional<int64_t> v) {
  return v ? Bind(i, *v) : BindNull(i);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status st = SqliteStatus(rc, "sqlite step", db_);
  sqlite3_reset(stmt_);
  return st;
}

Status Statement::Run() {
  Result<bool> r = Step();
  while (r.ok() && *r) r = Step();
  Status st = r.status();
  Reset();
  return st;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p == nullptr ? std::string_view()
                      : std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Statement::Blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p == nullptr ? std::string_view()
                      : std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<Database> Database::Open(const std::string& path, Mode mode, int busy_timeout_ms) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::kReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::kReadWriteCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Database out(db);  // closes `db` on every path
  if (rc != SQLITE_OK) return SqliteStatus(rc, "cannot open " + path, db);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return out;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cache_.clear();  // statements are finalised before their connection closes
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Result<StatementLease> Database::Cached(std::string_view sql) const {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    Result<Statement> st = Prepare(sql);
    if (!st.ok()) return st.status();
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(*st))).first;
  }
  it->second->Reset();
  return StatementLease(it->second.get());
}

Result<Statement> Database::Prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(rc, "sqlite prepare", db_);
  return Statement(db_, stmt);
}

Status Database::Exec(std::string_view sql) const {
  const std::string s(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  return rc == SQLITE_OK ? Status::OK() : SqliteStatus(rc, "sqlite exec", db_);
}

Result<std::optional<int64_t>> Database::QueryInt(std::string_view sql) const {
  Result<Statement> st = Prepare(sql);
  if (!st.ok()) return st.status();
  Result<bool> row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row || st->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(st->Int(0));
}

}  // namespace storyline::store
