// The real corpus (../shared/corpus/versions, read at run time, never copied into
// the project) laid out as an Open Terms Archive dataset in a temporary tree:
// imported, exported, and imported again into a fresh store byte for byte.
// Skipped, with a message, where the corpus is absent.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "archive/export.h"
#include "archive/import.h"
#include "archive/internal/files.h"
#include "archive/internal/match.h"
#include "archive/test_fixtures.h"

namespace pw::archive {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const fs::path kCorpus = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus" / "versions";

std::string Spaced(std::string s) {
  std::replace(s.begin(), s.end(), '-', ' ');
  return s;
}

// Copies versions/Service__Doc-Type/NN_YYYY-MM-DD.md to DIR/Service/Doc Type/
// YYYY-MM-DDT00-00-00Z.md and configures a company per service; returns the files.
int BuildDataset(const TempDir& tmp, config::Config* config) {
  int files = 0;
  std::vector<fs::path> docs;
  for (const auto& e : fs::directory_iterator(kCorpus)) docs.push_back(e.path());
  std::sort(docs.begin(), docs.end());
  for (const auto& doc : docs) {
    const std::string name = doc.filename().string();
    const auto sep = name.find("__");
    if (sep == std::string::npos) continue;
    const std::string service = Spaced(name.substr(0, sep));
    const std::string type = Spaced(name.substr(sep + 2));
    config::Company c;
    c.id = internal::Slug(service);
    c.name = service;
    c.documents.push_back(config::PageDocument(internal::Slug(type), "https://example.org/"));
    config->companies.push_back(c);
    for (const auto& f : fs::directory_iterator(doc)) {
      const std::string fname = f.path().filename().string();
      if (f.path().extension() != ".md" || fname.size() < 13) continue;
      std::string text;
      REQUIRE(internal::ReadWholeFile(f.path().string(), &text).ok());
      tmp.Write("ota/" + service + "/" + type + "/" + fname.substr(3, 10) + "T00-00-00Z.md", text);
      ++files;
    }
  }
  return files;
}

TEST_CASE("real corpus revisions import as a dataset and round-trip byte for byte",
          "[archive][corpus]") {
  if (!fs::is_directory(kCorpus)) {
    WARN("skipped: " << kCorpus.string() << " is absent");
    return;
  }
  TempDir tmp;
  config::Config config;
  const int files = BuildDataset(tmp, &config);
  REQUIRE(files > 0);
  auto store = testing::OpenStore(tmp.File("pw.db"));
  ImportResult r;
  REQUIRE(Import(*store, config, tmp.File("ota"), ImportOptions(), &r).ok());
  CHECK(r.errors.empty());
  CHECK(r.unmatched.empty());
  CHECK(r.documents.size() == config.companies.size());
  CHECK(r.Appended() > static_cast<int>(config.companies.size()));
  CHECK(r.Appended() <= files);
  CHECK(testing::CountRows(*store, "outbox") == 0);

  ExportResult er;
  REQUIRE(Export(*store, tmp.File("export"), ExportOptions(), &er).ok());
  CHECK(er.versions == r.Appended());
  auto fresh = testing::OpenStore(tmp.File("fresh.db"));
  ImportResult again;
  REQUIRE(Import(*fresh, config, tmp.File("export"), ImportOptions(), &again).ok());
  CHECK(again.errors.empty());
  CHECK(again.Appended() == r.Appended());
  for (const auto& c : config.companies) {
    const std::string& type = c.documents[0].type;
    std::vector<store::VersionInfo> a, b;
    REQUIRE(store->ListVersions(testing::DocumentId(*store, c.id, type), &a).ok());
    REQUIRE(fresh->ListVersions(testing::DocumentId(*fresh, c.id, type), &b).ok());
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      INFO(c.id << " version " << i);
      CHECK(a[i].sha256 == b[i].sha256);  // the canonical text, byte for byte
      CHECK(a[i].fetched_at == b[i].fetched_at);
    }
  }
  ImportResult twice;
  REQUIRE(Import(*store, config, tmp.File("ota"), ImportOptions(), &twice).ok());
  CHECK(twice.Appended() == 0);
}

}  // namespace
}  // namespace pw::archive
