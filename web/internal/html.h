// The web view's HTML: one page frame (light and dark, readable on a phone, no
// script), escaping, and the small pieces several pages show. Internal to web/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pw::web {

// `text` safe in HTML text and attribute values (diff::EscapeHtml: & < > " '
// as references, newlines as <br>). Everything that came from a watched page
// or the config goes through it.
std::string Esc(std::string_view text);

// The page frame around `body`: <!doctype html>, <title>, the style sheet, a
// header with the site name linking to the overview.
std::string Page(std::string_view title, std::string_view body);

// <span class="sev sev-material">material</span>; "" severities read "first".
std::string SeverityBadge(std::string_view severity);

// " <span class="technical">technical upgrade (no alert)</span>" for a version
// whose flags say technical (re-derived by `reextract`), "" otherwise.
std::string TechnicalLabel(std::uint32_t version_flags);

// "2026-12-05 10:00 UTC" in a <time datetime="RFC 3339"> element; "never" for 0.
std::string TimeTag(std::int64_t unix_seconds);

// "3 hours ago", "in 2 days", "just now", relative to `now`.
std::string Ago(std::int64_t unix_seconds, std::int64_t now);

}  // namespace pw::web
