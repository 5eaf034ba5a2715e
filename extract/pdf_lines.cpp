// Words into lines (pdf_lines.h).
#include "extract/internal/pdf_lines.h"

#include <algorithm>
#include <map>

#include "extract/internal/pdf_text.h"
#include "util/ascii.h"

namespace pw::extract::pdf {
namespace {

// Whether `w` continues the line whose last word is `prev`.
bool SameLine(const Word& prev, const Word& w) {
  double middle = (w.top + w.bottom) / 2;
  if (middle < prev.top || middle > prev.bottom) return false;
  return w.left >= prev.left;
}

// Counts characters by font size and boldness while a line is built.
class StyleTally {
 public:
  void Add(const Word& w) {
    double chars = static_cast<double>(w.text.size());
    by_size_[static_cast<long>(w.size * 2 + 0.5)] += chars;  // half points
    (w.bold ? bold_ : regular_) += chars;
  }
  double Size() const {
    auto best = std::max_element(by_size_.begin(), by_size_.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    return best == by_size_.end() ? 0 : static_cast<double>(best->first) / 2;
  }
  bool Bold() const { return bold_ > regular_; }

 private:
  std::map<long, double> by_size_;
  double bold_ = 0, regular_ = 0;
};

Line MakeLine(const std::vector<Word>& words, size_t begin, size_t end) {
  Line line;
  StyleTally tally;
  line.left = words[begin].left;
  line.top = words[begin].top;
  line.bottom = words[begin].bottom;
  for (size_t i = begin; i < end; ++i) {
    const Word& w = words[i];
    if (i > begin) {
      const Word& prev = words[i - 1];
      if (prev.space_after || w.left - prev.right > 0.15 * std::max(1.0, w.size)) line.text += ' ';
    }
    line.text += w.text;
    line.left = std::min(line.left, w.left);
    line.top = std::min(line.top, w.top);
    line.bottom = std::max(line.bottom, w.bottom);
    line.right = std::max(line.right, w.right);
    tally.Add(w);
  }
  line.size = tally.Size();
  line.bold = tally.Bold();
  bool marker = end - begin > 1 && ListMarkerLength(words[begin].text + " ") > 0;
  line.text_left = marker ? words[begin + 1].left : line.left;
  return line;
}

}  // namespace

std::vector<Line> GroupLines(const std::vector<Word>& words) {
  std::vector<Line> lines;
  size_t begin = 0;
  for (size_t i = 1; i <= words.size(); ++i) {
    if (i < words.size() && SameLine(words[i - 1], words[i])) continue;
    if (i > begin) lines.push_back(MakeLine(words, begin, i));
    begin = i;
  }
  return lines;
}

bool BoldFontName(std::string_view name) {
  size_t plus = name.find('+');
  if (plus != std::string_view::npos) name.remove_prefix(plus + 1);
  std::string lower = AsciiLower(name);
  for (const char* w : {"bold", "black", "heavy", "semibold"}) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

}  // namespace pw::extract::pdf
