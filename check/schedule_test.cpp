#include "check/schedule.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace pw;
using namespace pw::check;
using namespace std::chrono_literals;

TEST_CASE("schedule: success interval with jitter stays within bounds and varies by key") {
  TimePoint now = Clock::from_time_t(1'800'000'000);
  Seconds interval = 6h;
  bool differs = false;
  TimePoint first = NextAfterSuccess(now, interval, 0.1, "doc-0");
  for (int i = 0; i < 200; ++i) {
    TimePoint next = NextAfterSuccess(now, interval, 0.1, "doc-" + std::to_string(i));
    CHECK(next >= now + Seconds(static_cast<long>(interval.count() * 0.9)));
    CHECK(next <= now + Seconds(static_cast<long>(interval.count() * 1.1)));
    differs = differs || next != first;
  }
  CHECK(differs);
  // No jitter: exactly the interval. Tiny intervals never schedule in the past.
  CHECK(NextAfterSuccess(now, interval, 0.0, "x") == now + interval);
  CHECK(NextAfterSuccess(now, 1s, 1.0, "x") >= now + 1s);
}

TEST_CASE("schedule: failures back off exponentially, capped by the interval") {
  TimePoint now = Clock::from_time_t(1'800'000'000);
  CHECK(NextAfterFailure(now, 6h, 1, std::nullopt) == now + 60s);
  CHECK(NextAfterFailure(now, 6h, 2, std::nullopt) == now + 120s);
  CHECK(NextAfterFailure(now, 6h, 5, std::nullopt) == now + 960s);
  CHECK(NextAfterFailure(now, 6h, 50, std::nullopt) == now + 6h);
  CHECK(NextAfterFailure(now, 30s, 3, std::nullopt) == now + 30s);
  // Retry-After wins when it asks for more patience.
  CHECK(NextAfterFailure(now, 6h, 1, Seconds(600)) == now + 600s);
  CHECK(NextAfterFailure(now, 6h, 5, Seconds(10)) == now + 960s);
}

TEST_CASE("schedule: first checks are spread, stable per key") {
  TimePoint now = Clock::from_time_t(1'800'000'000);
  TimePoint a = FirstCheck(now, 6h, 10min, "acme/privacy-policy");
  CHECK(a == FirstCheck(now, 6h, 10min, "acme/privacy-policy"));
  int distinct_minutes[10] = {};
  for (int i = 0; i < 1000; ++i) {
    TimePoint t = FirstCheck(now, 6h, 10min, "c" + std::to_string(i) + "/terms");
    REQUIRE(t >= now);
    REQUIRE(t < now + 10min);
    distinct_minutes[std::chrono::duration_cast<std::chrono::minutes>(t - now).count()]++;
  }
  for (int m : distinct_minutes) CHECK(m > 50);  // roughly uniform: no minute is empty
  CHECK(FirstCheck(now, 5s, 10min, "k") < now + 5s);
}

TEST_CASE("schedule: host of a URL") {
  CHECK(HostOf("https://WWW.Example.org/privacy") == "www.example.org");
  CHECK(HostOf("http://user:pw@example.org:8080/x?y") == "example.org");
  CHECK(HostOf("http://127.0.0.1:5000") == "127.0.0.1");
  CHECK(HostOf("http://[::1]:80/") == "[::1]");
  CHECK(HostOf("not a url").empty());
}

TEST_CASE("schedule: host gate spaces requests to one host") {
  HostGate gate(2000ms);
  TimePoint now = Clock::from_time_t(1'800'000'000);
  CHECK(gate.AvailableAt("a.example") <= now);
  gate.MarkStarted("a.example", now);
  CHECK(gate.AvailableAt("a.example") == now + 2s);
  CHECK(gate.AvailableAt("b.example") <= now);
  gate.Prune(now + 3s);
  CHECK(gate.AvailableAt("a.example") <= now);
}
