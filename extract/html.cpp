#include "extract/internal/html.h"

#include <algorithm>
#include <unordered_map>

#include "extract/internal/html_lists.h"
#include "extract/internal/html_node.h"
#include "extract/internal/normalize.h"
#include "extract/internal/text_scan.h"

namespace pw::extract {
namespace {

constexpr size_t kMaxPseudoHeading = 150;

// Text that is only markup: "<img src=...>" or "<iframe ...></iframe>" as the
// whole of a text node (raw HTML of a <noscript>, double-escaped embeds). It
// starts with '<' and a letter or '/', ends with '>', and every non-space
// character outside a tag's "<...>" is one: a sentence that quotes a tag
// ("Use <b> for bold") has words outside it.
bool IsMarkupText(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n\f");
  if (i == std::string_view::npos || text[i] != '<' || i + 1 >= text.size()) return false;
  const char next = text[i + 1];
  if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/')) return false;
  bool in_tag = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_tag) {
      in_tag = c != '>';
    } else if (c == '<') {
      in_tag = true;
    } else if (!scan::IsHtmlSpace(c)) {
      return false;
    }
  }
  return !in_tag;
}

// A text node inside <code>, <kbd> or <samp> (quoted markup is their text).
bool InCode(const GumboNode* text) {
  const GumboNode* p = text->parent;
  if (p == nullptr || !IsElement(p)) return false;
  const GumboTag tag = p->v.element.tag;
  return tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP;
}

// Builds sections from headings and blocks in document order.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(Document* doc) : doc_(doc) {}

  void StartHeading(int level, const std::string& text) {
    level = std::clamp(level, 1, 6);
    while (!open_.empty() && open_.back().first >= level) open_.pop_back();
    open_.emplace_back(level, text);
    Section section;
    for (const auto& [l, heading] : open_) section.path.push_back(heading);
    section.heading = text;
    section.level = level;
    doc_->sections.push_back(std::move(section));
  }

  void AddBlock(BlockKind kind, std::string text) {
    if (doc_->sections.empty()) doc_->sections.emplace_back();
    doc_->sections.back().blocks.push_back(Block{kind, std::move(text)});
  }

 private:
  Document* doc_;
  std::vector<std::pair<int, std::string>> open_;
};

enum class Frame { kHeading, kTerm, kListItem, kPre, kRow, kCell };

struct FrameState {
  Frame kind;
  int level = 0;             // kHeading
  bool heading_done = false;  // kHeading: its text was emitted
  std::string marker;         // kListItem: "3.", "c)"... until its first text
};

class Converter {
 public:
  Converter(const NodeSet& removed, Document* doc) : removed_(removed), builder_(doc) {}

  void Run(const GumboNode* root, bool flush) {
    Walk(
        root, [this](const GumboNode* node) { return Enter(node); },
        [this](const GumboNode* node) { Leave(node); });
    if (flush) Flush();
  }

 private:
  bool Skip(const GumboNode* node) const {
    return IsNonContent(node) || removed_.count(node) > 0;
  }

