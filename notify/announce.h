// What one check found, turned into its events and their deliveries in one call
// (SPEC.md, "Notifications"). The check (check/) states the facts; notify knows
// which events they make and which channels want them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "config/severity.h"
#include "notify/event.h"
#include "store/store.h"

namespace pw::notify {

// The facts of one check of one document that notifications are made of.
struct CheckFacts {
  Subject subject;
  Clock::time_point at;  // when the check ended: the events' occurred_at

  // The document just became unreachable after `failures` failed checks in a
  // row, the last failing with `error`: document.unreachable.
  struct Unreachable {
    int failures = 0;
    std::string error;
  };
  std::optional<Unreachable> unreachable;
  // A check succeeded after the document was unreachable for this many failed
  // checks: document.recovered.
  std::optional<int> recovered_after;

  // A new version was stored: `added` (with its id). With `suspect_reason` it
  // is a suspect extraction (document.extraction_suspect, also for a first
  // version); otherwise, when it was compared with `compared_with`, a change of
  // `severity` described by `changeset` (policywatch.changeset.v1): document.changed.
  std::optional<VersionRef> added;
  std::optional<VersionRef> compared_with;
  Severity severity = Severity::kNone;
  nlohmann::json changeset;
  std::string suspect_reason;
};

// The deliveries of every event the facts make, one per channel of `company`
// that wants it (route.h), each event with a fresh id; events no channel wants
// are not built at all.
std::vector<store::Delivery> Announce(const config::Config& config,
                                      const config::Company& company, const CheckFacts& facts);

}  // namespace pw::notify
