// Renderers of a Changeset: terminal text, Markdown, HTML (for email), and the
// changeset JSON of SPEC.md ("policywatch.changeset.v1") with its inverse.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diff/diff.h"

namespace pw::diff {

// Plain text for a terminal. With `color`, ANSI red/green for deleted/inserted
// words; without, wdiff-style markers "[-old-]" and "{+new+}". Long unchanged
// runs are elided in the middle (" … ").
std::string RenderText(const Changeset& changeset, bool color);

// Markdown: one "###" heading per changed section, reasons as a list, the word
// diff as "~~deleted~~" and "**inserted**" with the text's own markup escaped.
std::string RenderMarkdown(const Changeset& changeset);

// An HTML fragment (a <div>) that reads in an email client: inline styles only,
// <del>/<ins> for the word diff, everything from the documents escaped.
std::string RenderHtml(const Changeset& changeset);

// `text` with what Markdown would read as markup backslash-escapes (\ * _ ~ [ ] `
// < > # |). RenderMarkdown's escape.
std::string EscapeMarkdown(std::string_view text);

// `text` safe inside HTML text and attribute values: & < > " ' as character
// references, and each newline as "<br>\n". RenderHtml's escape; also used for
// the notification emails.
std::string EscapeHtml(std::string_view text);

// An alert's first line: the title of the leading section's practice (its first
// category, else its heading) and its strongest reason, e.g. `Sharing: "We do not
// sell" -> "We may sell"`. The leading section is the most severe one, then the
// one whose first reason ranks highest. Empty when no section has a reason.
std::string Headline(const Changeset& changeset);

// "Takes effect 2027-03-01: "<notice_text>"" when the changeset has a notice
// (the date left out when not determined); empty otherwise.
std::string EffectiveLine(const Changeset& changeset);

// The changeset JSON: {"schema": "policywatch.changeset.v1", "severity", "summary",
// "sections": [{"status", "path", "old_path", "severity", "categories",
// "category_evidence": [{"category", "phrase"}] (same order as categories), "reasons",
// "words_added", "words_removed", "diff": [{"op": "equal|insert|delete", "text"}]}],
// and when they have a value "headline" (Headline(), derived: FromJson ignores it),
// "effective_date" and "notice_text". The diff is complete (never elided).
nlohmann::json ToJson(const Changeset& changeset);

// Inverse of ToJson. Returns false, with *error naming the bad field, on JSON that
// is not a changeset of this schema; *out is then unspecified.
bool FromJson(const nlohmann::json& json, Changeset* out, std::string* error = nullptr);

// Equal text longer than `max` bytes shortened to its start and end around " … "
// (cut at spaces, UTF-8 safe). Used by the renderers.
std::string ElideMiddle(const std::string& text, size_t max = 320);

}  // namespace pw::diff
