#include "extract/canonical.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "extract/internal/normalize.h"
#include "extract/internal/text_blocks.h"
#include "extract/text.h"

namespace pw::extract {
namespace {

bool IsInlineSpecial(char c) {
  return c == '\\' || c == '`' || c == '[' || c == ']' || c == '<' || c == '&' || c == '*' ||
         c == '_' || c == '|';
}

// Escapes inline syntax only when ParseText would otherwise change the text.
// `pipes`: also escape '|' (inside table cells).
std::string EscapeInline(std::string_view text, bool pipes) {
  bool has_pipe = pipes && text.find('|') != std::string_view::npos;
  if (!has_pipe && StripInlineMarkdown(text) == text) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    if (IsInlineSpecial(c) && (c != '|' || pipes)) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// Escapes a line that would start a Markdown block construct.
std::string EscapeLineStart(std::string line) {
  if (!StartsMarkdownBlock(line)) return line;
  size_t k = 0;
  while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
  // "1. x" -> "1\. x"; "# x", "- x", "> x", "| x", "```" -> "\# x", ...
  line.insert(k, 1, '\\');
  return line;
}

// A list item's line: an item that opens with its number ("3. x", "3) x": an
// ordered list's marker kept in the text) is its own Markdown line, which
// ParseText reads back with the number; others get "- ". "- " before an item of
// only '-' and spaces ("--", "- -") makes a thematic break, which ParseText
// drops: its first '-' is escaped.
std::string ListItemLine(const std::string& text) {
  std::string out = EscapeInline(text, false);
  if (textparse::IsOrderedListItem(out)) return out;
  const bool dashes_only = out.find_first_not_of("- ") == std::string::npos;
  if (dashes_only && std::count(out.begin(), out.end(), '-') >= 2) out.insert(0, 1, '\\');
  return "- " + out;
}

std::string EscapeParagraph(const std::string& text) {
  return EscapeLineStart(EscapeInline(text, false));
}

std::string EscapeHeading(const std::string& text) {
  std::string out = EscapeInline(text, false);
  // A trailing run of '#' after a space (or alone) would be read as a closing
  // sequence.
  size_t e = out.size();
  while (e > 0 && out[e - 1] == '#') --e;
  if (e < out.size() && (e == 0 || out[e - 1] == ' ')) out.insert(e, 1, '\\');
  return out;
}

std::string TableRow(const std::string& text) {
  std::string out = "|";
  size_t pos = 0;
  while (true) {
    size_t sep = text.find(" | ", pos);
    std::string_view cell = std::string_view(text).substr(
        pos, sep == std::string::npos ? std::string::npos : sep - pos);
    std::string esc = EscapeInline(cell, true);
    // A cell of only '-'/':' could make the row read as the separator row.
    if (!esc.empty() && esc.find_first_not_of("-:") == std::string::npos) esc.insert(0, 1, '\\');
    out += ' ';
    out += esc;
    out += " |";
    if (sep == std::string::npos) break;
    pos = sep + 3;
  }
  return out;
}

std::string Fenced(const std::string& text) {
  size_t longest = 0, run = 0;
  bool at_line_start = true;
  for (char c : text) {
    if (c == '`' && (at_line_start || run > 0)) {
      longest = std::max(longest, ++run);
    } else {
      run = 0;
    }
    at_line_start = c == '\n' || (at_line_start && c == ' ');
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + "\n" + text + "\n" + fence;
}

class Writer {
 public:
  void Item(const std::string& text) {
    if (!out_.empty()) out_ += "\n\n";
    out_ += text;
  }
  std::string Take() {
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  std::string out_;
};

bool ParseKind(const std::string& name, BlockKind* kind) {
  for (BlockKind k : {BlockKind::kParagraph, BlockKind::kListItem, BlockKind::kTableRow,
                      BlockKind::kPreformatted}) {
    if (name == BlockKindName(k)) {
      *kind = k;
      return true;
    }
  }
  return false;
}

nlohmann::json SectionJson(const Section& s) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const Block& b : s.blocks)
    blocks.push_back({{"kind", BlockKindName(b.kind)}, {"text", b.text}});
  return {{"heading", s.heading},
          {"level", s.level},
          {"path", s.path},
          {"blocks", std::move(blocks)},
          {"children", nlohmann::json::array()}};
}

bool SectionFromJson(const nlohmann::json& j, Document* doc, int depth) {
  if (depth > 64 || !j.is_object()) return false;
  auto heading = j.find("heading");
  auto level = j.find("level");
  auto blocks = j.find("blocks");
  if (heading == j.end() || !heading->is_string() || level == j.end() ||
      !level->is_number_integer() || blocks == j.end() || !blocks->is_array())
    return false;
  Section s;
  s.heading = heading->get<std::string>();
  // Range-checked before narrowing: get<int>() would wrap 4294967297 to 1.
  const auto wide_level = level->get<std::int64_t>();
  if (wide_level < 0 || wide_level > 6) return false;
  s.level = static_cast<int>(wide_level);
  auto path = j.find("path");
  if (path != j.end()) {
    if (!path->is_array()) return false;
    for (const auto& p : *path) {
      if (!p.is_string()) return false;
      s.path.push_back(p.get<std::string>());
    }
  }
  for (const auto& b : *blocks) {
    if (!b.is_object()) return false;
    auto kind = b.find("kind");
    auto text = b.find("text");
    Block block;
    if (kind == b.end() || !kind->is_string() || text == b.end() || !text->is_string() ||
        !ParseKind(kind->get<std::string>(), &block.kind))
      return false;
    block.text = text->get<std::string>();
    s.blocks.push_back(std::move(block));
  }
  doc->sections.push_back(std::move(s));
  auto children = j.find("children");
  if (children != j.end()) {
    if (!children->is_array()) return false;
    for (const auto& c : *children)
      if (!SectionFromJson(c, doc, depth + 1)) return false;
  }
  return true;
}

}  // namespace

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kTableRow: return "table_row";
    case BlockKind::kPreformatted: return "preformatted";
  }
  return "paragraph";
}

