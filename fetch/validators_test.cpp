// A weak Last-Modified (RFC 9110 §8.8.2.2) is never offered for If-Modified-Since:
// the rule on its own, and on responses of a real server on 127.0.0.1.
#include "fetch/internal/validators.h"

#include <catch2/catch.hpp>

#include <ctime>

#include "fetch/test_http_servers.h"

using namespace pw::fetch;
using pw::fetch::testing::Get;
using pw::fetch::testing::HttpServer;

namespace {

// Wed, 21 Oct 2015 07:28:00 GMT
const auto kAt = std::chrono::system_clock::from_time_t(1445412480);
const char* kAtText = "Wed, 21 Oct 2015 07:28:00 GMT";

std::string HttpDate(std::chrono::system_clock::time_point t) {
  std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

}  // namespace

TEST_CASE("validators: HTTP-dates in the three RFC forms, and nothing else") {
  CHECK(ParseHttpDate(kAtText) == kAt);
  CHECK(ParseHttpDate("  Wed, 21 Oct 2015 07:28:00 GMT \r\n") == kAt);
  CHECK(ParseHttpDate("Wednesday, 21-Oct-15 07:28:00 GMT") == kAt);
  CHECK(ParseHttpDate("Wed Oct 21 07:28:00 2015") == kAt);
  CHECK_FALSE(ParseHttpDate(""));
  CHECK_FALSE(ParseHttpDate("-5"));
  CHECK_FALSE(ParseHttpDate("1445412480"));
  CHECK_FALSE(ParseHttpDate("not a date"));
}

TEST_CASE("validators: Last-Modified is strong only at least one second before the Date") {
  const auto later = [](int s) { return HttpDate(kAt + std::chrono::seconds(s)); };
  const auto never = kAt - std::chrono::hours(1);  // `received`, unused when Date is valid
  CHECK(StrongLastModified(kAtText, later(1), never) == kAtText);
  CHECK(StrongLastModified(kAtText, later(3600), never) == kAtText);
  CHECK(StrongLastModified(kAtText, kAtText, never).empty());  // written in the second served
  CHECK(StrongLastModified(kAtText, later(-5), never).empty());  // modified after the Date
  CHECK(StrongLastModified(" Wed, 21 Oct 2015 07:28:00 GMT ", later(2), never) == kAtText);
}

TEST_CASE("validators: without a usable Date, the time the response arrived stands for it") {
  using std::chrono::milliseconds;
  CHECK(StrongLastModified(kAtText, "", kAt + milliseconds(999)).empty());
  CHECK(StrongLastModified(kAtText, "", kAt + milliseconds(1000)) == kAtText);
  CHECK(StrongLastModified(kAtText, "garbage", kAt + milliseconds(400)).empty());
  CHECK(StrongLastModified(kAtText, "garbage", kAt + std::chrono::hours(2)) == kAtText);
}

TEST_CASE("validators: a Last-Modified that is not an HTTP-date is not used") {
  CHECK(StrongLastModified("", HttpDate(kAt), kAt).empty());
  CHECK(StrongLastModified("yesterday", HttpDate(kAt), kAt).empty());
  CHECK(StrongLastModified("1445412480", HttpDate(kAt), kAt).empty());
}

TEST_CASE("validators: a response's last_modified is set only when the header is strong") {
  const auto now = std::chrono::system_clock::now();
  const std::string this_second = HttpDate(now);
  const std::string an_hour_ago = HttpDate(now - std::chrono::hours(1));
  HttpServer server([&](httplib::Server& s) {
    auto page = [](const std::string& modified, const std::string& date) {
      return [modified, date](const httplib::Request&, httplib::Response& a) {
        a.set_header("Last-Modified", modified);
        if (!date.empty()) a.set_header("Date", date);
        a.set_content("<p>page</p>", "text/html");
      };
    };
    s.Get("/same-second", page(this_second, this_second));
    s.Get("/older", page(an_hour_ago, this_second));
    s.Get("/no-date-old", page(an_hour_ago, ""));
    s.Get("/no-date-future", page(HttpDate(now + std::chrono::hours(1)), ""));
  });
  Response same = FetchOne(Get(server.Url("/same-second")));
  REQUIRE(same.ok());
  CHECK(same.last_modified.empty());
  CHECK(same.Header("last-modified") == this_second);  // the header is still there

  Response older = FetchOne(Get(server.Url("/older")));
  REQUIRE(older.ok());
  CHECK(older.last_modified == an_hour_ago);

  Response no_date = FetchOne(Get(server.Url("/no-date-old")));
  REQUIRE(no_date.ok());
  CHECK(no_date.last_modified == an_hour_ago);

  Response future = FetchOne(Get(server.Url("/no-date-future")));
  REQUIRE(future.ok());
  CHECK(future.last_modified.empty());
}
