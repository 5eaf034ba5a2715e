// A section's word diff side by side: the old text on the left (its deleted
// words marked), the new on the right (its inserted words marked), in rows
// that end where an unchanged line ends, so that paragraphs stay abreast.
// Runs of unchanged paragraphs away from any change fold into <details>.
#include "web/internal/html.h"
#include "web/internal/side_by_side.h"

namespace pw::web {
namespace {

struct Row {
  std::string left;
  std::string right;
  bool changed = false;
};

// Splits the segments into rows at the line breaks of unchanged text.
std::vector<Row> Rows(const std::vector<diff::Segment>& segments) {
  std::vector<Row> rows(1);
  for (const auto& s : segments) {
    if (s.op == diff::Segment::Op::kDelete) {
      rows.back().left += "<del>" + Esc(s.text) + "</del>";
      rows.back().changed = true;
    } else if (s.op == diff::Segment::Op::kInsert) {
      rows.back().right += "<ins>" + Esc(s.text) + "</ins>";
      rows.back().changed = true;
    } else {
      size_t start = 0;
      for (size_t nl; (nl = s.text.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string piece = Esc(s.text.substr(start, nl - start));
        rows.back().left += piece;
        rows.back().right += piece;
        rows.emplace_back();
      }
      const std::string rest = Esc(s.text.substr(start));
      rows.back().left += rest;
      rows.back().right += rest;
    }
  }
  std::erase_if(rows, [](const Row& r) { return r.left.empty() && r.right.empty(); });
  return rows;
}

// Rows shown open: the changed ones and one row of context either side.
std::vector<bool> Shown(const std::vector<Row>& rows) {
  std::vector<bool> shown(rows.size(), false);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].changed) continue;
    shown[i] = true;
    if (i > 0) shown[i - 1] = true;
    if (i + 1 < rows.size()) shown[i + 1] = true;
  }
  return shown;
}

std::string Folded(const std::vector<Row>& rows, size_t from, size_t to) {
  const size_t n = to - from;
  std::string out = "<tr><td colspan=\"2\" class=\"same\"><details class=\"same\"><summary>" +
                    std::to_string(n) + (n == 1 ? " unchanged paragraph" : " unchanged paragraphs") +
                    "</summary>";
  for (size_t i = from; i < to; ++i) out += "<p>" + rows[i].left + "</p>";
  return out + "</details></td></tr>\n";
}

}  // namespace

std::string SideBySide(const std::vector<diff::Segment>& segments) {
  const std::vector<Row> rows = Rows(segments);
  const std::vector<bool> shown = Shown(rows);
  std::string out = "<table class=\"sbs\"><thead><tr><th>Before</th><th>After</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < rows.size();) {
    if (shown[i] || rows.size() <= 3) {
      out += "<tr><td" + std::string(rows[i].changed ? "" : " class=\"same\"") + ">" + rows[i].left +
             "</td><td" + (rows[i].changed ? "" : " class=\"same\"") + ">" + rows[i].right +
             "</td></tr>\n";
      ++i;
      continue;
    }
    size_t end = i;
    while (end < rows.size() && !shown[end]) ++end;
    out += Folded(rows, i, end);
    i = end;
  }
  return out + "</tbody></table>\n";
}

}  // namespace pw::web
