// Which configured document a source document goes to (archive/import.h
// describes the rules and the terms type mapping).
#pragma once

#include <string>
#include <vector>

#include "archive/internal/source.h"
#include "config/config.h"
#include "util/status.h"

namespace pw::archive::internal {

// One --map entry, "SOURCE=TARGET" (ImportOptions::map).
struct MapEntry {
  std::string service;  // as in the tree (compared ignoring letter case)
  std::string type;     // "": any terms type of the service
  std::string company;  // configured company id
  std::string target_type;  // "": by the default mapping within `company`
};

// Parses "SOURCE=TARGET"; errors quote the entry.
Status ParseMapEntry(const std::string& spec, MapEntry* out);

// "Mistral Media" -> "mistral-media": ASCII letters lower-cased, digits kept,
// any other run of characters one '-', none at either end.
std::string Slug(const std::string& name);

// Sets *company and *type to the configured document `source` goes to and
// returns ""; else returns why none (the source is then listed, not guessed).
std::string MatchDocument(const config::Config& config, const std::string& layout,
                          const SourceDocument& source, const std::vector<MapEntry>& map,
                          std::string* company, std::string* type);

}  // namespace pw::archive::internal
