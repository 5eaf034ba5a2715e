// The server over a real socket on 127.0.0.1: routes, security headers, the
// read-only rule, the bearer token, limits, and a port that is taken.
#include <httplib.h>

#include <catch2/catch.hpp>

#include "web/test_policies.h"
#include "web/test_site.h"
#include "web/web.h"

namespace pw::web {
namespace {

using testing::TestSite;

std::unique_ptr<WebServer> StartOrDie(const WebOptions& options) {
  std::unique_ptr<WebServer> server;
  const Status s = WebServer::Start(options, &server);
  INFO(s.message());
  REQUIRE(s.ok());
  return server;
}

WebOptions Loopback(const TestSite& site) {
  WebOptions options;
  REQUIRE(config::ParseListen("127.0.0.1:0", &options.web).empty());
  options.database = site.database();
  options.threads = 2;
  return options;
}

TEST_CASE("server answers pages with security headers and refuses writes", "[web][server]") {
  TestSite site;
  const std::int64_t v1 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
  site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 20'000);
  auto server = StartOrDie(Loopback(site));
  httplib::Client client("127.0.0.1", server->port());

  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->body.find("Acme &amp; &lt;Co&gt;") != std::string::npos);

  auto version = client.Get("/documents/acme/privacy-policy/versions/" + std::to_string(v1));
  REQUIRE(version);
  CHECK(version->status == 200);

  auto post = client.Post("/", "x", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD");
  auto del = client.Delete("/documents/acme/privacy-policy");
  REQUIRE(del);
  CHECK(del->status == 405);

  auto missing = client.Get("/etc/passwd");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  auto traversal = client.Get("/documents/../../x/versions/1");
  REQUIRE(traversal);
  CHECK(traversal->status == 404);
  CHECK(client.Get("/healthz")->body == "ok\n");
}

TEST_CASE("a token is required on every request but /healthz", "[web][server][hostile]") {
  TestSite site;
  WebOptions options = Loopback(site);
  options.web.token = "s3cret-token";
  auto server = StartOrDie(options);
  httplib::Client client("127.0.0.1", server->port());

  auto none = client.Get("/");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->body.find("s3cret") == std::string::npos);
  auto wrong = client.Get("/metrics", {{"Authorization", "Bearer s3cret-tokeN"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto right = client.Get("/metrics", {{"Authorization", "Bearer s3cret-token"}});
  REQUIRE(right);
  CHECK(right->status == 200);
  CHECK(client.Get("/healthz")->status == 200);
}

TEST_CASE("oversized requests are refused and the server goes on", "[web][server][hostile]") {
  TestSite site;
  WebOptions options = Loopback(site);
  options.max_request_bytes = 1024;
  auto server = StartOrDie(options);
  httplib::Client client("127.0.0.1", server->port());
  auto huge_uri = client.Get("/?x=" + std::string(20'000, 'a'));
  REQUIRE(huge_uri);
  CHECK(huge_uri->status == 414);
  auto big_body = client.Post("/", std::string(10'000, 'b'), "text/plain");
  REQUIRE(big_body);
  CHECK(big_body->status >= 400);
  CHECK(client.Get("/")->status == 200);
}

TEST_CASE("a body or several ranges are refused", "[web][server][hostile]") {
  TestSite site;
  const std::int64_t v1 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
  auto server = StartOrDie(Loopback(site));
  const std::string raw = "/documents/acme/privacy-policy/versions/" + std::to_string(v1) + "/raw";
  httplib::Client client("127.0.0.1", server->port());
  auto ranges = client.Get(raw, {{"Range", "bytes=0-,0-,0-"}});
  REQUIRE(ranges);
  CHECK(ranges->status == 416);
  auto one = client.Get(raw, {{"Range", "bytes=0-9"}});
  REQUIRE(one);
  CHECK((one->status == 200 || one->status == 206));  // one range is served as httplib serves it
  httplib::Client with_body("127.0.0.1", server->port());
  auto smuggled = with_body.Get("/", {{"Content-Length", "5"}});
  REQUIRE(smuggled);
  CHECK(smuggled->status == 400);
  CHECK(client.Get("/")->status == 200);
}

TEST_CASE("a port already taken fails naming the address", "[web][server][hostile]") {
  TestSite site;
  auto first = StartOrDie(Loopback(site));
  WebOptions options = Loopback(site);
  REQUIRE(config::ParseListen("127.0.0.1:" + std::to_string(first->port()), &options.web).empty());
  std::unique_ptr<WebServer> second;
  const Status s = WebServer::Start(options, &second);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("127.0.0.1:" + std::to_string(first->port())) != std::string::npos);
}

TEST_CASE("a database that cannot be opened answers 500 naming it", "[web][server][hostile]") {
  TestSite site;
  WebOptions options = Loopback(site);
  options.database = "/nonexistent/policywatch.db";
  auto server = StartOrDie(options);
  httplib::Client client("127.0.0.1", server->port());
  auto r = client.Get("/");
  REQUIRE(r);
  CHECK(r->status == 500);
  CHECK(r->body.find("/nonexistent/policywatch.db") != std::string::npos);
}

}  // namespace
}  // namespace pw::web
