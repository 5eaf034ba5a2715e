// Import of an Open Terms Archive dataset (SERVICE/TERMS TYPE/DATE.md) built here.
#include <catch2/catch.hpp>

#include "archive/import.h"
#include "archive/test_fixtures.h"

namespace pw::archive {
namespace {

using testing::PolicyText;
using testing::TempDir;

// Two matched services, one unknown, one unmapped terms type; files written out of order.
struct Dataset {
  TempDir tmp;
  std::string dir = tmp.File("dataset");
  Dataset() {
    tmp.Write("dataset/README.md", "# A dataset\n");
    tmp.Write("dataset/Mistral Media/Privacy Policy/2021-08-01T01-03-12Z.md", PolicyText("M", 2));
    tmp.Write("dataset/Mistral Media/Privacy Policy/2020-01-05T08-00-00Z.md", PolicyText("M", 0));
    tmp.Write("dataset/Mistral Media/Privacy Policy/2021-02-10T12:30:00Z.md", PolicyText("M", 1));
    // The same text again (a re-recorded snapshot): skipped as unchanged.
    tmp.Write("dataset/Mistral Media/Privacy Policy/2021-09-01T00-00-00Z.md", PolicyText("M", 2));
    tmp.Write("dataset/Mistral Media/Terms of Service/2019-03-12T04-18-22Z.md", PolicyText("T", 0));
    tmp.Write("dataset/Mistral Media/Terms of Service/2022-12-04T22-47-05Z.md", PolicyText("T", 1));
    tmp.Write("dataset/Mistral Media/Community Guidelines/2022-01-01T00-00-00Z.md", PolicyText("C", 0));
    tmp.Write("dataset/NORTH WIND/Privacy Policy/2018-06-01T00-00-00Z.md", PolicyText("N", 0));
    tmp.Write("dataset/NORTH WIND/Privacy Policy/2019-06-01T00-00-00Z.md", PolicyText("N", 1));
    tmp.Write("dataset/Unknown Corp/Privacy Policy/2019-06-01T00-00-00Z.md", PolicyText("U", 0));
  }
};

ImportResult ImportOk(store::Store& store, const std::string& dir, ImportOptions options = {}) {
  ImportResult result;
  Status s = Import(store, testing::TwoCompanies(), dir, options, &result);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return result;
}

std::vector<store::VersionRow> Versions(store::Store& store, const std::string& company,
                                        const std::string& type) {
  const std::int64_t doc = testing::DocumentId(store, company, type);
  std::vector<store::VersionInfo> infos;
  REQUIRE(store.ListVersions(doc, &infos).ok());
  std::vector<store::VersionRow> rows(infos.size());
  for (size_t i = 0; i < infos.size(); ++i) REQUIRE(store.GetVersion(doc, infos[i].id, &rows[i]).ok());
  return rows;
}

TEST_CASE("a dataset imports in date order into the matching documents", "[archive][dataset]") {
  Dataset d;
  auto store = testing::OpenStore(d.tmp.File("pw.db"));
  ImportResult r = ImportOk(*store, d.dir);
  CHECK(r.layout == "open-terms-archive");
  CHECK(r.errors.empty());
  CHECK(r.Appended() == 7);
  REQUIRE(r.unmatched.size() == 2);
  CHECK(r.unmatched[0].starts_with("Mistral Media/Community Guidelines: company 'mistral-media' "
                                   "has no document type"));
  CHECK(r.unmatched[1].starts_with("Unknown Corp/Privacy Policy: no configured company"));

  auto privacy = Versions(*store, "mistral-media", "privacy-policy");
  REQUIRE(privacy.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(privacy[i].text == PolicyText("M", i));
  CHECK(privacy[0].info.fetched_at == 1578211200);  // 2020-01-05T08:00:00Z
  CHECK(privacy[1].info.fetched_at == 1612960200);  // 2021-02-10T12:30:00Z
  CHECK(privacy[2].content_type == "text/markdown");
  CHECK(Versions(*store, "mistral-media", "terms-of-service").size() == 2);
  auto north = Versions(*store, "north-wind", "privacy-policy");
  REQUIRE(north.size() == 2);
  CHECK(north[1].text == PolicyText("N", 1));
  CHECK(testing::CountRows(*store, "outbox") == 0);
  for (const auto& doc : r.documents) {
    if (doc.key == "mistral-media/privacy-policy") CHECK(doc.unchanged == 1);
  }
}

TEST_CASE("importing a dataset again adds nothing", "[archive][dataset]") {
  Dataset d;
  auto store = testing::OpenStore(d.tmp.File("pw.db"));
  REQUIRE(ImportOk(*store, d.dir).Appended() == 7);
  ImportResult again = ImportOk(*store, d.dir);
  CHECK(again.Appended() == 0);
  CHECK(testing::CountRows(*store, "versions") == 7);
}

TEST_CASE("map entries send a service or a terms type to a chosen document",
          "[archive][dataset]") {
  Dataset d;
  auto store = testing::OpenStore(d.tmp.File("pw.db"));
  ImportOptions options;
  options.map = {"Unknown Corp=north-wind",
                 "Mistral Media/Community Guidelines=mistral-media/terms-of-service"};
  options.dry_run = true;
  ImportResult r = ImportOk(*store, d.dir, options);
  CHECK(r.unmatched.empty());
  options.map = {"Unknown Corp=nobody"};
  r = ImportOk(*store, d.dir, options);
  REQUIRE(r.unmatched.size() == 2);
  CHECK(r.unmatched[1] == "Unknown Corp/Privacy Policy: --map names company 'nobody', which is "
                          "not configured");
  options.map = {"no equals sign"};
  CHECK_FALSE(Import(*store, testing::TwoCompanies(), d.dir, options, &r).ok());
}

}  // namespace
}  // namespace pw::archive
