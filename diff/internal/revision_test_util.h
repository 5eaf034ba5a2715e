// Test helpers for revision pairs written as Markdown: an edit of a base text,
// the diff of two texts through extract::ParseText (as `policywatch diff
// --files` on Markdown), and a severity expectation with the reasons shown.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "diff/diff.h"
#include "diff/internal/test_util.h"
#include "extract/text.h"

namespace pw::diff::testing {

// `text` with the first `from` replaced by `to` (which must occur).
inline std::string Replace(const std::string& text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.substr(0, pos) + to + text.substr(pos + from.size());
}

inline Changeset DiffText(const std::string& a, const std::string& b) {
  return Compare(extract::ParseText(a), extract::ParseText(b));
}

// The severity of a -> b is `want`; `reason`, when given, is in the reasons.
inline void ExpectSeverity(const std::string& a, const std::string& b, Severity want,
                           const std::string& reason = "") {
  Changeset cs = DiffText(a, b);
  INFO(AllReasons(cs));
  CHECK(SeverityName(cs.severity) == SeverityName(want));
  if (!reason.empty()) CHECK(AllReasons(cs).find(reason) != std::string::npos);
}

}  // namespace pw::diff::testing