  bool Enter(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
        if (removed_.count(node) > 0 || (pre_depth_ == 0 && !InCode(node) &&
                                         IsMarkupText(node->v.text.text))) {
          SoftBreak();
        } else {
          AddText(node->v.text.text);
        }
        return false;
      case GUMBO_NODE_DOCUMENT:
        return true;
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return false;
    }
    if (Skip(node)) return false;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BR) {
      LineBreak();
      return false;
    }
    if (tag == GUMBO_TAG_B || tag == GUMBO_TAG_STRONG) ++bold_depth_;
    if (IsInline(node)) return true;
    if (pre_depth_ > 0) {
      buffer_ += '\n';
      return true;
    }
    if (cell_depth_ > 0) {
      SoftBreak();
      return true;
    }
    Flush();
    int level = HeadingLevel(node);
    if (level > 0) {
      frames_.push_back({Frame::kHeading, level, false, {}});
    } else if (tag == GUMBO_TAG_LI) {
      frames_.push_back({Frame::kListItem, 0, false, numbering_.MarkerOf(node)});
    } else if (tag == GUMBO_TAG_DT) {
      frames_.push_back({Frame::kTerm, 0, false, {}});
    } else if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP) {
      frames_.push_back({Frame::kPre, 0, false, {}});
      ++pre_depth_;
    } else if (tag == GUMBO_TAG_TR && InDataTable(node)) {
      frames_.push_back({Frame::kRow, 0, false, {}});
      cells_.clear();
    } else if ((tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) && !frames_.empty() &&
               frames_.back().kind == Frame::kRow) {
      frames_.push_back({Frame::kCell, 0, false, {}});
      ++cell_depth_;
    }
    return true;
  }

  void Leave(const GumboNode* node) {
    if (!IsElement(node) || Skip(node)) return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_BR) return;
    if (tag == GUMBO_TAG_B || tag == GUMBO_TAG_STRONG) --bold_depth_;
    if (IsInline(node)) return;
    if (pre_depth_ > 0 && !(frames_.back().kind == Frame::kPre && OpensFrame(node))) {
      buffer_ += '\n';
      return;
    }
    if (cell_depth_ > 0 && !(frames_.back().kind == Frame::kCell && OpensFrame(node))) {
      SoftBreak();
      return;
    }
    Flush();
    if (!OpensFrame(node)) return;
    Frame kind = frames_.back().kind;
    if (kind == Frame::kPre) {
      --pre_depth_;
    } else if (kind == Frame::kCell) {
      --cell_depth_;
    } else if (kind == Frame::kRow) {
      EmitRow();
    }
    frames_.pop_back();
  }

  // Whether Enter pushed a frame for this (non-inline) element.
  bool OpensFrame(const GumboNode* node) const {
    if (frames_.empty()) return false;
    GumboTag tag = node->v.element.tag;
    switch (frames_.back().kind) {
      case Frame::kHeading: return HeadingLevel(node) > 0;
      case Frame::kListItem: return tag == GUMBO_TAG_LI;
      case Frame::kTerm: return tag == GUMBO_TAG_DT;
      case Frame::kPre:
        return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP;
      case Frame::kRow: return tag == GUMBO_TAG_TR;
      case Frame::kCell: return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
    }
    return false;
  }

  bool InDataTable(const GumboNode* tr) {
    const GumboNode* table = tr->parent;
    while (table != nullptr && !(IsElement(table) && table->v.element.tag == GUMBO_TAG_TABLE)) {
      table = table->parent;
    }
    if (table == nullptr) return false;
    auto cached = table_is_data_.find(table);
    if (cached != table_is_data_.end()) return cached->second;
    bool layout = false;
    unsigned max_cells = 0;
    Walk(
        table,
        [&](const GumboNode* n) {
          if (!IsElement(n) || layout) return false;
          GumboTag tag = n->v.element.tag;
          if (n != table && tag == GUMBO_TAG_TABLE) layout = true;
          if (HeadingLevel(n) > 0) layout = true;
          if (tag == GUMBO_TAG_TR) {
            unsigned cells = 0;
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) {
              const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
              if (IsElement(k) &&
                  (k->v.element.tag == GUMBO_TAG_TD || k->v.element.tag == GUMBO_TAG_TH)) {
                ++cells;
              }
            }
            max_cells = std::max(max_cells, cells);
          }
          return !layout;
        },
        [](const GumboNode*) {});
    bool data = !layout && max_cells >= 2;
    table_is_data_[table] = data;
    return data;
  }

  void AddText(const char* text) {
    if (pre_depth_ > 0) {
      buffer_ += text;
      return;
    }
    // Text already spaced as collapsing leaves it goes in whole...
    const std::string_view whole(text);
    size_t spaces = 0;
    if (!whole.empty() && scan::SingleSpaced(whole, &spaces)) {
      if (pending_space_) buffer_ += ' ';
      pending_space_ = false;
      buffer_ += whole;
      (bold_depth_ > 0 ? bold_bytes_ : plain_bytes_) += whole.size() - spaces;
      last_was_br_ = false;
      return;
    }
    // ... other text by runs of words with single spaces between them.
    const char* p = text;
    while (*p != '\0') {
      if (scan::IsHtmlSpace(*p)) {
        if (!buffer_.empty()) pending_space_ = true;
        ++p;
        continue;
      }
      const char* start = p;
      size_t spaces = 0;
      while (*p != '\0') {
        if (!scan::IsHtmlSpace(*p)) {
          ++p;
        } else if (*p == ' ' && p[1] != '\0' && !scan::IsHtmlSpace(p[1])) {
          ++spaces;
          p += 2;
        } else {
          break;
        }
      }
      if (pending_space_) {
        buffer_ += ' ';
        pending_space_ = false;
      }
      buffer_.append(start, static_cast<size_t>(p - start));
      (bold_depth_ > 0 ? bold_bytes_ : plain_bytes_) += static_cast<size_t>(p - start) - spaces;
      last_was_br_ = false;
    }
  }

  void SoftBreak() {
    if (!buffer_.empty()) pending_space_ = true;
  }

  void LineBreak() {
    if (pre_depth_ > 0) {
      buffer_ += '\n';
    } else if (cell_depth_ > 0) {
      SoftBreak();
    } else if (last_was_br_) {
      Flush();
    } else {
      SoftBreak();
      last_was_br_ = true;
    }
  }

  int PseudoLevel() const { return std::min(6, std::max(real_level_, 1) + 1); }

  bool LooksLikePseudoHeading(const std::string& text) const {
    if (plain_bytes_ > 0 || bold_bytes_ == 0 || text.size() > kMaxPseudoHeading) return false;
    char last = text.back();
    if (last == '.' || last == ';' || last == ',') return false;
    return std::any_of(text.begin(), text.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c & 0x80) != 0;
    });
  }

  // Emits the buffered inline text as the block the innermost frame says.
  void Flush() {
    std::string raw;
    raw.swap(buffer_);
    bool all_bold = plain_bytes_ == 0;
    pending_space_ = false;
    last_was_br_ = false;
    if (pre_depth_ > 0) {
      std::string text = NormalizePreformatted(raw);
      if (!text.empty()) builder_.AddBlock(BlockKind::kPreformatted, std::move(text));
      plain_bytes_ = bold_bytes_ = 0;
      return;
    }
    std::string text = NormalizeText(raw);
    bool pseudo = !text.empty() && all_bold && LooksLikePseudoHeading(text);
    plain_bytes_ = bold_bytes_ = 0;
    if (text.empty()) return;
    if (frames_.empty()) {
      EmitParagraph(std::move(text), pseudo);
      return;
    }
    FrameState& frame = frames_.back();
    switch (frame.kind) {
      case Frame::kHeading:
        if (!frame.heading_done) {
          frame.heading_done = true;
          real_level_ = frame.level;
          builder_.StartHeading(frame.level, text);
          return;
        }
        break;
      case Frame::kTerm:
        if (text.size() <= kMaxPseudoHeading) {
          builder_.StartHeading(PseudoLevel(), text);
          return;
        }
        break;
      case Frame::kListItem:
        if (!frame.marker.empty() && !StartsWithEnumerator(text)) text = frame.marker + " " + text;
        frame.marker.clear();
        builder_.AddBlock(BlockKind::kListItem, std::move(text));
        return;
      case Frame::kRow: case Frame::kCell:
        cells_.push_back(std::move(text));
        return;
      case Frame::kPre:
        break;
    }
    EmitParagraph(std::move(text), pseudo);
  }

  void EmitParagraph(std::string text, bool pseudo) {
    if (pseudo) {
      builder_.StartHeading(PseudoLevel(), text);
      return;
    }
    builder_.AddBlock(BlockKind::kParagraph, std::move(text));
  }

  // Leaving a <td>: the buffered text is one cell. Leaving a <tr>: the row.
  void EmitRow() {
    std::string row;
    for (const std::string& cell : cells_) {
      if (cell.empty()) continue;
      if (!row.empty()) row += " | ";
      row += cell;
    }
    cells_.clear();
    if (!row.empty()) builder_.AddBlock(BlockKind::kTableRow, std::move(row));
  }

  const NodeSet& removed_;
  DocumentBuilder builder_;
  std::vector<FrameState> frames_;
  std::vector<std::string> cells_;
  std::unordered_map<const GumboNode*, bool> table_is_data_;
  ListNumbering numbering_;
  std::string buffer_;
  bool pending_space_ = false;
  bool last_was_br_ = false;
  int bold_depth_ = 0;
  size_t bold_bytes_ = 0;
  size_t plain_bytes_ = 0;
  int pre_depth_ = 0;
  int cell_depth_ = 0;
  int real_level_ = 0;
};

