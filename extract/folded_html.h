// Text folding: the same Gumbo tree from far fewer characters.
//
// Gumbo tokenizes, checks and copies text one character at a time; on a policy
// page that is most of its work (a 30 KB page of prose: 1.5 ms of parse, of
// which well over 90% is the prose). FoldText replaces each long run of plain
// text with one placeholder character (a code point of the supplementary
// private use planes, which real pages do not contain) before the parse, and
// UnfoldText puts the runs back into the parsed tree's text nodes. The tree is
// the same, node for node and byte for byte, as Gumbo builds from the page
// itself: folded_html_test.cpp checks this on hand-written hostile
// cases, on randomly assembled markup and on the real corpus pages.
//
// Why the tree cannot change. A run is folded only where Gumbo's tokenizer is
// in its data, RCDATA, RAWTEXT or script data state, as FoldText follows it
// with its own light tokenizer (tags and their quoted attributes, comments,
// doctypes, raw-text elements and their end tags). A run never contains the
// characters those states act on ('<', '&', NUL, CR, characters Gumbo
// replaces), never starts right after '<', "</" or a character reference, and
// keeps its leading and trailing whitespace outside the placeholder, so every
// token other than the text itself, and every insertion-mode decision that
// depends on whitespace versus other characters, is the same. Where the
// tokenizer's state depends on tree construction in ways the light tokenizer
// does not follow — inside <svg> and <math> (foreign content; nothing is
// folded there, and a construct that could leave it unexpectedly ends the
// folding), inside <select>, at <frameset>, <plaintext>, CDATA, a script that
// could enter its double-escaped state, invalid UTF-8 — folding stops and the
// rest of the page is parsed as written. Stopping early is always safe.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pw::extract {

struct FoldedHtml {
  std::string html;                    // what Gumbo parses instead of the page
  std::vector<std::string_view> runs;  // runs[i]: the text placeholder i stands for;
                                       // views into the page, which must outlive them
};

// Runs shorter than this stay as they are (a placeholder costs about as much
// as a few characters).
inline constexpr size_t kMinFoldedRun = 6;

// Folds the text runs of `html` into *out. Returns false, with *out cleared,
// when there is nothing worth folding or the page contains placeholder code
// points itself; then parse `html` as it is.
bool FoldText(std::string_view html, FoldedHtml* out);

// Memory for the unfolded texts, which must live as long as the tree.
using FoldAllocator = void* (*)(void* userdata, size_t size);

// Replaces the placeholders in every text node under `root` (the document of a
// parse of FoldedHtml::html) by the runs they stand for.
void UnfoldText(GumboNode* root, const std::vector<std::string_view>& runs,
                FoldAllocator allocate, void* userdata);

}  // namespace pw::extract
