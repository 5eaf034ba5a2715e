// Severity of a change between two versions of a document (SPEC.md, "Severity"):
// the scale users filter channels by (min_severity) and the diff assigns.
// Ordered: none < cosmetic < minor < material, so channels can filter by minimum.
#pragma once

#include <optional>
#include <string_view>

namespace pw {

enum class Severity { kNone = 0, kCosmetic = 1, kMinor = 2, kMaterial = 3 };

// "none", "cosmetic", "minor", "material".
std::string_view SeverityName(Severity s);

// Inverse of SeverityName; nullopt for anything else (case-sensitive).
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace pw
