// Technical upgrades (Reextract) against a real SQLite store and the real
// extractor; versions are stored by real checks (ProcessFetch) of responses
// built here, then the configuration changes and the evidence is re-derived.
#include "check/reextract.h"

#include <catch2/catch.hpp>

#include "check/internal/evidence.h"
#include "check/internal/parts.h"
#include "extract/test_pdf_writer.h"
#include "tests/support/temp_dir.h"

namespace pw::check {
namespace {

using std::chrono::system_clock;
using ::pw::testing::TempDir;

constexpr const char* kUrl = "http://127.0.0.1:9/privacy";

fetch::Response Response(const std::string& body, const std::string& type,
                         const std::string& url = kUrl) {
  fetch::Response r;
  r.status = 200;
  r.url = r.final_url = url;
  r.body = body;
  r.content_type = type;
  if (type != "application/pdf") r.charset = "utf-8";
  return r;
}

std::string Policy(const std::string& sharing) {
  return "<html><body><nav><a href='/'>Home</a></nav><main><h1>Privacy</h1>"
         "<h2>Collection</h2><p>We collect your name and email address when you register.</p>"
         "<h2>Sharing</h2><p>" + sharing + "</p><p id='promo'>You can ask us for a printed copy of this notice by post.</p>"
         "<h2>Retention</h2><p>We keep your data for 30 days after you close your account.</p>"
         "</main><footer>(c) Acme</footer></body></html>";
}

std::string PolicyPdf(const std::string& date) {
  extract::testing::PdfPageSpec page;
  double y = extract::testing::AddLines(&page, 72, 720, 18, 24, true, {"Cookie Policy"});
  y = extract::testing::AddLines(&page, 72, y, 10, 14, false,
                                 {"Effective Date: " + date,
                                  "We use cookies to keep you signed in to your account."});
  return extract::testing::WritePdf({page});
}

struct Fixture {
  TempDir dir;
  config::Config config;
  std::unique_ptr<store::Store> store;

  Fixture() {
    config::Channel hook;
    hook.name = "hook";
    hook.type = "webhook";
    hook.url = "http://127.0.0.1:9/hook";
    hook.min_severity = Severity::kCosmetic;
    config.channels.push_back(hook);
    config::Company acme;
    acme.id = "acme";
    acme.name = "Acme";
    acme.channels = {"hook"};
    acme.documents.push_back(config::PageDocument("privacy-policy", kUrl));
    acme.documents.push_back(config::PageDocument("cookie-policy", "http://127.0.0.1:9/c.pdf"));
    config::Document parts = config::PageDocument("terms", "http://127.0.0.1:9/a");
    parts.parts.push_back(parts.parts[0]);
    parts.parts[1].url = "http://127.0.0.1:9/b";
    acme.documents.push_back(parts);
    config.companies.push_back(acme);
    REQUIRE(store::Store::Open(dir.path() + "/pw.db", &store).ok());
    REQUIRE(store->SyncConfig(config, 0).ok());
  }
  config::Document& Doc(size_t i) { return config.companies[0].documents[i]; }
  Target TargetOf(size_t i) { return {&config.companies[0], &Doc(i)}; }

