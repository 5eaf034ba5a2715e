// Fetcher against a real HTTP server on 127.0.0.1: the paths that succeed.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "fetch/fetch.h"
#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using pw::fetch::testing::Get;
using pw::fetch::testing::Gzip;
using pw::fetch::testing::HttpServer;
using pw::fetch::testing::RawServer;

namespace {

}  // namespace

TEST_CASE("fetcher: a plain page with its headers, timings and user agent") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/p", [](const httplib::Request& q, httplib::Response& a) {
      a.set_header("ETag", "\"v1\"");
      a.set_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      a.set_header("X-Seen-Agent", q.get_header_value("User-Agent"));
      a.set_content("<p>hello</p>", "text/html; charset=utf-8");
    });
  });
  Request request = Get(server.Url("/p"));
  request.user_agent = "pw-test/1.0";
  Response r = FetchOne(request);
  REQUIRE(r.ok());
  CHECK(r.error_message.empty());
  CHECK(r.status == 200);
  CHECK(r.reason == "OK");
  CHECK(r.final_url == server.Url("/p"));
  CHECK(r.body == "<p>hello</p>");
  CHECK(r.Utf8Body() == "<p>hello</p>");
  CHECK(r.content_type == "text/html");
  CHECK(r.charset == "utf-8");
  CHECK(r.etag == "\"v1\"");
  CHECK(r.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT");
  CHECK(r.Header("x-seen-agent") == "pw-test/1.0");
  CHECK(r.redirect_count == 0);
  CHECK_FALSE(r.not_modified);
  CHECK(r.timings.total >= r.timings.first_byte);
  CHECK(r.timings.total.count() > 0);
  CHECK(r.bytes_downloaded > 0);  // the server may compress: wire bytes differ
}

TEST_CASE("fetcher: a redirect chain is followed and the final URL reported") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/a", [](const httplib::Request&, httplib::Response& a) { a.set_redirect("/b", 301); });
    s.Get("/b", [](const httplib::Request&, httplib::Response& a) { a.set_redirect("/c", 302); });
    s.Get("/c", [](const httplib::Request&, httplib::Response& a) { a.set_redirect("/end", 307); });
    s.Get("/end", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("final", "text/plain");
    });
  });
  Response r = FetchOne(Get(server.Url("/a")));
  REQUIRE(r.ok());
  CHECK(r.url == server.Url("/a"));
  CHECK(r.final_url == server.Url("/end"));
  CHECK(r.redirect_count == 3);
  CHECK(r.body == "final");
  CHECK(r.Header("location").empty());  // headers are those of the final response
}

TEST_CASE("fetcher: conditional requests give not_modified on 304") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/doc", [](const httplib::Request& q, httplib::Response& a) {
      bool same_etag = q.get_header_value("If-None-Match") == "\"v7\"";
      bool same_date = q.get_header_value("If-Modified-Since") == "Wed, 21 Oct 2015 07:28:00 GMT";
      if (same_etag || same_date) {
        a.status = 304;
        return;
      }
      a.set_header("ETag", "\"v7\"");
      a.set_content("<p>policy</p>", "text/html");
    });
  });
  Response first = FetchOne(Get(server.Url("/doc")));
  REQUIRE(first.ok());
  CHECK_FALSE(first.not_modified);
  CHECK(first.etag == "\"v7\"");

  Request by_etag = Get(server.Url("/doc"));
  by_etag.if_none_match = first.etag;
  Response second = FetchOne(by_etag);
  CHECK(second.ok());
  CHECK(second.not_modified);
  CHECK(second.status == 304);
  CHECK(second.body.empty());

  Request by_date = Get(server.Url("/doc"));
  by_date.if_modified_since = "Wed, 21 Oct 2015 07:28:00 GMT";
  Response third = FetchOne(by_date);
  CHECK(third.ok());
  CHECK(third.not_modified);
}

TEST_CASE("fetcher: header values cannot inject request headers") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/h", [](const httplib::Request& q, httplib::Response& a) {
      a.set_content(q.has_header("X-Evil") ? "injected" : "clean", "text/plain");
    });
  });
  Request request = Get(server.Url("/h"));
  request.if_none_match = "\"x\"\r\nX-Evil: 1";
  request.user_agent = "ua\r\nX-Evil: 1";
  Response r = FetchOne(request);
  REQUIRE(r.ok());
  CHECK(r.body == "clean");
}

TEST_CASE("fetcher: a gzip body is decoded") {
  std::string page = "<html><body>" + std::string(20000, 'x') + "</body></html>";
  std::string gz = Gzip(page);
  RawServer server([&](int fd, const RawServer&) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                           "Content-Encoding: gzip\r\nContent-Length: " +
                               std::to_string(gz.size()) + "\r\n\r\n" + gz);
  });
  Response r = FetchOne(Get(server.Url("/gz")));
  REQUIRE(r.ok());
  CHECK(r.body == page);
  CHECK(r.bytes_downloaded == gz.size());  // wire bytes, not decoded bytes
}

