// Paragraphs into sections (pdf_sections.h).
#include "extract/internal/pdf_sections.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>

#include "extract/internal/normalize.h"
#include "extract/internal/pdf_text.h"
#include "extract/internal/text_layout.h"
#include "extract/internal/text_numbering.h"
#include "extract/internal/text_plain_headings.h"
#include "extract/internal/text_section_builder.h"

namespace pw::extract::pdf {
namespace {

// A font style rounded to half points; bold sorts first at a size.
struct Style {
  long half_points = 0;
  bool bold = false;
  bool operator<(const Style& o) const {
    return half_points != o.half_points ? half_points > o.half_points : bold > o.bold;
  }
};

Style StyleOf(const Paragraph& p) { return {std::lround(p.size * 2), p.bold}; }

Style BodyStyle(const std::vector<Paragraph>& paragraphs) {
  std::map<Style, size_t> chars;
  for (const Paragraph& p : paragraphs) chars[StyleOf(p)] += p.text.size();
  auto best = std::max_element(chars.begin(), chars.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == chars.end() ? Style{} : best->first;
}

bool Styled(const Paragraph& p, const Style& body) {
  if (p.lines > 2 || p.text.size() > 150 || p.text.empty()) return false;
  if (p.text.back() == ',' || p.text.back() == ';') return false;
  double size = p.size * 2, body_size = static_cast<double>(body.half_points);
  return size >= body_size * 1.15 || (p.bold && !body.bold && size >= body_size * 0.95);
}

// Heading levels from PlanPlainHeadings over the paragraphs as blocks.
std::vector<int> PlainLevels(const std::vector<std::string>& texts) {
  std::vector<std::string_view> lines;
  for (const std::string& t : texts) {
    if (!lines.empty()) lines.emplace_back();
    lines.emplace_back(t);
  }
  textparse::Layout layout = textparse::DetectLayout(lines);
  std::vector<int> by_line = textparse::PlanPlainHeadings(lines, layout);
  std::vector<int> levels(texts.size(), 0);
  for (size_t i = 0; i < texts.size() && 2 * i < by_line.size(); ++i) levels[i] = by_line[2 * i];
  return levels;
}

// Levels from the fonts: 0 for unstyled paragraphs.
std::vector<int> StyleLevels(const std::vector<Paragraph>& paragraphs) {
  Style body = BodyStyle(paragraphs);
  std::map<Style, int> rank;
  for (const Paragraph& p : paragraphs)
    if (Styled(p, body)) rank[StyleOf(p)] = 0;
  int next = 1;
  for (auto& [style, level] : rank) level = std::min(6, next++);
  std::vector<int> levels(paragraphs.size(), 0);
  for (size_t i = 0; i < paragraphs.size(); ++i)
    if (Styled(paragraphs[i], body)) levels[i] = rank[StyleOf(paragraphs[i])];
  return levels;
}

// The heading level of paragraph i, 0 when it is body text.
int LevelOf(size_t i, const std::vector<int>& styled, const std::vector<int>& plain,
            bool any_styled, const std::string& text) {
  if (styled[i] > 0) return styled[i];
  if (plain[i] == 0) return 0;
  textparse::Numbering numbering;
  bool numbered = textparse::NumberedHeading(text, &numbering) > 0;
  bool title = i == 0 && plain[i] == 1;
  return !any_styled || numbered || title ? plain[i] : 0;
}

}  // namespace

Document BuildDocument(const std::vector<Paragraph>& paragraphs) {
  std::vector<std::string> texts;
  for (const Paragraph& p : paragraphs) texts.push_back(NormalizeText(p.text));
  std::vector<int> plain = PlainLevels(texts);
  std::vector<int> styled = StyleLevels(paragraphs);
  bool any_styled = std::any_of(styled.begin(), styled.end(), [](int l) { return l > 0; });
  textparse::SectionBuilder builder;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    if (int level = LevelOf(i, styled, plain, any_styled, texts[i])) {
      builder.Heading(level, texts[i]);
    } else if (size_t marker = ListMarkerLength(texts[i])) {
      // A bullet goes; an enumerator ("3.", "(b)", "c)") is the item's number.
      const unsigned char first = static_cast<unsigned char>(texts[i][0]);
      const bool numbered = std::isalnum(first) || first == '(';
      builder.Add(BlockKind::kListItem, numbered ? texts[i] : texts[i].substr(marker));
    } else {
      builder.Add(BlockKind::kParagraph, texts[i]);
    }
  }
  return builder.Take();
}

}  // namespace pw::extract::pdf
