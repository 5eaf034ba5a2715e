// Export on a real store file: files byte for byte, the manifest, the target rules.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "archive/export.h"
#include "archive/internal/files.h"
#include "archive/test_fixtures.h"
#include "store/hash.h"
#include "util/clock.h"

namespace pw::archive {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string Slurp(const std::string& path) {
  std::string s;
  REQUIRE(internal::ReadWholeFile(path, &s).ok());
  return s;
}

ExportResult ExportOk(store::Store& store, const std::string& dir, ExportOptions options = {}) {
  ExportResult result;
  Status s = Export(store, dir, options, &result);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return result;
}

TEST_CASE("export writes every version byte for byte with its manifest", "[archive][export]") {
  TempDir tmp;
  auto store = testing::OpenStore(tmp.File("pw.db"));
  testing::SeedHistory(*store);
  const std::string out = tmp.File("out");
  ExportResult r = ExportOk(*store, out);
  CHECK(r.documents == 3);
  CHECK(r.versions == 10);
  CHECK(r.errors.empty());

  auto manifest = nlohmann::json::parse(Slurp(out + "/manifest.json"));
  CHECK(manifest["schema"] == "policywatch.export.v1");
  REQUIRE(manifest["documents"].size() == 3);
  int technical = 0;
  for (const auto& d : manifest["documents"]) {
    const std::int64_t doc = testing::DocumentId(*store, d["company"]["id"], d["type"]);
    std::vector<store::VersionInfo> versions;
    REQUIRE(store->ListVersions(doc, &versions).ok());
    REQUIRE(d["versions"].size() == versions.size());
    CHECK(d["versions"][0]["severity"].is_null());
    for (size_t i = 0; i < versions.size(); ++i) {
      const auto& v = d["versions"][i];
      store::VersionRow row;
      REQUIRE(store->GetVersion(doc, versions[i].id, &row).ok());
      const std::string file = v["file"];
      CHECK(file == d["company"]["id"].get<std::string>() + "/" + d["type"].get<std::string>() +
                        "/" + FormatUtc(row.info.fetched_at, "%Y-%m-%dT%H-%M-%SZ") + "_v" +
                        std::to_string(row.info.id) + ".md");
      CHECK(Slurp(out + "/" + file) == row.text);
      CHECK(v["sha256"] == store::Sha256Hex(row.text));
      CHECK(v["fetched_at"] == FormatUtc(row.info.fetched_at, kRfc3339));
      CHECK(v["id"] == row.info.id);
      if (i > 0) CHECK(v["severity"] == row.info.severity);
      technical += v["technical"].get<bool>();
      CHECK_FALSE(v["imported"].get<bool>());
    }
  }
  CHECK(technical == 1);
  CHECK_FALSE(fs::exists(out + "/manifest.json.tmp"));
}

TEST_CASE("export includes archived documents and flags them", "[archive][export]") {
  TempDir tmp;
  auto store = testing::OpenStore(tmp.File("pw.db"));
  testing::SeedHistory(*store);
  config::Config fewer = testing::TwoCompanies();
  fewer.companies.pop_back();  // north-wind leaves the config
  REQUIRE(store->SyncConfig(fewer, testing::kSeedStart + 999999).ok());
  ExportResult r = ExportOk(*store, tmp.File("out"));
  CHECK(r.documents == 3);
  auto manifest = nlohmann::json::parse(Slurp(tmp.File("out/manifest.json")));
  for (const auto& d : manifest["documents"]) {
    CHECK(d["archived"].get<bool>() == (d["company"]["id"] == "north-wind"));
  }
}

TEST_CASE("export refuses a non-empty directory that holds no previous export",
          "[archive][export]") {
  TempDir tmp;
  auto store = testing::OpenStore(tmp.File("pw.db"));
  testing::SeedHistory(*store);
  tmp.Write("out/notes.txt", "mine\n");
  ExportResult r;
  Status s = Export(*store, tmp.File("out"), ExportOptions(), &r);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("not empty") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp.File("out/manifest.json")));
  ExportOptions force;
  force.force = true;
  CHECK(ExportOk(*store, tmp.File("out"), force).versions == 10);
  // A previous export is overwritten in place, with no --force.
  CHECK(ExportOk(*store, tmp.File("out")).versions == 10);
  CHECK(Slurp(tmp.File("out/notes.txt")) == "mine\n");
}

}  // namespace
}  // namespace pw::archive
