// Small RAII wrappers over the SQLite C API: a connection (Db), a prepared
// statement (Statement) and a write transaction (Transaction). Every error is a
// pw::Status whose message names the database file, SQLite's own message and,
// for statements, the SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/status.h"

namespace pw::store {

class Db;

// A prepared statement. Bind*() never fail on their own: the first binding error
// is remembered and returned by the next Step()/Run(), so a caller checks once.
// Parameters are 1-based, as in SQLite; ParamIndex(":name") finds a named one.
class Statement {
 public:
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  int ParamIndex(const char* name) const;
  void BindInt(int index, std::int64_t value);
  void BindText(int index, std::string_view value);  // may hold NUL bytes
  void BindBlob(int index, std::string_view value);
  void BindNull(int index);
  // Binds text, or NULL when `value` is empty.
  void BindTextOrNull(int index, std::string_view value);

  // Advances one row: *row is true when a row is available, false when done.
  Status Step(bool* row);
  // Steps to completion; an error if the statement yields a row.
  Status Run();

  // Column getters for the current row (0-based, as in SQLite). A NULL reads as
  // 0 or "".
  std::int64_t ColumnInt(int column) const;
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;

  // Makes the statement ready to run again: resets it (ending any read it holds)
  // and clears its bindings and remembered error.
  void Reset();

  const char* sql() const;

 private:
  friend class Db;
  Statement(Db* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void NoteBind(int rc, int index);

  Db* db_;
  sqlite3_stmt* stmt_;
  Status bind_error_;
};

// Resets a statement when leaving a scope, so that no read snapshot stays open.
class ScopedReset {
 public:
  explicit ScopedReset(Statement* s) : s_(s) {}
  ~ScopedReset() { s_->Reset(); }
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;

 private:
  Statement* s_;
};

struct DbOptions {
  // SQLITE_OPEN_READONLY; the file must exist. Works on a read-only directory or
  // filesystem too (a copy, a snapshot): where SQLite cannot create the WAL index
  // (-shm) beside the file, the file is opened as immutable (see sqlite.cpp).
  bool read_only = false;
  int busy_timeout_ms = 5000;
  // Durability of a committed transaction in WAL mode:
  //  - NORMAL: the WAL is written (write(2)) at each commit and synced only at
  //    checkpoints. A crash or kill -9 of the process loses nothing committed
  //    (the data is in the OS page cache); a power loss or kernel crash may lose
  //    the last few commits, but never corrupts the database.
  //  - FULL: the WAL is also fsync'ed at each commit, so committed work survives
  //    power loss too.
  // The default is FULL: the daemon commits once per document check (hours
  // apart per document), so one fsync per commit is cheap, and a lost outbox or
  // "delivered" row after a power cut would mean a lost or repeated notification.
  bool synchronous_full = true;
};

// One connection. WAL journal, foreign_keys=ON, busy_timeout, synchronous as in
// DbOptions. Not thread-safe: use one Db per thread.
class Db {
 public:
  static Status Open(const std::string& path, const DbOptions& options,
                     std::unique_ptr<Db>* db);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements that return no rows of interest.
  Status Exec(std::string_view sql);
  // Prepares a fresh statement owned by the caller.
  Status Prepare(std::string_view sql, std::unique_ptr<Statement>* stmt);
  // Returns a statement prepared once per connection and cached by its text.
  // It is returned reset, with no bindings; wrap its use in ScopedReset.
  Status Cached(const char* sql, Statement** stmt);
  // Runs one statement (no rows) through the cache: for statements run often,
  // such as BEGIN and COMMIT.
  Status ExecCached(const char* sql);
  // Runs a query returning a single integer (e.g. a PRAGMA).
  Status QueryInt(const char* sql, std::int64_t* value);

  std::int64_t LastInsertRowid() const;
  int Changes() const;
  bool read_only() const { return read_only_; }
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // "PATH: SQLite message (code N) [in: SQL]" for the last error on this
  // connection; `what` says what was being done.
  Status Error(std::string_view what, int rc, const char* sql = nullptr) const;

 private:
  Db(std::string path, sqlite3* db, bool read_only)
      : path_(std::move(path)), db_(db), read_only_(read_only) {}

  std::string path_;
  sqlite3* db_;
  bool read_only_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE ... COMMIT. Taking the write lock at BEGIN (waiting up to
// busy_timeout) means a transaction never fails half-way for lack of the lock.
// Rolls back on destruction unless Commit() succeeded. Inside a transaction
// already open on the connection it is a savepoint instead: Commit() releases it
// into the enclosing transaction, and destruction rolls back to it, undoing this
// transaction's work only.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();

 private:
  Db* db_;
  bool active_ = false;
  bool nested_ = false;  // a savepoint in an enclosing transaction
};

}  // namespace pw::store