TEST_CASE("fetcher: charsets from header, meta and BOM are converted to UTF-8") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/cp1252", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("<p>caf\xE9 \x93quoted\x94 costs \x80" "5</p>", "text/html");
    });
    s.Get("/meta", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("<head><meta charset=\"iso-8859-2\"></head><p>\xB1</p>", "text/html");
    });
    s.Get("/bom", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=iso-8859-1");
    });
    s.Get("/bad", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("<p>ok \xFF bad</p>", "text/html; charset=utf-8");
    });
  });
  Response cp = FetchOne(Get(server.Url("/cp1252")));
  REQUIRE(cp.ok());
  CHECK(cp.charset == "windows-1252");
  CHECK(cp.Utf8Body() ==
        "<p>caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D costs \xE2\x82\xAC" "5</p>");

  Response meta = FetchOne(Get(server.Url("/meta")));
  REQUIRE(meta.ok());
  CHECK(meta.charset == "iso-8859-2");
  CHECK(meta.Utf8Body().find("<p>\xC4\x85</p>") != std::string::npos);

  Response bom = FetchOne(Get(server.Url("/bom")));
  REQUIRE(bom.ok());
  CHECK(bom.charset == "utf-8");
  CHECK(bom.Utf8Body() == "<p>caf\xC3\xA9</p>");

  Response bad = FetchOne(Get(server.Url("/bad")));
  REQUIRE(bad.ok());
  CHECK(bad.Utf8Body() == "<p>ok \xEF\xBF\xBD bad</p>");
}

TEST_CASE("fetcher: 200 concurrent transfers through one Fetcher all complete") {
  std::atomic<int> served{0};
  HttpServer server([&](httplib::Server& s) {
    s.Get(R"(/n/(\d+))", [&](const httplib::Request& q, httplib::Response& a) {
      ++served;
      a.set_content("page " + q.matches[1].str(), "text/plain");
    });
  });
  Fetcher fetcher(Fetcher::Options{16, 0});
  std::set<std::string> bodies;
  int failures = 0;
  for (int i = 0; i < 200; ++i) {
    fetcher.Add(Get(server.Url("/n/" + std::to_string(i))), [&, i](Response r) {
      if (!r.ok() || r.body != "page " + std::to_string(i)) ++failures;
      bodies.insert(r.body);
    });
  }
  CHECK(fetcher.Pending() == 200);
  fetcher.RunUntilIdle();
  CHECK(fetcher.Pending() == 0);
  CHECK(failures == 0);
  CHECK(bodies.size() == 200);
  CHECK(served == 200);
}

TEST_CASE("fetcher: callbacks may add transfers, and bad URLs report through the callback") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/x", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("x", "text/plain");
    });
  });
  Fetcher fetcher;
  std::vector<std::string> log;
  fetcher.Add(Get(server.Url("/x")), [&](Response r) {
    log.push_back("first " + r.body);
    fetcher.Add(Get("gopher://example.org/"), [&](Response bad) {
      log.push_back(std::string("second ") + std::string(FetchErrorName(bad.error)));
    });
  });
  fetcher.RunUntilIdle();
  REQUIRE(log.size() == 2);
  CHECK(log[0] == "first x");
  CHECK(log[1] == "second bad_url");
}

TEST_CASE("fetcher: Wakeup from another thread ends a waiting Perform") {
  Fetcher fetcher;
  std::thread waker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    fetcher.Wakeup();
  });
  auto start = std::chrono::steady_clock::now();
  int left = fetcher.Perform(std::chrono::minutes(5));
  auto waited = std::chrono::steady_clock::now() - start;
  waker.join();
  CHECK(left == 0);
  CHECK(waited < std::chrono::minutes(2));  // not a speed check: only "it woke up"
}

TEST_CASE("fetcher: transfers started inside Perform are driven without waiting for max_wait") {
  // Regression: a transfer started after another finished, on a kept-alive
  // connection, used to complete unseen while the next poll slept for max_wait.
  HttpServer server([](httplib::Server& s) {
    s.Get("/k", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("k", "text/plain");
    });
  });
  Fetcher fetcher(Fetcher::Options{1, 0});
  int ok = 0;
  for (int i = 0; i < 10; ++i) {
    fetcher.Add(Get(server.Url("/k")), [&](Response r) { ok += r.ok(); });
  }
  std::atomic<bool> done{false}, watchdog_fired{false};
  std::thread watchdog([&] {  // a hang detector, not a speed check
    for (int i = 0; i < 600 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!done) {
      watchdog_fired = true;
      fetcher.Wakeup();
    }
  });
  while (fetcher.Pending() > 0 && !watchdog_fired) fetcher.Perform(std::chrono::minutes(10));
  done = true;
  watchdog.join();
  CHECK_FALSE(watchdog_fired);
  CHECK(ok == 10);
}
