// The pages rendered straight from a real database (no socket): what each
// shows, that what came from a watched page is escaped, filters, and errors.
#include <catch2/catch.hpp>

#include "web/internal/pages.h"
#include "web/test_policies.h"
#include "web/test_site.h"

namespace pw::web {
namespace {

using testing::TestSite;

struct Fixture {
  TestSite site;
  WebOptions options;
  std::int64_t v1 = 0, v2 = 0;

  Fixture() {
    v1 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
    v2 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 20'000);
    site.AddVersion("globex", "terms", testing::kTermsV1, 10'000);
    site.AddVersion("globex", "terms", testing::kTermsV2, 30'000);
    site.AddFailure("globex", "privacy-policy", 40'000);
  }

  Response Get(PageFn page, std::vector<std::string> captures = {},
               std::map<std::string, std::string> query = {}) {
    Request request;
    request.captures = std::move(captures);
    request.query = std::move(query);
    Response response;
    const Status s = page(Site{site.store(), &options, 50'000}, request, &response);
    INFO(s.message());
    REQUIRE(s.ok());
    return response;
  }
};

bool Has(const Response& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

TEST_CASE("overview lists documents failing first and the latest changes", "[web]") {
  Fixture f;
  const Response r = f.Get(OverviewPage);
  CHECK(r.status == 200);
  CHECK(Has(r, "Acme &amp; &lt;Co&gt;"));
  CHECK_FALSE(Has(r, "<Co>"));
  const size_t failing = r.body.find("failing (1)");
  const size_t acme = r.body.find("/documents/acme/privacy-policy\"");
  REQUIRE(failing != std::string::npos);
  REQUIRE(acme != std::string::npos);
  CHECK(failing < acme);
  CHECK(Has(r, "/documents/acme/privacy-policy/changes/" + std::to_string(f.v2)));
  CHECK(Has(r, "sev-material"));
}

TEST_CASE("change page shows the sections side by side with reasons", "[web]") {
  Fixture f;
  const Response r = f.Get(ChangePage, {"acme", "privacy-policy", std::to_string(f.v2)});
  CHECK(r.status == 200);
  CHECK(Has(r, "<table class=\"sbs\">"));
  CHECK(Has(r, "<del>do not </del>"));
  CHECK(Has(r, "<ins>may </ins>"));
  CHECK(Has(r, "<del>30 </del>"));
  CHECK(Has(r, "<ins>90 </ins>"));
  CHECK(Has(r, "sev sev-material"));
  CHECK(Has(r, "<ul class=\"reasons\">"));
  CHECK(Has(r, "Sharing"));
  CHECK(Has(r, "Categories: third-party-sharing"));
}

TEST_CASE("text that looks like HTML is shown as text on every page", "[web][hostile]") {
  Fixture f;
  for (const Response& r : {f.Get(VersionPage, {"acme", "privacy-policy", std::to_string(f.v2)}),
                            f.Get(OverviewPage), f.Get(DocumentPage, {"acme", "privacy-policy"})}) {
    CHECK_FALSE(Has(r, "<script"));
    CHECK_FALSE(Has(r, "<Co>"));
  }
  const Response version = f.Get(VersionPage, {"acme", "privacy-policy", std::to_string(f.v2)});
  CHECK(Has(version, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_CASE("evidence downloads as an inert attachment", "[web][hostile]") {
  Fixture f;
  const Response r = f.Get(EvidenceDownload, {"acme", "privacy-policy", std::to_string(f.v1)});
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/octet-stream");
  CHECK(r.body == testing::kPolicyV1);
  REQUIRE(r.headers.size() == 1);
  CHECK(r.headers[0].second == "attachment; filename=\"acme-privacy-policy-v" + std::to_string(f.v1) + ".raw\"");
}

TEST_CASE("document page has its timeline versions and filtered changes", "[web]") {
  Fixture f;
  const Response all = f.Get(DocumentPage, {"globex", "terms"});
  CHECK(Has(all, "<svg class=\"timeline\""));
  size_t marks = 0;
  for (size_t at = 0; (at = all.body.find("<rect ", at)) != std::string::npos; ++at) ++marks;
  CHECK(marks == 2);
  CHECK(Has(all, "/documents/globex/terms/changes/"));
  const Response material = f.Get(DocumentPage, {"globex", "terms"}, {{"min_severity", "material"}});
  CHECK_FALSE(Has(material, "/documents/globex/terms/changes/"));
  CHECK(Has(material, "No changes match."));
}

TEST_CASE("document page counts its checks and failures of the last 30 days", "[web]") {
  Fixture f;
  CHECK(Has(f.Get(DocumentPage, {"globex", "terms"}), "<dt>Checks</dt><dd>2 in 30 days, none failed</dd>"));
  CHECK(Has(f.Get(DocumentPage, {"globex", "privacy-policy"}),
            "<dt>Checks</dt><dd>1 in 30 days, <span class=\"failing\">1 failed</span></dd>"));
}

TEST_CASE("bad filters and unknown things answer 400 and 404 naming them", "[web][hostile]") {
  Fixture f;
  const Response bad = f.Get(OverviewPage, {}, {{"min_severity", "huge"}});
  CHECK(bad.status == 400);
  CHECK(Has(bad, "min_severity: 'huge'"));
  CHECK(f.Get(OverviewPage, {}, {{"category", "<x>"}}).status == 400);
  CHECK(f.Get(OverviewPage, {}, {{"since", "yesterday"}}).status == 400);
  CHECK(f.Get(OverviewPage, {}, {{"limit", "100000"}}).status == 400);
  CHECK(f.Get(DocumentPage, {"nope", "terms"}).status == 404);
  CHECK(f.Get(ChangePage, {"acme", "privacy-policy", "999"}).status == 404);
  // A change of another document is not this document's.
  CHECK(f.Get(ChangePage, {"globex", "terms", std::to_string(f.v2)}).status == 404);
  CHECK(f.Get(VersionPage, {"acme", "terms", std::to_string(f.v1)}).status == 404);
  // The first version made no change.
  CHECK(f.Get(ChangePage, {"acme", "privacy-policy", std::to_string(f.v1)}).status == 404);
}

TEST_CASE("metrics speak the Prometheus text format", "[web]") {
  Fixture f;
  const Response r = f.Get(Metrics);
  CHECK(r.content_type.rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(Has(r, "# TYPE policywatch_checks_total counter\n"));
  CHECK(Has(r, "policywatch_checks_total{outcome=\"failed\"} 1\n"));
  CHECK(Has(r, "policywatch_checks_total{outcome=\"changed\"} 2\n"));
  CHECK(Has(r, "policywatch_changes_total{severity=\"material\"} 1\n"));
  CHECK(Has(r, "policywatch_documents 4\n"));
  CHECK(Has(r, "policywatch_deliveries{state=\"pending\"} 0\n"));
  CHECK(Has(r, "policywatch_check_duration_seconds_bucket{le=\"+Inf\"} 5\n"));
  CHECK(Has(r, "policywatch_check_duration_seconds_bucket{le=\"0.5\"} 4\n"));
  CHECK(Has(r, "policywatch_check_duration_seconds_bucket{le=\"0.05\"} 0\n"));
  CHECK(Has(r, "policywatch_check_duration_seconds_count 5\n"));
  CHECK(Has(r, "policywatch_last_success_timestamp_seconds{document=\"acme/privacy-policy\"} 20000\n"));
  CHECK(Has(r, "policywatch_last_success_timestamp_seconds{document=\"globex/privacy-policy\"} 0\n"));
  CHECK(f.Get(Health).body == "ok\n");
}

}  // namespace
}  // namespace pw::web