const GumboNode* FindFirst(const GumboNode* root, GumboTag tag) {
  const GumboNode* found = nullptr;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (found != nullptr) return false;
        if (IsElement(node) && node->v.element.tag == tag) {
          found = node;
          return false;
        }
        return IsElement(node) || node->type == GUMBO_NODE_DOCUMENT;
      },
      [](const GumboNode*) {});
  return found;
}

}  // namespace

void ConvertHtml(const std::vector<const GumboNode*>& roots, const NodeSet& removed,
                 Document* out, const std::vector<bool>& joined) {
  Converter converter(removed, out);
  for (size_t i = 0; i < roots.size(); ++i) {
    converter.Run(roots[i], /*flush=*/!(i + 1 < joined.size() && joined[i + 1]));
  }
}

std::string HtmlTitle(const GumboNode* document) {
  const GumboNode* title = FindFirst(document, GUMBO_TAG_TITLE);
  if (title == nullptr) return "";
  std::string text;
  const GumboVector& kids = title->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE) {
      text += kid->v.text.text;
    }
  }
  return NormalizeText(text);
}

const GumboNode* HtmlBody(const GumboNode* document) {
  const GumboNode* body = FindFirst(document, GUMBO_TAG_BODY);
  return body == nullptr ? document : body;
}

}  // namespace pw::extract
