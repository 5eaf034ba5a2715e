// The layout of a text given to ParseText, judged over all its lines before
// any block is read: Markdown or plain, one line per block, hard-wrapped.
// Internal to extract/.
#pragma once

#include <string_view>
#include <vector>

namespace pw::extract::textparse {

enum class Mode { kMarkdown, kPlain };

struct Layout {
  Mode mode = Mode::kPlain;
  bool canonical = false;  // every block a single line between blank lines
  bool wrapped = false;    // plain text hard-wrapped in blank-line separated groups
};

// Markdown when some line outside a fence (after '>' quote markers) is an ATX
// heading or a setext underline under paragraph text; canonical when no two
// non-blank lines are adjacent; wrapped when blank lines separate groups, at
// least one group has two or more lines and nine in ten non-blank lines are at
// most 100 bytes.
Layout DetectLayout(const std::vector<std::string_view>& lines);

}  // namespace pw::extract::textparse