  CheckResult Check(size_t doc, const std::vector<fetch::Response>& parts) {
    CheckResult result;
    const Target target = TargetOf(doc);
    Status s = ProcessFetch(*store, config,
                            FetchedDocument{target, parts, system_clock::now(), std::nullopt,
                                            nullptr},
                            &result);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return result;
  }
  ReextractReport Reextract(size_t doc, bool dry_run = false, bool all_versions = false) {
    ReextractReport report;
    ReextractOptions options{all_versions, dry_run, system_clock::now()};
    Status s = check::Reextract(*store, TargetOf(doc), options, &report);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return report;
  }
  std::int64_t Count(const char* sql) {
    std::int64_t n = -1;
    REQUIRE(store->db()->QueryInt(sql, &n).ok());
    return n;
  }
};

TEST_CASE("reextract: a new remove makes a technical version with no alert and the next "
          "change is diffed against it") {
  Fixture f;
  CheckResult first = f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  REQUIRE(first.outcome == store::AttemptOutcome::kNew);

  f.Doc(0).parts[0].remove = config::CssEntries({"#promo"});
  ReextractReport r = f.Reextract(0);
  INFO(r.error);
  REQUIRE(r.outcome == ReextractOutcome::kTechnical);
  CHECK(r.from_version == first.version_id);
  REQUIRE(r.version_id > first.version_id);
  REQUIRE(r.changeset);
  CHECK(f.Count("SELECT count(*) FROM outbox") == 0);
  store::VersionRow technical;
  store::DocumentRow row;
  REQUIRE(f.store->GetDocument("acme", "privacy-policy", &row).ok());
  REQUIRE(f.store->GetVersion(row.id, r.version_id, &technical).ok());
  CHECK((technical.info.flags & store::kVersionTechnical) != 0);
  CHECK(technical.text.find("printed copy") == std::string::npos);
  CHECK(row.state.last_version_id == r.version_id);

  // Again: nothing differs now.
  ReextractReport again = f.Reextract(0);
  CHECK(again.outcome == ReextractOutcome::kUnchanged);
  CHECK(again.from_version == r.version_id);

  // The same page at the next check: unchanged, no alert.
  CheckResult same = f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  CHECK(same.outcome == store::AttemptOutcome::kUnchanged);
  CHECK(f.Count("SELECT count(*) FROM outbox") == 0);

  // A real change is diffed against the technical version.
  CheckResult changed = f.Check(0, {Response(Policy("We may sell your data."), "text/html")});
  REQUIRE(changed.outcome == store::AttemptOutcome::kChanged);
  CHECK(changed.previous_version_id == r.version_id);
  REQUIRE(changed.changeset);
  CHECK(changed.changeset->severity == Severity::kMaterial);
  CHECK(changed.deliveries == 1);  // the channel is routed: a real change alerts
}

TEST_CASE("reextract: nothing differs stores nothing and a dry run writes nothing") {
  Fixture f;
  f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  const std::int64_t versions = f.Count("SELECT count(*) FROM versions");
  CHECK(f.Reextract(0).outcome == ReextractOutcome::kUnchanged);
  CHECK(f.Count("SELECT count(*) FROM versions") == versions);

  f.Doc(0).parts[0].remove = config::CssEntries({"#promo"});
  ReextractReport dry = f.Reextract(0, /*dry_run=*/true);
  CHECK(dry.outcome == ReextractOutcome::kTechnical);
  CHECK(dry.version_id == 0);
  CHECK(dry.changeset);
  CHECK(f.Count("SELECT count(*) FROM versions") == versions);
  CHECK(f.Count("SELECT count(*) FROM changes") == 0);  // a first version has none

  CHECK(f.Reextract(1).outcome == ReextractOutcome::kNoVersion);  // never checked
}

TEST_CASE("reextract: a document of parts and a PDF are re-extracted from their evidence") {
  Fixture f;
  CheckResult parts = f.Check(2, {Response(Policy("We do not sell your data."), "text/html",
                                           "http://127.0.0.1:9/a"),
                                  Response("Cookies\n\nWe use cookies to remember you.\n",
                                           "text/plain", "http://127.0.0.1:9/b")});
  REQUIRE(parts.outcome == store::AttemptOutcome::kNew);
  CheckResult pdf = f.Check(1, {Response(PolicyPdf("1 March 2026"), "application/pdf")});
  REQUIRE(pdf.outcome == store::AttemptOutcome::kNew);
  CHECK(f.Reextract(2).outcome == ReextractOutcome::kUnchanged);
  CHECK(f.Reextract(1).outcome == ReextractOutcome::kUnchanged);

  f.Doc(2).parts[0].remove = config::CssEntries({"#promo"});
  f.Doc(1).ignore = {"Effective Date: .*"};
  ReextractReport r2 = f.Reextract(2);
  INFO(r2.error);
  CHECK(r2.outcome == ReextractOutcome::kTechnical);
  ReextractReport r1 = f.Reextract(1);
  INFO(r1.error);
  CHECK(r1.outcome == ReextractOutcome::kTechnical);
  CHECK(f.Count("SELECT count(*) FROM outbox") == 0);

  // A part more in the configuration than in the evidence: a clear failure.
  f.Doc(2).parts.push_back(f.Doc(2).parts[1]);
  ReextractReport mismatch = f.Reextract(2);
  CHECK(mismatch.outcome == ReextractOutcome::kFailed);
  CHECK(mismatch.error.find("the evidence has 2 part(s)") != std::string::npos);
}

TEST_CASE("reextract: corrupted evidence fails that document only, naming the version") {
  Fixture f;
  CheckResult a = f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  f.Check(1, {Response(PolicyPdf("1 March 2026"), "application/pdf")});
  REQUIRE(f.store->db()
              ->Exec("UPDATE versions SET raw_sha256 = '00' WHERE id = " +
                     std::to_string(a.version_id))
              .ok());
  f.Doc(0).parts[0].remove = config::CssEntries({"#promo"});
  f.Doc(1).ignore = {"Effective Date: .*"};
  ReextractReport bad = f.Reextract(0);
  CHECK(bad.outcome == ReextractOutcome::kFailed);
  CHECK(bad.error.find("version " + std::to_string(a.version_id) + ": evidence unreadable") !=
        std::string::npos);
  CHECK(f.Reextract(1).outcome == ReextractOutcome::kTechnical);
}

TEST_CASE("reextract: a select matching nothing stores nothing and says so") {
  Fixture f;
  f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  f.Doc(0).parts[0].select = config::CssEntries({"#gone"});
  ReextractReport r = f.Reextract(0);
  CHECK(r.outcome == ReextractOutcome::kFailed);
  CHECK(r.extraction_suspect);
  CHECK(r.error.find("matched nothing") != std::string::npos);
  CHECK(f.Count("SELECT count(*) FROM versions") == 1);
}

TEST_CASE("reextract: all versions audits every version and appends only the latest's") {
  Fixture f;
  f.Check(0, {Response(Policy("We do not sell your data."), "text/html")});
  f.Check(0, {Response(Policy("We may sell your data."), "text/html")});
  f.Doc(0).parts[0].remove = config::CssEntries({"#promo"});
  ReextractReport r = f.Reextract(0, false, /*all_versions=*/true);
  REQUIRE(r.versions.size() == 2);
  CHECK(r.versions[0].differs);
  CHECK(r.versions[1].differs);
  CHECK(r.versions_failed == 0);
  CHECK(r.outcome == ReextractOutcome::kTechnical);
  CHECK(f.Count("SELECT count(*) FROM versions") == 3);
  ReextractReport again = f.Reextract(0, false, true);
  REQUIRE(again.versions.size() == 3);
  CHECK_FALSE(again.versions[2].differs);
  CHECK(again.versions[2].technical);
  CHECK(again.outcome == ReextractOutcome::kUnchanged);
}

// --- The evidence of parts read back. ---

TEST_CASE("evidence: multipart evidence round-trips and hostile bodies fail clearly") {
  config::Document doc = config::PageDocument("terms", "http://127.0.0.1:9/a");
  doc.parts.push_back(doc.parts[0]);
  fetch::Response a = Response("<p>--x\r\n--policywatch-part- tricky\r\n</p>", "text/html");
  a.charset = "windows-1252";
  fetch::Response b = Response(PolicyPdf("2026"), "application/pdf", "http://127.0.0.1:9/b");
  const internal::Evidence e = internal::EvidenceOf({a, b});
  std::vector<fetch::Response> parts;
  REQUIRE(internal::PartsOfEvidence(doc, e.body, e.content_type, &parts).ok());
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].body == a.body);
  CHECK(parts[0].content_type == "text/html");
  CHECK(parts[0].charset == "windows-1252");
  CHECK(parts[0].url == kUrl);
  CHECK(parts[1].body == b.body);
  CHECK(parts[1].content_type == "application/pdf");

