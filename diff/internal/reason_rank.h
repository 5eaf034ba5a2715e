// The order of a section's reasons: the strongest first, so that the first one
// a reader sees (and an alert's first line) is the one that decides.
#pragma once

#include <string_view>

#include "diff/diff.h"

namespace pw::diff {

// 0 for the strongest kind of reason (a negation or modal flipped), then a
// number changed, a party or forum, the scope or a list item, a practice's
// wording, a section added or removed, long text, the formatting-only kinds
// last; "(further changes not listed)" after everything.
int ReasonRank(std::string_view reason);

// Reorders change->reasons by ReasonRank, keeping the order of equal ranks.
void RankReasons(SectionChange* change);

}  // namespace pw::diff
