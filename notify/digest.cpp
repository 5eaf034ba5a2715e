#include "notify/digest.h"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>

#include "notify/event.h"

namespace pw::notify {
namespace {

using nlohmann::json;

const date::time_zone* ZoneOf(const config::Channel& channel) {
  try {
    return date::locate_zone(channel.time_zone);
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

// The instant of `local` in `zone`: the jump for a skipped time, the first of
// a repeated one.
date::sys_seconds Instant(const date::time_zone* zone, date::local_seconds local) {
  return zone->to_sys(local, date::choose::earliest);
}

// Whether a digest may be sent on local `day`.
bool IsDigestDay(const config::Channel& channel, date::local_days day) {
  if (channel.digest != config::Digest::kWeekly) return true;
  return static_cast<int>(date::weekday(day).iso_encoding()) == channel.digest_day;
}

// Unix seconds of "YYYY-MM-DDTHH:MM:SSZ".
std::optional<std::int64_t> ParseRfc3339(const std::string& text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  const date::year_month_day day{date::year{y}, date::month{mo}, date::day{d}};
  if (!day.ok()) return std::nullopt;
  const auto at = date::sys_days(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                  std::chrono::seconds(s);
  return at.time_since_epoch().count();
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The id of the digest of `rows` to `channel`.
std::string DigestId(const std::string& channel, const std::vector<store::OutboxRow>& rows) {
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.delivery_id);
  std::sort(ids.begin(), ids.end());
  std::string joined = "digest";
  for (const auto& id : ids) joined += "\n" + id;
  return MakeDeliveryId(joined, channel);
}

// The events of `rows`, and the summary of their severities.
json Changes(const std::vector<store::OutboxRow>& rows, json* summary) {
  json changes = json::array();
  *summary = {{"changes", 0}, {"material", 0}, {"minor", 0}, {"cosmetic", 0}};
  for (const auto& row : rows) {
    json event = json::parse(row.payload_json, nullptr, /*allow_exceptions=*/false);
    if (!event.is_object()) continue;
    const std::string severity = Str(event, "severity");
    if (summary->contains(severity) && severity != "changes") {
      (*summary)[severity] = (*summary)[severity].get<int>() + 1;
    }
    changes.push_back(std::move(event));
  }
  (*summary)["changes"] = changes.size();
  return changes;
}

// {"from": earliest occurred_at, "to": latest} of `changes` (RFC 3339 UTC
// strings sort as times).
json Period(const json& changes) {
  std::string from, to;
  for (const json& change : changes) {
    const std::string at = Str(change, "occurred_at");
    if (at.empty()) continue;
    if (from.empty() || at < from) from = at;
    if (to.empty() || at > to) to = at;
  }
  return {{"from", from}, {"to", to}};
}

}  // namespace

bool Digested(const config::Channel& channel, const std::string& event_type) {
  return channel.digest != config::Digest::kNone && event_type == kEventChanged;
}

std::int64_t NextDigestAt(const config::Channel& channel, std::int64_t now) {
  const date::time_zone* zone = ZoneOf(channel);
  const date::sys_seconds after{std::chrono::seconds(now)};
  date::local_days day = date::floor<date::days>(zone->to_local(after));
  // Today's slot may still be ahead; a weekly one is at most 7 days on.
  for (int i = 0; i <= 8; ++i, day += date::days(1)) {
    if (!IsDigestDay(channel, day)) continue;
    const auto at = Instant(zone, date::local_seconds(day) + std::chrono::minutes(channel.digest_minute));
    if (at > after) return at.time_since_epoch().count();
  }
  return now + 86400;  // not reached: some day within 8 has a slot after now
}

std::int64_t DigestSlot(const config::Channel& channel, const json& event) {
  auto at = ParseRfc3339(Str(event, "occurred_at"));
  return at ? NextDigestAt(channel, *at) : 0;
}

store::Delivery MakeDigest(const std::string& channel, const std::vector<store::OutboxRow>& rows) {
  json summary;
  json changes = Changes(rows, &summary);
  const std::string id = DigestId(channel, rows);
  json digest = {{"schema", kDigestSchema},  {"type", kEventDigest}, {"id", id},
                 {"channel", channel},       {"period", Period(changes)},
                 {"summary", summary},       {"changes", std::move(changes)}};
  store::Delivery d;
  d.delivery_id = MakeDeliveryId(id, channel);
  d.channel = channel;
  d.event_type = kEventDigest;
  d.payload_json = digest.dump();
  return d;
}

}  // namespace pw::notify
