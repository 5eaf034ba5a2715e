#include "notify/event.h"

#include <catch2/catch.hpp>

#include "notify/test_fixtures.h"

using namespace pw::notify;
using pw::Clock;

TEST_CASE("event ids are 32 hex digits and differ") {
  std::string a = NewEventId(), b = NewEventId();
  REQUIRE(a.size() == 32);
  REQUIRE(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  REQUIRE(a != b);
}

TEST_CASE("delivery ids are stable per event and channel") {
  std::string e = "0123456789abcdef0123456789abcdef";
  REQUIRE(MakeDeliveryId(e, "legal") == MakeDeliveryId(e, "legal"));
  REQUIRE(MakeDeliveryId(e, "legal") != MakeDeliveryId(e, "hook"));
  REQUIRE(MakeDeliveryId(e, "legal").size() == 32);
  // No ambiguity between ("ab","c") and ("a","bc").
  REQUIRE(MakeDeliveryId("ab", "c") != MakeDeliveryId("a", "bc"));
}

TEST_CASE("RFC 3339 UTC timestamps") {
  REQUIRE(FormatRfc3339(Clock::from_time_t(1795428000)) == "2026-11-23T10:00:00Z");
  REQUIRE(FormatRfc3339(Clock::from_time_t(0)) == "1970-01-01T00:00:00Z");
}

TEST_CASE("document.changed event carries the changeset fields of SPEC.md") {
  auto j = nlohmann::json::parse(testing::SampleChangedDelivery("hook").payload_json);
  REQUIRE(j["schema"] == "policywatch.event.v1");
  REQUIRE(j["id"] == "0123456789abcdef0123456789abcdef");
  REQUIRE(j["type"] == "document.changed");
  REQUIRE(j["occurred_at"] == "2026-11-23T10:00:00Z");
  REQUIRE(j["company"] == nlohmann::json({{"id", "mistral-media"}, {"name", "Mistral Media"}}));
  REQUIRE(j["document"]["type"] == "privacy-policy");
  REQUIRE(j["document"]["url"] == "https://www.example.org/privacy");
  REQUIRE(j["severity"] == "material");
  REQUIRE(j["from_version"]["id"] == 12);
  REQUIRE(j["from_version"]["fetched_at"] == "2026-11-22T10:00:00Z");
  REQUIRE(j["to_version"]["id"] == 13);
  REQUIRE(j["to_version"]["sha256"] == std::string(64, 'b'));
  REQUIRE(j["summary"] == testing::SampleChangeset()["summary"]);
  REQUIRE(j["sections"] == testing::SampleChangeset()["sections"]);
  REQUIRE_FALSE(j.contains("schema_changeset"));
}

TEST_CASE("hostile changesets give an event with empty parts, not a crash") {
  auto t = Clock::from_time_t(0);
  for (const auto& bad : {nlohmann::json(), nlohmann::json::array({1, 2}), nlohmann::json("x"),
                          nlohmann::json::parse(R"({"severity": 3, "sections": "no"})")}) {
    auto j = MakeChangedEvent("e", t, testing::SampleSubject(), {}, {}, bad);
    REQUIRE(j["type"] == "document.changed");
    REQUIRE(j.contains("sections"));
    REQUIRE(j.contains("summary"));
    REQUIRE(j["severity"].is_string());
  }
}

TEST_CASE("operational events") {
  auto t = Clock::from_time_t(1795428000);
  auto s = testing::SampleSubject();
  auto u = MakeUnreachableEvent("e1", t, s, 3, "HTTP 503 from https://www.example.org/privacy");
  REQUIRE(u["type"] == "document.unreachable");
  REQUIRE(u["consecutive_failures"] == 3);
  REQUIRE(u["last_error"] == "HTTP 503 from https://www.example.org/privacy");
  REQUIRE(u["company"]["id"] == "mistral-media");

  auto r = MakeRecoveredEvent("e2", t, s, 4);
  REQUIRE(r["type"] == "document.recovered");
  REQUIRE(r["failures_before"] == 4);

  auto x = MakeExtractionSuspectEvent("e3", t, s, {7, t, "cc"}, "selector 'main' matched nothing");
  REQUIRE(x["type"] == "document.extraction_suspect");
  REQUIRE(x["reason"] == "selector 'main' matched nothing");
  REQUIRE(x["version"]["id"] == 7);

  auto test = MakeTestEvent("e4", t, "legal");
  REQUIRE(test["type"] == "test");
  REQUIRE(test["test"] == true);
  REQUIRE(test["channel"] == "legal");
  REQUIRE(test["schema"] == "policywatch.event.v1");
}
