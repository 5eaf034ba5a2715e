#include "notify/announce.h"

#include <catch2/catch.hpp>

#include "notify/test_fixtures.h"

using namespace pw::notify;
using pw::Clock;
using pw::Severity;

namespace {

// "legal" takes material changes and suspect extractions; "ops" only
// operational events.
pw::config::Config Channels() {
  pw::config::Config config;
  pw::config::Channel legal;
  legal.name = "legal";
  legal.type = "email";
  legal.min_severity = Severity::kMaterial;
  legal.events = {"document.changed", "document.extraction_suspect"};
  pw::config::Channel ops;
  ops.name = "ops";
  ops.type = "webhook";
  ops.events = {"document.unreachable", "document.recovered"};
  config.channels = {legal, ops};
  pw::config::Company company;
  company.id = "mistral-media";
  company.name = "Mistral Media";
  company.channels = {"legal", "ops"};
  config.companies = {company};
  return config;
}

CheckFacts Facts() {
  CheckFacts f;
  f.subject = testing::SampleSubject();
  f.at = pw::Clock::from_time_t(1795428000);
  return f;
}

VersionRef Version(std::int64_t id) { return {id, pw::Clock::from_time_t(1795428000), "ab"}; }

std::vector<std::string> Types(const std::vector<pw::store::Delivery>& deliveries) {
  std::vector<std::string> out;
  for (const auto& d : deliveries) out.push_back(d.channel + " " + d.event_type);
  return out;
}

}  // namespace

TEST_CASE("announce: a check with nothing to tell makes no delivery") {
  auto config = Channels();
  CHECK(Announce(config, config.companies[0], Facts()).empty());
  CheckFacts first = Facts();
  first.added = Version(1);  // a first version, not suspect: no event
  CHECK(Announce(config, config.companies[0], first).empty());
}

TEST_CASE("announce: unreachable and recovered go to the channels that want them") {
  auto config = Channels();
  CheckFacts down = Facts();
  down.unreachable = CheckFacts::Unreachable{3, "HTTP 503"};
  auto deliveries = Announce(config, config.companies[0], down);
  REQUIRE(Types(deliveries) == std::vector<std::string>{"ops document.unreachable"});
  auto event = nlohmann::json::parse(deliveries[0].payload_json);
  CHECK(event["type"] == "document.unreachable");
  CHECK(event["consecutive_failures"] == 3);
  CHECK(deliveries[0].delivery_id == MakeDeliveryId(event["id"], "ops"));

  CheckFacts up = Facts();
  up.recovered_after = 3;
  CHECK(Types(Announce(config, config.companies[0], up)) ==
        std::vector<std::string>{"ops document.recovered"});
}

TEST_CASE("announce: a change names both versions and is routed by its severity") {
  auto config = Channels();
  CheckFacts changed = Facts();
  changed.added = Version(13);
  changed.compared_with = Version(12);
  changed.changeset = testing::SampleChangeset();
  changed.severity = Severity::kMaterial;
  auto deliveries = Announce(config, config.companies[0], changed);
  REQUIRE(Types(deliveries) == std::vector<std::string>{"legal document.changed"});
  auto event = nlohmann::json::parse(deliveries[0].payload_json);
  CHECK(event["from_version"]["id"] == 12);
  CHECK(event["to_version"]["id"] == 13);
  CHECK_FALSE(event.contains("change_url"));  // no [web] base_url

  config.web.base_url = "https://pw.example.org";
  event = nlohmann::json::parse(Announce(config, config.companies[0], changed)[0].payload_json);
  CHECK(event["change_url"] == "https://pw.example.org/documents/mistral-media/privacy-policy/changes/13");

  changed.severity = Severity::kMinor;  // below legal's min_severity
  changed.changeset["severity"] = "minor";
  CHECK(Announce(config, config.companies[0], changed).empty());
}

TEST_CASE("announce: a suspect extraction is announced as such, not as a change") {
  auto config = Channels();
  CheckFacts suspect = Facts();
  suspect.added = Version(14);
  suspect.compared_with = Version(13);
  suspect.severity = Severity::kMaterial;
  suspect.suspect_reason = "the select selector matched nothing on the page";
  auto deliveries = Announce(config, config.companies[0], suspect);
  REQUIRE(Types(deliveries) == std::vector<std::string>{"legal document.extraction_suspect"});
  auto event = nlohmann::json::parse(deliveries[0].payload_json);
  CHECK(event["reason"] == suspect.suspect_reason);
}
