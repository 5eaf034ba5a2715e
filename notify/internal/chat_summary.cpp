#include "notify/internal/chat_message.h"

#include "notify/digest.h"
#include "notify/event.h"
#include "notify/internal/digest_content.h"
#include "notify/internal/email_content.h"
#include "notify/internal/event_fields.h"

namespace pw::notify {
namespace {

using nlohmann::json;

// "Privacy Policy › Sharing" from a section's path (its old path when removed).
std::string PathWords(const json& section) {
  const json& path = Arr(section, Str(section, "status") == "removed" && !Arr(section, "old_path").empty()
                                      ? "old_path"
                                      : "path");
  std::string out;
  for (const json& heading : path) {
    if (!heading.is_string()) continue;
    if (!out.empty()) out += " › ";
    out += heading.get<std::string>();
  }
  return out.empty() ? "(preamble)" : out;
}

std::vector<std::string> SectionLines(const json& event) {
  std::vector<std::string> out;
  const json& sections = Arr(event, "sections");
  for (const json& s : sections) {
    if (out.size() == kChatSections) {
      out.push_back("… and " + std::to_string(sections.size() - kChatSections) + " more sections");
      break;
    }
    out.push_back(Str(s, "status", "changed") + ": " + PathWords(s) + " (" +
                  Str(s, "severity", "?") + ")");
  }
  return out;
}

}  // namespace

ChatSummary SummarizeEvent(const json& event) {
  if (Str(event, "type") == kEventDigest) return SummarizeDigest(event);
  ChatSummary out;
  out.title = EventSubject(event);
  const std::string prefix = "[policywatch] ";
  if (out.title.rfind(prefix, 0) == 0) out.title.erase(0, prefix.size());
  out.link = Str(event, "change_url");
  out.link_text = out.link.empty() ? "Open the document" : "Open the change";
  if (out.link.empty()) out.link = Str(Obj(event, "document"), "url");
  if (Str(event, "type") != kEventChanged) return out;
  out.severity = Str(event, "severity");
  out.why = Str(event, "headline");
  out.effective = EffectiveWords(event);
  out.sections = SectionLines(event);
  return out;
}

}  // namespace pw::notify
