// Events of SPEC.md ("Notifications"), schema policywatch.event.v1, as JSON.
// Builders take plain values so that they need nothing from store/ or diff/:
// a changeset is the diff module's ToJson output (policywatch.changeset.v1).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "util/clock.h"

namespace pw::notify {

inline constexpr const char* kEventSchema = "policywatch.event.v1";
inline constexpr const char* kEventChanged = "document.changed";
inline constexpr const char* kEventUnreachable = "document.unreachable";
inline constexpr const char* kEventRecovered = "document.recovered";
inline constexpr const char* kEventExtractionSuspect = "document.extraction_suspect";
inline constexpr const char* kEventTest = "test";

// The watched document an event is about.
struct Subject {
  std::string company_id;
  std::string company_name;
  std::string document_type;  // e.g. "privacy-policy"
  std::string url;
};

// A stored version, as the event names it.
struct VersionRef {
  std::int64_t id = 0;
  Clock::time_point fetched_at;
  std::string sha256;  // hex
};

// A fresh event id: 32 lowercase hex digits from 16 random bytes.
std::string NewEventId();

// The delivery id of `event_id` sent to `channel`: 32 hex digits of
// SHA-256(event_id "\n" channel). A pure function, so the same on every retry.
std::string MakeDeliveryId(const std::string& event_id, const std::string& channel);

// "2026-11-23T10:00:00Z" (RFC 3339, UTC, whole seconds).
std::string FormatRfc3339(Clock::time_point t);

// document.changed. `changeset` is a policywatch.changeset.v1 object; its
// "severity", "summary" and "sections" are copied into the event unchanged.
// Missing keys become "none" / {} / [].
nlohmann::json MakeChangedEvent(const std::string& event_id, Clock::time_point occurred_at,
                                const Subject& subject, const VersionRef& from,
                                const VersionRef& to, const nlohmann::json& changeset);

// document.unreachable: after `consecutive_failures` failed checks; `last_error`
// is the fetch error as the user should read it.
nlohmann::json MakeUnreachableEvent(const std::string& event_id, Clock::time_point occurred_at,
                                    const Subject& subject, int consecutive_failures,
                                    const std::string& last_error);

// document.recovered: a check succeeded after the document was unreachable.
nlohmann::json MakeRecoveredEvent(const std::string& event_id, Clock::time_point occurred_at,
                                  const Subject& subject, int failures_before);

// document.extraction_suspect: `reason` says why (selector matched nothing, text
// shrank by more than half...). `version` is the stored, flagged version.
nlohmann::json MakeExtractionSuspectEvent(const std::string& event_id,
                                          Clock::time_point occurred_at,
                                          const Subject& subject, const VersionRef& version,
                                          const std::string& reason);

// test: sent by `policywatch test-channel NAME`; clearly marked as a test.
nlohmann::json MakeTestEvent(const std::string& event_id, Clock::time_point occurred_at,
                             const std::string& channel);

}  // namespace pw::notify
