// The JSON API from a real database: each endpoint's fields, filters, paging
// that walks every change once, the changeset as `diff --format json` prints
// it, and JSON errors.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diff/changeset_render.h"
#include "store/hash.h"
#include "util/clock.h"
#include "web/internal/pages.h"
#include "web/test_policies.h"
#include "web/test_site.h"

namespace pw::web {
namespace {

using nlohmann::json;
using testing::TestSite;

struct Fixture {
  TestSite site;
  WebOptions options;
  std::int64_t v1 = 0, v2 = 0, t2 = 0;

  Fixture() {
    v1 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
    v2 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 20'000);
    site.AddVersion("globex", "terms", testing::kTermsV1, 10'000);
    t2 = site.AddVersion("globex", "terms", testing::kTermsV1Cased, 30'000);
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

  // The body of a JSON answer with `status`, checked to be an object with a schema.
  json GetJson(int status, PageFn page, std::vector<std::string> captures = {},
               std::map<std::string, std::string> query = {}) {
    const Response r = Get(page, std::move(captures), std::move(query));
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(r.content_type == "application/json");
    json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    REQUIRE(body.is_object());
    CHECK(body["schema"].is_string());
    return body;
  }
};

// "/api/v1/changes?a=1&b=2" as a query map.
std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> query;
  const size_t mark = url.find('?');
  REQUIRE(mark != std::string::npos);
  CHECK(url.substr(0, mark) == "/api/v1/changes");
  std::string rest = url.substr(mark + 1);
  while (!rest.empty()) {
    const size_t amp = std::min(rest.find('&'), rest.size());
    const std::string pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    REQUIRE(eq != std::string::npos);
    query.emplace(pair.substr(0, eq), pair.substr(eq + 1));
    rest.erase(0, std::min(amp + 1, rest.size()));
  }
  return query;
}

TEST_CASE("api documents lists every document with its state", "[web][api]") {
  Fixture f;
  const json body = f.GetJson(200, ApiDocuments);
  CHECK(body["schema"] == "policywatch.documents.v1");
  REQUIRE(body["documents"].size() == 4);
  const json& acme = body["documents"][0];
  CHECK(acme["company"] == json{{"id", "acme"}, {"name", "Acme & <Co>"}});
  CHECK(acme["type"] == "privacy-policy");
  CHECK(acme["url"] == "https://acme.example/privacy-policy");
  CHECK(acme["archived"] == false);
  CHECK(acme["last_check_at"] == FormatUtc(20'000, kRfc3339));
  CHECK(acme["last_change_at"] == FormatUtc(20'000, kRfc3339));
  CHECK(acme["consecutive_failures"] == 0);
  CHECK(acme["unreachable"] == false);
  CHECK(acme["versions_url"] == "/api/v1/documents/acme/privacy-policy/versions");
  const json& failing = body["documents"][2];
  CHECK(failing["company"]["id"] == "globex");
  CHECK(failing["type"] == "privacy-policy");
  CHECK(failing["consecutive_failures"] == 1);
  CHECK(failing["last_change_at"].is_null());
  CHECK(body["documents"][1]["last_check_at"].is_null());  // acme/terms, never checked
}

TEST_CASE("api versions lists a document's versions oldest first", "[web][api]") {
  Fixture f;
  const json body = f.GetJson(200, ApiVersions, {"acme", "privacy-policy"});
  CHECK(body["schema"] == "policywatch.versions.v1");
  CHECK(body["company"]["id"] == "acme");
  CHECK(body["type"] == "privacy-policy");
  REQUIRE(body["versions"].size() == 2);
  const json& first = body["versions"][0];
  CHECK(first["id"] == f.v1);
  CHECK(first["fetched_at"] == FormatUtc(10'000, kRfc3339));
  CHECK(first["severity"].is_null());
  CHECK(first["sha256"].get<std::string>().size() == 64);
  CHECK(first["text_size"].get<int>() > 0);
  CHECK(first["raw_size"] == std::string(testing::kPolicyV1).size());
  CHECK(first["extraction_suspect"] == false);
  CHECK(body["versions"][1]["severity"] == "material");
  CHECK(f.GetJson(200, ApiVersions, {"acme", "terms"})["versions"].empty());
}

TEST_CASE("api version gives the text and evidence facts", "[web][api]") {
  Fixture f;
  const json body = f.GetJson(200, ApiVersion, {"acme", "privacy-policy", std::to_string(f.v2)});
  CHECK(body["schema"] == "policywatch.version.v1");
  CHECK(body["id"] == f.v2);
  CHECK(body["severity"] == "material");
  CHECK(body["company"]["name"] == "Acme & <Co>");
  CHECK(body["text"].get<std::string>().find("We may sell your personal data") != std::string::npos);
  CHECK(body["text"].get<std::string>().find("<script>alert(1)</script>") != std::string::npos);
  CHECK(body["content_type"] == "text/html; charset=utf-8");
  CHECK(body["raw_sha256"] == store::Sha256Hex(testing::kPolicyV2));
  CHECK(body["sha256"] == store::Sha256Hex(body["text"].get<std::string>()));
}

TEST_CASE("api unknown ids answer 404 as JSON errors", "[web][api][hostile]") {
  Fixture f;
  const json doc = f.GetJson(404, ApiVersions, {"nope", "terms"});
  CHECK(doc["schema"] == "policywatch.error.v1");
  CHECK(doc["error"] == "no document nope/terms");
  CHECK(f.GetJson(404, ApiVersion, {"acme", "privacy-policy", "999"})["schema"] == "policywatch.error.v1");
  // A version of another document is not this document's.
  CHECK(f.GetJson(404, ApiVersion, {"globex", "terms", std::to_string(f.v2)})["error"] ==
        "no version " + std::to_string(f.v2) + " of globex/terms");
}

TEST_CASE("api changes gives each change with its stored changeset", "[web][api]") {
  Fixture f;
  f.options.web.base_url = "https://pw.example.org";
  const json body = f.GetJson(200, ApiChanges);
  CHECK(body["schema"] == "policywatch.changes.v1");
  CHECK(body["next"].is_null());
  REQUIRE(body["changes"].size() == 2);
  CHECK(body["changes"][0]["to_version"] == f.t2);
  const json& c = body["changes"][1];
  CHECK(c["company"] == json{{"id", "acme"}, {"name", "Acme & <Co>"}});
  CHECK(c["document"] == json{{"type", "privacy-policy"}, {"url", "https://acme.example/privacy-policy"}});
  CHECK(c["from_version"] == f.v1);
  CHECK(c["to_version"] == f.v2);
  CHECK(c["created_at"] == FormatUtc(20'000, kRfc3339));
  CHECK(c["severity"] == "material");
  CHECK(c["url"] == "https://pw.example.org/documents/acme/privacy-policy/changes/" + std::to_string(f.v2));
  std::optional<store::ChangeRow> stored;
  REQUIRE(f.site.store()->GetChange(f.v2, &stored).ok());
  REQUIRE(stored);
  CHECK(c["id"] == stored->id);
  diff::Changeset changeset;
  REQUIRE(diff::FromJson(json::parse(stored->changeset_json), &changeset));
  CHECK(c["changeset"] == diff::ToJson(changeset));
  CHECK(c["changeset"]["schema"] == "policywatch.changeset.v1");
}

TEST_CASE("api changes filters by severity category company and document", "[web][api]") {
  Fixture f;
  const auto versions = [&](std::map<std::string, std::string> query) {
    std::vector<std::int64_t> out;
    const json body = f.GetJson(200, ApiChanges, {}, std::move(query));
    for (const auto& c : body["changes"]) {
      out.push_back(c["to_version"].get<std::int64_t>());
    }
    return out;
  };
  using V = std::vector<std::int64_t>;
  CHECK(versions({{"min_severity", "material"}}) == V{f.v2});
  CHECK(versions({{"category", "third-party-sharing"}}) == V{f.v2});
  CHECK(versions({{"company", "globex"}}) == V{f.t2});
  CHECK(versions({{"document", "acme/privacy-policy"}}) == V{f.v2});
  CHECK(versions({{"document", "acme/terms"}}) == V{});
  CHECK(versions({{"since", "1970-01-01T06:00:00Z"}}) == V{f.t2});
  CHECK(versions({{"since", "25000"}}) == V{f.t2});
}

TEST_CASE("api changes refuses bad or unknown parameter values with 400", "[web][api][hostile]") {
  Fixture f;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"min_severity", "huge"}, {"category", "<x>"}, {"since", "yesterday"}, {"before", "-1"},
           {"limit", "0"}, {"limit", "501"}, {"company", "nope"}, {"document", "acme"},
           {"document", "acme/"}, {"document", "acme/nope"}, {"document", "/terms"}}) {
    INFO(key << "=" << value);
    const json body = f.GetJson(400, ApiChanges, {}, {{key, value}});
    CHECK(body["schema"] == "policywatch.error.v1");
    CHECK(body["error"].get<std::string>().rfind(key + ":", 0) == 0);
  }
}

TEST_CASE("api changes paging walks every change exactly once", "[web][api]") {
  Fixture f;
  for (int i = 0; i < 7; ++i) {
    f.site.AddVersion("acme", "terms", i % 2 ? testing::kTermsV2 : testing::kTermsV1, 50'000 + i);
  }
  std::vector<std::int64_t> all;
  const json everything = f.GetJson(200, ApiChanges, {}, {{"limit", "500"}});
  for (const auto& c : everything["changes"]) {
    all.push_back(c["id"].get<std::int64_t>());
  }
  REQUIRE(all.size() == 8);  // 2 + the 6 of acme/terms after its first version
  for (const std::string limit : {"1", "2", "3", "8"}) {
    std::vector<std::int64_t> walked;
    std::map<std::string, std::string> query{{"limit", limit}};
    for (int pages = 0; pages < 20; ++pages) {
      const json body = f.GetJson(200, ApiChanges, {}, query);
      for (const auto& c : body["changes"]) walked.push_back(c["id"].get<std::int64_t>());
      if (body["next"].is_null()) break;
      query = QueryOf(body["next"]);
      CHECK(query["limit"] == limit);
    }
    INFO("limit " << limit);
    CHECK(walked == all);
  }
  // The filter goes along to the next page.
  std::vector<std::int64_t> terms;
  std::map<std::string, std::string> query{{"limit", "4"}, {"document", "acme/terms"}};
  for (int pages = 0; pages < 5; ++pages) {
    const json body = f.GetJson(200, ApiChanges, {}, query);
    for (const auto& c : body["changes"]) terms.push_back(c["id"].get<std::int64_t>());
    if (body["next"].is_null()) break;
    query = QueryOf(body["next"]);
  }
  CHECK(terms.size() == 6);
  CHECK(std::set<std::int64_t>(terms.begin(), terms.end()).size() == 6);
}

}  // namespace
}  // namespace pw::web
