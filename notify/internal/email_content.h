// What an email says about an event: subject, plain text and HTML, rendered
// from the event JSON (policywatch.event.v1). Pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace pw::notify {

struct EmailContent {
  std::string subject;  // unencoded UTF-8; mime.h encodes it
  std::string text;     // lines end in "\n"
  std::string html;     // a complete small HTML document
};

// "privacy-policy" -> "privacy policy"; "terms_of_service" -> "terms of service".
std::string DocumentTypeWords(const std::string& type);

// The subject, e.g. "[policywatch] Mistral Media privacy policy: material change
// in 3 sections". Unknown event types still get a subject naming the type.
std::string EventSubject(const nlohmann::json& event);

// When the change takes effect, from the event's "effective_date" and
// "notice_text", counted from its "occurred_at": `Takes effect 2027-03-01, in 87
// days: "<notice>"`, `Took effect 2018-05-25, 3115 days ago: "…"`, or `Takes
// effect: "…"` without a date. Empty when the event has no notice.
std::string EffectiveWords(const nlohmann::json& event);

// Subject and both bodies; a digest (notify/digest.h) lists its changes
// (digest_content.h). For an event, the text starts with the event's "headline" (the
// strongest reason, when present), then the severity line and EffectiveWords. For document.changed the bodies list every changed
// section through diff's renderers (diff::RenderText without colour,
// diff::RenderHtml): status, heading path, severity, categories, reasons and the
// word-level diff ([-deleted-]{+inserted+} in text; <del>/<ins> in HTML). A
// changeset diff::FromJson refuses is read as far as it is well-formed (an
// unknown severity reads as "none"). Malformed or missing fields are skipped,
// never fatal; text from the event is escaped with diff::EscapeHtml in HTML.
EmailContent RenderEmail(const nlohmann::json& event);

}  // namespace pw::notify
