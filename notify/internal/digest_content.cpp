#include "notify/internal/digest_content.h"

#include "config/severity.h"
#include "diff/changeset_render.h"
#include "notify/internal/event_fields.h"

namespace pw::notify {
namespace {

using diff::EscapeHtml;
using nlohmann::json;

std::string Plural(long long n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// One change as a chat message of it would say it, with `why` its headline or,
// without one, the first reason of its first section that has one.
ChatSummary Item(const json& change) {
  ChatSummary item = SummarizeEvent(change);
  if (!item.why.empty()) return item;
  for (const json& section : Arr(change, "sections")) {
    for (const json& reason : Arr(section, "reasons")) {
      if (!reason.is_string()) continue;
      item.why = reason.get<std::string>();
      return item;
    }
  }
  return item;
}

std::string PeriodWords(const json& digest) {
  const json& period = Obj(digest, "period");
  const std::string from = Str(period, "from"), to = Str(period, "to");
  const long long n = static_cast<long long>(Arr(digest, "changes").size());
  if (from.empty() || from == to) return Plural(n, "change") + (from.empty() ? "" : " at " + from) + ".";
  return Plural(n, "change") + " from " + from + " to " + to + ".";
}

void AppendText(size_t number, const ChatSummary& item, std::string* text) {
  *text += std::to_string(number) + ". " + item.title + "\n";
  if (!item.why.empty()) *text += "   " + item.why + "\n";
  if (!item.effective.empty()) *text += "   " + item.effective + "\n";
  if (!item.link.empty()) *text += "   " + item.link + "\n";
  for (const auto& line : item.sections) *text += "   - " + line + "\n";
  *text += "\n";
}

void AppendHtml(const ChatSummary& item, std::string* html) {
  *html += "<li><p><strong>" + EscapeHtml(item.title) + "</strong>";
  if (!item.why.empty()) *html += "<br>" + EscapeHtml(item.why);
  if (!item.effective.empty()) *html += "<br>" + EscapeHtml(item.effective);
  if (!item.link.empty()) {
    *html += "<br><a href=\"" + EscapeHtml(item.link) + "\">" + EscapeHtml(item.link) + "</a>";
  }
  *html += "</p>";
  if (!item.sections.empty()) {
    *html += "<ul>";
    for (const auto& line : item.sections) *html += "<li>" + EscapeHtml(line) + "</li>";
    *html += "</ul>";
  }
  *html += "</li>\n";
}

// The highest severity among the changes ("material", ...); empty for none.
std::string TopSeverity(const json& digest) {
  Severity top = Severity::kNone;
  for (const json& change : Arr(digest, "changes")) {
    top = std::max(top, ParseSeverity(Str(change, "severity")).value_or(Severity::kNone));
  }
  return top == Severity::kNone ? "" : std::string(SeverityName(top));
}

}  // namespace

std::string DigestTitle(const json& digest) {
  const json& changes = Arr(digest, "changes");
  long long material = 0;
  for (const json& change : changes) material += Str(change, "severity") == "material";
  std::string title = "digest: " + Plural(static_cast<long long>(changes.size()), "change");
  if (material > 0) title += " (" + std::to_string(material) + " material)";
  return title;
}

void RenderDigestEmail(const json& digest, EmailContent* out) {
  const std::string period = PeriodWords(digest);
  out->text += period + "\n\n";
  out->html += "<h2>" + EscapeHtml(period) + "</h2>\n<ol>\n";
  size_t number = 0;
  for (const json& change : Arr(digest, "changes")) {
    const ChatSummary item = Item(change);
    AppendText(++number, item, &out->text);
    AppendHtml(item, &out->html);
  }
  out->html += "</ol>\n";
}

ChatSummary SummarizeDigest(const json& digest) {
  ChatSummary out;
  out.title = DigestTitle(digest);
  out.severity = TopSeverity(digest);
  const json& changes = Arr(digest, "changes");
  for (const json& change : changes) {
    if (out.sections.size() == kChatDigestChanges) {
      out.sections.push_back("… and " + Plural(static_cast<long long>(changes.size() - kChatDigestChanges), "more change"));
      break;
    }
    const ChatSummary item = Item(change);
    out.sections.push_back(item.title + (item.why.empty() ? "" : " — " + item.why));
  }
  return out;
}

}  // namespace pw::notify
