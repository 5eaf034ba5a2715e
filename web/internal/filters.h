// The query parameters every list of changes takes (pages, feeds, API):
// ?min_severity=, ?category=, ?since=, ?before= and ?limit=. Internal to web/.
#pragma once

#include <string>

#include "store/store.h"
#include "web/internal/request.h"

namespace pw::web {

inline constexpr int kMaxLimit = 500;

// Reads the parameters into `filter` (leaving the rest as it is):
//   min_severity  none | cosmetic | minor | material
//   category      one of config::CategoryNames()
//   since         "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" or unix seconds
//   before        a change id (the next page starts below it)
//   limit         1 .. kMaxLimit (absent: the filter's own limit)
// Returns "" or a message naming the parameter and what is wrong (a 400).
std::string ReadChangeFilter(const Request& request, store::ChangeFilter* filter);

// "2026-12-01", "2026-12-01T10:00:00Z" or "1764547200" as unix seconds; false
// for anything else.
bool ParseTimeParam(const std::string& text, std::int64_t* unix_seconds);

// "min_severity=minor&category=data-retention" for the filter's severity and
// category (what a link to another page of the same list keeps); "" for none.
std::string FilterQuery(const store::ChangeFilter& filter);

}  // namespace pw::web
