// Routing: which channels an event goes to (issue 6, "Outbox"). Announce
// (announce.h) routes a check's events; the check enqueues the deliveries in
// the same transaction as its version and change (store/check_transaction.h).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "store/store.h"
#include "config/severity.h"

namespace pw::notify {

// Whether `channel` takes an event of `type`: the type is in channel.events (or
// that list is empty) and, for document.changed, `severity` is at or above
// channel.min_severity. Operational events (unreachable, recovered,
// extraction_suspect) ignore min_severity: a channel that wants them says so
// with `events`. "test" events are never routed (test-channel sends directly).
bool ChannelWants(const config::Channel& channel, const std::string& type, Severity severity);

// Whether any channel of `company` takes an event of `type` and `severity`
// (ChannelWants): when none does, the event need not be built at all.
bool AnyChannelWants(const config::Config& config, const config::Company& company,
                     const std::string& type, Severity severity);

// One store::Delivery per channel of `company` that wants `event` (an event
// JSON of event.h; its "type" and "severity" decide, and for a channel with
// `categories`, whether a section at or above its min_severity has one of them), in the order of
// company.channels, with delivery_id = MakeDeliveryId(event id, channel) and
// the event's compact JSON as payload; due at once, except a document.changed
// event on a channel with a digest: due at its digest slot (digest.h,
// DigestSlot: the first after the event's occurred_at). Channel names missing from
// `config` are skipped (the config loader rejects them).
std::vector<store::Delivery> RouteEvent(const config::Config& config,
                                        const config::Company& company,
                                        const nlohmann::json& event);

}  // namespace pw::notify
