// Technical versions (`policywatch reextract`) in the web view, from a real
// database: labelled on the document and change pages, left out of the feeds,
// flagged in the API.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "web/internal/pages.h"
#include "web/test_policies.h"
#include "web/test_site.h"

namespace pw::web {
namespace {

using nlohmann::json;

constexpr const char* kLabel = "technical upgrade (no alert)";

struct Fixture {
  testing::TestSite site;
  WebOptions options;
  std::int64_t v1 = 0, tech = 0;

  Fixture() {
    v1 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
    tech = site.AddTechnical("acme", "privacy-policy", testing::kPolicyV2, 20'000);
  }
  Response Get(PageFn page, std::vector<std::string> captures = {}) {
    Request request;
    request.captures = std::move(captures);
    Response response;
    const Status s = page(Site{site.store(), &options, 50'000}, request, &response);
    INFO(s.message());
    REQUIRE(s.ok());
    return response;
  }
};

TEST_CASE("web: a technical change is labelled on the document and change pages", "[web]") {
  Fixture f;
  const std::string document = f.Get(DocumentPage, {"acme", "privacy-policy"}).body;
  CHECK(document.find(kLabel) != std::string::npos);
  const std::string change =
      f.Get(ChangePage, {"acme", "privacy-policy", std::to_string(f.tech)}).body;
  CHECK(change.find(kLabel) != std::string::npos);
  const std::string first =
      f.Get(DocumentPage, {"acme", "terms"}).body;  // no technical version
  CHECK(first.find(kLabel) == std::string::npos);
}

TEST_CASE("web: feeds leave technical changes out and the API flags them", "[web][feed]") {
  Fixture f;
  const std::string feed = f.Get(FeedAll).body;
  CHECK(feed.find("changes/" + std::to_string(f.tech)) == std::string::npos);
  const json changes = json::parse(f.Get(ApiChanges).body);
  REQUIRE(changes["changes"].size() == 1);
  CHECK(changes["changes"][0]["technical"] == true);
  const json versions = json::parse(f.Get(ApiVersions, {"acme", "privacy-policy"}).body);
  REQUIRE(versions["versions"].size() == 2);
  CHECK(versions["versions"][0]["technical"] == false);
  CHECK(versions["versions"][1]["technical"] == true);
  CHECK(versions["versions"][1]["imported"] == false);
}

}  // namespace
}  // namespace pw::web
