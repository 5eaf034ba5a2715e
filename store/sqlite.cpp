#include "store/sqlite.h"

#include <sys/stat.h>

#include <string>

namespace pw::store {

// --- Statement ---------------------------------------------------------------

Statement::~Statement() { sqlite3_finalize(stmt_); }

int Statement::ParamIndex(const char* name) const {
  return sqlite3_bind_parameter_index(stmt_, name);
}

void Statement::NoteBind(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_.ok()) {
    bind_error_ = db_->Error("binding parameter " + std::to_string(index), rc, sql());
  }
}

void Statement::BindInt(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value), index);
}

void Statement::BindText(int index, std::string_view value) {
  NoteBind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8),
           index);
}

void Statement::BindBlob(int index, std::string_view value) {
  NoteBind(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT),
           index);
}

void Statement::BindNull(int index) { NoteBind(sqlite3_bind_null(stmt_, index), index); }

void Statement::BindTextOrNull(int index, std::string_view value) {
  if (value.empty()) {
    BindNull(index);
  } else {
    BindText(index, value);
  }
}

Status Statement::Step(bool* row) {
  *row = false;
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    *row = true;
    return Status::Ok();
  }
  if (rc == SQLITE_DONE) return Status::Ok();
  return db_->Error("running statement", rc, sql());
}

Status Statement::Run() {
  bool row = false;
  Status s = Step(&row);
  if (s.ok() && row) {
    return Status::Error(db_->path() + ": statement returned rows where none were expected: " +
                         sql());
  }
  return s;
}

std::int64_t Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::string Statement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (blob == nullptr) return std::string();
  return std::string(static_cast<const char*>(blob), static_cast<size_t>(size));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = Status::Ok();
}

const char* Statement::sql() const { return sqlite3_sql(stmt_); }

// --- Db -----------------------------------------------------------------------

Status Db::Error(std::string_view what, int rc, const char* sql) const {
  std::string msg = path_ + ": " + std::string(what) + ": ";
  const char* errmsg = db_ ? sqlite3_errmsg(db_) : nullptr;
  msg += (errmsg && *errmsg) ? errmsg : sqlite3_errstr(rc);
  msg += " (SQLite code " + std::to_string(rc) + ")";
  if (sql != nullptr) {
    msg += " in: ";
    msg += sql;
  }
  return Status::Error(std::move(msg));
}

