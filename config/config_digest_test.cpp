// Channel digests in the configuration: digest, digest_at, digest_day and
// time_zone on every channel type, their defaults, and what a mistake looks like.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using testing::Errors;
using testing::ExpectError;

const char* kHook = "[[channel]]\nname = \"c\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\n";

LoadResult LoadGood(const TempDir& dir, const std::string& toml) {
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", toml));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  return result;
}

}  // namespace

TEST_CASE("good: digests on email webhook and chat channels", "[config][good][digest]") {
  TempDir dir;
  std::string toml =
      "[[channel]]\nname = \"legal\"\ntype = \"email\"\nsmtp_url = \"smtp://mail.example\"\n"
      "from = \"a@example.org\"\nto = \"legal@example.org\"\n"
      "digest = \"daily\"\ndigest_at = \"08:30\"\ntime_zone = \"Europe/Paris\"\n"
      "[[channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\n"
      "digest = \"weekly\"\ndigest_day = \"friday\"\ndigest_at = \"23:59\"\n"
      "time_zone = \"America/New_York\"\n"
      "[[channel]]\nname = \"chat\"\ntype = \"slack\"\nurl = \"https://h.example/s\"\n"
      "digest = \"weekly\"\n"
      "[[channel]]\nname = \"now\"\ntype = \"slack\"\nurl = \"https://h.example/n\"\n";
  LoadResult result = LoadGood(dir, toml);
  REQUIRE(result.config.channels.size() == 4);
  const Channel& legal = result.config.channels[0];
  CHECK(legal.digest == Digest::kDaily);
  CHECK(legal.digest_minute == 8 * 60 + 30);
  CHECK(legal.time_zone == "Europe/Paris");
  const Channel& hook = result.config.channels[1];
  CHECK(hook.digest == Digest::kWeekly);
  CHECK(hook.digest_day == 5);
  CHECK(hook.digest_minute == 23 * 60 + 59);
  CHECK(hook.time_zone == "America/New_York");
  SECTION("defaults: 09:00 on Monday in UTC") {
    const Channel& chat = result.config.channels[2];
    CHECK(chat.digest == Digest::kWeekly);
    CHECK(chat.digest_minute == 9 * 60);
    CHECK(chat.digest_day == 1);
    CHECK(chat.time_zone == "UTC");
    CHECK(DigestName(chat.digest) == "weekly");
  }
  SECTION("no digest: one message per change") {
    CHECK(result.config.channels[3].digest == Digest::kNone);
  }
}

TEST_CASE("good: digest_at at midnight and sunday as the weekly day", "[config][good][digest]") {
  TempDir dir;
  LoadResult result = LoadGood(dir, std::string(kHook) + "digest = \"weekly\"\ndigest_at = \"00:00\"\n"
                                                         "digest_day = \"sunday\"\n");
  CHECK(result.config.channels[0].digest_minute == 0);
  CHECK(result.config.channels[0].digest_day == 7);
}

TEST_CASE("bad: unknown digest values", "[config][bad][digest]") {
  ExpectError(std::string(kHook) + "digest = \"hourly\"\n",
              "5:10: channel[1].digest: unknown digest 'hourly' (use daily or weekly; leave it out "
              "for none)");
  ExpectError(std::string(kHook) + "digest = \"dayly\"\n",
              "5:10: channel[1].digest: unknown digest 'dayly' (use daily or weekly; leave it out "
              "for none); did you mean 'daily'?");
  ExpectError(std::string(kHook) + "digest = true\n",
              "5:10: channel[1].digest: expected a string, got a boolean");
}

TEST_CASE("bad: digest_at must be HH:MM on a 24-hour clock", "[config][bad][digest]") {
  for (std::string text : {"25:00", "9:00", "09:60", "24:00", "09.00", "09:00 ", "", "0900",
                           "-1:00", "09:0a"}) {
    ExpectError(std::string(kHook) + "digest = \"daily\"\ndigest_at = \"" + text + "\"\n",
                "6:13: channel[1].digest_at: invalid time '" + text +
                    "' (use HH:MM, 24-hour, from 00:00 to 23:59)");
  }
}

TEST_CASE("bad: digest_day names a day of a weekly digest", "[config][bad][digest]") {
  ExpectError(std::string(kHook) + "digest = \"weekly\"\ndigest_day = \"mon\"\n",
              "6:14: channel[1].digest_day: unknown day 'mon' (use monday, tuesday, ... or "
              "sunday)");
  ExpectError(std::string(kHook) + "digest = \"weekly\"\ndigest_day = \"Friday\"\n",
              "6:14: channel[1].digest_day: unknown day 'Friday' (use monday, tuesday, ... or "
              "sunday); did you mean 'friday'?");
  ExpectError(std::string(kHook) + "digest = \"daily\"\ndigest_day = \"friday\"\n",
              "6:1: channel[1].digest_day: 'digest_day' is only for digest = \"weekly\"");
}

TEST_CASE("bad: time_zone must be known to the system", "[config][bad][digest]") {
  for (std::string zone : {"Mars/Olympus", "Europe/Pari", "europe/paris", "../../etc/passwd",
                           "/usr/share/zoneinfo/UTC", "", "CEST"}) {
    ExpectError(std::string(kHook) + "digest = \"daily\"\ntime_zone = \"" + zone + "\"\n",
                "6:13: channel[1].time_zone: unknown time zone '" + zone +
                    "' (use an IANA name such as \"Europe/Paris\" or \"UTC\", as in "
                    "/usr/share/zoneinfo)");
  }
}

TEST_CASE("bad: digest keys without a digest", "[config][bad][digest]") {
  const auto errors = Errors(std::string(kHook) + "digest_at = \"09:00\"\ndigest_day = \"monday\"\n"
                                                  "time_zone = \"UTC\"\n");
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "DIR/policywatch.toml:5:1: channel[1].digest_at: 'digest_at' is set but "
                     "'digest' is missing");
  CHECK(errors[1] == "DIR/policywatch.toml:6:1: channel[1].digest_day: 'digest_day' is set but "
                     "'digest' is missing");
  CHECK(errors[2] == "DIR/policywatch.toml:7:1: channel[1].time_zone: 'time_zone' is set but "
                     "'digest' is missing");
}

TEST_CASE("bad: an invalid digest is reported once", "[config][bad][digest]") {
  ExpectError(std::string(kHook) + "digest = \"monthly\"\ndigest_day = \"friday\"\n",
              "5:10: channel[1].digest: unknown digest 'monthly' (use daily or weekly; leave it "
              "out for none)");
}

}  // namespace pw::config
