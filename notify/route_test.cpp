#include "notify/route.h"

#include <catch2/catch.hpp>

#include "notify/event.h"
#include "notify/test_fixtures.h"

using namespace pw::notify;
using pw::Clock;
using pw::Severity;

namespace {

pw::config::Config TwoChannels() {
  pw::config::Config config;
  pw::config::Channel legal;
  legal.name = "legal";
  legal.type = "email";
  legal.min_severity = Severity::kMaterial;
  pw::config::Channel hook;
  hook.name = "hook";
  hook.type = "webhook";
  hook.min_severity = Severity::kMinor;
  hook.events = {"document.changed", "document.unreachable"};
  config.channels = {legal, hook};
  pw::config::Company company;
  company.id = "mistral-media";
  company.name = "Mistral Media";
  company.channels = {"legal", "hook", "missing"};
  config.companies = {company};
  return config;
}

nlohmann::json Changed(const char* severity) {
  auto cs = testing::SampleChangeset();
  cs["severity"] = severity;
  return MakeChangedEvent("ev1", Clock::from_time_t(0), testing::SampleSubject(), {}, {}, cs);
}

}  // namespace

TEST_CASE("routing by min_severity") {
  auto config = TwoChannels();
  const auto& company = config.companies[0];
  auto material = RouteEvent(config, company, Changed("material"));
  REQUIRE(material.size() == 2);
  REQUIRE(material[0].channel == "legal");
  REQUIRE(material[1].channel == "hook");
  REQUIRE(material[0].delivery_id == MakeDeliveryId("ev1", "legal"));
  REQUIRE(material[0].event_type == "document.changed");
  REQUIRE(nlohmann::json::parse(material[0].payload_json)["id"] == "ev1");
  REQUIRE(material[0].delivery_id != material[1].delivery_id);

  auto minor = RouteEvent(config, company, Changed("minor"));
  REQUIRE(minor.size() == 1);
  REQUIRE(minor[0].channel == "hook");
  REQUIRE(RouteEvent(config, company, Changed("cosmetic")).empty());
}

TEST_CASE("AnyChannelWants agrees with RouteEvent") {
  auto config = TwoChannels();
  const auto& company = config.companies[0];
  for (Severity s : {Severity::kNone, Severity::kCosmetic, Severity::kMinor, Severity::kMaterial}) {
    auto event = Changed(std::string(pw::SeverityName(s)).c_str());
    CHECK(AnyChannelWants(config, company, kEventChanged, s) ==
          !RouteEvent(config, company, event).empty());
  }
  CHECK(AnyChannelWants(config, company, kEventExtractionSuspect, Severity::kNone));  // legal: all events
  CHECK_FALSE(AnyChannelWants(config, company, kEventTest, Severity::kMaterial));
  pw::config::Company silent = company;
  silent.channels.clear();
  CHECK_FALSE(AnyChannelWants(config, silent, kEventChanged, Severity::kMaterial));
  silent.channels = {"missing"};
  CHECK_FALSE(AnyChannelWants(config, silent, kEventChanged, Severity::kMaterial));
}

TEST_CASE("routing of operational events follows the events filter") {
  auto config = TwoChannels();
  const auto& company = config.companies[0];
  auto t = Clock::from_time_t(0);
  auto unreachable = RouteEvent(config, company,
                                MakeUnreachableEvent("ev2", t, testing::SampleSubject(), 3, "x"));
  REQUIRE(unreachable.size() == 2);
  auto recovered = RouteEvent(config, company,
                              MakeRecoveredEvent("ev3", t, testing::SampleSubject(), 3));
  REQUIRE(recovered.size() == 1);
  REQUIRE(recovered[0].channel == "legal");
  REQUIRE(RouteEvent(config, company, MakeTestEvent("ev4", t, "legal")).empty());
}

TEST_CASE("routing hostile events gives nothing, not a crash") {
  auto config = TwoChannels();
  for (const char* text : {"null", "[]", "{}", R"({"type": 5, "id": "x"})",
                           R"({"type": "document.changed"})",
                           R"({"type": "document.changed", "id": "x", "severity": "huge"})"}) {
    auto routed = RouteEvent(config, config.companies[0], nlohmann::json::parse(text));
    REQUIRE(routed.empty());
  }
}
