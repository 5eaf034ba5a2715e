#include "store/sqlite.h"

#include <catch2/catch.hpp>

#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::TempDir;

std::unique_ptr<Db> OpenDb(const std::string& path, bool read_only = false) {
  DbOptions options;
  options.read_only = read_only;
  options.busy_timeout_ms = 2000;
  std::unique_ptr<Db> db;
  Status s = Db::Open(path, options, &db);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return db;
}

TEST_CASE("Db opens in WAL mode with foreign keys on", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  std::unique_ptr<Statement> st;
  REQUIRE(db->Prepare("PRAGMA journal_mode", &st).ok());
  bool row = false;
  REQUIRE(st->Step(&row).ok());
  REQUIRE(row);
  CHECK(st->ColumnText(0) == "wal");
  std::int64_t fk = 0, sync = 0;
  REQUIRE(db->QueryInt("PRAGMA foreign_keys", &fk).ok());
  REQUIRE(db->QueryInt("PRAGMA synchronous", &sync).ok());
  CHECK(fk == 1);
  CHECK(sync == 2);  // FULL
}

TEST_CASE("Statement binds by index and name, reads columns, NUL bytes kept", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  REQUIRE(db->Exec("CREATE TABLE t (i INTEGER, s TEXT, b BLOB)").ok());
  std::unique_ptr<Statement> ins;
  REQUIRE(db->Prepare("INSERT INTO t VALUES (:i, :s, :b)", &ins).ok());
  const std::string with_nul("a\0b", 3);
  ins->BindInt(ins->ParamIndex(":i"), 1LL << 40);
  ins->BindText(ins->ParamIndex(":s"), with_nul);
  ins->BindBlob(ins->ParamIndex(":b"), with_nul);
  REQUIRE(ins->Run().ok());
  ins->Reset();
  ins->BindInt(1, 7);  // s and b left NULL
  REQUIRE(ins->Run().ok());

  std::unique_ptr<Statement> sel;
  REQUIRE(db->Prepare("SELECT i, s, b FROM t ORDER BY i DESC", &sel).ok());
  bool row = false;
  REQUIRE(sel->Step(&row).ok());
  REQUIRE(row);
  CHECK(sel->ColumnInt(0) == (1LL << 40));
  CHECK(sel->ColumnText(1) == with_nul);
  CHECK(sel->ColumnBlob(2) == with_nul);
  REQUIRE(sel->Step(&row).ok());
  REQUIRE(row);
  CHECK(sel->ColumnIsNull(1));
  CHECK(sel->ColumnText(1).empty());
  REQUIRE(sel->Step(&row).ok());
  CHECK_FALSE(row);
}

TEST_CASE("errors name the file, SQLite's message and the statement", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  std::unique_ptr<Statement> st;
  Status s = db->Prepare("SELECT * FROM no_such_table", &st);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains(dir.File("a.db")));
  CHECK_THAT(s.message(), Catch::Contains("no such table"));
  CHECK_THAT(s.message(), Catch::Contains("SELECT * FROM no_such_table"));

  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER NOT NULL)").ok());
  REQUIRE(db->Prepare("INSERT INTO t VALUES (?)", &st).ok());
  st->BindInt(5, 1);  // out of range: reported by Run
  s = st->Run();
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("binding parameter 5"));
  st->Reset();
  s = st->Run();  // x is NULL: constraint
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("NOT NULL"));
  CHECK_THAT(s.message(), Catch::Contains("INSERT INTO t"));
}

TEST_CASE("Transaction rolls back on destruction and commits on request", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)").ok());
  {
    Transaction txn(db.get());
    REQUIRE(txn.Begin().ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (1)").ok());
  }
  std::int64_t n = -1;
  REQUIRE(db->QueryInt("SELECT count(*) FROM t", &n).ok());
  CHECK(n == 0);
  {
    Transaction txn(db.get());
    REQUIRE(txn.Begin().ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (2)").ok());
    REQUIRE(txn.Commit().ok());
  }
  REQUIRE(db->QueryInt("SELECT count(*) FROM t", &n).ok());
  CHECK(n == 1);
}

TEST_CASE("Transaction inside a transaction is a savepoint of it", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)").ok());
  auto count = [&] {
    std::int64_t n = -1;
    REQUIRE(db->QueryInt("SELECT count(*) FROM t", &n).ok());
    return n;
  };
  REQUIRE(db->Exec("BEGIN IMMEDIATE").ok());
  {
    Transaction inner(db.get());
    REQUIRE(inner.Begin().ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (1)").ok());
    REQUIRE(inner.Commit().ok());
  }
  {
    Transaction undone(db.get());  // rolled back: only its own row goes
    REQUIRE(undone.Begin().ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (2)").ok());
  }
  CHECK(count() == 1);
  CHECK(sqlite3_get_autocommit(db->handle()) == 0);  // the outer one is still open
  REQUIRE(db->Exec("COMMIT").ok());
  CHECK(count() == 1);
}

TEST_CASE("a second writer waits for busy_timeout then fails with a clear error", "[sqlite]") {
  TempDir dir;
  auto a = OpenDb(dir.File("a.db"));
  REQUIRE(a->Exec("CREATE TABLE t (x INTEGER)").ok());
  DbOptions quick;
  quick.busy_timeout_ms = 50;
  std::unique_ptr<Db> b;
  REQUIRE(Db::Open(dir.File("a.db"), quick, &b).ok());
  Transaction hold(a.get());
  REQUIRE(hold.Begin().ok());
  Transaction second(b.get());
  Status s = second.Begin();
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("locked"));
}

TEST_CASE("Cached statements are reused and come back reset", "[sqlite]") {
  TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);").ok());
  Statement* first = nullptr;
  REQUIRE(db->Cached("SELECT x FROM t ORDER BY x", &first).ok());
  bool row = false;
  REQUIRE(first->Step(&row).ok());
  CHECK(first->ColumnInt(0) == 1);
  Statement* again = nullptr;
  REQUIRE(db->Cached("SELECT x FROM t ORDER BY x", &again).ok());
  CHECK(again == first);
  REQUIRE(again->Step(&row).ok());
  CHECK(again->ColumnInt(0) == 1);  // restarted, not continuing at 2
  again->Reset();
}

}  // namespace
}  // namespace pw::store
