// The Levenshtein distance of two byte strings: the fewest single-byte
// insertions, deletions and substitutions that turn one into the other. Domain
// free: config/ uses it to suggest a near-miss key, diff/ to spot a typo fix.
#pragma once

#include <cstddef>
#include <string_view>

namespace pw {

// Bytes are compared as they are (no case folding, no UTF-8 decoding).
// O(a.size() * b.size()) time, O(b.size()) memory.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace pw
