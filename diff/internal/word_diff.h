// Word-level diff of two texts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"

namespace pw::diff {

// Splits text into tokens that reassemble to it exactly: each token is a word (letters
// and digits, with inner apostrophes: "don't"), or one other character, followed by
// the run of whitespace after it. Leading whitespace is a token of its own.
std::vector<std::string_view> Tokenize(std::string_view text);

// True if the token starts with a letter or digit.
bool IsWordToken(std::string_view token);

// True if `text` has a word token (a letter or digit); no token list built.
bool ContainsWord(std::string_view text);

// The number of word tokens of Tokenize(text); no token list built.
int CountWordTokens(std::string_view text);

// Diff of the token sequences of `a` and `b`, as merged segments (no two adjacent
// segments share an op; a delete comes before the insert that replaces it).
// Myers for small edit distances; for larger ones, unique common tokens are used as
// anchors (patience) and what remains unaligned becomes delete+insert. Bounded: the
// work is O((n + m) log(n + m) + D_max^2) per region, never quadratic in n.
std::vector<Segment> WordDiff(std::string_view a, std::string_view b);

}  // namespace pw::diff
