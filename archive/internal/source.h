// A tree to import, read into source documents: what Import appends from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/import.h"
#include "util/status.h"

namespace pw::archive::internal {

struct SourceFile {
  std::string path;          // relative to the tree
  std::int64_t at = 0;       // the version's date, unix seconds
  std::int64_t order = 0;    // tie-break for one date (an export's version id)
  std::string sha256;        // expected SHA-256 of the bytes; "" when not known
  std::uint32_t flags = 0;   // store flags carried over (technical, suspect)
};

struct SourceDocument {
  std::string label;         // "Service/Terms Type" or "company/type"
  std::string company;       // service name or company id
  std::string type;          // terms type or document type
  std::vector<SourceFile> files;
};

struct SourceTree {
  std::string layout;        // "policywatch" or "open-terms-archive"
  std::vector<SourceDocument> documents;
  std::vector<FileError> errors;  // entries left out
};

// DIR with manifest.json: the export it lists (manifest.cpp parses it).
Status ReadExportTree(const std::string& dir, SourceTree* tree);

// DIR/SERVICE/TERMS TYPE/DATE.md; a file whose name is not a date is listed in
// tree->errors. Fails when DIR has no such file at all.
Status ReadDatasetTree(const std::string& dir, SourceTree* tree);

// ReadExportTree when DIR has manifest.json, else ReadDatasetTree.
Status ReadSourceTree(const std::string& dir, SourceTree* tree);

}  // namespace pw::archive::internal
