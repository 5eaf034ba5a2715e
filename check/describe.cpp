// DescribeResult: one line per check for a user.
#include "check/check.h"

namespace pw::check {
namespace {

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string DescribeResult(const CheckResult& r) {
  std::string line = r.key + ": ";
  switch (r.outcome) {
    case store::AttemptOutcome::kFailed:
      return line + "failed: " + r.error;
    case store::AttemptOutcome::kNotModified:
      return line + "unchanged (304 not modified)";
    case store::AttemptOutcome::kUnchanged:
      return line + "unchanged";
    case store::AttemptOutcome::kNew:
      line += "new (version " + std::to_string(r.version_id) + ")";
      break;
    case store::AttemptOutcome::kChanged: {
      Severity sev = r.changeset ? r.changeset->severity : Severity::kCosmetic;
      line += "changed (" + std::string(SeverityName(sev)) + ", version " +
              std::to_string(r.previous_version_id) + " -> " + std::to_string(r.version_id) + ")";
      if (r.changeset) {
        const auto& sum = r.changeset->summary;
        std::vector<std::string> parts;
        if (sum.sections_added) parts.push_back(Plural(sum.sections_added, "section") + " added");
        if (sum.sections_removed) parts.push_back(Plural(sum.sections_removed, "section") + " removed");
        if (sum.sections_modified) parts.push_back(Plural(sum.sections_modified, "section") + " modified");
        if (sum.sections_moved) parts.push_back(Plural(sum.sections_moved, "section") + " moved");
        if (sum.sections_renamed) parts.push_back(Plural(sum.sections_renamed, "section") + " renamed");
        for (size_t i = 0; i < parts.size(); ++i) line += (i == 0 ? ": " : ", ") + parts[i];
      }
      break;
    }
  }
  if (r.extraction_suspect) line += " [extraction suspect: " + r.suspect_reason + "]";
  return line;
}

}  // namespace pw::check
