#include "notify/internal/email_content.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "diff/changeset_render.h"
#include "notify/internal/digest_content.h"
#include "notify/internal/event_fields.h"

namespace pw::notify {

namespace {

using diff::EscapeHtml;
using nlohmann::json;

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Plural(long long n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}


std::vector<std::string> Strings(const json& arr) {
  std::vector<std::string> out;
  for (const json& item : arr) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// The severity named by j["severity"]; none when missing or unknown.
Severity SeverityOf(const json& j) {
  return ParseSeverity(Str(j, "severity")).value_or(Severity::kNone);
}

diff::Segment::Op OpOf(const std::string& name) {
  if (name == "delete") return diff::Segment::Op::kDelete;
  if (name == "insert") return diff::Segment::Op::kInsert;
  return diff::Segment::Op::kEqual;
}

diff::Summary LenientSummary(const json& summary) {
  diff::Summary s;
  s.sections_added = static_cast<int>(Num(summary, "sections_added"));
  s.sections_removed = static_cast<int>(Num(summary, "sections_removed"));
  s.sections_modified = static_cast<int>(Num(summary, "sections_modified"));
  s.sections_moved = static_cast<int>(Num(summary, "sections_moved"));
  s.sections_renamed = static_cast<int>(Num(summary, "sections_renamed"));
  s.words_added = static_cast<int>(Num(summary, "words_added"));
  s.words_removed = static_cast<int>(Num(summary, "words_removed"));
  return s;
}

diff::SectionChange LenientSection(const json& section) {
  diff::SectionChange c;
  c.status = Str(section, "status", "changed");
  c.path = Strings(Arr(section, "path"));
  c.old_path = Strings(Arr(section, "old_path"));
  c.severity = SeverityOf(section);
  c.categories = Strings(Arr(section, "categories"));
  c.reasons = Strings(Arr(section, "reasons"));
  for (const json& op : Arr(section, "diff")) {
    c.diff.push_back({OpOf(Str(op, "op")), Str(op, "text")});
  }
  c.words_added = static_cast<int>(Num(section, "words_added"));
  c.words_removed = static_cast<int>(Num(section, "words_removed"));
  return c;
}

// The changeset an event carries, read as far as it is well-formed: for one
// diff::FromJson refuses (hostile, or from a newer schema). Fields of the wrong
// type are skipped, an unknown severity reads as none, a section that is not an
// object is left out.
diff::Changeset LenientChangeset(const json& event) {
  diff::Changeset cs;
  cs.severity = SeverityOf(event);
  cs.summary = LenientSummary(Obj(event, "summary"));
  for (const json& section : Arr(event, "sections")) {
    if (section.is_object()) cs.sections.push_back(LenientSection(section));
  }
  return cs;
}

// The changeset of a document.changed event, as diff::FromJson reads it when it
// can, else leniently.
diff::Changeset ChangesetOf(const json& event) {
  json changeset = {{"schema", "policywatch.changeset.v1"},
                    {"severity", event.contains("severity") ? event["severity"] : json("none")},
                    {"summary", Obj(event, "summary")},
                    {"sections", event.contains("sections") ? event["sections"] : json::array()}};
  diff::Changeset cs;
  if (diff::FromJson(changeset, &cs)) return cs;
  return LenientChangeset(event);
}

// The day of "2027-03-01" or of "2026-12-04T10:00:00Z".
std::optional<std::chrono::sys_days> DayOf(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days(day);
}

// "in 87 days", "today", "3 days ago": from the event's day to the date.
std::string DaysFromEvent(const json& event, const std::string& date) {
  const auto when = DayOf(date), now = DayOf(Str(event, "occurred_at"));
  if (!when || !now) return "";
  const long long days = (*when - *now).count();
  if (days == 0) return ", today";
  if (days > 0) return ", in " + Plural(days, "day");
  return ", " + Plural(-days, "day") + " ago";
}

}  // namespace

std::string EffectiveWords(const json& event) {
  const std::string notice = Str(event, "notice_text");
  if (notice.empty()) return "";
  const std::string date = Str(event, "effective_date");
  if (!DayOf(date)) return "Takes effect: \"" + notice + "\"";  // none, or not a date
  const std::string from_now = DaysFromEvent(event, date);
  const bool past = from_now.ends_with(" ago");
  return std::string(past ? "Took effect " : "Takes effect ") + date + from_now + ": \"" + notice +
         "\"";
}

namespace {

void RenderChanged(const json& event, EmailContent* out) {
  std::string severity = Str(event, "severity", "unknown");
  std::string url = Str(Obj(event, "document"), "url");
  std::string headline = Capitalised(severity) + " change to the " + Who(event) + ".";
  const std::string why = Str(event, "headline");
  const std::string when = EffectiveWords(event);
  if (!why.empty()) out->text += why + "\n";
  out->text += headline + "\n";
  if (!when.empty()) out->text += when + "\n";
  if (!url.empty()) out->text += url + "\n";
  const std::string change_url = Str(event, "change_url");
  if (!change_url.empty()) out->text += "See the change side by side: " + change_url + "\n";
  out->text += "\n";
  if (!why.empty()) out->html += "<p><strong>" + EscapeHtml(why) + "</strong></p>\n";
  out->html += "<h2>" + EscapeHtml(headline) + "</h2>\n";
  if (!when.empty()) out->html += "<p>" + EscapeHtml(when) + "</p>\n";
  if (!url.empty()) {
    out->html += "<p><a href=\"" + EscapeHtml(url) + "\">" + EscapeHtml(url) + "</a></p>\n";
  }
  if (!change_url.empty()) {
    out->html += "<p><a href=\"" + EscapeHtml(change_url) + "\">See the change side by side</a></p>\n";
  }

  // The sections through the diff module's renderers.
  diff::Changeset cs = ChangesetOf(event);
  out->text += diff::RenderText(cs, false);
  out->html += diff::RenderHtml(cs);
}

}  // namespace

std::string DocumentTypeWords(const std::string& type) {
  std::string out = type;
  for (char& c : out) {
    if (c == '-' || c == '_') c = ' ';
  }
  return out;
}

std::string EventSubject(const json& event) {
  std::string type = Str(event, "type");
  std::string prefix = "[policywatch] ";
  if (type == "document.changed") {
    long long n = static_cast<long long>(Arr(event, "sections").size());
    return prefix + Who(event) + ": " + Str(event, "severity", "unknown") + " change in " +
           Plural(n, "section");
  }
  if (type == "document.unreachable") {
    return prefix + Who(event) + ": unreachable after " +
           Plural(Num(event, "consecutive_failures"), "failed check");
  }
  if (type == "document.recovered") return prefix + Who(event) + ": reachable again";
  if (type == "document.extraction_suspect") {
    return prefix + Who(event) + ": extraction suspect, check the selectors";
  }
  if (type == "test") return prefix + "TEST message for channel " + Str(event, "channel", "?");
  if (type == "digest") return prefix + DigestTitle(event);
  return prefix + Who(event) + ": " + (type.empty() ? "event" : type);
}

EmailContent RenderEmail(const json& event) {
  EmailContent out;
  out.subject = EventSubject(event);
  std::string type = Str(event, "type");
  out.html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
             EscapeHtml(out.subject) + "</title></head>\n<body style=\"font-family:sans-serif\">\n";
  if (type == "document.changed") {
    RenderChanged(event, &out);
  } else if (type == "document.unreachable") {
    std::string line = "The " + Who(event) + " could not be fetched " +
                       std::to_string(Num(event, "consecutive_failures")) + " times in a row.";
    std::string err = Str(event, "last_error");
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n\nLast error: " + err + "\n";
    out.html += "<p>" + EscapeHtml(line) + "</p>\n<p>Last error: <code>" + EscapeHtml(err) + "</code></p>\n";
  } else if (type == "document.recovered") {
    std::string line = "The " + Who(event) + " can be fetched again.";
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n";
    out.html += "<p>" + EscapeHtml(line) + "</p>\n";
  } else if (type == "document.extraction_suspect") {
    std::string line = "The text extracted from the " + Who(event) +
                       " looks wrong; a site redesign is more likely than a policy change.";
    std::string reason = Str(event, "reason");
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n\nReason: " + reason + "\n";
    out.html += "<p>" + EscapeHtml(line) + "</p>\n<p>Reason: " + EscapeHtml(reason) + "</p>\n";
  } else if (type == "digest") {
    RenderDigestEmail(event, &out);
  } else if (type == "test") {
    std::string line = "TEST: " + Str(event, "message", "This is a test notification from policywatch.");
    out.text += line + "\n";
    out.html += "<p><b>" + EscapeHtml(line) + "</b></p>\n";
  } else {
    out.text += "policywatch event " + type + "\n";
    out.html += "<p>policywatch event " + EscapeHtml(type) + "</p>\n";
  }
  std::string footer = type == "digest"
                           ? "Digest " + Str(event, "id") + "."
                           : "Event " + Str(event, "id") + " at " + Str(event, "occurred_at") + ".";
  out.text += "\n-- \nSent by policywatch. " + footer + "\n";
  out.html += "<hr><p style=\"color:#666;font-size:small\">Sent by policywatch. " +
              EscapeHtml(footer) + "</p>\n</body></html>\n";
  return out;
}

}  // namespace pw::notify
