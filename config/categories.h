// The categories of a change (diff/README.md, "Categories"): the practice a
// changed section states. Channels route by them (`categories = [...]`).
#pragma once

#include <string_view>
#include <vector>

namespace pw::config {

// Every category name, e.g. "third-party-sharing", "data-retention", "other".
const std::vector<std::string_view>& CategoryNames();

}  // namespace pw::config
