// `policywatch import DIR`: versions from a tree into the history of the
// configured documents, so a new installation starts with years of history.
//
// DIR is either
//  - a policywatch export (archive/export.h): DIR/manifest.json lists each
//    document's company id, type and versions (file, date, SHA-256, flags); or
//  - an Open Terms Archive dataset release: DIR/SERVICE/TERMS TYPE/DATE.md,
//    DATE an ISO 8601 UTC time as "2021-05-14T10-23-45Z" (colons accepted, a
//    fraction of a second dropped). Files at the top (README.md, LICENSE) are
//    not versions.
//
// Each source document goes to a configured document: in an export, the same
// company id and type; in a dataset, the company whose id or name equals the
// service name (letter case ignored; or whose id is the service name as a slug,
// "Mistral Media" -> "mistral-media") and, of its types, the first of
// "Privacy Policy" -> privacy-policy, privacy; "Terms of Service" ->
// terms-of-service, terms, tos; "Cookies Policy" -> cookie-policy,
// cookies-policy; any other terms type -> its slug. ImportOptions::map
// overrides both. Source documents that match nothing are listed, not guessed.
//
// Each version file is read as Markdown (text/markdown), extracted and
// appended, oldest first, through check::AppendDerived with
// store::kVersionImported and its date: diffed like a check, never alerted
// (nothing enqueued). A version is appended only when it is newer than the
// document's latest stored version and its text differs from the one before;
// so importing into a fresh installation gives the whole history, and
// importing again adds nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "store/store.h"
#include "util/status.h"

namespace pw::archive {

struct ImportOptions {
  bool dry_run = false;  // read, extract and count; write nothing (no SyncConfig either)
  // "SOURCE=TARGET": SOURCE a service ("Mistral Media") or a service and terms
  // type ("Mistral Media/Privacy Policy") or, for an export, "company/type";
  // TARGET a configured company id or "company/type". An entry naming a type
  // wins over one naming the service alone.
  std::vector<std::string> map;
  std::int64_t now = 0;  // for SyncConfig, unix seconds (0: the clock's)
};

// A file that could not be imported: its path relative to DIR, and why.
struct FileError {
  std::string path;
  std::string message;
};

struct ImportedDocument {
  std::string key;     // "company/type" it went to
  std::string source;  // the source document ("Service/Terms Type" or "company/type")
  int appended = 0;    // versions added (dry run: that would be)
  int unchanged = 0;   // text identical to the version before: skipped
  int present = 0;     // already in the history (same date and text): skipped
  int older = 0;       // not newer than the latest stored version: skipped
  int failed = 0;      // unreadable or invalid files (in ImportResult::errors)
};

struct ImportResult {
  std::string layout;  // "policywatch" or "open-terms-archive"
  std::vector<ImportedDocument> documents;
  std::vector<std::string> unmatched;  // "SOURCE: why", one per source document
  std::vector<FileError> errors;       // bad files and manifest entries
  int Appended() const;
};

// Imports `dir` into `store` for the documents of `config` (synced into the
// store first, as the daemon does). Fails when DIR is not a tree of either
// layout, a --map entry is malformed, or the store cannot be read or synced;
// a bad file is listed in result->errors and the others go on. A version the
// store refuses to append (a write error, or another writer adding a version
// meanwhile) is listed too, and ends that document's import: run it again.
Status Import(store::Store& store, const config::Config& config, const std::string& dir,
              const ImportOptions& options, ImportResult* result);

}  // namespace pw::archive
