// Browser (fetch/browser.h) driving the real headless Chromium against local
// servers on 127.0.0.1. A machine without Chromium fails these tests: CI
// installs chromium-headless-shell (scripts/install-deps).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <future>

#include "fetch/browser.h"
#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using pw::fetch::testing::HttpServer;

namespace {

// Chromium's sandbox cannot run as root (tests run as root in CI containers).
BrowserOptions TestOptions() {
  BrowserOptions options;
  options.sandbox = geteuid() != 0;
  REQUIRE_FALSE(FindBrowser(options).empty());
  return options;
}

RenderRequest Page(const std::string& url) {
  RenderRequest request;
  request.url = url;
  request.timeout = std::chrono::seconds(10);
  request.network_idle = std::chrono::milliseconds(200);
  return request;
}

Response RenderNow(Browser& browser, const RenderRequest& request) {
  std::promise<Response> result;
  browser.Render(request, [&](Response r) { result.set_value(std::move(r)); });
  return result.get_future().get();
}

void Html(httplib::Response& answer, const std::string& html) {
  answer.set_content(html, "text/html; charset=utf-8");
}

}  // namespace

TEST_CASE("browser: a static page, with its status and headers") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/p", [](const httplib::Request&, httplib::Response& a) {
      a.set_header("X-Test", "yes");
      Html(a, "<!DOCTYPE html><html><head><title>T</title></head><body><p>hello</p></body></html>");
    });
  });
  Browser browser(TestOptions());
  CHECK(browser.Starts() == 0);
  Response r = RenderNow(browser, Page(server.Url("/p")));
  INFO(r.error_message);
  REQUIRE(r.ok());
  CHECK(r.body.starts_with("<!DOCTYPE html><html>"));
  CHECK(r.body.find("<p>hello</p>") != std::string::npos);
  CHECK(r.status == 200);
  CHECK(r.reason == "OK");
  CHECK(r.Header("x-test") == "yes");
  CHECK(r.content_type == "text/html");
  CHECK(r.charset == "utf-8");
  CHECK(r.final_url == server.Url("/p"));
  CHECK(r.etag.empty());
  CHECK(browser.Starts() == 1);
}
