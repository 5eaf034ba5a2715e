// The section tree of ParseText (text_section_builder.h).
#include "extract/internal/text_section_builder.h"

#include <algorithm>

namespace pw::extract::textparse {

void SectionBuilder::Heading(int level, std::string text) {
  level = std::clamp(level, 1, 6);
  if (!seen_heading_ && level == 1) doc_.title = text;
  seen_heading_ = true;
  while (!stack_.empty() && stack_.back().first >= level) stack_.pop_back();
  stack_.emplace_back(level, text);
  Section s;
  s.level = level;
  s.heading = std::move(text);
  for (auto& [l, h] : stack_) s.path.push_back(h);
  doc_.sections.push_back(std::move(s));
}

void SectionBuilder::Add(BlockKind kind, std::string text) {
  if (text.empty()) return;
  if (doc_.sections.empty()) doc_.sections.push_back(Section{});
  doc_.sections.back().blocks.push_back(Block{kind, std::move(text)});
}

Document SectionBuilder::Take() { return std::move(doc_); }

}  // namespace pw::extract::textparse
