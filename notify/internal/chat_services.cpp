// One renderer per chat service; each takes the ChatSummary and escapes its text
// the way that service reads it.
#include <curl/curl.h>

#include <memory>

#include "diff/changeset_render.h"
#include "notify/internal/chat_message.h"

namespace pw::notify {
namespace {

using nlohmann::json;

// At most `max` bytes of `s`, cut at a UTF-8 character boundary, "…" when cut.
std::string Cut(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max - 3;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

// Slack mrkdwn: &, < and > are its only special characters in text.
std::string SlackEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// The body lines in Markdown (Discord, Mattermost, Teams): policy text escaped.
std::string MarkdownBody(const ChatSummary& m) {
  std::string out;
  if (!m.severity.empty()) out += "**Severity:** " + m.severity + "\n";
  if (!m.why.empty()) out += "**Why:** " + diff::EscapeMarkdown(m.why) + "\n";
  if (!m.effective.empty()) out += diff::EscapeMarkdown(m.effective) + "\n";
  for (const auto& line : m.sections) out += "- " + diff::EscapeMarkdown(line) + "\n";
  return out;
}

std::string PlainBody(const ChatSummary& m) {
  std::string out;
  if (!m.why.empty()) out += m.why + "\n";
  if (!m.severity.empty()) out += "Severity: " + m.severity + "\n";
  if (!m.effective.empty()) out += m.effective + "\n";
  for (const auto& line : m.sections) out += "- " + line + "\n";
  if (!m.link.empty()) out += m.link + "\n";
  return out;
}

json Slack(const ChatSummary& m) {
  std::string fields = m.severity.empty() ? "" : "*Severity:* " + m.severity + "\n";
  if (!m.why.empty()) fields += "*Why:* " + SlackEscape(m.why) + "\n";
  if (!m.effective.empty()) fields += SlackEscape(m.effective) + "\n";
  json blocks = json::array();
  blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", Cut(m.title, 150)}}}});
  if (!fields.empty()) {
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", Cut(fields, 3000)}}}});
  }
  std::string list;
  for (const auto& line : m.sections) list += "• " + SlackEscape(line) + "\n";
  if (!list.empty()) {
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", Cut(list, 3000)}}}});
  }
  if (!m.link.empty()) {
    blocks.push_back({{"type", "context"},
                      {"elements", {{{"type", "mrkdwn"}, {"text", "<" + SlackEscape(m.link) + "|" + SlackEscape(m.link_text) + ">"}}}}});
  }
  return {{"text", Cut(m.title + (m.why.empty() ? "" : ": " + m.why), 3000)}, {"blocks", blocks}};
}

json Teams(const ChatSummary& m) {
  json facts = json::array();
  if (!m.severity.empty()) facts.push_back({{"title", "Severity"}, {"value", m.severity}});
  if (!m.why.empty()) facts.push_back({{"title", "Why"}, {"value", m.why}});
  if (!m.effective.empty()) facts.push_back({{"title", "When"}, {"value", m.effective}});
  json body = json::array();
  body.push_back({{"type", "TextBlock"}, {"text", m.title}, {"weight", "Bolder"}, {"size", "Medium"}, {"wrap", true}});
  if (!facts.empty()) body.push_back({{"type", "FactSet"}, {"facts", facts}});
  std::string list;
  for (const auto& line : m.sections) list += "- " + diff::EscapeMarkdown(line) + "\n";
  if (!list.empty()) body.push_back({{"type", "TextBlock"}, {"text", list}, {"wrap", true}});
  json card = {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"type", "AdaptiveCard"}, {"version", "1.4"}, {"body", body}};
  if (!m.link.empty()) {
    card["actions"] = {{{"type", "Action.OpenUrl"}, {"title", m.link_text}, {"url", m.link}}};
  }
  return {{"type", "message"},
          {"attachments", {{{"contentType", "application/vnd.microsoft.card.adaptive"},
                            {"contentUrl", nullptr}, {"content", card}}}}};
}

int DiscordColour(const std::string& severity) {
  if (severity == "material") return 0xC0392B;
  if (severity == "minor") return 0xE67E22;
  if (severity == "cosmetic") return 0x95A5A6;
  return 0x3498DB;
}

json Discord(const ChatSummary& m) {
  json embed = {{"title", Cut(m.title, 256)},
                {"description", Cut(MarkdownBody(m), 4096)},
                {"color", DiscordColour(m.severity)}};
  if (!m.link.empty()) embed["url"] = m.link;
  // No @everyone or role pings from a watched page's text.
  return {{"embeds", {embed}}, {"allowed_mentions", {{"parse", json::array()}}}};
}

json Mattermost(const ChatSummary& m) {
  std::string text = "#### " + diff::EscapeMarkdown(m.title) + "\n" + MarkdownBody(m);
  if (!m.link.empty()) text += "[" + m.link_text + "](" + m.link + ")\n";
  return {{"text", Cut(text, 16000)}};
}

// ntfy priority: 4 (high) for material, 3 (default) for minor and the
// operational events, 2 (low) for cosmetic.
int NtfyPriority(const ChatSummary& m) {
  if (m.severity == "material") return 4;
  if (m.severity == "cosmetic") return 2;
  return 3;
}

// ntfy's JSON publishing: POST to the server's root with the topic in the body
// (header values cannot carry UTF-8 titles).
HttpRequest Ntfy(const std::string& topic_url, const ChatSummary& m) {
  const size_t slash = topic_url.find_last_of('/');
  const std::string root = topic_url.substr(0, slash + 1);
  json body = {{"topic", topic_url.substr(slash + 1)},
               {"title", Cut(m.title, 250)},
               {"message", Cut(PlainBody(m), 4000)},
               {"priority", NtfyPriority(m)},
               {"tags", m.severity == "material" ? json{"warning", "policywatch"} : json{"policywatch"}}};
  if (!m.link.empty()) body["click"] = m.link;
  return {"POST", root, {"Content-Type: application/json"}, body.dump()};
}

std::string PercentEncoded(const std::string& s) {
  std::unique_ptr<char, decltype(&curl_free)> out(
      curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size())), curl_free);
  return out ? std::string(out.get()) : std::string();
}

