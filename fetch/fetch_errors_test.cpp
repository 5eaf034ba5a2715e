// Every typed failure, against real (mis)behaving servers on 127.0.0.1.
// Each case checks the error kind, its name, and the message a user reads.
#include <catch2/catch.hpp>
#include <sys/socket.h>

#include <thread>

#include "fetch/fetch.h"
#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using pw::fetch::testing::Get;
using pw::fetch::testing::Gzip;
using pw::fetch::testing::HttpServer;
using pw::fetch::testing::RawServer;

namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void Pause(const RawServer& server, std::chrono::milliseconds total) {
  for (auto slept = std::chrono::milliseconds(0); slept < total && !server.stopping();
       slept += std::chrono::milliseconds(50)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

TEST_CASE("fetch_errors: error names are snake_case") {
  CHECK(FetchErrorName(FetchError::kNone) == "none");
  CHECK(FetchErrorName(FetchError::kDns) == "dns");
  CHECK(FetchErrorName(FetchError::kTooManyRedirects) == "too_many_redirects");
  CHECK(FetchErrorName(FetchError::kUnsupportedContentType) == "unsupported_content_type");
  CHECK(FetchErrorName(FetchError::kHttpStatus) == "http_status");
  CHECK(FetchErrorName(FetchError::kNetwork) == "network");
}

TEST_CASE("fetch_errors: bad URLs are refused before any connection") {
  for (const char* url : {"", "not a url", "ftp://example.org/x", "file:///etc/passwd",
                          "http://", "example.org/privacy"}) {
    INFO(url);
    Response r = FetchOne(Get(url));
    CHECK(r.error == FetchError::kBadUrl);
    CHECK(Contains(r.error_message, std::string(url) + ": "));
  }
  CHECK(FetchOne(Get("ftp://example.org/x")).error_message ==
        "ftp://example.org/x: unsupported scheme 'ftp' (only http and https are fetched)");
}

TEST_CASE("fetch_errors: a redirect loop is too_many_redirects") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/loop", [](const httplib::Request&, httplib::Response& a) { a.set_redirect("/loop"); });
  });
  Request request = Get(server.Url("/loop"));
  request.max_redirects = 4;
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kTooManyRedirects);
  CHECK(r.error_message == server.Url("/loop") +
                               ": too many redirects (more than 4; a redirect loop?), last to '/loop'");
}

TEST_CASE("fetch_errors: a redirect to file:// is refused") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/evil", [](const httplib::Request&, httplib::Response& a) {
      a.set_redirect("file:///etc/passwd");
    });
  });
  Response r = FetchOne(Get(server.Url("/evil")));
  CHECK(r.error == FetchError::kBadRedirect);
  CAPTURE(r.error_message, r.final_url);
  CHECK(FetchErrorName(r.error) == "bad_redirect");
  CHECK(Contains(r.error_message, "redirect to 'file:///etc/passwd' refused"));
  CHECK(Contains(r.error_message, server.Url("/evil")));
  CHECK(r.body.empty());
}

TEST_CASE("fetch_errors: 404 and 500 are http_status with code and reason") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/500", [](const httplib::Request&, httplib::Response& a) {
      a.status = 500;
      a.set_content("oops", "text/html");
    });
  });
  Response missing = FetchOne(Get(server.Url("/missing")));
  CHECK(missing.error == FetchError::kHttpStatus);
  CHECK(missing.status == 404);
  CHECK(missing.error_message == server.Url("/missing") + ": HTTP 404 Not Found");
  Response broken = FetchOne(Get(server.Url("/500")));
  CHECK(broken.error == FetchError::kHttpStatus);
  CHECK(broken.error_message == server.Url("/500") + ": HTTP 500 Internal Server Error");
}

TEST_CASE("fetch_errors: 429 carries Retry-After as seconds or as an HTTP-date") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/seconds", [](const httplib::Request&, httplib::Response& a) {
      a.status = 429;
      a.set_header("Retry-After", "120");
    });
    s.Get("/date", [](const httplib::Request&, httplib::Response& a) {
      a.status = 429;
      char date[64];
      time_t when = time(nullptr) + 3600;
      tm gmt;
      gmtime_r(&when, &gmt);
      strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &gmt);
      a.set_header("Retry-After", date);
    });
  });
  Response r = FetchOne(Get(server.Url("/seconds")));
  CHECK(r.error == FetchError::kHttpStatus);
  CHECK(r.error_message == server.Url("/seconds") + ": HTTP 429 Too Many Requests");
  CHECK(r.retry_after == std::chrono::seconds(120));
  Response d = FetchOne(Get(server.Url("/date")));
  CHECK(d.error == FetchError::kHttpStatus);
  REQUIRE(d.retry_after.has_value());
  CHECK(d.retry_after->count() > 3500);
  CHECK(d.retry_after->count() <= 3600);
}

TEST_CASE("fetch_errors: an image is unsupported_content_type") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/logo", [](const httplib::Request&, httplib::Response& a) {
      a.set_content(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0'), "image/png");
    });
    s.Get("/bin", [](const httplib::Request&, httplib::Response& a) {
      a.set_content("", "application/octet-stream");
    });
  });
  Response r = FetchOne(Get(server.Url("/logo")));
  CHECK(r.error == FetchError::kUnsupportedContentType);
  CHECK(r.error_message == server.Url("/logo") +
                               ": unsupported content type 'image/png' (expected text/html, "
                               "application/xhtml+xml, text/plain, text/markdown, application/pdf or "
                               "application/x-pdf)");
  CHECK(r.body.empty());
  Response empty = FetchOne(Get(server.Url("/bin")));  // no body at all: still checked
  CHECK(empty.error == FetchError::kUnsupportedContentType);
  CHECK(Contains(empty.error_message, "'application/octet-stream'"));
}

