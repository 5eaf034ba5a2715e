// Markdown block syntax, line by line: what ParseText reads as a heading, a
// fence, a thematic break, a list item, a table row or a quote. Internal to
// extract/. Every function takes a line already trimmed of leading and
// trailing ASCII whitespace (TrimAscii).
#pragma once

#include <cstddef>
#include <string_view>

namespace pw::extract::textparse {

// The level of an ATX heading (`#` .. `######` then a space or the end), or 0.
int AtxLevel(std::string_view t);

// The text of an ATX heading of `level`, without an optional closing run of '#'.
std::string_view AtxContent(std::string_view t, int level);

// Fence opener (three or more '`' or '~'; a '`' fence's info string has no
// '`'): returns the fence length and sets *fence_char, or returns 0.
size_t FenceLength(std::string_view t, char* fence_char);

// True if `t` closes a fence of `fence_char` opened with `len` characters.
bool IsFenceClose(std::string_view t, char fence_char, size_t len);

// Three or more '-', '*' or '_' (one kind), spaces allowed between.
bool IsThematicBreak(std::string_view t);

// A setext underline: '=' -> 1, '-' -> 2 (at least three), else 0.
int SetextLevel(std::string_view t);

// List marker (`- `, `* `, `+ `, `1.`, `1)`): sets *content to the trimmed text
// after the marker and returns true, or returns false.
bool ListItem(std::string_view t, std::string_view* content);

// An ordered list line: `1.` or `1)` (up to 9 digits) then a space or the end.
// ParseText keeps its number in the item's text.
bool IsOrderedListItem(std::string_view t);

// A table's `|---|:--|` separator row: only '|', ':', '-' (at least one) and spaces.
bool IsTableSeparator(std::string_view t);

// `t` without its leading '>' quote markers.
std::string_view StripQuote(std::string_view t);

}  // namespace pw::extract::textparse
