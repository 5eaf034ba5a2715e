// A section's word diff as a two-column table (side_by_side.cpp). Internal to web/.
#pragma once

#include <string>
#include <vector>

#include "diff/diff.h"

namespace pw::web {

// Old text left with <del> words, new text right with <ins> words, every text
// escaped; rows break where unchanged text breaks a line.
std::string SideBySide(const std::vector<diff::Segment>& segments);

}  // namespace pw::web
