// Plain-text headings (text_plain_headings.h).
#include "extract/internal/text_plain_headings.h"

#include <algorithm>

#include "extract/internal/text_blocks.h"
#include "extract/internal/text_chars.h"
#include "extract/internal/text_numbering.h"
#include "extract/internal/text_title_shape.h"

namespace pw::extract::textparse {
namespace {

// Body text under the heading-like line `after`: not title-shaped itself, and
// longer than `after`, ending in '.', ';', ':' or '!', or a list item.
bool IsBodyAfter(std::string_view line, std::string_view after) {
  std::string_view content;
  return !TitleShaped(line) &&
         (line.size() > after.size() || EndsWithAny(line, ".;:!") || ListItem(line, &content));
}

// One pass of PlanPlainHeadings over the trimmed lines: the title first, then
// each line outside fences in order, then the levels of the numbered headings.
class HeadingPlanner {
 public:
  HeadingPlanner(const std::vector<std::string_view>& lines, const Layout& layout)
      : layout_(layout), trimmed_(lines.size()), levels_(lines.size(), 0), none_(lines.size()) {
    for (size_t k = 0; k < lines.size(); ++k) trimmed_[k] = TrimAscii(lines[k]);
  }

  std::vector<int> Run() {
    title_line_ = FindTitle();
    if (title_line_ < none_) levels_[title_line_] = 1;
    bool in_fence = false;
    char fence_char = 0;
    size_t fence_len = 0;
    size_t prev = none_;  // previous non-blank line
    for (size_t k = 0; k < trimmed_.size(); prev = trimmed_[k].empty() ? prev : k, ++k) {
      std::string_view t = trimmed_[k];
      if (in_fence) {
        if (IsFenceClose(t, fence_char, fence_len)) in_fence = false;
        continue;
      }
      if (t.empty() || k == title_line_) continue;
      char fc;
      if (size_t fl = FenceLength(t, &fc)) {
        in_fence = true;
        fence_char = fc;
        fence_len = fl;
        continue;
      }
      Consider(k, prev);
    }
    if (TooFewHeadings()) return std::vector<int>(trimmed_.size(), 0);
    for (const Candidate& c : numbered_) {
      int depth = c.depth + ((any_outline_ && !c.outline) ? 1 : 0);
      levels_[c.line] = std::min(6, 1 + depth);
    }
    return levels_;
  }

 private:
  struct Candidate {
    size_t line;
    int depth;
    bool outline;
  };

  // The first non-blank line after k, or none_.
  size_t NextNonblank(size_t k) const {
    for (size_t m = k + 1; m < trimmed_.size(); ++m)
      if (!trimmed_[m].empty()) return m;
    return none_;
  }

  // The title: first non-blank line (after a bare URL line) if title-like.
  size_t FindTitle() const {
    size_t first = NextNonblank(static_cast<size_t>(-1));
    if (first < none_ && trimmed_[first].substr(0, 4) == "http" &&
        trimmed_[first].find(' ') == std::string_view::npos)
      first = NextNonblank(first);
    if (first >= none_) return none_;
    std::string_view t = trimmed_[first];
    std::string_view content;
    Numbering num;
    if (t.size() < 100 && !EndsWithAny(t, ".;,:") && LooksTitleCased(t) && !ListItem(t, &content) &&
        !LooksLikeUrlOrEmail(t) && NumberedHeading(t, &num) == 0)
      return first;
    return none_;
  }

  // Line k (non-blank, outside fences, not the title), `prev` the non-blank
  // line before it: records it as a numbered candidate or a level-2 heading.
  void Consider(size_t k, size_t prev) {
    if (layout_.wrapped && k > 0 && !trimmed_[k - 1].empty()) return;  // inside a group
    size_t nx = NextNonblank(k);
    if (nx >= none_) return;  // a heading needs text after it
    std::string_view t = trimmed_[k];
    if (layout_.wrapped && nx == k + 1 && !LeadsWrappedGroup(t, trimmed_[nx])) return;
    Numbering num;
    if (int depth = NumberedHeading(t, &num)) {
      ConsiderNumbered(k, prev, nx, num, depth);
      return;
    }
    if (IsUnnumberedHeading(k, prev, nx)) {
      levels_[k] = 2;
      ++unnumbered_;
    }
  }

