#include "extract/internal/ignore.h"

#include "extract/internal/normalize.h"

namespace pw::extract {
namespace {

std::string Strip(const std::vector<std::regex>& rules, const std::string& text) {
  std::string out = text;
  bool changed = false;
  for (const std::regex& re : rules) {
    if (!std::regex_search(out, re)) continue;
    out = std::regex_replace(out, re, " ");
    changed = true;
  }
  return changed ? NormalizeText(out) : out;
}

}  // namespace

Status IgnoreRules::Compile(const std::vector<std::string>& regexes) {
  rules_.clear();
  std::vector<std::regex> rules;
  for (const std::string& pattern : regexes) {
    if (pattern.empty()) return Status::Error("ignore: empty regex");
    try {
      rules.emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      return Status::Error("ignore: invalid regex '" + pattern + "': " + e.what());
    }
  }
  rules_ = std::move(rules);
  return Status::Ok();
}

void IgnoreRules::Apply(Document* doc) const {
  if (rules_.empty()) return;
  doc->title = Strip(rules_, doc->title);
  std::vector<std::pair<int, std::string>> stack;
  for (Section& s : doc->sections) {
    s.heading = Strip(rules_, s.heading);
    std::vector<Block> kept;
    kept.reserve(s.blocks.size());
    for (Block& b : s.blocks) {
      if (b.kind == BlockKind::kPreformatted) {
        std::string out = b.text;
        for (const std::regex& re : rules_) out = std::regex_replace(out, re, "");
        b.text = NormalizePreformatted(out);
      } else {
        b.text = Strip(rules_, b.text);
      }
      if (!b.text.empty()) kept.push_back(std::move(b));
    }
    s.blocks = std::move(kept);
    // Rebuild the path from the (possibly changed) headings.
    if (s.level <= 0) {
      s.path.clear();
      if (!s.heading.empty()) s.path.push_back(s.heading);
      continue;
    }
    while (!stack.empty() && stack.back().first >= s.level) stack.pop_back();
    stack.emplace_back(s.level, s.heading);
    s.path.clear();
    for (auto& [level, heading] : stack) s.path.push_back(heading);
  }
}

Status ApplyIgnore(Document* doc, const std::vector<std::string>& regexes) {
  IgnoreRules rules;
  Status st = rules.Compile(regexes);
  if (!st.ok()) return st;
  rules.Apply(doc);
  return Status::Ok();
}

}  // namespace pw::extract
