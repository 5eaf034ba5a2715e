// The section tree of ParseText, built block by block in reading order.
// Internal to extract/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "extract/document.h"

namespace pw::extract::textparse {

class SectionBuilder {
 public:
  // Opens a section of `level` (clamped to 1..6) headed `text`. Its path is
  // the headings of the open sections of lower levels plus its own. The first
  // heading, when of level 1, is also Document::title.
  void Heading(int level, std::string text);

  // Appends a block to the current section, opening the level-0 section with
  // an empty heading when no section is open yet. Empty text is dropped.
  void Add(BlockKind kind, std::string text);

  // The document built so far; the builder is spent afterwards.
  Document Take();

 private:
  Document doc_;
  bool seen_heading_ = false;
  std::vector<std::pair<int, std::string>> stack_;  // open sections: level, heading
};

}  // namespace pw::extract::textparse
