#include "store/internal/schema.h"

#include <catch2/catch.hpp>

#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::CountRows;
using testing::OpenOrDie;
using testing::TempDir;

bool HasObject(Db* db, const std::string& type, const std::string& name) {
  std::unique_ptr<Statement> st;
  REQUIRE(db->Prepare("SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?", &st).ok());
  st->BindText(1, type);
  st->BindText(2, name);
  bool row = false;
  REQUIRE(st->Step(&row).ok());
  return st->ColumnInt(0) == 1;
}

TEST_CASE("a new database gets every table at the current version", "[schema]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  std::int64_t version = 0;
  REQUIRE(store->db()->QueryInt("PRAGMA user_version", &version).ok());
  CHECK(version == CurrentSchemaVersion());
  CHECK(CurrentSchemaVersion() >= 2);
  for (const char* table : {"companies", "documents", "attempts", "versions", "changes", "outbox",
                            "document_state"}) {
    INFO(table);
    CHECK(HasObject(store->db(), "table", table));
  }
  CHECK(HasObject(store->db(), "view", "attempts_readable"));
  CHECK(HasObject(store->db(), "index", "changes_by_document"));
  std::int64_t problems = -1;
  REQUIRE(store->db()->QueryInt("SELECT count(*) FROM pragma_foreign_key_check", &problems).ok());
  CHECK(problems == 0);
}

TEST_CASE("a database made at v1 is upgraded with its data kept", "[schema]") {
  TempDir dir;
  const std::string path = dir.File("old.db");
  {
    std::unique_ptr<Db> db;
    REQUIRE(Db::Open(path, DbOptions(), &db).ok());
    REQUIRE(MigrateTo(db.get(), 1).ok());
    std::int64_t version = 0;
    REQUIRE(db->QueryInt("PRAGMA user_version", &version).ok());
    REQUIRE(version == 1);
    REQUIRE_FALSE(HasObject(db.get(), "index", "changes_by_document"));
    REQUIRE(db->Exec(
        "INSERT INTO companies (id, name) VALUES ('acme', 'Acme');"
        "INSERT INTO documents (id, company_id, type, url) VALUES (1, 'acme', 'terms', 'https://a');"
        "INSERT INTO versions (document_id, fetched_at, sha256, text, sections_json, raw_sha256,"
        "  raw_zstd, raw_size, content_type) VALUES (1, 100, 'x', 'text', '[]', 'y', x'00', 1, 't');"
        "INSERT INTO changes (document_id, to_version, severity, changeset_json, created_at)"
        "  VALUES (1, 1, 'material', '{}', 100);").ok());
  }
  {
    // Readers never migrate: they refuse the old schema with advice.
    StoreOptions ro;
    ro.read_only = true;
    std::unique_ptr<Store> reader;
    Status s = Store::Open(path, ro, &reader);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains("version 1"));
    CHECK_THAT(s.message(), Catch::Contains("upgrade"));
  }
  auto store = OpenOrDie(path);
  std::int64_t version = 0;
  REQUIRE(store->db()->QueryInt("PRAGMA user_version", &version).ok());
  CHECK(version == CurrentSchemaVersion());
  CHECK(HasObject(store->db(), "index", "changes_by_document"));
  CHECK(CountRows(store.get(), "versions") == 1);
  std::vector<VersionInfo> versions;
  REQUIRE(store->ListVersions(1, &versions).ok());
  REQUIRE(versions.size() == 1);
  CHECK(versions[0].severity == "material");
}

TEST_CASE("v3 forgets the Last-Modified values stored before they were checked for strength",
          "[schema]") {
  TempDir dir;
  const std::string path = dir.File("v2.db");
  {
    std::unique_ptr<Db> db;
    REQUIRE(Db::Open(path, DbOptions(), &db).ok());
    REQUIRE(MigrateTo(db.get(), 2).ok());
    REQUIRE(db->Exec(
        "INSERT INTO companies (id, name) VALUES ('acme', 'Acme');"
        "INSERT INTO documents (id, company_id, type, url) VALUES (1, 'acme', 'terms', 'https://a');"
        "INSERT INTO document_state (document_id, next_check_at, etag, last_modified)"
        "  VALUES (1, 100, '\"v1\"', 'Wed, 02 Dec 2026 10:00:00 GMT');").ok());
  }
  auto store = OpenOrDie(path);
  CHECK(CurrentSchemaVersion() >= 3);
  DocumentRow row;
  REQUIRE(store->GetDocument("acme", "terms", &row).ok());
  CHECK(row.state.last_modified.empty());
  CHECK(row.state.etag == "\"v1\"");  // ETags are kept
  CHECK(row.state.next_check_at == 100);
}

TEST_CASE("a database from a newer policywatch is refused, not touched", "[schema]") {
  TempDir dir;
  const std::string path = dir.File("new.db");
  {
    auto store = OpenOrDie(path);
    REQUIRE(store->db()->Exec("PRAGMA user_version = 99").ok());
  }
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains(path));
  CHECK_THAT(s.message(), Catch::Contains("newer"));
  CHECK(store == nullptr);
}

}  // namespace
}  // namespace pw::store
