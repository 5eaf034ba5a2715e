#include "notify/render.h"

#include "diff/changeset_render.h"

namespace pw::notify {

namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key, const std::string& fallback = "") {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

long long Num(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  return it->get<long long>();
}

const json& Obj(const json& j, const char* key) {
  static const json kEmpty = json::object();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

const json& Arr(const json& j, const char* key) {
  static const json kEmpty = json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Join(const json& arr, const std::string& sep) {
  std::string out;
  for (const json& item : arr) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += sep;
    out += item.get<std::string>();
  }
  return out;
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Plural(long long n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string Who(const json& event) {
  const json& company = Obj(event, "company");
  const json& document = Obj(event, "document");
  std::string name = Str(company, "name", Str(company, "id", "unknown company"));
  return name + " " + DocumentTypeWords(Str(document, "type", "document"));
}

// The word diff of one section, in text and HTML.
void RenderDiff(const json& section, std::string* text, std::string* html) {
  const json& ops = Arr(section, "diff");
  if (ops.empty()) return;
  std::string t, h;
  for (const json& op : ops) {
    std::string kind = Str(op, "op");
    std::string words = Str(op, "text");
    if (kind == "delete") {
      t += "[-" + words + "-]";
      h += "<del style=\"background:#fdd;color:#900\">" + Escape(words) + "</del>";
    } else if (kind == "insert") {
      t += "{+" + words + "+}";
      h += "<ins style=\"background:#dfd;color:#060\">" + Escape(words) + "</ins>";
    } else {
      t += words;
      h += Escape(words);
    }
  }
  // Preserve paragraph breaks inside the diff text.
  std::string indented;
  for (char c : t) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  *text += "    " + indented + "\n";
  std::string html_breaks;
  for (char c : h) html_breaks += c == '\n' ? std::string("<br>\n") : std::string(1, c);
  *html += "<p style=\"white-space:pre-wrap\">" + html_breaks + "</p>\n";
}

// Our own rendering of the sections, used when the event's changeset is not
// one diff::FromJson accepts (hostile or from a newer schema): best effort.
void RenderSectionsFallback(const json& event, EmailContent* out) {
  const json& summary = Obj(event, "summary");
  std::string& t = out->text;
  std::string& h = out->html;
  std::string counts = Plural(Num(summary, "sections_added"), "section") + " added, " +
                       std::to_string(Num(summary, "sections_removed")) + " removed, " +
                       std::to_string(Num(summary, "sections_modified")) + " modified, " +
                       std::to_string(Num(summary, "sections_moved")) + " moved; " +
                       Plural(Num(summary, "words_added"), "word") + " added, " +
                       std::to_string(Num(summary, "words_removed")) + " removed.";
  t += counts + "\n";
  h += "<p>" + Escape(counts) + "</p>\n";
  for (const json& section : Arr(event, "sections")) {
    std::string status = Str(section, "status", "changed");
    std::string path = Join(Arr(section, "path"), " > ");
    if (path.empty()) path = "(untitled section)";
    std::string sev = Str(section, "severity");
    std::string categories = Join(Arr(section, "categories"), ", ");
    const json& reasons = Arr(section, "reasons");

    t += "\n== " + Capitalised(status) + ": " + path + (sev.empty() ? "" : "  [" + sev + "]") + "\n";
    h += "<h3>" + Escape(Capitalised(status) + ": " + path) +
         (sev.empty() ? "" : " <small>[" + Escape(sev) + "]</small>") + "</h3>\n";
    if (!categories.empty()) {
      t += "    Categories: " + categories + "\n";
      h += "<p><b>Categories:</b> " + Escape(categories) + "</p>\n";
    }
    if (!reasons.empty()) {
      h += "<ul>\n";
      for (const json& r : reasons) {
        if (!r.is_string()) continue;
        t += "    - " + r.get<std::string>() + "\n";
        h += "<li>" + Escape(r.get<std::string>()) + "</li>\n";
      }
      h += "</ul>\n";
    }
    RenderDiff(section, &t, &h);
  }
}

void RenderChanged(const json& event, EmailContent* out) {
  std::string severity = Str(event, "severity", "unknown");
  std::string url = Str(Obj(event, "document"), "url");
  std::string headline = Capitalised(severity) + " change to the " + Who(event) + ".";
  out->text += headline + "\n";
  if (!url.empty()) out->text += url + "\n";
  out->text += "\n";
  out->html += "<h2>" + Escape(headline) + "</h2>\n";
  if (!url.empty()) out->html += "<p><a href=\"" + Escape(url) + "\">" + Escape(url) + "</a></p>\n";

  // The sections through the diff module's renderers, from the changeset the
  // event carries.
  json changeset = {{"schema", "policywatch.changeset.v1"},
                    {"severity", event.contains("severity") ? event["severity"] : json("none")},
                    {"summary", Obj(event, "summary")},
                    {"sections", event.contains("sections") ? event["sections"] : json::array()}};
  diff::Changeset cs;
  if (diff::FromJson(changeset, &cs)) {
    out->text += diff::RenderText(cs, false);
    out->html += diff::RenderHtml(cs);
  } else {
    RenderSectionsFallback(event, out);
  }
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
  return prefix + Who(event) + ": " + (type.empty() ? "event" : type);
}

EmailContent RenderEmail(const json& event) {
  EmailContent out;
  out.subject = EventSubject(event);
  std::string type = Str(event, "type");
  out.html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
             Escape(out.subject) + "</title></head>\n<body style=\"font-family:sans-serif\">\n";
  if (type == "document.changed") {
    RenderChanged(event, &out);
  } else if (type == "document.unreachable") {
    std::string line = "The " + Who(event) + " could not be fetched " +
                       std::to_string(Num(event, "consecutive_failures")) + " times in a row.";
    std::string err = Str(event, "last_error");
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n\nLast error: " + err + "\n";
    out.html += "<p>" + Escape(line) + "</p>\n<p>Last error: <code>" + Escape(err) + "</code></p>\n";
  } else if (type == "document.recovered") {
    std::string line = "The " + Who(event) + " can be fetched again.";
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n";
    out.html += "<p>" + Escape(line) + "</p>\n";
  } else if (type == "document.extraction_suspect") {
    std::string line = "The text extracted from the " + Who(event) +
                       " looks wrong; a site redesign is more likely than a policy change.";
    std::string reason = Str(event, "reason");
    out.text += line + "\n" + Str(Obj(event, "document"), "url") + "\n\nReason: " + reason + "\n";
    out.html += "<p>" + Escape(line) + "</p>\n<p>Reason: " + Escape(reason) + "</p>\n";
  } else if (type == "test") {
    std::string line = "TEST: " + Str(event, "message", "This is a test notification from policywatch.");
    out.text += line + "\n";
    out.html += "<p><b>" + Escape(line) + "</b></p>\n";
  } else {
    out.text += "policywatch event " + type + "\n";
    out.html += "<p>policywatch event " + Escape(type) + "</p>\n";
  }
  std::string footer = "Event " + Str(event, "id") + " at " + Str(event, "occurred_at") + ".";
  out.text += "\n-- \nSent by policywatch. " + footer + "\n";
  out.html += "<hr><p style=\"color:#666;font-size:small\">Sent by policywatch. " +
              Escape(footer) + "</p>\n</body></html>\n";
  return out;
}

}  // namespace pw::notify
