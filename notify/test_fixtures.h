// Fixtures for the notify tests: a changeset and events written by us.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "notify/send_result.h"
#include "notify/event.h"

namespace pw::notify::testing {

inline nlohmann::json SampleChangeset() {
  return nlohmann::json::parse(R"({
    "schema": "policywatch.changeset.v1",
    "severity": "material",
    "summary": {"sections_added": 1, "sections_removed": 0, "sections_modified": 2,
                "sections_moved": 0, "words_added": 14, "words_removed": 3},
    "sections": [
      {"status": "modified", "path": ["Privacy Policy", "Sharing"], "severity": "material",
       "categories": ["third-party-sharing"],
       "reasons": ["negation removed: \"do not sell\" -> \"may sell\""],
       "diff": [{"op": "equal", "text": "We "}, {"op": "delete", "text": "do not"},
                {"op": "insert", "text": "may"},
                {"op": "equal", "text": " sell your personal data to advertising partners."}]},
      {"status": "modified", "path": ["Privacy Policy", "Retention"], "severity": "material",
       "categories": ["data-retention"], "reasons": ["duration changed: 30 days -> 2 years"],
       "diff": [{"op": "equal", "text": "Logs are kept for "}, {"op": "delete", "text": "30 days"},
                {"op": "insert", "text": "2 years"}, {"op": "equal", "text": "."}]},
      {"status": "added", "path": ["Privacy Policy", "Überweisungen ins Ausland"],
       "severity": "material", "categories": ["international-and-specific-audiences"],
       "reasons": ["section added"],
       "diff": [{"op": "insert", "text": "Daten können in Drittländer übermittelt werden, einschließlich der Vereinigten Staaten, wo andere Schutzstandards gelten als in der Europäischen Union und im Europäischen Wirtschaftsraum <script>alert(1)</script>."}]}
    ]
  })");
}

inline Subject SampleSubject() {
  return {"mistral-media", "Mistral Media", "privacy-policy", "https://www.example.org/privacy"};
}

inline store::Delivery SampleChangedDelivery(const std::string& channel) {
  auto t = std::chrono::system_clock::from_time_t(1795428000);  // 2026-11-23T10:00:00Z
  std::string event_id = "0123456789abcdef0123456789abcdef";
  VersionRef from{12, t - std::chrono::hours(24), std::string(64, 'a')};
  VersionRef to{13, t, std::string(64, 'b')};
  store::Delivery d;
  d.delivery_id = MakeDeliveryId(event_id, channel);
  d.channel = channel;
  d.event_type = kEventChanged;
  d.payload_json = MakeChangedEvent(event_id, t, SampleSubject(), from, to, SampleChangeset()).dump();
  return d;
}

}  // namespace pw::notify::testing
