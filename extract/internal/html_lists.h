// Ordered-list markers of HTML <li> items, numbered as a browser numbers them,
// so that "Section 3(b)" still finds item b) in the canonical text. Internal to
// extract/ (the HTML converter).
//
//  - an item of an <ol> gets "3." (type 1, the default), "c)" (type a / A:
//    a..z, aa, ab... in the list's case) or "iv." (type i / I, 1..3999);
//    values the type cannot write (<= 0, roman > 3999) are written in decimal;
//  - <ol start=N> is the first value; <ol reversed> counts down, from the
//    number of its items unless `start` says otherwise; <li value=N> sets the
//    item's value and the next ones follow it; <li type=...> overrides the
//    list's type for that item;
//  - items of <ul>/<menu>, of an <ol> styled `list-style: none` inline, or not
//    inside a list have no marker. Nested lists number on their own.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace pw::extract {

// Numbers the <li> of a page; call MarkerOf once per item, in document order.
class ListNumbering {
 public:
  // "3.", "c)", "iv." or "" (see above).
  std::string MarkerOf(const GumboNode* li);

 private:
  struct ListState {
    long next = 1;
    int step = 1;
    char type = '1';
  };
  ListState& StateOf(const GumboNode* ol);
  std::unordered_map<const GumboNode*, ListState> lists_;
};

// `value` written as a marker of list type `type` ('1', 'a', 'A', 'i', 'I').
std::string FormatListMarker(long value, char type);

// True if `text` opens with its own enumerator ("1.", "2)", "1.2", "(a)", "b)",
// "iv.", "IV)") followed by a space or the end: the page numbered the item in
// its text, and a marker would say the number twice.
bool StartsWithEnumerator(std::string_view text);

}  // namespace pw::extract
