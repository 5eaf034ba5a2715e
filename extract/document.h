// The document model: what a policy page becomes after extraction, and what is
// stored, diffed and notified. Plain structs; the canonical text is Markdown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pw::extract {

enum class BlockKind { kParagraph, kListItem, kTableRow, kPreformatted };

// One unit of text: a paragraph, a list item, a table row (cells joined by " | "),
// or preformatted text. Text is normalised: NFC, whitespace collapsed, no newlines
// except inside kPreformatted.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
};

// A section: a heading and the blocks under it, up to the next heading of the
// same or a higher level. The tree is given by `level` and `path`.
struct Section {
  std::vector<std::string> path;  // headings from the top down; back() == heading
  std::string heading;            // empty for the preamble before the first heading
  int level = 0;                  // 1..6; 0 for the preamble
  std::vector<Block> blocks;
};

// Title plus sections in document order.
struct Document {
  std::string title;
  std::vector<Section> sections;
};

}  // namespace pw::extract
