// Digests, the pure parts: when a digest is due (NextDigestAt, across DST
// changes, weekly days and zones), which events wait for one, the slot an
// event is enqueued for (RouteEvent), and the digest event MakeDigest builds.
#include "notify/digest.h"

#include <catch2/catch.hpp>

#include <cstdio>

#include "notify/event.h"
#include "notify/route.h"
#include "notify/test_fixtures.h"

using namespace pw::notify;
using namespace pw::notify::testing;

namespace {

// Unix seconds of "YYYY-MM-DDTHH:MM:SSZ".
std::int64_t At(const char* text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  REQUIRE(std::sscanf(text, "%4d-%2u-%2uT%2u:%2u:%2uZ", &y, &mo, &d, &h, &mi, &s) == 6);
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{mo},
                                        std::chrono::day{d}};
  const auto t = std::chrono::sys_days(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                 std::chrono::seconds(s);
  return t.time_since_epoch().count();
}

pw::config::Channel DigestChannel(pw::config::Digest digest, const std::string& zone, int hour,
                                  int minute = 0, int day = 1) {
  pw::config::Channel c;
  c.name = "digest";
  c.type = "webhook";
  c.url = "http://127.0.0.1:1/";
  c.min_severity = pw::Severity::kMinor;
  c.digest = digest;
  c.time_zone = zone;
  c.digest_minute = hour * 60 + minute;
  c.digest_day = day;
  return c;
}

using pw::config::Digest;

}  // namespace

TEST_CASE("NextDigestAt: daily in UTC is the next 09:00 strictly after now", "[notify][digest]") {
  const auto c = DigestChannel(Digest::kDaily, "UTC", 9);
  CHECK(NextDigestAt(c, At("2026-11-23T08:00:00Z")) == At("2026-11-23T09:00:00Z"));
  CHECK(NextDigestAt(c, At("2026-11-23T08:59:59Z")) == At("2026-11-23T09:00:00Z"));
  CHECK(NextDigestAt(c, At("2026-11-23T09:00:00Z")) == At("2026-11-24T09:00:00Z"));
  CHECK(NextDigestAt(c, At("2026-11-23T23:59:59Z")) == At("2026-11-24T09:00:00Z"));
  CHECK(NextDigestAt(c, At("2026-12-31T10:00:00Z")) == At("2027-01-01T09:00:00Z"));
}

TEST_CASE("NextDigestAt: daily at local time in Europe/Paris", "[notify][digest]") {
  const auto c = DigestChannel(Digest::kDaily, "Europe/Paris", 9);
  // Winter: CET, UTC+1.
  CHECK(NextDigestAt(c, At("2026-11-23T07:00:00Z")) == At("2026-11-23T08:00:00Z"));
  // Summer: CEST, UTC+2.
  CHECK(NextDigestAt(c, At("2026-07-01T06:00:00Z")) == At("2026-07-01T07:00:00Z"));
  // The local day, not the UTC day: 23:30 UTC is already tomorrow in Paris.
  CHECK(NextDigestAt(c, At("2026-11-22T23:30:00Z")) == At("2026-11-23T08:00:00Z"));
}

TEST_CASE("NextDigestAt: across the spring DST change", "[notify][digest][dst]") {
  SECTION("Europe/Paris: the day clocks go forward is 23 hours long") {
    const auto c = DigestChannel(Digest::kDaily, "Europe/Paris", 9);
    CHECK(NextDigestAt(c, At("2026-03-28T08:00:00Z")) == At("2026-03-29T07:00:00Z"));
  }
  SECTION("a digest_at in the skipped hour goes when the clocks jump") {
    const auto c = DigestChannel(Digest::kDaily, "Europe/Paris", 2, 30);
    CHECK(NextDigestAt(c, At("2026-03-28T23:00:00Z")) == At("2026-03-29T01:00:00Z"));
    CHECK(NextDigestAt(c, At("2026-03-29T01:00:00Z")) == At("2026-03-30T00:30:00Z"));
  }
  SECTION("America/New_York: EST to EDT") {
    const auto c = DigestChannel(Digest::kDaily, "America/New_York", 9);
    CHECK(NextDigestAt(c, At("2026-03-07T15:00:00Z")) == At("2026-03-08T13:00:00Z"));
  }
}

