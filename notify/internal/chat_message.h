// What a chat message says about an event (SPEC.md, "Chat channels"), and the
// request each service expects: Slack (Block Kit), Teams (Adaptive Card through
// a Workflows webhook), Discord (an embed), Mattermost (Markdown), ntfy (JSON
// publish: title, priority by severity, tags) and Matrix (m.room.message).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "notify/internal/http_request.h"
#include "store/delivery.h"

namespace pw::notify {

// The parts of a message, as plain text (each service escapes them its way).
struct ChatSummary {
  std::string title;     // "Mistral Media privacy policy: material change in 3 sections"
  std::string severity;  // "material", "minor", "cosmetic"; empty for other events
  std::string why;       // the event's headline: its strongest reason
  std::string effective; // EffectiveWords(event), or empty
  std::vector<std::string> sections;  // "modified: Privacy › Sharing (material)", at most
                                      // kChatSections, then "… and N more sections"
  std::string link;      // the change page ([web] base_url), else the document's URL; or empty
  std::string link_text; // "Open the change" or "Open the document"
};

inline constexpr size_t kChatSections = 8;

// The summary of any event (document.changed, unreachable, recovered,
// extraction_suspect, test) and of a digest (digest_content.h,
// SummarizeDigest); malformed fields are skipped.
ChatSummary SummarizeEvent(const nlohmann::json& event);

// The request that posts `delivery` (its event JSON) to `channel`, whose type is
// a chat service (config::IsChatChannel). Matrix uses the delivery id as the
// transaction id, so a retry never posts twice.
HttpRequest ChatRequest(const config::Channel& channel, const store::Delivery& delivery);

}  // namespace pw::notify
