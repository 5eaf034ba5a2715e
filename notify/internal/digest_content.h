// What a digest (notify/digest.h, policywatch.digest.v1) says in an email and
// in a chat message: a title counting its changes, then one entry per change
// drawn with the same summary a chat message of that change has
// (chat_message.h). Pure functions; malformed fields are skipped, never fatal.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "notify/internal/chat_message.h"
#include "notify/internal/email_content.h"

namespace pw::notify {

// The most changes a chat digest lists; the rest as "… and N more changes".
inline constexpr size_t kChatDigestChanges = 20;

// "digest: 5 changes (2 material)"; "digest: 1 change".
std::string DigestTitle(const nlohmann::json& digest);

// The email bodies of a digest: the period, then for each change its title
// (company, document, severity, sections counted), why (its headline, else its
// first reason), when it takes effect, its URL and its changed sections.
// Appends to out->text and out->html (text from the events escaped in HTML).
void RenderDigestEmail(const nlohmann::json& digest, EmailContent* out);

// The chat message of a digest: DigestTitle, the highest severity of its
// changes, and one line per change ("Mistral Media privacy policy: material
// change in 3 sections — why"), at most kChatDigestChanges.
ChatSummary SummarizeDigest(const nlohmann::json& digest);

}  // namespace pw::notify
