#include "diff/internal/reason_rank.h"

#include <algorithm>
#include <array>

namespace pw::diff {
namespace {

struct Kind {
  std::string_view prefix;
  int rank;
};

// By the words a reason starts with (the classify*.cpp rules write them).
constexpr std::array<Kind, 32> kKinds = {{
    {"negation removed", 0},
    {"negation added", 0},
    {"modal changed", 0},
    {"number changed", 1},
    {"new recipient", 2},
    {"recipient removed", 2},
    {"new named party", 2},
    {"contracting entity changed", 2},
    {"named jurisdiction", 2},
    {"scope changed", 3},
    {"paragraph or list item", 3},
    {"list item", 3},
    {"section added", 5},
    {"section removed", 5},
    {"section rewritten", 5},
    {"text added (", 6},
    {"text removed (", 6},
    {"\"last updated\" date", 7},
    {"wording changed", 9},
    {"heading renamed", 9},
    {"heading renumbered", 9},
    {"spelling changed", 9},
    {"text moved", 9},
    {"update notice", 9},
    {"link", 9},
    {"page furniture", 9},
    {"reference to other information", 9},
    {"date stamp", 10},
    {"copyright notice", 10},
    {"formatting only", 10},
    {"heading formatting", 10},
    {"(further changes not listed)", 99},
}};

// A practice's wording ("third-party-sharing wording added (…)").
constexpr int kPracticeWording = 4;
// A reason of a kind not listed above: after the named kinds, before wording.
constexpr int kOther = 8;

}  // namespace

int ReasonRank(std::string_view reason) {
  for (const Kind& kind : kKinds) {
    if (reason.starts_with(kind.prefix)) return kind.rank;
  }
  const size_t space = reason.find(' ');
  if (space != std::string_view::npos && reason.substr(space).starts_with(" wording ")) {
    return kPracticeWording;
  }
  return kOther;
}

void RankReasons(SectionChange* change) {
  std::stable_sort(change->reasons.begin(), change->reasons.end(),
                   [](const std::string& a, const std::string& b) {
                     return ReasonRank(a) < ReasonRank(b);
                   });
}

}  // namespace pw::diff
