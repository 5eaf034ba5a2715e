// How a plain-text line reads: word counts, Title Case, URLs, and whether it is
// shaped like a heading on its own. Internal to extract/ (plain-text headings
// of ParseText).
#pragma once

#include <cstddef>
#include <string_view>

namespace pw::extract::textparse {

// True if `t` is not empty and its last character is one of `chars`.
bool EndsWithAny(std::string_view t, std::string_view chars);

// The number of runs of non-space characters in `t`.
size_t CountWords(std::string_view t);

// Title Case or ALL CAPS: the first word (past opening quotes or brackets)
// starts with a capital, a digit or a non-ASCII byte, and either every letter
// is a capital (four letters or more), or four in five of the words of four
// letters or more (small words like "with" or "their" aside) are capitalised,
// or there is no such word and there are two words ("Who We Are", not "YES").
bool LooksTitleCased(std::string_view t);

// Contains "://" or '@', or starts with "www.".
bool LooksLikeUrlOrEmail(std::string_view t);

// A short title-like line, judged on its own (no follower check): under 80
// chars and at most 12 words, no terminal '.', ';', ',' or '!', no URL, fewer
// than four digits, starting with a capital, a digit, a quote or '(' (or
// non-ASCII), and Title Case or a question; with a trailing ':' Title Case only.
bool TitleShaped(std::string_view t);

}  // namespace pw::extract::textparse
