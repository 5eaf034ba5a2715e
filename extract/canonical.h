// The canonical forms of a Document: Markdown text (what is stored, shown and
// diffed) and JSON (the section tree for `extract --format json` and storage).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "extract/document.h"

namespace pw::extract {

// Canonical Markdown, deterministic byte for byte:
//  - `# Title` first when the title is not empty (not repeated when the first
//    section is the level-1 heading equal to the title);
//  - each section's heading as ATX (`#` x level; levels clamped to 1..6; an
//    empty heading of a level >= 1 is written as bare `##`); the level-0
//    preamble has no heading line;
//  - one block per line, never wrapped: paragraphs as-is, `- ` list items,
//    table rows as `| a | b |`, preformatted text in ``` fences;
//  - exactly one blank line between blocks and headings, a trailing newline
//    (an empty document gives "").
// Text is re-normalised on output. Only what ParseText would otherwise read as
// markup is backslash-escaped, so ParseText gives back the same text and
// ToMarkdown(ParseText(ToMarkdown(d))) == ToMarkdown(d).
std::string ToMarkdown(const Document& doc);

// JSON tree:
// {"title": "...", "sections": [{"heading": "...", "level": 2,
//   "path": ["...", "..."], "blocks": [{"kind": "paragraph"|"list_item"|
//   "table_row"|"preformatted", "text": "..."}], "children": [ ...same... ]}]}
// A section is the child of the nearest preceding section of a lower level.
nlohmann::json ToJson(const Document& doc);

// Inverse of ToJson: flattens the tree back into document order. Returns false
// (and leaves *doc unspecified) if the JSON does not have that shape.
bool FromJson(const nlohmann::json& json, Document* doc);

// Name of a block kind as used in JSON ("paragraph", "list_item", ...).
const char* BlockKindName(BlockKind kind);

// All headings and block text joined by newlines (for word counts, hashing).
std::string DocumentText(const Document& doc);

// The bytes of a document's headings and block texts (ExtractInfo::text_bytes).
size_t TextBytes(const Document& doc);

}  // namespace pw::extract