TEST_CASE("NextDigestAt: across the autumn DST change", "[notify][digest][dst]") {
  SECTION("Europe/Paris: 09:00 CET after 09:00 CEST") {
    const auto c = DigestChannel(Digest::kDaily, "Europe/Paris", 9);
    CHECK(NextDigestAt(c, At("2026-10-24T07:00:00Z")) == At("2026-10-25T08:00:00Z"));
  }
  SECTION("a digest_at in the repeated hour goes once, at its first occurrence") {
    const auto c = DigestChannel(Digest::kDaily, "Europe/Paris", 2, 30);
    CHECK(NextDigestAt(c, At("2026-10-24T22:00:00Z")) == At("2026-10-25T00:30:00Z"));
    // Its second occurrence (01:30 UTC) is not another slot.
    CHECK(NextDigestAt(c, At("2026-10-25T00:30:00Z")) == At("2026-10-26T01:30:00Z"));
  }
}

TEST_CASE("NextDigestAt: weekly on its day", "[notify][digest][weekly]") {
  SECTION("Monday 09:00 UTC (the default day); 2026-11-23 is a Monday") {
    const auto c = DigestChannel(Digest::kWeekly, "UTC", 9);
    CHECK(NextDigestAt(c, At("2026-11-23T08:00:00Z")) == At("2026-11-23T09:00:00Z"));
    CHECK(NextDigestAt(c, At("2026-11-23T09:00:00Z")) == At("2026-11-30T09:00:00Z"));
    CHECK(NextDigestAt(c, At("2026-11-22T23:00:00Z")) == At("2026-11-23T09:00:00Z"));
    CHECK(NextDigestAt(c, At("2026-11-24T09:00:00Z")) == At("2026-11-30T09:00:00Z"));
  }
  SECTION("every weekday from 1 (Monday) to 7 (Sunday)") {
    for (int day = 1; day <= 7; ++day) {
      const auto c = DigestChannel(Digest::kWeekly, "UTC", 9, 0, day);
      // From Sunday 2026-11-22 10:00: Monday 23 is day 1, Sunday 29 is day 7.
      CHECK(NextDigestAt(c, At("2026-11-22T10:00:00Z")) == At("2026-11-22T09:00:00Z") + day * 86400);
    }
  }
  SECTION("the day is the local day: Monday 08:00 in Auckland is Sunday in UTC") {
    const auto c = DigestChannel(Digest::kWeekly, "Pacific/Auckland", 8);
    CHECK(NextDigestAt(c, At("2026-11-22T12:00:00Z")) == At("2026-11-22T19:00:00Z"));
  }
  SECTION("a week that spans the spring DST change is 167 hours long") {
    const auto c = DigestChannel(Digest::kWeekly, "Europe/Paris", 9, 0, 7);
    CHECK(NextDigestAt(c, At("2026-03-22T08:00:00Z")) == At("2026-03-29T07:00:00Z"));
  }
}

TEST_CASE("NextDigestAt: a zone the system does not know counts as UTC", "[notify][digest]") {
  const auto c = DigestChannel(Digest::kDaily, "Mars/Olympus", 9);
  CHECK(NextDigestAt(c, At("2026-11-23T08:00:00Z")) == At("2026-11-23T09:00:00Z"));
}

TEST_CASE("Digested: only document.changed and only with a digest", "[notify][digest]") {
  auto c = DigestChannel(Digest::kDaily, "UTC", 9);
  CHECK(Digested(c, kEventChanged));
  CHECK_FALSE(Digested(c, kEventUnreachable));
  CHECK_FALSE(Digested(c, kEventRecovered));
  CHECK_FALSE(Digested(c, kEventExtractionSuspect));
  CHECK_FALSE(Digested(c, kEventTest));
  c.digest = Digest::kNone;
  CHECK_FALSE(Digested(c, kEventChanged));
}

TEST_CASE("DigestSlot: the slot after the event's occurred_at or at once", "[notify][digest]") {
  const auto c = DigestChannel(Digest::kDaily, "UTC", 9);
  auto event = nlohmann::json::parse(SampleChangedDelivery("digest").payload_json);
  REQUIRE(event["occurred_at"] == "2026-11-23T10:00:00Z");
  CHECK(DigestSlot(c, event) == At("2026-11-24T09:00:00Z"));
  for (const char* bad : {"", "2026-11-23", "2026-11-23T10:00:00+01:00", "2026-02-30T10:00:00Z",
                          "2026-11-23T25:00:00Z", "yesterday at noon"}) {
    event["occurred_at"] = bad;
    CHECK(DigestSlot(c, event) == 0);
  }
  event.erase("occurred_at");
  CHECK(DigestSlot(c, event) == 0);
}

