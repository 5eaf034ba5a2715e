// ParseText: Markdown and plain text -> Document. The reading of lines into
// blocks lives here; the pieces it relies on are text_layout (Markdown or
// plain, wrapped or not), text_blocks (block syntax), text_plain_headings
// (which plain lines are headings), text_section_builder (the section tree)
// and text_inline (StripInlineMarkdown).
#include "extract/text.h"

#include <string>
#include <vector>

#include "extract/internal/normalize.h"
#include "extract/internal/text_blocks.h"
#include "extract/internal/text_chars.h"
#include "extract/internal/text_layout.h"
#include "extract/internal/text_plain_headings.h"
#include "extract/internal/text_section_builder.h"

namespace pw::extract {
namespace textparse {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t e = pos;
    while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
    lines.push_back(text.substr(pos, e - pos));
    if (e < text.size() && text[e] == '\r' && e + 1 < text.size() && text[e + 1] == '\n') ++e;
    pos = e + 1;
  }
  return lines;
}

std::string InlineText(std::string_view raw) { return NormalizeText(StripInlineMarkdown(raw)); }

std::string TableRowText(std::string_view t) {
  // Strip the outer pipes, split on unescaped '|'.
  std::string_view body = t.substr(1);
  if (!body.empty() && body.back() == '|' && !(body.size() >= 2 && body[body.size() - 2] == '\\'))
    body.remove_suffix(1);
  std::string out;
  size_t start = 0;
  bool first = true;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size() && body[i] == '\\') {
      ++i;
      continue;
    }
    if (i == body.size() || body[i] == '|') {
      if (!first) out += " | ";
      out += InlineText(body.substr(start, i - start));
      first = false;
      start = i + 1;
    }
  }
  return NormalizeText(out);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lines_(SplitLines(text)) {}

  Document Run() {
    layout_ = DetectLayout(lines_);
    if (layout_.mode == Mode::kPlain) plain_levels_ = PlanPlainHeadings(lines_, layout_);
    for (i_ = 0; i_ < lines_.size(); ++i_) Line(lines_[i_]);
    Flush();
    return builder_.Take();
  }

 private:
  enum class Open { kNone, kParagraph, kListItem };

  void Flush() {
    if (open_ == Open::kNone) return;
    builder_.Add(open_ == Open::kParagraph ? BlockKind::kParagraph : BlockKind::kListItem,
                 InlineText(pending_));
    pending_.clear();
    open_ = Open::kNone;
  }

  void Append(std::string_view t) {
    if (!pending_.empty()) pending_.push_back(' ');
    pending_.append(t);
  }

  void Line(std::string_view raw) {
    std::string_view t = TrimAscii(raw);
    if (t.empty()) {
      Flush();
      return;
    }
    char fc;
    if (size_t fl = FenceLength(t, &fc)) {
      Flush();
      Fence(fc, fl);
      return;
    }
    t = StripQuote(t);
    if (t.empty()) {
      Flush();
      return;
    }
    if (Heading(t)) return;
    BlockLine(t);
  }

  // A heading on line i_ (`t` trimmed, quote markers stripped): ATX or setext
  // in Markdown, one PlanPlainHeadings found in plain text. False if none.
  bool Heading(std::string_view t) {
    if (layout_.mode == Mode::kMarkdown) {
      if (int level = AtxLevel(t)) {
        Flush();
        builder_.Heading(level, InlineText(AtxContent(t, level)));
        return true;
      }
      if (open_ == Open::kParagraph) {
        if (int level = SetextLevel(t)) {
          std::string text = InlineText(pending_);
          pending_.clear();
          open_ = Open::kNone;
          builder_.Heading(level, std::move(text));
          return true;
        }
      }
    } else if (i_ < plain_levels_.size() && plain_levels_[i_] > 0) {
      Flush();
      builder_.Heading(plain_levels_[i_], InlineText(t));
      return true;
    }
    return false;
  }

  // Any other non-blank line: a thematic break, a list item, a table row or
  // paragraph text.
  void BlockLine(std::string_view t) {
    if (IsThematicBreak(t)) {
      Flush();
      return;
    }
    std::string_view content;
    if (ListItem(t, &content)) {
      Flush();
      open_ = Open::kListItem;
      Append(IsOrderedListItem(t) ? t : content);  // "3. x" keeps its number
      if (layout_.mode == Mode::kPlain && !layout_.wrapped) Flush();
      return;
    }
    if (t[0] == '|') {
      Flush();
      if (!IsTableSeparator(t)) builder_.Add(BlockKind::kTableRow, TableRowText(t));
      return;
    }
    if (open_ == Open::kNone) open_ = Open::kParagraph;
    Append(t);
    if (layout_.mode == Mode::kPlain && !layout_.wrapped) Flush();
  }

  void Fence(char fence_char, size_t fence_len) {
    std::string body;
    size_t j = i_ + 1;
    for (; j < lines_.size(); ++j) {
      if (IsFenceClose(TrimAscii(lines_[j]), fence_char, fence_len)) break;
      if (j > i_ + 1) body.push_back('\n');
      body.append(lines_[j]);
    }
    i_ = j;  // the closing line (or the end)
    builder_.Add(BlockKind::kPreformatted, NormalizePreformatted(body));
  }

  std::vector<std::string_view> lines_;
  Layout layout_;
  std::vector<int> plain_levels_;
  size_t i_ = 0;
  SectionBuilder builder_;
  Open open_ = Open::kNone;
  std::string pending_;
};

}  // namespace
}  // namespace textparse

Document ParseText(std::string_view utf8) {
  textparse::Parser parser(utf8);
  return parser.Run();
}

}  // namespace pw::extract
