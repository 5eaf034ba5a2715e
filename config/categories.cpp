#include "config/categories.h"

namespace pw::config {

const std::vector<std::string_view>& CategoryNames() {
  static const std::vector<std::string_view> kNames = {
      "first-party-collection", "third-party-sharing", "user-choice", "user-access",
      "data-retention", "data-security", "policy-change", "do-not-track",
      "international-audiences", "specific-audiences", "eligibility", "arbitration",
      "liability", "termination", "governing-law", "content-licence", "fees",
      "acceptable-use", "other"};
  return kNames;
}

}  // namespace pw::config
