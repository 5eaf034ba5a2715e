// One version file of a tree, read and extracted as Import appends it.
#pragma once

#include <string>

#include "archive/internal/source.h"
#include "extract/document.h"
#include "util/status.h"

namespace pw::archive::internal {

struct ReadVersion {
  std::string body;         // the file's bytes (stored as the version's evidence)
  extract::Document doc;    // extracted as text/markdown
  std::string text_sha256;  // of extract::ToMarkdown(doc): the version's identity
};

// Reads `file` under `dir`: refused when its path leads outside DIR; fails when
// it cannot be read, does not match the expected SHA-256, is not UTF-8 or holds
// no text. Errors are phrased to follow the file's path.
Status ReadVersionFile(const std::string& dir, const SourceFile& file, ReadVersion* out);

}  // namespace pw::archive::internal