namespace {

// `path` as a "file:" URI with `query`, for sqlite3_open_v2 with SQLITE_OPEN_URI:
// what a URI path cannot hold as it is ('%', '?', '#') is percent-encoded.
std::string FileUri(const std::string& path, const std::string& query) {
  std::string uri = "file:";
  if (path.rfind("//", 0) == 0) uri += "//";  // an empty authority, then the path
  for (char c : path) {
    if (c == '%') uri += "%25";
    else if (c == '?') uri += "%3f";
    else if (c == '#') uri += "%23";
    else uri += c;
  }
  return uri + "?" + query;
}

// True when a read on `handle` fails because SQLite cannot open or create the WAL
// index (the -shm file) beside the database: a read-only directory or filesystem.
bool WalIndexUnavailable(sqlite3* handle) {
  int rc = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  return (rc & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY_CANTINIT;
}

// A -wal file beside `path` that is not empty.
bool HasWalContent(const std::string& path) {
  struct stat st;
  return ::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0;
}

constexpr int kUnreadableWal = -1;  // OpenForReading: see there

// Opens `path` read-only (mode=ro), reading a writer's WAL as it is. Where the
// WAL index cannot be created (a read-only directory or filesystem without the
// -shm file: a copy, a snapshot, a read-only mount), it opens the file as
// immutable instead: no locks, no WAL index, so it works there. Immutable assumes
// the file does not change while it is read; a writer needs the -shm file beside
// it too, so in practice none is at work there (unless another user can write to
// a directory this one cannot). An immutable open ignores the -wal file: when that
// holds changes it returns kUnreadableWal rather than show an older state.
// Returns SQLite's result code.
int OpenForReading(const std::string& path, sqlite3** handle) {
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(FileUri(path, "mode=ro").c_str(), handle, flags, nullptr);
  if (rc != SQLITE_OK) return rc;
  sqlite3_extended_result_codes(*handle, 1);
  if (!WalIndexUnavailable(*handle)) return rc;
  if (HasWalContent(path)) return kUnreadableWal;
  sqlite3_close_v2(*handle);
  *handle = nullptr;
  return sqlite3_open_v2(FileUri(path, "mode=ro&immutable=1").c_str(), handle, flags, nullptr);
}

}  // namespace

Status Db::Open(const std::string& path, const DbOptions& options, std::unique_ptr<Db>* out) {
  out->reset();
  struct stat st;
  if (options.read_only && ::stat(path.c_str(), &st) != 0) {
    return Status::Error(path + ": no database at this path (opened read-only, so it is not "
                         "created)");
  }
  sqlite3* handle = nullptr;
  int rc = options.read_only ? OpenForReading(path, &handle)
                             : sqlite3_open_v2(path.c_str(), &handle,
                                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == kUnreadableWal) {
    sqlite3_close_v2(handle);
    return Status::Error(path + ": cannot read this database where it is: its directory is "
                         "read-only and its -wal file holds changes that SQLite can read only "
                         "with the -shm file beside it; copy the -shm file too, or copy the "
                         "database after a checkpoint");
  }
  std::unique_ptr<Db> db(new Db(path, handle, options.read_only));
  if (rc != SQLITE_OK) {
    return db->Error(options.read_only ? "cannot open database for reading"
                                       : "cannot open or create database",
                     rc);
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, options.busy_timeout_ms);

  if (!options.read_only) {
    // journal_mode is persistent in the file; it also is the first read of the
    // file, so a corrupt or foreign file fails here with the path in the message.
    std::unique_ptr<Statement> stmt;
    Status s = db->Prepare("PRAGMA journal_mode=WAL", &stmt);
    bool row = false;
    if (s.ok()) s = stmt->Step(&row);
    if (!s.ok()) return s;
    std::string mode = row ? stmt->ColumnText(0) : "";
    if (mode != "wal") {
      return Status::Error(path + ": cannot switch the database to WAL mode (journal_mode is '" +
                           mode + "')");
    }
  }
  Status s = db->Exec(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                               : "PRAGMA synchronous=NORMAL");
  if (s.ok()) s = db->Exec("PRAGMA foreign_keys=ON");
  if (!s.ok()) return s;
  *out = std::move(db);
  return Status::Ok();
}

Db::~Db() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

Status Db::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Error("executing", rc, text.c_str());
  return Status::Ok();
}

Status Db::Prepare(std::string_view sql, std::unique_ptr<Statement>* stmt) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return Error("preparing statement", rc, std::string(sql).c_str());
  }
  stmt->reset(new Statement(this, raw));
  return Status::Ok();
}

Status Db::Cached(const char* sql, Statement** stmt) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    std::unique_ptr<Statement> fresh;
    Status s = Prepare(sql, &fresh);
    if (!s.ok()) return s;
    it = cache_.emplace(sql, std::move(fresh)).first;
  }
  it->second->Reset();
  *stmt = it->second.get();
  return Status::Ok();
}

Status Db::QueryInt(const char* sql, std::int64_t* value) {
  std::unique_ptr<Statement> stmt;
  Status s = Prepare(sql, &stmt);
  bool row = false;
  if (s.ok()) s = stmt->Step(&row);
  if (!s.ok()) return s;
  if (!row) return Status::Error(path_ + ": query returned no row: " + sql);
  *value = stmt->ColumnInt(0);
  return Status::Ok();
}

std::int64_t Db::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

int Db::Changes() const { return sqlite3_changes(db_); }

// --- Transaction ----------------------------------------------------------------

// The transaction statements run once per check: prepared once, not parsed each time.
Status Db::ExecCached(const char* sql) {
  Statement* st;
  Status s = Cached(sql, &st);
  if (!s.ok()) return s;
  ScopedReset reset(st);
  return st->Run();
}

Status Transaction::Begin() {
  nested_ = sqlite3_get_autocommit(db_->handle()) == 0;
  Status s = db_->ExecCached(nested_ ? "SAVEPOINT pw_transaction" : "BEGIN IMMEDIATE");
  active_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  Status s = db_->ExecCached(nested_ ? "RELEASE pw_transaction" : "COMMIT");
  if (s.ok()) active_ = false;
  return s;
}

Transaction::~Transaction() {
  if (!active_) return;
  if (nested_) {
    db_->ExecCached("ROLLBACK TO pw_transaction");
    db_->ExecCached("RELEASE pw_transaction");
  } else {
    db_->ExecCached("ROLLBACK");
  }
}

}  // namespace pw::store
