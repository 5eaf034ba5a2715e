#include "config/severity.h"

#include <catch2/catch.hpp>

TEST_CASE("severity: names round-trip and order") {
  for (auto s : {pw::Severity::kNone, pw::Severity::kCosmetic, pw::Severity::kMinor,
                 pw::Severity::kMaterial}) {
    CHECK(pw::ParseSeverity(pw::SeverityName(s)) == s);
  }
  CHECK(pw::Severity::kCosmetic < pw::Severity::kMaterial);
  CHECK_FALSE(pw::ParseSeverity("Material").has_value());
  CHECK_FALSE(pw::ParseSeverity("").has_value());
}