TEST_CASE("RouteEvent: a change on a digest channel waits for its slot and the rest go at once",
          "[notify][digest][route]") {
  pw::config::Config config;
  config.channels = {DigestChannel(Digest::kDaily, "Europe/Paris", 9)};
  config.channels.push_back(DigestChannel(Digest::kNone, "UTC", 9));
  config.channels.back().name = "now";
  pw::config::Company company;
  company.id = "mistral-media";
  company.channels = {"digest", "now"};
  config.companies = {company};

  auto changed = nlohmann::json::parse(SampleChangedDelivery("digest").payload_json);
  auto routed = RouteEvent(config, company, changed);
  REQUIRE(routed.size() == 2);
  CHECK(routed[0].channel == "digest");
  CHECK(routed[0].next_attempt_at == At("2026-11-24T08:00:00Z"));
  CHECK(routed[1].next_attempt_at == 0);

  auto t = std::chrono::system_clock::from_time_t(At("2026-11-23T10:00:00Z"));
  auto down = MakeUnreachableEvent(NewEventId(), t, SampleSubject(), 3, "connection refused");
  routed = RouteEvent(config, company, down);
  REQUIRE(routed.size() == 2);
  CHECK(routed[0].next_attempt_at == 0);
  CHECK(routed[1].next_attempt_at == 0);
}

namespace {

pw::store::OutboxRow ChangeRow(std::int64_t id, const std::string& occurred_at,
                               const std::string& severity) {
  auto event = nlohmann::json::parse(SampleChangedDelivery("digest").payload_json);
  event["id"] = "event-" + std::to_string(id);
  event["occurred_at"] = occurred_at;
  event["severity"] = severity;
  pw::store::OutboxRow row;
  row.id = id;
  row.delivery_id = MakeDeliveryId(event["id"], "digest");
  row.channel = "digest";
  row.event_type = kEventChanged;
  row.payload_json = event.dump();
  return row;
}

}  // namespace

TEST_CASE("MakeDigest: one event listing every change with its period and counts",
          "[notify][digest]") {
  std::vector<pw::store::OutboxRow> rows = {ChangeRow(1, "2026-11-23T10:00:00Z", "material"),
                                            ChangeRow(2, "2026-11-23T09:00:00Z", "minor"),
                                            ChangeRow(3, "2026-11-23T18:30:00Z", "material")};
  pw::store::Delivery d = MakeDigest("digest", rows);
  CHECK(d.channel == "digest");
  CHECK(d.event_type == "digest");
  auto digest = nlohmann::json::parse(d.payload_json);
  CHECK(digest["schema"] == "policywatch.digest.v1");
  CHECK(digest["type"] == "digest");
  CHECK(digest["channel"] == "digest");
  CHECK(d.delivery_id == MakeDeliveryId(digest["id"], "digest"));
  CHECK(digest["period"] == nlohmann::json{{"from", "2026-11-23T09:00:00Z"},
                                           {"to", "2026-11-23T18:30:00Z"}});
  CHECK(digest["summary"] == nlohmann::json{{"changes", 3}, {"material", 2}, {"minor", 1},
                                            {"cosmetic", 0}});
  REQUIRE(digest["changes"].size() == 3);
  CHECK(digest["changes"][0]["id"] == "event-1");  // in the order given
  CHECK(digest["changes"][2]["id"] == "event-3");
  CHECK(digest["changes"][0]["type"] == "document.changed");

  SECTION("the same rows give the same ids, in any order") {
    std::vector<pw::store::OutboxRow> shuffled = {rows[2], rows[0], rows[1]};
    pw::store::Delivery again = MakeDigest("digest", shuffled);
    CHECK(again.delivery_id == d.delivery_id);
    CHECK(nlohmann::json::parse(again.payload_json)["id"] == digest["id"]);
  }
  SECTION("other rows or another channel give other ids") {
    CHECK(MakeDigest("digest", {rows[0], rows[1]}).delivery_id != d.delivery_id);
    CHECK(MakeDigest("other", rows).delivery_id != d.delivery_id);
  }
  SECTION("a payload that is not a JSON object is left out of the changes") {
    rows[1].payload_json = "not json";
    auto partial = nlohmann::json::parse(MakeDigest("digest", rows).payload_json);
    CHECK(partial["changes"].size() == 2);
    CHECK(partial["summary"]["changes"] == 2);
  }
}
