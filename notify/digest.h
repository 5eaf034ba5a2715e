// Digests (SPEC.md, "Chat channels"; issue 16): a channel with `digest` gets
// one message summarising every change since the last digest instead of one
// per change. Routing (route.h) enqueues each document.changed delivery of such
// a channel due at its digest slot; the delivery worker (worker.h) sends the
// due ones of a slot as ONE digest delivery made by MakeDigest, and marks them
// all delivered (or all failed, with one retry time) together. The outbox
// keeps every change durable until then, like any delivery.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "store/delivery.h"
#include "store/store.h"

namespace pw::notify {

inline constexpr const char* kDigestSchema = "policywatch.digest.v1";
inline constexpr const char* kEventDigest = "digest";
// The most changes one digest message carries; more due at once go as several.
inline constexpr size_t kDigestMaxChanges = 100;

// Whether `channel` holds events of `event_type` for its digest: it has one
// (channel.digest) and the type is document.changed. Operational events
// (unreachable, recovered, extraction_suspect) always go at once.
bool Digested(const config::Channel& channel, const std::string& event_type);

// The first digest slot strictly after `now` (unix seconds): channel.digest_at,
// local time in channel.time_zone, on the next day (daily) or the next
// channel.digest_day (weekly). A local time that does not exist that day (the
// hour skipped when clocks go forward) is the instant the clocks jump (02:30 on
// that night is 03:00 new time); one that happens twice (clocks go back) is
// its first occurrence. A zone unknown to the system counts as UTC (the config
// loader refuses it). Pure apart from reading the system's zoneinfo.
std::int64_t NextDigestAt(const config::Channel& channel, std::int64_t now);

// When a digested `event` (an event JSON of event.h) is due on `channel`:
// NextDigestAt of its occurred_at; 0 (at once) when occurred_at is missing or
// not "YYYY-MM-DDTHH:MM:SSZ".
std::int64_t DigestSlot(const config::Channel& channel, const nlohmann::json& event);

// The one delivery that sends `rows` (pending document.changed deliveries of
// one channel; 1 to kDigestMaxChanges, in the order to list them) as a digest:
//   {"schema": "policywatch.digest.v1", "type": "digest", "id": ID,
//    "channel": NAME, "period": {"from": FIRST, "to": LAST},
//    "summary": {"changes": N, "material": M, "minor": m, "cosmetic": c},
//    "changes": [the events, as enqueued]}
// period.from and .to are the earliest and latest occurred_at of the changes.
// ID is 32 hex digits of SHA-256 over the channel and the rows' delivery ids
// (sorted), so a retry of the same rows sends the same ID; the delivery's id is
// MakeDeliveryId(ID, channel), its event_type "digest". A payload that is not
// a JSON object is left out of "changes" (it is still part of the batch).
store::Delivery MakeDigest(const std::string& channel, const std::vector<store::OutboxRow>& rows);

}  // namespace pw::notify
