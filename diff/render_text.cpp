#include "diff/changeset_render.h"

namespace pw::diff {
namespace {

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : " > ") + (p.empty() ? "(preamble)" : p);
  return out.empty() ? "(preamble)" : out;
}

// open + text + close, with the text's trailing whitespace after `close`.
std::string Wrap(const std::string& text, const char* open, const char* close) {
  size_t end = text.find_last_not_of(" \n\t");
  if (end == std::string::npos) return text;
  return open + text.substr(0, end + 1) + close + text.substr(end + 1);
}

bool SamePath(const SectionChange& c) { return c.old_path.empty() || c.old_path == c.path; }

}  // namespace

std::string ElideMiddle(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t keep = max / 2 - 10;
  size_t head = text.rfind(' ', keep);
  if (head == std::string::npos || head < keep / 2) head = keep;
  while (head > 0 && (static_cast<unsigned char>(text[head]) & 0xC0) == 0x80) --head;
  size_t tail = text.find(' ', text.size() - keep);
  if (tail == std::string::npos) tail = text.size() - keep;
  while (tail < text.size() && (static_cast<unsigned char>(text[tail]) & 0xC0) == 0x80) ++tail;
  return text.substr(0, head) + " … " + text.substr(tail);
}

std::string RenderText(const Changeset& cs, bool color) {
  const char* red = color ? "\x1b[31m" : "[-";
  const char* red_end = color ? "\x1b[0m" : "-]";
  const char* green = color ? "\x1b[32m" : "{+";
  const char* green_end = color ? "\x1b[0m" : "+}";
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  const Summary& s = cs.summary;
  std::string out;
  out += std::string(bold) + "severity: " + std::string(SeverityName(cs.severity)) + reset + "\n";
  out += "sections: " + std::to_string(s.sections_added) + " added, " +
         std::to_string(s.sections_removed) + " removed, " + std::to_string(s.sections_modified) +
         " modified, " + std::to_string(s.sections_moved) + " moved, " +
         std::to_string(s.sections_renamed) + " renamed; words: +" + std::to_string(s.words_added) +
         " -" + std::to_string(s.words_removed) + "\n";
  for (const SectionChange& c : cs.sections) {
    out += "\n" + std::string(bold) + "[" + std::string(SeverityName(c.severity)) + "] " + c.status +
           ": " + JoinPath(c.path) + reset + "\n";
    if (!SamePath(c)) out += "  was: " + JoinPath(c.old_path) + "\n";
    if (!c.categories.empty()) {
      out += "  categories:";
      for (size_t i = 0; i < c.categories.size(); ++i) {
        out += " " + c.categories[i];
        if (i < c.category_evidence.size() && !c.category_evidence[i].phrase.empty()) {
          out += " (\"" + c.category_evidence[i].phrase + "\")";
        }
      }
      out += "\n";
    }
    for (const std::string& r : c.reasons) out += "  - " + r + "\n";
    if (c.diff.empty()) continue;
    std::string body;
    for (const Segment& seg : c.diff) {
      switch (seg.op) {
        case Segment::Op::kEqual: body += ElideMiddle(seg.text); break;
        case Segment::Op::kDelete: body += Wrap(ElideMiddle(seg.text, 2000), red, red_end); break;
        case Segment::Op::kInsert: body += Wrap(ElideMiddle(seg.text, 2000), green, green_end); break;
      }
    }
    out += "\n    ";
    for (char ch : body) {
      out += ch;
      if (ch == '\n') out += "    ";
    }
    out += "\n";
  }
  return out;
}

}  // namespace pw::diff
