#include "diff/changeset_render.h"

namespace pw::diff {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br>\n"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string_view SeverityColor(Severity s) {
  switch (s) {
    case Severity::kMaterial: return "#b00020";
    case Severity::kMinor: return "#b26a00";
    case Severity::kCosmetic: return "#555555";
    default: return "#555555";
  }
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : " › ") + EscapeHtml(p);
  return out.empty() ? "(preamble)" : out;
}

}  // namespace

std::string RenderHtml(const Changeset& cs) {
  const Summary& s = cs.summary;
  std::string out =
      "<div style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;"
      "color:#222\">\n";
  out += "<p><strong style=\"color:" + std::string(SeverityColor(cs.severity)) + "\">Severity: " +
         std::string(SeverityName(cs.severity)) + "</strong> — " + std::to_string(s.sections_added) +
         " added, " + std::to_string(s.sections_removed) + " removed, " +
         std::to_string(s.sections_modified) + " modified, " + std::to_string(s.sections_moved) +
         " moved, " + std::to_string(s.sections_renamed) + " renamed sections; +" +
         std::to_string(s.words_added) + " / −" + std::to_string(s.words_removed) + " words</p>\n";
  for (const SectionChange& c : cs.sections) {
    out += "<h3 style=\"font-size:16px;margin:18px 0 4px\">" + JoinPath(c.path) +
           " <span style=\"font-weight:normal;color:" + std::string(SeverityColor(c.severity)) +
           "\">(" + EscapeHtml(c.status) + ", " + std::string(SeverityName(c.severity)) + ")</span></h3>\n";
    if (!c.old_path.empty() && c.old_path != c.path) {
      out += "<p style=\"margin:0;color:#555\">Was: " + JoinPath(c.old_path) + "</p>\n";
    }
    if (!c.categories.empty()) {
      out += "<p style=\"margin:0;color:#555\">Categories: ";
      for (size_t i = 0; i < c.categories.size(); ++i) {
        out += (i ? ", " : "") + EscapeHtml(c.categories[i]);
        if (i < c.category_evidence.size() && !c.category_evidence[i].phrase.empty()) {
          out += " (&quot;" + EscapeHtml(c.category_evidence[i].phrase) + "&quot;)";
        }
      }
      out += "</p>\n";
    }
    if (!c.reasons.empty()) {
      out += "<ul style=\"margin:4px 0\">\n";
      for (const std::string& r : c.reasons) out += "<li>" + EscapeHtml(r) + "</li>\n";
      out += "</ul>\n";
    }
    if (c.diff.empty()) continue;
    out += "<p style=\"margin:4px 0;padding:8px;background:#f6f8fa;border-left:3px solid #ccc\">";
    for (const Segment& seg : c.diff) {
      switch (seg.op) {
        case Segment::Op::kEqual: out += EscapeHtml(ElideMiddle(seg.text)); break;
        case Segment::Op::kDelete:
          out += "<del style=\"background:#ffebe9;color:#82071e;text-decoration:line-through\">" +
                 EscapeHtml(ElideMiddle(seg.text, 2000)) + "</del>";
          break;
        case Segment::Op::kInsert:
          out += "<ins style=\"background:#dafbe1;color:#116329;text-decoration:none\">" +
                 EscapeHtml(ElideMiddle(seg.text, 2000)) + "</ins>";
          break;
      }
    }
    out += "</p>\n";
  }
  out += "</div>\n";
  return out;
}

}  // namespace pw::diff
