// Store::AppendVersion: technical and imported versions, on a real database file.
#include <catch2/catch.hpp>

#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::CountRows;
using testing::Fetched;
using testing::MakeConfig;
using testing::OpenOrDie;
using testing::RecordCheck;
using testing::TempDir;

struct Watched {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("pw.db"));
  std::int64_t doc = 0;
  Watched() {
    REQUIRE(store->SyncConfig(MakeConfig(1), 1000).ok());
    std::vector<DocumentRow> docs;
    REQUIRE(store->ListDocuments(false, &docs).ok());
    doc = docs[0].id;
  }
  std::int64_t Check(std::int64_t when, const std::string& text, std::int64_t latest) {
    testing::TestCheck check = Fetched(doc, when, text, "<p>" + text, latest);
    if (latest != 0) check.change = NewChange{"minor", "{}"};
    CheckOutcome out;
    REQUIRE(RecordCheck(store.get(), check, &out).ok());
    return out.version_id;
  }
  AppendedVersion Appended(std::uint32_t flags, std::int64_t when, const std::string& text,
                           std::int64_t latest) {
    AppendedVersion v;
    v.document_id = doc;
    v.fetched_at = when;
    v.expected_latest_version_id = latest;
    v.version.text = text;
    v.version.sections_json = "{}";
    v.version.raw_body = "<p>" + text;
    v.version.content_type = "text/html";
    v.version.flags = flags;
    if (latest != 0) v.change = NewChange{"minor", "{}"};
    return v;
  }
};

TEST_CASE("AppendVersion adds a technical version with its change and moves the state",
          "[append]") {
  Watched w;
  const std::int64_t v1 = w.Check(2000, "one", 0);
  std::int64_t v2 = 0;
  bool conflict = true;
  REQUIRE(w.store->AppendVersion(w.Appended(kVersionTechnical, 3000, "one again", v1), &v2,
                                 &conflict).ok());
  CHECK_FALSE(conflict);
  CHECK(v2 > v1);
  std::optional<VersionRow> latest;
  REQUIRE(w.store->LatestVersion(w.doc, &latest).ok());
  CHECK(latest->info.id == v2);
  CHECK(latest->text == "one again");
  CHECK((latest->info.flags & kVersionTechnical) != 0);
  CHECK(latest->info.fetched_at == 3000);
  std::optional<ChangeRow> change;
  REQUIRE(w.store->GetChange(v2, &change).ok());
  REQUIRE(change);
  CHECK(change->from_version == v1);
  CHECK(change->created_at == 3000);
  DocumentRow row;
  REQUIRE(w.store->GetDocumentById(w.doc, &row).ok());
  CHECK(row.state.last_version_id == v2);
  CHECK(row.state.last_change_at == 3000);
  CHECK(CountRows(w.store.get(), "attempts") == 1);  // the check's only
  CHECK(CountRows(w.store.get(), "outbox") == 0);
  // The next check diffs against it.
  const std::int64_t v3 = w.Check(4000, "two", v2);
  REQUIRE(w.store->GetChange(v3, &change).ok());
  REQUIRE(change);
  CHECK(change->from_version == v2);
}

TEST_CASE("AppendVersion imports a first version into a document never checked", "[append]") {
  Watched w;
  std::int64_t v1 = 0;
  REQUIRE(w.store->AppendVersion(w.Appended(kVersionImported, 500, "old", 0), &v1, nullptr).ok());
  std::optional<ChangeRow> change;
  REQUIRE(w.store->GetChange(v1, &change).ok());
  CHECK_FALSE(change);
  DocumentRow row;
  REQUIRE(w.store->GetDocumentById(w.doc, &row).ok());
  CHECK(row.state.last_version_id == v1);
  CHECK(row.state.next_check_at == 1000);  // still due when the config made it
}

TEST_CASE("AppendVersion refuses what it must not write", "[append][hostile]") {
  Watched w;
  const std::int64_t v1 = w.Check(2000, "one", 0);
  std::int64_t id = 0;
  bool conflict = false;
  SECTION("a fetched version (neither technical nor imported)") {
    Status s = w.store->AppendVersion(w.Appended(0, 3000, "x", v1), &id, &conflict);
    CHECK(s.message().find("neither technical nor imported") != std::string::npos);
    CHECK_FALSE(conflict);
  }
  SECTION("a stale latest version") {
    Status s = w.store->AppendVersion(w.Appended(kVersionTechnical, 3000, "x", 0), &id, &conflict);
    CHECK_FALSE(s.ok());
    CHECK(conflict);
  }
  SECTION("the latest version's text") {
    Status s = w.store->AppendVersion(w.Appended(kVersionTechnical, 3000, "one", v1), &id,
                                      &conflict);
    CHECK(s.message().find("latest version's") != std::string::npos);
  }
  CHECK(id == 0);
  CHECK(CountRows(w.store.get(), "versions") == 1);
  CHECK(CountRows(w.store.get(), "changes") == 0);
}

}  // namespace
}  // namespace pw::store