  // The first line of a longer group is a heading only when it is Title
  // Case (or ALL CAPS) and clearly shorter than the wrapped line under it.
  static bool LeadsWrappedGroup(std::string_view t, std::string_view next) {
    Numbering num;
    std::string_view title = NumberedHeading(t, &num) ? NumberedTitle(t, num) : t;
    return t.size() * 3 <= next.size() * 2 && LooksTitleCased(title);
  }

  // Line k, a heading-shaped numbered line (`num`, `depth`) followed by line nx.
  void ConsiderNumbered(size_t k, size_t prev, size_t nx, const Numbering& num, int depth) {
    std::string_view t = trimmed_[k];
    // "1. We never sell your data to anyone" is a list entry: a numbered
    // line that is not Title Case must be short and lead into longer text.
    if (!num.outline) {
      std::string_view title = NumberedTitle(t, num);
      if (!LooksTitleCased(title) && (CountWords(title) > 8 || trimmed_[nx].size() <= t.size()))
        return;
    }
    // A run of short numbered lines with nothing between is a list (or a
    // table of contents), not a row of empty sections.
    if (NumberedSibling(prev, k, num, 1) || NumberedSibling(nx, k, num, -1)) return;
    numbered_.push_back({k, depth, num.outline});
    any_outline_ = any_outline_ || num.outline;
    std::string_view content;
    list_like_number_ = list_like_number_ || ListItem(t, &content);
  }

  // Whether line m is a heading-shaped numbered line that comes just
  // before (step 1) or just after (step -1) `num` on line k in one sequence:
  // same style and parent number, last number equal or one apart.
  bool NumberedSibling(size_t m, size_t k, const Numbering& num, int step) const {
    Numbering o;
    if (m >= none_ || NumberedHeading(trimmed_[m], &o) != num.depth || o.outline != num.outline)
      return false;
    if (trimmed_[m].substr(0, o.last) != trimmed_[k].substr(0, num.last)) return false;
    return o.value == num.value || o.value + step == num.value;
  }

  // Line k, not numbered: a short title-like line, not one of a run of such
  // lines, followed by body text (possibly after one sub-heading).
  bool IsUnnumberedHeading(size_t k, size_t prev, size_t nx) const {
    std::string_view t = trimmed_[k];
    std::string_view next = trimmed_[nx];
    std::string_view content;
    if (ListItem(t, &content) || t[0] == '|') return false;
    if (!TitleShaped(t)) return false;
    // One of a run of short lines (a list, a flattened table) is no heading.
    if (prev < k && prev != title_line_ && levels_[prev] == 0 && TitleShaped(trimmed_[prev]))
      return false;
    if (IsBodyAfter(next, t)) return true;
    if (!TitleShaped(next)) return false;
    size_t nn = NextNonblank(nx);
    return nn < none_ && IsBodyAfter(trimmed_[nn], next);
  }

  // One blank-line separated layout is also what ToMarkdown writes for a
  // document without headings. There a lone title-like line is weak
  // evidence of structure: ask for a "1. Scope" heading (ToMarkdown escapes
  // such lines in paragraphs) or at least two headings, the title included.
  bool TooFewHeadings() const {
    return layout_.canonical && !list_like_number_ &&
           numbered_.size() + unnumbered_ + (title_line_ < none_ ? 1 : 0) < 2;
  }

  const Layout& layout_;
  std::vector<std::string_view> trimmed_;
  std::vector<int> levels_;
  const size_t none_;  // "no such line"
  size_t title_line_ = 0;
  std::vector<Candidate> numbered_;
  bool any_outline_ = false;
  size_t unnumbered_ = 0;
  bool list_like_number_ = false;  // a heading such as "1. Scope"
};

}  // namespace

std::vector<int> PlanPlainHeadings(const std::vector<std::string_view>& lines, const Layout& layout) {
  HeadingPlanner planner(lines, layout);
  return planner.Run();
}

}  // namespace pw::extract::textparse
