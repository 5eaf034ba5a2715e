// A channel's digest (SPEC.md, "Chat channels"): `digest` ("daily" | "weekly"),
// `digest_at` ("HH:MM"), `digest_day` (weekly) and `time_zone` (IANA), on any
// channel type. The zone is looked up in the system's zoneinfo through
// Howard Hinnant's date/tz, as notify/digest.cpp does when it computes a slot.
#include <date/tz.h>

#include <algorithm>
#include <exception>

#include "config/internal/checks.h"
#include "config/internal/loader.h"

namespace pw::config {
namespace {

const std::vector<std::string> kDigests = {"daily", "weekly"};
const std::vector<std::string> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

// Minutes after midnight of "HH:MM" (two digits each, 00:00 to 23:59); -1 when
// malformed.
int ParseClock(const std::string& text) {
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return -1;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return -1;
  return hours * 60 + minutes;
}

// Empty when `name` is a zone of the system's time zone database, else why not.
std::string CheckTimeZone(const std::string& name) {
  try {
    date::locate_zone(name);
    return "";
  } catch (const std::exception& e) {
    return "unknown time zone '" + name +
           "' (use an IANA name such as \"Europe/Paris\" or \"UTC\", as in /usr/share/zoneinfo)";
  }
}

// "unknown X 'v' (use a, b or c); did you mean 'w'?"
std::string UnknownWord(const std::string& what, const std::string& value,
                        const std::vector<std::string>& names, const std::string& use) {
  std::string message = "unknown " + what + " '" + value + "' (use " + use + ")";
  std::string suggestion = Suggest(value, names);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  return message;
}

void ReadPeriod(TableReader& r, Channel* c) {
  std::string text;
  if (!r.String("digest", &text)) return;
  if (text == "daily") {
    c->digest = Digest::kDaily;
  } else if (text == "weekly") {
    c->digest = Digest::kWeekly;
  } else {
    r.Error(*r.Find("digest"), r.Key("digest"),
            UnknownWord("digest", text, kDigests, "daily or weekly; leave it out for none"));
  }
}

void ReadDigestAt(TableReader& r, Channel* c) {
  std::string text;
  if (!r.String("digest_at", &text)) return;
  const int minute = ParseClock(text);
  if (minute < 0) {
    r.Error(*r.Find("digest_at"), r.Key("digest_at"),
            "invalid time '" + text + "' (use HH:MM, 24-hour, from 00:00 to 23:59)");
    return;
  }
  c->digest_minute = minute;
}

void ReadDigestDay(TableReader& r, Channel* c) {
  std::string text;
  if (!r.String("digest_day", &text)) return;
  auto it = std::find(kDays.begin(), kDays.end(), text);
  if (it == kDays.end()) {
    r.Error(*r.Find("digest_day"), r.Key("digest_day"),
            UnknownWord("day", text, kDays, "monday, tuesday, ... or sunday"));
    return;
  }
  c->digest_day = static_cast<int>(it - kDays.begin()) + 1;
}

void ReadTimeZone(TableReader& r, Channel* c) {
  std::string text;
  if (!r.String("time_zone", &text)) return;
  std::string problem = CheckTimeZone(text);
  if (!problem.empty()) {
    r.Error(*r.Find("time_zone"), r.Key("time_zone"), problem);
    return;
  }
  c->time_zone = text;
}

// digest_at, digest_day and time_zone mean nothing without the digest they
// shape, and digest_day nothing for a daily one. (An invalid `digest` is
// reported once, by ReadPeriod.)
void CheckDigestKeysNeedDigest(TableReader& r, const Channel& c) {
  if (!r.Find("digest")) {
    for (const char* key : {"digest_at", "digest_day", "time_zone"}) {
      if (r.Find(key)) r.ErrorAtKey(key, "'" + std::string(key) + "' is set but 'digest' is missing");
    }
  } else if (c.digest == Digest::kDaily && r.Find("digest_day")) {
    r.ErrorAtKey("digest_day", "'digest_day' is only for digest = \"weekly\"");
  }
}

}  // namespace

void Loader::ReadDigest(TableReader& r, Channel* c) const {
  ReadPeriod(r, c);
  ReadDigestAt(r, c);
  ReadDigestDay(r, c);
  ReadTimeZone(r, c);
  CheckDigestKeysNeedDigest(r, *c);
}

}  // namespace pw::config
