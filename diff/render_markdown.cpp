#include "diff/changeset_render.h"

namespace pw::diff {

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '*' || c == '_' || c == '~' || c == '[' || c == ']' || c == '`' ||
        c == '<' || c == '>' || c == '#' || c == '|') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

namespace {

// Wraps each line of `text` in `mark` (emphasis cannot span lines), keeping the
// spaces around it outside the markers.
std::string Mark(const std::string& text, std::string_view mark) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    size_t b = line.find_first_not_of(' '), e = line.find_last_not_of(' ');
    if (b == std::string::npos) {
      out += line;
    } else {
      out += line.substr(0, b) + std::string(mark) + EscapeMarkdown(line.substr(b, e - b + 1)) +
             std::string(mark) + line.substr(e + 1);
    }
    if (nl == std::string::npos) break;
    out += "\n\n";
    start = nl + 1;
  }
  return out;
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : " › ") + EscapeMarkdown(p);
  return out.empty() ? "(preamble)" : out;
}

}  // namespace

std::string RenderMarkdown(const Changeset& cs) {
  const Summary& s = cs.summary;
  std::string out = "**Severity: " + std::string(SeverityName(cs.severity)) + "** — " +
                    std::to_string(s.sections_added) + " added, " +
                    std::to_string(s.sections_removed) + " removed, " +
                    std::to_string(s.sections_modified) + " modified, " +
                    std::to_string(s.sections_moved) + " moved, " +
                    std::to_string(s.sections_renamed) + " renamed sections; +" +
                    std::to_string(s.words_added) + " / −" + std::to_string(s.words_removed) +
                    " words\n";
  for (const SectionChange& c : cs.sections) {
    out += "\n### " + JoinPath(c.path) + " (" + c.status + ", " +
           std::string(SeverityName(c.severity)) + ")\n\n";
    if (!c.old_path.empty() && c.old_path != c.path) out += "Was: " + JoinPath(c.old_path) + "\n\n";
    if (!c.categories.empty()) {
      out += "Categories:";
      for (size_t i = 0; i < c.categories.size(); ++i) {
        out += " `" + c.categories[i] + "`";
        if (i < c.category_evidence.size() && !c.category_evidence[i].phrase.empty()) {
          out += " (\"" + EscapeMarkdown(c.category_evidence[i].phrase) + "\")";
        }
      }
      out += "\n\n";
    }
    for (const std::string& r : c.reasons) out += "- " + EscapeMarkdown(r) + "\n";
    if (!c.reasons.empty()) out += "\n";
    std::string body;
    for (const Segment& seg : c.diff) {
      switch (seg.op) {
        case Segment::Op::kEqual: {
          std::string t = EscapeMarkdown(ElideMiddle(seg.text));
          for (char ch : t) body += ch == '\n' ? std::string("\n\n") : std::string(1, ch);
          break;
        }
        case Segment::Op::kDelete: body += Mark(ElideMiddle(seg.text, 2000), "~~"); break;
        case Segment::Op::kInsert: body += Mark(ElideMiddle(seg.text, 2000), "**"); break;
      }
    }
    if (!body.empty()) out += body + "\n";
  }
  return out;
}

}  // namespace pw::diff