json MatrixMessage(const ChatSummary& m) {
  std::string html = "<strong>" + diff::EscapeHtml(m.title) + "</strong><br>";
  if (!m.why.empty()) html += diff::EscapeHtml(m.why) + "<br>";
  if (!m.severity.empty()) html += "Severity: " + diff::EscapeHtml(m.severity) + "<br>";
  if (!m.effective.empty()) html += diff::EscapeHtml(m.effective) + "<br>";
  if (!m.sections.empty()) {
    html += "<ul>";
    for (const auto& line : m.sections) html += "<li>" + diff::EscapeHtml(line) + "</li>";
    html += "</ul>";
  }
  if (!m.link.empty()) html += "<a href=\"" + diff::EscapeHtml(m.link) + "\">" + diff::EscapeHtml(m.link_text) + "</a>";
  return {{"msgtype", "m.text"}, {"body", m.title + "\n" + PlainBody(m)},
          {"format", "org.matrix.custom.html"}, {"formatted_body", html}};
}

HttpRequest Matrix(const config::Channel& c, const store::Delivery& d, const ChatSummary& m) {
  std::string root = c.homeserver;
  while (!root.empty() && root.back() == '/') root.pop_back();
  return {"PUT",
          root + "/_matrix/client/v3/rooms/" + PercentEncoded(c.room) +
              "/send/m.room.message/" + PercentEncoded(d.delivery_id),
          {"Content-Type: application/json", "Authorization: Bearer " + c.token},
          MatrixMessage(m).dump()};
}

HttpRequest JsonPost(const std::string& url, const json& body) {
  return {"POST", url, {"Content-Type: application/json"}, body.dump()};
}

}  // namespace

HttpRequest ChatRequest(const config::Channel& c, const store::Delivery& d) {
  json event = json::parse(d.payload_json, nullptr, /*allow_exceptions=*/false);
  const ChatSummary m = SummarizeEvent(event);
  if (c.type == "slack") return JsonPost(c.url, Slack(m));
  if (c.type == "teams") return JsonPost(c.url, Teams(m));
  if (c.type == "discord") return JsonPost(c.url, Discord(m));
  if (c.type == "mattermost") return JsonPost(c.url, Mattermost(m));
  if (c.type == "ntfy") return Ntfy(c.url, m);
  return Matrix(c, d, m);
}

}  // namespace pw::notify
