// Test helpers: documents built in code (one level of sections, or explicit paths).
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "diff/diff.h"
#include "extract/document.h"

namespace pw::diff::testing {

struct S {
  std::string heading;
  std::vector<std::string> blocks;
  int level = 2;
};

inline extract::Document Doc(const std::vector<S>& sections) {
  extract::Document d;
  d.title = "Privacy Policy";
  for (const S& s : sections) {
    extract::Section sec;
    sec.heading = s.heading;
    sec.level = s.heading.empty() ? 0 : s.level;
    if (!s.heading.empty()) sec.path = {"Privacy Policy", s.heading};
    for (const std::string& b : s.blocks) sec.blocks.push_back({extract::BlockKind::kParagraph, b});
    d.sections.push_back(std::move(sec));
  }
  return d;
}

inline const SectionChange* Find(const Changeset& cs, const std::string& heading) {
  for (const SectionChange& c : cs.sections) {
    if (!c.path.empty() && c.path.back() == heading) return &c;
  }
  return nullptr;
}

inline bool AnyReasonContains(const SectionChange& c, const std::string& needle) {
  return std::any_of(c.reasons.begin(), c.reasons.end(),
                     [&](const std::string& r) { return r.find(needle) != std::string::npos; });
}

inline bool HasCategory(const SectionChange& c, const std::string& cat) {
  return std::find(c.categories.begin(), c.categories.end(), cat) != c.categories.end();
}

inline std::string AllReasons(const Changeset& cs) {
  std::string out;
  for (const auto& c : cs.sections) {
    for (const auto& r : c.reasons) out += r + "\n";
  }
  return out;
}

}  // namespace pw::diff::testing