  auto fails = [&](const std::string& body, const std::string& type, const std::string& why) {
    std::vector<fetch::Response> out;
    Status s = internal::PartsOfEvidence(doc, body, type, &out);
    INFO(s.ToString());
    CHECK_FALSE(s.ok());
    CHECK(s.message().find(why) != std::string::npos);
    CHECK(out.empty());
  };
  fails(e.body.substr(0, e.body.size() - 4), e.content_type, "unexpected bytes");
  fails(e.body.substr(0, e.body.size() / 2), e.content_type, "no closing boundary");
  fails(e.body + "x", e.content_type, "unexpected bytes");
  fails("x" + e.body, e.content_type, "does not start with its boundary");
  fails(e.body, "multipart/mixed; boundary=other", "not multipart/mixed with a quoted");
  fails(e.body, "multipart/mixed; boundary=\"\"", "not multipart/mixed with a quoted");
  fails("", e.content_type, "does not start with its boundary");
  std::string extra = e.body;
  extra.insert(extra.find("\r\n\r\n"), "\r\nX-Other: 1");
  fails(extra, e.content_type, "has a header after Content-Location");
  std::string no_type = e.body;
  no_type.replace(no_type.find("Content-Type"), 12, "Content-Tipe");
  fails(no_type, e.content_type, "expected a Content-Type header");
  fails("<p>one</p>", "text/html", "the evidence has 1 part(s)");
}

}  // namespace
}  // namespace pw::check
