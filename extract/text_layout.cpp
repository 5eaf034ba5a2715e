// The layout of a text (text_layout.h).
#include "extract/internal/text_layout.h"

#include "extract/internal/text_blocks.h"
#include "extract/internal/text_chars.h"

namespace pw::extract::textparse {

Layout DetectLayout(const std::vector<std::string_view>& lines) {
  Layout layout;
  bool in_fence = false;
  char fence_char = 0;
  size_t fence_len = 0;
  bool prev_text = false;  // previous line is non-blank paragraph-ish text
  bool prev_nonblank = false;
  bool consecutive = false;
  size_t blank = 0, nonblank = 0, short_lines = 0, multi_groups = 0, run = 0;
  for (std::string_view raw : lines) {
    std::string_view t = TrimAscii(raw);
    if (in_fence) {
      if (IsFenceClose(t, fence_char, fence_len)) in_fence = false;
      prev_text = false;
      prev_nonblank = true;
      continue;
    }
    if (t.empty()) {
      ++blank;
      if (run >= 2) ++multi_groups;
      run = 0;
      prev_text = prev_nonblank = false;
      continue;
    }
    ++nonblank;
    ++run;
    if (t.size() <= 100) ++short_lines;
    if (prev_nonblank) consecutive = true;
    prev_nonblank = true;
    char fc;
    if (size_t fl = FenceLength(t, &fc)) {
      in_fence = true;
      fence_char = fc;
      fence_len = fl;
      prev_text = false;
      continue;
    }
    std::string_view q = StripQuote(t);
    if (AtxLevel(q) > 0 || (prev_text && SetextLevel(q) > 0)) layout.mode = Mode::kMarkdown;
    std::string_view content;
    prev_text = !IsThematicBreak(q) && !ListItem(q, &content) && q.substr(0, 1) != "|" && !q.empty();
  }
  if (run >= 2) ++multi_groups;
  layout.canonical = !consecutive;
  layout.wrapped = blank > 0 && multi_groups > 0 && nonblank > 0 && short_lines * 10 >= nonblank * 9;
  return layout;
}

}  // namespace pw::extract::textparse
