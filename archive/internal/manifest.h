// manifest.json of an export tree (schema "policywatch.export.v1"): what it
// holds, written by Export and read back by Import.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace pw::archive::internal {

inline constexpr const char* kManifestSchema = "policywatch.export.v1";
inline constexpr const char* kManifestName = "manifest.json";

struct ManifestVersion {
  std::int64_t id = 0;
  std::int64_t fetched_at = 0;  // unix seconds; RFC 3339 in the file
  std::string file;             // relative to the tree, '/'-separated
  std::string sha256;           // of the file's bytes (the canonical text)
  std::int64_t bytes = 0;
  std::string severity;         // of the change that created it; "" (null): none
  bool technical = false;
  bool imported = false;
  bool extraction_suspect = false;
};

struct ManifestDocument {
  std::string company_id;
  std::string company_name;
  std::string type;
  std::string url;
  bool archived = false;
  std::vector<ManifestVersion> versions;  // oldest first
};

struct Manifest {
  std::int64_t exported_at = 0;
  std::vector<ManifestDocument> documents;
};

// The JSON text of `m` (two-space indented, a final newline).
std::string WriteManifest(const Manifest& m);

// Parses manifest.json text. Fails on text that is not JSON or not of our
// schema; a version entry that is malformed (missing field, bad date or hash,
// unsafe file path) is left out and described in *problems ("manifest.json:
// documents[1].versions[3]: ..."), the others kept.
Status ParseManifest(const std::string& text, Manifest* m, std::vector<std::string>* problems);

}  // namespace pw::archive::internal
