#include "web/test_site.h"

#include <catch2/catch.hpp>

#include "diff/changeset_render.h"
#include "diff/diff.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "store/check_transaction.h"

namespace pw::web::testing {
namespace {

config::Company MakeCompany(const std::string& id, const std::string& name) {
  config::Company company;
  company.id = id;
  company.name = name;
  for (const char* type : {"privacy-policy", "terms"}) {
    company.documents.push_back(config::PageDocument(type, "https://" + id + ".example/" + type));
  }
  return company;
}

extract::Document ExtractOrDie(const std::string& html) {
  extract::Document doc;
  const Status s = extract::Extract(html, "text/html; charset=utf-8", extract::Options(), &doc);
  INFO(s.message());
  REQUIRE(s.ok());
  return doc;
}

}  // namespace

TestSite::TestSite() : database_(dir_.File("policywatch.db")) {
  config_.companies = {MakeCompany("acme", "Acme & <Co>"), MakeCompany("globex", "Globex")};
  REQUIRE(store::Store::Open(database_, &store_).ok());
  REQUIRE(store_->SyncConfig(config_, 1000).ok());
}

store::DocumentRow TestSite::Document(const std::string& company, const std::string& type) {
  store::DocumentRow row;
  REQUIRE(store_->GetDocument(company, type, &row).ok());
  return row;
}

std::int64_t TestSite::AddVersion(const std::string& company, const std::string& type,
                                  const std::string& html, std::int64_t when) {
  return AddDocument(company, type, ExtractOrDie(html), html, when);
}

std::int64_t TestSite::AddDocument(const std::string& company, const std::string& type,
                                   const extract::Document& now, const std::string& html,
                                   std::int64_t when) {
  const store::DocumentRow doc = Document(company, type);
  std::optional<store::VersionRow> latest;
  REQUIRE(store_->LatestVersion(doc.id, &latest).ok());
  store::CheckAttempt attempt;
  attempt.document_id = doc.id;
  attempt.started_at = when;
  attempt.duration_ms = 300;
  attempt.http_status = 200;
  attempt.expected_latest_version_id = latest ? latest->info.id : 0;
  attempt.next_check_at = when + 3600;
  attempt.durable = true;
  store::CheckTransaction txn(store_.get());
  REQUIRE(txn.Begin(attempt).ok());
  std::int64_t id = 0;
  store::NewVersion version{extract::ToMarkdown(now), extract::WriteSectionsJson(now), html,
                            "text/html; charset=utf-8", 0, {}, {}};
  REQUIRE(txn.AddVersion(version, &id).ok());
  if (latest) {
    extract::Document before;
    REQUIRE(extract::ReadSectionsJson(latest->sections_json, &before));
    const diff::Changeset cs = diff::Compare(before, now);
    REQUIRE(txn.AddChange({std::string(SeverityName(cs.severity)), diff::ToJson(cs).dump()}).ok());
  }
  store::CheckOutcome outcome;
  REQUIRE(txn.Commit(&outcome).ok());
  return id;
}

std::int64_t TestSite::AddTechnical(const std::string& company, const std::string& type,
                                    const std::string& html, std::int64_t when) {
  const store::DocumentRow doc = Document(company, type);
  std::optional<store::VersionRow> latest;
  REQUIRE(store_->LatestVersion(doc.id, &latest).ok());
  REQUIRE(latest);
  const extract::Document now = ExtractOrDie(html);
  extract::Document before;
  REQUIRE(extract::ReadSectionsJson(latest->sections_json, &before));
  const diff::Changeset cs = diff::Compare(before, now);
  store::AppendedVersion v;
  v.document_id = doc.id;
  v.fetched_at = when;
  v.expected_latest_version_id = latest->info.id;
  v.version = {extract::ToMarkdown(now), extract::WriteSectionsJson(now), html,
               "text/html; charset=utf-8", store::kVersionTechnical, {}, {}};
  v.change = store::NewChange{std::string(SeverityName(cs.severity)), diff::ToJson(cs).dump()};
  std::int64_t id = 0;
  REQUIRE(store_->AppendVersion(v, &id, nullptr).ok());
  return id;
}

void TestSite::AddFailure(const std::string& company, const std::string& type, std::int64_t when) {
  store::CheckAttempt attempt;
  attempt.document_id = Document(company, type).id;
  attempt.started_at = when;
  attempt.duration_ms = 15000;
  attempt.failed = true;
  attempt.error_kind = "timeout";
  attempt.error_message = "no answer in 15 s";
  attempt.next_check_at = when + 600;
  store::CheckTransaction txn(store_.get());
  REQUIRE(txn.Begin(attempt).ok());
  store::CheckOutcome outcome;
  REQUIRE(txn.Commit(&outcome).ok());
}

}  // namespace pw::web::testing
