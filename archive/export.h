// `policywatch export DIR`: every stored version of every document as a
// Markdown file in a dated tree, with a manifest, for researchers to publish or
// load (pandas: json_normalize(manifest["documents"], "versions", ...)).
//
//   DIR/manifest.json                                  written last (temp + rename)
//   DIR/COMPANY/TYPE/YYYY-MM-DDTHH-MM-SSZ_vID.md       the version's canonical text,
//                                                      byte for byte
//
// manifest.json: {"schema": "policywatch.export.v1", "exported_at", "documents":
// [{"company": {"id", "name"}, "type", "url", "archived", "versions": [{"id",
// "fetched_at" (RFC 3339), "file" (relative), "sha256" (of the file), "bytes",
// "severity" (of the change that created it; null for a first version),
// "technical", "imported", "extraction_suspect"}]}]}.
//
// An export without manifest.json was interrupted. Reads go through the
// store's public read API only: a store opened read-only next to the daemon.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace pw::archive {

struct ExportOptions {
  bool include_archived = true;  // documents no longer configured ("archived": true)
  // Write into a non-empty DIR that holds no previous export (manifest.json).
  // Without it such a DIR is refused; an empty or absent DIR, or a previous
  // export (overwritten in place), is always fine.
  bool force = false;
  std::int64_t now = 0;  // exported_at, unix seconds (0: the clock's)
};

struct ExportResult {
  int documents = 0;       // in the manifest
  int versions = 0;        // files written
  std::int64_t bytes = 0;  // of text written
  // Documents left out, each naming it and why (a company id or type that is
  // not a safe path segment; a version whose text does not match its hash).
  std::vector<std::string> errors;
};

// Exports `store` into `dir`. Fails (nothing promised about DIR but that it has
// no new manifest.json) when DIR is refused, a file cannot be written, or the
// store fails; a document that cannot be exported is left out and listed in
// result->errors, the others exported.
Status Export(store::Store& store, const std::string& dir, const ExportOptions& options,
              ExportResult* result);

}  // namespace pw::archive
