// `ignore` rules: regexes of volatile text ("Effective Date: ...") removed from a
// document before it is stored or compared.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "extract/document.h"
#include "util/status.h"

namespace pw::extract {

class IgnoreRules {
 public:
  // Compiles each ECMAScript regex. On error, names the bad pattern and why;
  // no rule is kept then.
  Status Compile(const std::vector<std::string>& regexes);

  // Removes every match of every rule (in order) from each heading and block
  // text, re-normalises, and drops blocks that become empty. Paths are rebuilt.
  // Headings that become empty stay (as empty headings) so the tree holds.
  void Apply(Document* doc) const;

  bool empty() const { return rules_.empty(); }

 private:
  std::vector<std::regex> rules_;
};

// Compile + Apply in one call.
Status ApplyIgnore(Document* doc, const std::vector<std::string>& regexes);

}  // namespace pw::extract
