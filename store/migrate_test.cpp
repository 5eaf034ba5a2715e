// The upgrade to delta-stored versions (schema v4) of a database written the
// way the release before it wrote one: every row re-encoded in one transaction,
// read back byte for byte; or, when any step fails, nothing changed at all.
#include <catch2/catch.hpp>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/internal/schema.h"
#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

struct V3Row {
  std::string text, tree, raw, changeset;
};

// Three versions of one document as v3 stored them (text, sections_json,
// raw_zstd) with the changes between them, the second one's raw body damaged.
std::vector<V3Row> V3Rows() {
  std::string policy;
  for (int i = 0; i < 80; ++i) policy += "We keep the data of paragraph " + std::to_string(i) + ".\n\n";
  std::vector<V3Row> rows;
  rows.push_back({policy, R"({"title":"Privacy","sections":[]})", "<html>" + policy, ""});
  rows.push_back({policy + "We sell it.\n", R"({"title":"Privacy","sections":[1]})",
                  "<html>" + policy + "sell", R"({"schema":"policywatch.changeset.v1",)"
                  R"("sections":[{"categories":["third-party-sharing","sale"]}]})"});
  rows.push_back({policy + "We do not sell it.\n", R"({"title":"Privacy","sections":[2]})",
                  "<html>" + policy + "do not sell", R"({"sections":[{"categories":["sale"]},)"
                  R"({"categories":["sale",3]},7]})"});
  return rows;
}

// Writes the database at schema v3 exactly as that release's code did.
void WriteV3Database(const std::string& path, const std::vector<V3Row>& rows) {
  std::unique_ptr<Db> db;
  REQUIRE(Db::Open(path, DbOptions(), &db).ok());
  REQUIRE(MigrateTo(db.get(), 3).ok());
  REQUIRE(db->Exec("INSERT INTO companies (id, name) VALUES ('c0', 'Company 0');"
                   "INSERT INTO documents (id, company_id, type, url) VALUES"
                   " (1, 'c0', 'privacy-policy', 'https://example.org/p');").ok());
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string packed;
    REQUIRE(CompressEvidence(rows[i].raw, kEvidenceLevel, &packed).ok());
    if (i == 1) packed = "damaged";
    std::unique_ptr<Statement> st;
    REQUIRE(db->Prepare("INSERT INTO versions (id, document_id, fetched_at, sha256, text,"
                        " sections_json, raw_sha256, raw_zstd, raw_size, content_type)"
                        " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 'text/html')", &st).ok());
    const auto id = static_cast<std::int64_t>(i + 1);
    st->BindInt(1, id);
    st->BindInt(2, 1000 * id);
    st->BindText(3, Sha256Hex(rows[i].text));
    st->BindText(4, rows[i].text);
    st->BindText(5, rows[i].tree);
    st->BindText(6, Sha256Hex(rows[i].raw));
    st->BindBlob(7, packed);
    st->BindInt(8, static_cast<std::int64_t>(rows[i].raw.size()));
    REQUIRE(st->Run().ok());
    if (i == 0) continue;
    REQUIRE(db->Prepare("INSERT INTO changes (document_id, from_version, to_version, severity,"
                        " changeset_json, created_at) VALUES (1, ?, ?, 'material', ?, ?)",
                        &st).ok());
    st->BindInt(1, id - 1);
    st->BindInt(2, id);
    st->BindText(3, rows[i].changeset);
    st->BindInt(4, 1000 * id);
    REQUIRE(st->Run().ok());
  }
  REQUIRE(db->Exec("INSERT INTO document_state (document_id, last_version_id) VALUES (1, 3)").ok());
}

std::int64_t UserVersion(Db* db) {
  std::int64_t version = 0;
  REQUIRE(db->QueryInt("PRAGMA user_version", &version).ok());
  return version;
}

std::vector<std::string> SeveritiesWithCategory(Store* store, const std::string& category) {
  ChangeFilter f;
  f.category = category;
  std::vector<ChangeRow> rows;
  REQUIRE(store->ListChanges(f, &rows).ok());
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(std::to_string(r.to_version));
  return ids;
}

TEST_CASE("a v3 database is upgraded in place and every version reads back", "[migrate]") {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  const std::vector<V3Row> rows = V3Rows();
  WriteV3Database(path, rows);
  auto store = OpenOrDie(path);
  CHECK(UserVersion(store->db()) == CurrentSchemaVersion());
  for (size_t i = 0; i < rows.size(); ++i) {
    INFO("version " << i + 1);
    VersionRow v;
    REQUIRE(store->GetVersion(1, static_cast<std::int64_t>(i + 1), &v).ok());
    CHECK(v.text == rows[i].text);
    CHECK(v.sections_json == rows[i].tree);
    CHECK(v.info.text_size == static_cast<std::int64_t>(rows[i].text.size()));
    std::string raw;
    Status s = store->GetEvidence(static_cast<std::int64_t>(i + 1), &raw);
    if (i == 1) {
      CHECK_FALSE(s.ok());  // damaged before: still reported, not replaced
    } else {
      REQUIRE(s.ok());
      CHECK(raw == rows[i].raw);
    }
    if (i == 0) continue;
    std::optional<ChangeRow> change;
    REQUIRE(store->GetChange(static_cast<std::int64_t>(i + 1), &change).ok());
    REQUIRE(change);
    CHECK(change->changeset_json == rows[i].changeset);
  }
  using V = std::vector<std::string>;
  CHECK(SeveritiesWithCategory(store.get(), "sale") == V{"3", "2"});
  CHECK(SeveritiesWithCategory(store.get(), "third-party-sharing") == V{"2"});
  std::int64_t old_columns = -1;
  REQUIRE(store->db()->QueryInt("SELECT count(*) FROM pragma_table_info('versions')"
                                " WHERE name IN ('text', 'sections_json', 'raw_zstd')",
                                &old_columns).ok());
  CHECK(old_columns == 0);
  std::int64_t fk = -1;
  REQUIRE(store->db()->QueryInt("SELECT count(*) FROM pragma_foreign_key_check", &fk).ok());
  CHECK(fk == 0);
  // The next check writes a delta against the migrated history.
  std::optional<VersionRow> latest;
  REQUIRE(store->LatestVersion(1, &latest).ok());
  CHECK(latest->text == rows[2].text);
}

TEST_CASE("an upgrade that fails midway leaves the database as it was", "[migrate][hostile]") {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  const std::vector<V3Row> rows = V3Rows();
  WriteV3Database(path, rows);
  {
    // A reader's own view on a column the upgrade drops makes its last step fail.
    std::unique_ptr<Db> db;
    REQUIRE(Db::Open(path, DbOptions(), &db).ok());
    REQUIRE(db->Exec("CREATE VIEW my_texts AS SELECT id, text FROM versions").ok());
  }
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("version 4"));
  std::unique_ptr<Db> db;
  REQUIRE(Db::Open(path, DbOptions(), &db).ok());
  CHECK(UserVersion(db.get()) == 3);
  std::unique_ptr<Statement> st;
  REQUIRE(db->Prepare("SELECT text FROM versions ORDER BY id", &st).ok());
  for (const V3Row& row : rows) {
    bool found = false;
    REQUIRE(st->Step(&found).ok());
    REQUIRE(found);
    CHECK(st->ColumnText(0) == row.text);
  }
  std::int64_t with_new_columns = -1;
  REQUIRE(db->QueryInt("SELECT count(*) FROM pragma_table_info('versions') WHERE name = 'text_z'",
                       &with_new_columns).ok());
  CHECK(with_new_columns == 0);
}

}  // namespace
}  // namespace pw::store
