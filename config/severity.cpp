#include "config/severity.h"

namespace pw {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kNone: return "none";
    case Severity::kCosmetic: return "cosmetic";
    case Severity::kMinor: return "minor";
    case Severity::kMaterial: return "material";
  }
  return "none";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "none") return Severity::kNone;
  if (name == "cosmetic") return Severity::kCosmetic;
  if (name == "minor") return Severity::kMinor;
  if (name == "material") return Severity::kMaterial;
  return std::nullopt;
}

}  // namespace pw
