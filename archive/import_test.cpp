// Import of a policywatch export on real store files: the round trip, re-import,
// and a history that already has newer versions.
#include <catch2/catch.hpp>

#include "archive/export.h"
#include "archive/import.h"
#include "archive/test_fixtures.h"

namespace pw::archive {
namespace {

using testing::TempDir;

ImportResult ImportOk(store::Store& store, const std::string& dir, ImportOptions options = {}) {
  ImportResult result;
  Status s = Import(store, testing::TwoCompanies(), dir, options, &result);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return result;
}

// A store seeded with 10 versions, exported to DIR/out.
struct Exported {
  TempDir tmp;
  std::unique_ptr<store::Store> source = testing::OpenStore(tmp.File("source.db"));
  std::string out = tmp.File("out");
  Exported() {
    testing::SeedHistory(*source);
    ExportResult r;
    REQUIRE(Export(*source, out, ExportOptions(), &r).ok());
  }
};

const ImportedDocument* Find(const ImportResult& r, const std::string& key) {
  for (const auto& d : r.documents) {
    if (d.key == key) return &d;
  }
  return nullptr;
}

TEST_CASE("export then import into a fresh store gives the same texts and dates",
          "[archive][import]") {
  Exported e;
  auto fresh = testing::OpenStore(e.tmp.File("fresh.db"));
  ImportResult r = ImportOk(*fresh, e.out);
  CHECK(r.layout == "policywatch");
  CHECK(r.Appended() == 10);
  CHECK(r.errors.empty());
  CHECK(r.unmatched.empty());
  for (const auto& [company, type] : {std::pair{"mistral-media", "privacy-policy"},
                                      {"mistral-media", "terms-of-service"},
                                      {"north-wind", "privacy-policy"}}) {
    const std::int64_t from = testing::DocumentId(*e.source, company, type);
    const std::int64_t to = testing::DocumentId(*fresh, company, type);
    std::vector<store::VersionInfo> a, b;
    REQUIRE(e.source->ListVersions(from, &a).ok());
    REQUIRE(fresh->ListVersions(to, &b).ok());
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      store::VersionRow va, vb;
      REQUIRE(e.source->GetVersion(from, a[i].id, &va).ok());
      REQUIRE(fresh->GetVersion(to, b[i].id, &vb).ok());
      CHECK(vb.text == va.text);
      CHECK(vb.info.sha256 == va.info.sha256);
      CHECK(vb.info.fetched_at == va.info.fetched_at);
      CHECK((vb.info.flags & store::kVersionImported) != 0);
      CHECK((vb.info.flags & store::kVersionTechnical) == (va.info.flags & store::kVersionTechnical));
      std::optional<store::ChangeRow> change;
      REQUIRE(fresh->GetChange(b[i].id, &change).ok());
      if (i == 0) {
        CHECK_FALSE(change.has_value());
      } else {
        REQUIRE(change.has_value());
        CHECK(change->from_version == b[i - 1].id);
        CHECK((change->severity == "cosmetic" || change->severity == "minor" ||
               change->severity == "material"));
      }
    }
  }
  CHECK(testing::CountRows(*fresh, "outbox") == 0);
  CHECK(testing::CountRows(*fresh, "attempts") == 0);
}

TEST_CASE("importing the same tree again adds nothing", "[archive][import]") {
  Exported e;
  auto fresh = testing::OpenStore(e.tmp.File("fresh.db"));
  REQUIRE(ImportOk(*fresh, e.out).Appended() == 10);
  ImportResult again = ImportOk(*fresh, e.out);
  CHECK(again.Appended() == 0);
  int present = 0;
  for (const auto& d : again.documents) present += d.present;
  CHECK(present == 10);
  CHECK(testing::CountRows(*fresh, "versions") == 10);
}

TEST_CASE("a dry run counts what it would import and writes nothing", "[archive][import]") {
  Exported e;
  auto fresh = testing::OpenStore(e.tmp.File("fresh.db"));
  ImportOptions dry;
  dry.dry_run = true;
  CHECK(ImportOk(*fresh, e.out, dry).Appended() == 10);
  CHECK(testing::CountRows(*fresh, "versions") == 0);
  CHECK(testing::CountRows(*fresh, "documents") == 0);
}

TEST_CASE("versions older than the stored history are skipped and reported",
          "[archive][import]") {
  Exported e;
  auto other = testing::OpenStore(e.tmp.File("other.db"));
  REQUIRE(other->SyncConfig(testing::TwoCompanies(), testing::kSeedStart).ok());
  // north-wind already has a version fetched after its second exported one.
  const std::int64_t north = testing::DocumentId(*other, "north-wind", "privacy-policy");
  testing::StoreFetched(*other, north, testing::kSeedStart + 86400 + 500,
                        testing::PolicyText("Elsewhere", 7), "material");
  ImportResult r = ImportOk(*other, e.out);
  const ImportedDocument* d = Find(r, "north-wind/privacy-policy");
  REQUIRE(d != nullptr);
  CHECK(d->older == 2);
  CHECK(d->appended == 2);
  CHECK(r.Appended() == 8);
  std::vector<store::VersionInfo> versions;
  REQUIRE(other->ListVersions(north, &versions).ok());
  REQUIRE(versions.size() == 3);
  CHECK(versions[0].flags == 0);  // the fetched one stays first
  CHECK(versions[1].fetched_at == testing::kSeedStart + 2 * 86400 + 120);
}

}  // namespace
}  // namespace pw::archive