TEST_CASE("fetch_errors: a gzip bomb stops at max_body_size (decompressed)") {
  std::string bomb = Gzip(std::string(50 * 1000 * 1000, '\0'));
  REQUIRE(bomb.size() < 100 * 1000);
  RawServer server([&](int fd, const RawServer&) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                           "Content-Encoding: gzip\r\nContent-Length: " +
                               std::to_string(bomb.size()) + "\r\n\r\n" + bomb);
  });
  Request request = Get(server.Url("/bomb"));
  request.max_body_size = 1000 * 1000;
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kTooLarge);
  CHECK(r.error_message == server.Url("/bomb") +
                               ": response body larger than the limit of 1000000 bytes (after "
                               "decompression)");
  CHECK(r.body.empty());
}

TEST_CASE("fetch_errors: an endless body is too_large") {
  RawServer server([](int fd, const RawServer& s) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    std::string block(64 * 1024, 'a');
    while (!s.stopping() && RawServer::SendAll(fd, block)) {
    }
  });
  Request request = Get(server.Url("/endless"));
  request.max_body_size = 2 * 1000 * 1000;
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kTooLarge);
  CHECK(FetchErrorName(r.error) == "too_large");
  CHECK(Contains(r.error_message, "larger than the limit of 2000000 bytes"));
}

TEST_CASE("fetch_errors: a server sending one byte a second hits the low-speed timeout") {
  RawServer server([](int fd, const RawServer& s) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    while (!s.stopping() && RawServer::SendAll(fd, "x")) Pause(s, std::chrono::seconds(1));
  });
  Request request = Get(server.Url("/slow"));
  request.low_speed_limit = 100;
  request.low_speed_time = std::chrono::seconds(1);
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(r.error_message == server.Url("/slow") + ": too slow: less than 100 bytes/s for 1 s");
}

TEST_CASE("fetch_errors: a server that never answers hits the total timeout") {
  RawServer server([](int, const RawServer& s) { Pause(s, std::chrono::seconds(5)); });
  Request request = Get(server.Url("/silent"));
  request.timeout = std::chrono::milliseconds(800);
  request.low_speed_limit = 0;
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kTimeout);
  CHECK(r.error_message == server.Url("/silent") + ": timed out after 0.8 s (total timeout)");
}

TEST_CASE("fetch_errors: a connection closed mid-response is a network error") {
  RawServer server([](int fd, const RawServer&) {
    RawServer::SendAll(fd,
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
                       "<p>only part");
  });
  Response r = FetchOne(Get(server.Url("/cut")));
  CHECK(r.error == FetchError::kNetwork);
  CHECK(Contains(r.error_message, server.Url("/cut") +
                                      ": connection closed before the response was complete"));
}

TEST_CASE("fetch_errors: a connection reset is a network error") {
  RawServer server([](int fd, const RawServer&) {
    RawServer::SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>par");
    linger hard{1, 0};  // close with RST
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  });
  Response r = FetchOne(Get(server.Url("/reset")));
  CHECK(r.error == FetchError::kNetwork);
  CHECK(Contains(r.error_message, server.Url("/reset") + ": connection reset or broken"));
}

TEST_CASE("fetch_errors: a server closing without answering is a network error") {
  RawServer server([](int, const RawServer&) {});
  Response r = FetchOne(Get(server.Url("/nothing")));
  CHECK(r.error == FetchError::kNetwork);
  CHECK(r.error_message ==
        server.Url("/nothing") + ": connection closed by the server without a response");
}

TEST_CASE("fetch_errors: garbage instead of HTTP is a network error") {
  RawServer server([](int fd, const RawServer&) {
    RawServer::SendAll(fd, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
  });
  Response r = FetchOne(Get(server.Url("/garbage")));
  CHECK(r.error == FetchError::kNetwork);
  CHECK(Contains(r.error_message, server.Url("/garbage") + ": malformed HTTP response"));
}

TEST_CASE("fetch_errors: connection refused is connect") {
  std::string url = "http://127.0.0.1:" + std::to_string(testing::UnusedPort()) + "/";
  Response r = FetchOne(Get(url));
  CHECK(r.error == FetchError::kConnect);
  CHECK(r.error_message == url + ": could not connect to 127.0.0.1: Connection refused");
}

TEST_CASE("fetch_errors: an unresolvable host is dns") {
  Request request = Get("http://nonexistent.invalid/privacy");
  request.connect_timeout = std::chrono::seconds(5);
  Response r = FetchOne(request);
  CHECK(r.error == FetchError::kDns);
  CHECK(r.error_message ==
        "http://nonexistent.invalid/privacy: could not resolve host 'nonexistent.invalid'");
}

TEST_CASE("fetch_errors: a TLS handshake with a plain HTTP server is tls") {
  HttpServer server([](httplib::Server& s) {
    s.Get("/", [](const httplib::Request&, httplib::Response& a) { a.set_content("x", "text/plain"); });
  });
  std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
  Response r = FetchOne(Get(url));
  CHECK(r.error == FetchError::kTls);
  CHECK(Contains(r.error_message, url + ": TLS error with 127.0.0.1: "));
}
