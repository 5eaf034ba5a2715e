// Export and import cost (issue 17 item 5): a store with DOCUMENTS documents of
// VERSIONS versions each (generated policies of ~12 sections, one section
// changed per version) is exported; the tree is imported into a fresh store
// (extract, diff, one durable transaction per version), then imported again
// (nothing new: every file read, extracted and found present). Prints seconds
// and versions per second; asserts nothing.
//
//   build-X/bench/archive/bench_archive [DOCUMENTS] [VERSIONS]
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "archive/export.h"
#include "archive/import.h"
#include "check/derive.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "store/check_transaction.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace pw;

namespace {

void Die(const Status& s, const char* what) {
  if (!s.ok()) {
    fprintf(stderr, "bench_archive: %s: %s\n", what, s.message().c_str());
    exit(1);
  }
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

config::Config MakeConfig(int documents) {
  config::Config c;
  for (int i = 0; i < (documents + 1) / 2; ++i) {
    config::Company company;
    company.id = "company-" + std::to_string(i);
    company.name = "Company " + std::to_string(i);
    for (const char* type : {"privacy-policy", "terms-of-service"}) {
      if (static_cast<int>(c.companies.size()) * 2 + static_cast<int>(company.documents.size()) >= documents) break;
      company.documents.push_back(
          config::PageDocument(type, "https://example.org/" + company.id + "/" + type));
    }
    c.companies.push_back(company);
  }
  return c;
}

// A policy of 12 sections; revision r rewrites section r % 12.
std::string Policy(int doc, int revision) {
  std::string md = "# Policy of document " + std::to_string(doc) + "\n\n";
  for (int s = 0; s < 12; ++s) {
    md += "## Section " + std::to_string(s) + "\n\n";
    for (int p = 0; p < 3; ++p) {
      md += "We collect, use and share personal data for purpose " + std::to_string(p) +
            " of section " + std::to_string(s) + ", and keep it for " +
            std::to_string(30 + (s == revision % 12 ? revision : 0)) +
            " days unless the law requires otherwise or you ask us to delete it.\n\n";
    }
  }
  extract::Document d;
  Die(extract::Extract(md, "text/markdown", extract::Options(), &d), "extract");
  return extract::ToMarkdown(d);
}

void StoreVersion(store::Store& store, std::int64_t doc, std::int64_t at, const std::string& text,
                  std::int64_t latest) {
  store::CheckAttempt a;
  a.document_id = doc;
  a.started_at = at;
  a.http_status = 200;
  a.next_check_at = at + 3600;
  a.expected_latest_version_id = latest;
  a.durable = true;
  store::CheckTransaction txn(&store);
  Die(txn.Begin(a), "begin");
  store::NewVersion v{text, "[]", text, "text/markdown", 0, {}, {}};
  std::int64_t id = 0;
  Die(txn.AddVersion(v, &id), "add version");
  if (latest) Die(txn.AddChange(store::NewChange{"minor", "{}"}), "add change");
  store::CheckOutcome out;
  Die(txn.Commit(&out), "commit");
}

}  // namespace

int main(int argc, char** argv) {
  const int documents = argc > 1 ? atoi(argv[1]) : 100;
  const int versions = argc > 2 ? atoi(argv[2]) : 20;
  char tmpl[] = "/tmp/pw-bench-archive-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;
  const config::Config config = MakeConfig(documents);

  std::unique_ptr<store::Store> source;
  Die(store::Store::Open((dir / "source.db").string(), &source), "open");
  Die(source->SyncConfig(config, 1600000000), "sync");
  std::vector<store::DocumentRow> rows;
  Die(source->ListDocuments(false, &rows), "list");
  auto t = std::chrono::steady_clock::now();
  for (size_t d = 0; d < rows.size(); ++d) {
    std::int64_t latest = 0;
    for (int r = 0; r < versions; ++r) {
      StoreVersion(*source, rows[d].id, 1600000000 + r * 86400, Policy(static_cast<int>(d), r), latest);
      std::optional<store::VersionRow> v;
      Die(source->LatestVersion(rows[d].id, &v, false), "latest");
      latest = v->info.id;
    }
  }
  printf("setup: %zu documents x %d versions stored in %.2f s\n", rows.size(), versions, Since(t));

  archive::ExportResult er;
  t = std::chrono::steady_clock::now();
  Die(archive::Export(*source, (dir / "export").string(), archive::ExportOptions(), &er), "export");
  const double export_s = Since(t);
  printf("export: %d versions, %.1f MB of text in %.2f s (%.0f versions/s)\n", er.versions,
         er.bytes / 1e6, export_s, er.versions / export_s);

  std::unique_ptr<store::Store> fresh;
  Die(store::Store::Open((dir / "fresh.db").string(), &fresh), "open fresh");
  archive::ImportResult ir;
  t = std::chrono::steady_clock::now();
  Die(archive::Import(*fresh, config, (dir / "export").string(), archive::ImportOptions(), &ir),
      "import");
  const double import_s = Since(t);
  printf("import into a fresh store: %d versions in %.2f s (%.0f versions/s, %.2f ms each)\n",
         ir.Appended(), import_s, ir.Appended() / import_s, 1000 * import_s / ir.Appended());

  t = std::chrono::steady_clock::now();
  Die(archive::Import(*fresh, config, (dir / "export").string(), archive::ImportOptions(), &ir),
      "re-import");
  printf("import again (nothing new): %d appended in %.2f s\n", ir.Appended(), Since(t));
  fs::remove_all(dir);
  return 0;
}