std::string ToMarkdown(const Document& doc) {
  Writer w;
  std::string title = NormalizeText(doc.title);
  // The title line is the first level-1 section when it carries the title.
  bool title_is_section = false;
  for (const Section& s : doc.sections) {
    if (s.level <= 0 && s.heading.empty()) continue;
    title_is_section = s.level == 1 && NormalizeText(s.heading) == title;
    break;
  }
  if (!title.empty() && !title_is_section) w.Item("# " + EscapeHeading(title));
  for (const Section& s : doc.sections) {
    std::string heading = NormalizeText(s.heading);
    if (s.level > 0 || !heading.empty()) {
      int level = std::clamp(s.level, 1, 6);
      std::string line(static_cast<size_t>(level), '#');
      if (!heading.empty()) line += ' ' + EscapeHeading(heading);
      w.Item(line);
    }
    for (const Block& b : s.blocks) {
      if (b.kind == BlockKind::kPreformatted) {
        std::string text = NormalizePreformatted(b.text);
        if (!text.empty()) w.Item(Fenced(text));
        continue;
      }
      std::string text = NormalizeText(b.text);
      if (text.empty()) continue;
      switch (b.kind) {
        case BlockKind::kListItem: w.Item(ListItemLine(text)); break;
        case BlockKind::kTableRow: w.Item(TableRow(text)); break;
        default: w.Item(EscapeParagraph(text)); break;
      }
    }
  }
  return w.Take();
}

nlohmann::json ToJson(const Document& doc) {
  nlohmann::json sections = nlohmann::json::array();
  // Stack of (level, pointer to the section's JSON object).
  std::vector<std::pair<int, nlohmann::json*>> stack;
  for (const Section& s : doc.sections) {
    while (!stack.empty() && (stack.back().first >= s.level || s.level <= 0)) stack.pop_back();
    nlohmann::json& siblings = stack.empty() ? sections : (*stack.back().second)["children"];
    siblings.push_back(SectionJson(s));
    if (s.level > 0) stack.emplace_back(s.level, &siblings.back());
  }
  return {{"title", doc.title}, {"sections", std::move(sections)}};
}

bool FromJson(const nlohmann::json& json, Document* doc) {
  *doc = Document{};
  if (!json.is_object()) return false;
  auto title = json.find("title");
  auto sections = json.find("sections");
  if (title == json.end() || !title->is_string() || sections == json.end() ||
      !sections->is_array())
    return false;
  doc->title = title->get<std::string>();
  for (const auto& s : *sections)
    if (!SectionFromJson(s, doc, 0)) return false;
  return true;
}

std::string DocumentText(const Document& doc) {
  std::string out;
  auto add = [&out](const std::string& t) {
    if (t.empty()) return;
    if (!out.empty()) out += '\n';
    out += t;
  };
  add(doc.title);
  for (const Section& s : doc.sections) {
    add(s.heading);
    for (const Block& b : s.blocks) add(b.text);
  }
  return out;
}

size_t TextBytes(const Document& doc) {
  size_t n = 0;
  for (const Section& s : doc.sections) {
    n += s.heading.size();
    for (const Block& b : s.blocks) n += b.text.size();
  }
  return n;
}

}  // namespace pw::extract
