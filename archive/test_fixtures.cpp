#include "archive/test_fixtures.h"

#include <catch2/catch.hpp>

#include "check/derive.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "store/check_transaction.h"

namespace pw::archive::testing {

config::Config TwoCompanies() {
  config::Config c;
  config::Company mistral;
  mistral.id = "mistral-media";
  mistral.name = "Mistral Media";
  mistral.documents.push_back(config::PageDocument("privacy-policy", "https://mistral.example/privacy"));
  mistral.documents.push_back(config::PageDocument("terms-of-service", "https://mistral.example/terms"));
  config::Company north;
  north.id = "north-wind";
  north.name = "North Wind";
  north.documents.push_back(config::PageDocument("privacy-policy", "https://north.example/privacy"));
  c.companies = {mistral, north};
  return c;
}

extract::Document ParseMarkdown(const std::string& markdown) {
  extract::Document doc;
  REQUIRE(extract::Extract(markdown, "text/markdown", extract::Options(), &doc).ok());
  return doc;
}

std::string PolicyText(const std::string& company, int revision) {
  const std::string r = std::to_string(revision);
  std::string md = "# " + company + " policy\n\n## What we collect\n\n"
                   "We collect your email address and the pages you visit (revision " + r + ").\n\n"
                   "## Sharing\n\n";
  md += revision % 2 ? "We may share your data with " + r + " advertising partners.\n\n"
                     : "We do not sell your data.\n\n";
  md += "## Retention\n\nWe keep your data for " + std::to_string(30 * (revision + 1)) + " days.\n";
  return extract::ToMarkdown(ParseMarkdown(md));
}

std::unique_ptr<store::Store> OpenStore(const std::string& path) {
  std::unique_ptr<store::Store> store;
  Status s = store::Store::Open(path, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

std::int64_t DocumentId(store::Store& store, const std::string& company, const std::string& type) {
  store::DocumentRow row;
  Status s = store.GetDocument(company, type, &row);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return row.id;
}

std::int64_t StoreFetched(store::Store& store, std::int64_t document_id, std::int64_t at,
                          const std::string& text, const std::string& severity) {
  std::optional<store::VersionRow> latest;
  REQUIRE(store.LatestVersion(document_id, &latest, false).ok());
  store::CheckAttempt a;
  a.document_id = document_id;
  a.started_at = at;
  a.http_status = 200;
  a.next_check_at = at + 3600;
  a.expected_latest_version_id = latest ? latest->info.id : 0;
  a.durable = true;
  store::CheckTransaction txn(&store);
  REQUIRE(txn.Begin(a).ok());
  store::NewVersion v;
  v.text = text;
  v.sections_json = extract::WriteSectionsJson(ParseMarkdown(text));
  v.raw_body = "<html><body>" + text + "</body></html>";
  v.content_type = "text/html; charset=utf-8";
  std::int64_t id = 0;
  REQUIRE(txn.AddVersion(v, &id).ok());
  if (latest) REQUIRE(txn.AddChange(store::NewChange{severity, "{}"}).ok());
  store::CheckOutcome out;
  REQUIRE(txn.Commit(&out).ok());
  return id;
}

std::int64_t StoreTechnical(store::Store& store, std::int64_t document_id, std::int64_t at,
                            const std::string& text) {
  check::DerivedVersion v{"test", document_id, ParseMarkdown(text), text, "text/markdown",
                          FromUnixSeconds(at), store::kVersionTechnical};
  check::DerivedOutcome out;
  Status s = check::AppendDerived(store, v, &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(out.version_id != 0);
  return out.version_id;
}

int SeedHistory(store::Store& store) {
  REQUIRE(store.SyncConfig(TwoCompanies(), kSeedStart).ok());
  const std::int64_t day = 86400;
  const std::int64_t privacy = DocumentId(store, "mistral-media", "privacy-policy");
  const std::int64_t terms = DocumentId(store, "mistral-media", "terms-of-service");
  const std::int64_t north = DocumentId(store, "north-wind", "privacy-policy");
  for (int r = 0; r < 3; ++r) {
    StoreFetched(store, privacy, kSeedStart + r * day, PolicyText("Mistral", r), "material");
  }
  StoreTechnical(store, privacy, kSeedStart + 3 * day, PolicyText("Mistral", 3));
  for (int r = 0; r < 2; ++r) {
    StoreFetched(store, terms, kSeedStart + r * day + 60, PolicyText("Terms", r), "minor");
  }
  for (int r = 0; r < 4; ++r) {
    StoreFetched(store, north, kSeedStart + r * day + 120, PolicyText("North", r), "material");
  }
  return 10;
}

std::int64_t CountRows(store::Store& store, const std::string& table) {
  std::int64_t n = -1;
  const std::string sql = "SELECT count(*) FROM " + table;
  REQUIRE(store.db()->QueryInt(sql.c_str(), &n).ok());
  return n;
}

}  // namespace pw::archive::testing
