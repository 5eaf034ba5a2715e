// Lines into paragraphs (pdf_reflow.h).
#include "extract/internal/pdf_reflow.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "extract/internal/pdf_text.h"

namespace pw::extract::pdf {
namespace {

bool SameStyle(const Line& a, const Line& b) {
  return std::abs(a.size - b.size) <= 0.1 * std::max(a.size, b.size) && a.bold == b.bold;
}

// The usual ratio of baseline gap to font size between consecutive lines of
// one style on one page (the 10th percentile of those between 0.9 and 2.5);
// 1.2 if none.
double LineSpacingRatio(const std::vector<Page>& pages) {
  std::vector<double> ratios;
  for (const Page& page : pages) {
    for (size_t i = 1; i < page.lines.size(); ++i) {
      const Line& a = page.lines[i - 1];
      const Line& b = page.lines[i];
      if (!SameStyle(a, b) || a.size <= 0) continue;
      double r = (b.bottom - a.bottom) / a.size;
      if (r > 0.9 && r < 2.5) ratios.push_back(r);
    }
  }
  if (ratios.empty()) return 1.2;
  // A low percentile: most pairs of lines are inside paragraphs, but in a
  // short document the gaps between paragraphs can be as many.
  auto at = ratios.begin() + static_cast<long>(ratios.size() / 10);
  std::nth_element(ratios.begin(), at, ratios.end());
  return *at;
}

// The width `line`'s first word takes, estimated from its share of the bytes.
double FirstWordWidth(const Line& line) {
  size_t space = line.text.find(' ');
  if (space == std::string::npos || line.text.empty()) return line.right - line.left;
  return (line.right - line.left) * static_cast<double>(space) / static_cast<double>(line.text.size());
}

class Reflower {
 public:
  explicit Reflower(const std::vector<Page>& pages) : pages_(pages), ratio_(LineSpacingRatio(pages)) {
    for (const Page& page : pages)
      for (const Line& line : page.lines) evidence_.AddLine(ExpandLigatures(line.text));
  }

  std::vector<Paragraph> Run() {
    for (size_t p = 0; p < pages_.size(); ++p) {
      for (const Line& line : pages_[p].lines) {
        if (!Continues(line, p)) Flush();
        Add(line, p);
      }
    }
    Flush();
    return std::move(out_);
  }

 private:
  void Add(const Line& line, size_t page) {
    if (cur_.lines == 0) {
      cur_.size = line.size;
      cur_.bold = line.bold;
      first_text_left_ = line.text_left;
      list_ = ListMarkerLength(line.text) > 0;
    } else if (cur_.lines == 1) {
      cont_left_ = line.left;
      if (page == prev_page_ && line.bottom > prev_->bottom) own_gap_ = line.bottom - prev_->bottom;
    }
    AppendLine(&cur_.text, ExpandLigatures(line.text), evidence_);
    ++cur_.lines;
    prev_ = &line;
    prev_page_ = page;
  }

  void Flush() {
    if (cur_.lines > 0) out_.push_back(std::move(cur_));
    cur_ = Paragraph();
    own_gap_ = 0;
  }

  bool Continues(const Line& next, size_t page) const {
    if (cur_.lines == 0) return true;
    const Line& prev = *prev_;
    if (!SameStyle(prev, next)) return false;
    const double em = std::max(1.0, std::max(prev.size, next.size));
    if (ListMarkerLength(next.text) > 0) {
      bool bullet = !(std::isdigit(static_cast<unsigned char>(next.text[0])) || next.text[0] == '(' ||
                      std::islower(static_cast<unsigned char>(next.text[0])));
      if (bullet || list_ || EndsSentence(prev.text)) return false;
    }
    double gap = next.bottom - prev.bottom;
    if (page != prev_page_ || gap < 0.5 * em) {  // a page or column break
      return !EndsSentence(prev.text) || StartsLowercase(next.text);
    }
    if (gap > 1.3 * (own_gap_ > 0 ? own_gap_ : ratio_ * em)) return false;
    double start = cur_.lines >= 2 ? cont_left_ : first_text_left_;
    if (next.left > start + 0.8 * em) return false;
    // A wrapped line leaves no room for the next line's first word.
    return prev.right + FirstWordWidth(next) + em >= next.right;
  }

  const std::vector<Page>& pages_;
  const double ratio_;
  HyphenEvidence evidence_;
  std::vector<Paragraph> out_;
  Paragraph cur_;
  const Line* prev_ = nullptr;
  size_t prev_page_ = 0;
  double first_text_left_ = 0, cont_left_ = 0;
  double own_gap_ = 0;  // baseline gap between the paragraph's first two lines
  bool list_ = false;
};

}  // namespace

std::vector<Paragraph> Reflow(const std::vector<Page>& pages) { return Reflower(pages).Run(); }

}  // namespace pw::extract::pdf
