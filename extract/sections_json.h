// The section tree as stored with every version: the JSON of canonical.h's
// ToJson, written and read without building a JSON tree in memory (for a page of
// policy text that costs more than extracting it). Both directions are checked
// against nlohmann::json in sections_json_test.cpp.
#pragma once

#include <string>
#include <string_view>

#include "extract/document.h"

namespace pw::extract {

// Exactly the bytes of ToJson(doc).dump(): keys in alphabetical order, no
// whitespace, strings escaped as nlohmann::json escapes them (", \, control
// characters; other UTF-8 as it is). `doc`'s text must be valid UTF-8, as
// extraction's normalised text always is.
std::string WriteSectionsJson(const Document& doc);

// Reads what WriteSectionsJson (or ToJson(...).dump(), with any whitespace and
// key order) wrote into *doc, in document order. Returns false, leaving *doc
// unspecified, on text that is not JSON or not a document of that shape: the
// inputs FromJson refuses, JSON syntax errors, invalid UTF-8, and (unlike a JSON
// parser, which keeps the last) a known key given twice.
bool ReadSectionsJson(std::string_view json, Document* doc);

}  // namespace pw::extract
