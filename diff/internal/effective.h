// When a change takes effect, and "last updated" dates that move the wrong way
// (diff/README.md, "Effective date").
#pragma once

#include <chrono>

#include "diff/diff.h"

namespace pw::diff {

// Sets cs->effective_date and cs->notice_text from the first sentence of `to`
// that states when it takes effect and that `from` does not have word for word:
// an explicit date, or a period after the new version's "last updated" date
// ("effective 30 days after that date"). A period with no such date leaves
// effective_date empty; a sentence with neither date nor period is not one.
//
// Also: when the "last updated" date of `to` is earlier than that of `from`, or
// more than 30 days after `today`, the section that states it (when it is among
// cs->sections) is at least minor with a reason saying so.
//
// Reads only the title and the sections in cs->sections (and, for a period
// with no changed "last updated" date, the rest of `to` for that date).
void AddEffectiveDate(const extract::Document& from, const extract::Document& to,
                      std::chrono::sys_days today, Changeset* cs);

}  // namespace pw::diff
