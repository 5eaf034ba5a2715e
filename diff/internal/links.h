// Links in a section's text: Markdown link targets ("[text](target)") and what
// reads as an address rather than as words — visible URLs, domain names, paths,
// e-mail addresses and identifiers ("https://a.example/plans/30-days-trial",
// "office-365/business", "acme.example", "dpo@acme.example", "covid-19").
// Their numbers are not quantities, their capitalised parts not names, their
// words not lexicon terms; a change inside one is a link change (diff/README.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pw::diff {

struct LinkSpan {
  size_t begin = 0, end = 0;  // byte range [begin, end) in the text
  bool target = false;        // a Markdown link target (not shown to a reader)
};

// The link spans of `text`, in order, not overlapping.
std::vector<LinkSpan> LinkSpans(std::string_view text);

// `text` with every visible link span (URL, domain, path, e-mail address,
// identifier) blanked out with spaces; link targets are left to StripMarkup.
std::string WithoutLinks(std::string_view text);

// True if the token (no whitespace) reads as an address or identifier.
bool LooksLikeAddressToken(std::string_view token);

}  // namespace pw::diff
