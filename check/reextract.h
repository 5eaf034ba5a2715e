// Technical upgrades (`policywatch reextract`): a document's latest text
// re-derived from its stored evidence with today's rules and configuration (a
// changed select / remove / ignore, a new release's extraction). When the text
// differs from the latest version's, it is stored as a new version flagged
// store::kVersionTechnical through AppendDerived: diffed against the latest like
// a check's, never announced (nothing is enqueued), and the next check is diffed
// against it. Nothing stored is ever rewritten: only new rows are added.
//
// With all_versions, every stored version's evidence is re-derived, oldest
// first, and compared with that version's own stored text: an audit of the
// whole history under today's rules (which versions would read differently,
// which fail to re-derive). Past versions stay as they were alerted and no row
// is added for them; only the latest's re-derivation may be stored, as without
// it. (Appending re-derived past versions would make them the newest versions
// and replay old changes as technical ones.)
//
// Safe while the daemon runs: each technical version is one short transaction
// and, when another writer added a version between the read and the write, the
// document is read and re-derived once more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "config/config.h"
#include "diff/diff.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace pw::check {

struct ReextractOptions {
  bool all_versions = false;  // also audit every past version (see above)
  bool dry_run = false;       // compare and report; write nothing
  TimePoint now;              // the date of a technical version
};

enum class ReextractOutcome {
  kUnchanged,  // today's text is the latest version's: nothing to store
  kTechnical,  // it differs: a technical version was stored (or, dry run, would be)
  kNoVersion,  // the document has no version yet: nothing to re-derive
  kFailed,     // the evidence or its extraction failed (see error)
};
const char* ReextractOutcomeName(ReextractOutcome outcome);  // "unchanged", "technical", ...

// all_versions: one past version re-derived.
struct VersionAudit {
  std::int64_t version_id = 0;
  std::int64_t fetched_at = 0;
  bool technical = false;  // the stored version is itself a technical one
  bool differs = false;    // its re-derived text is not its stored text
  std::string error;       // it could not be re-derived: why ("" when it could)
};

struct ReextractReport {
  std::string key;  // company/type
  ReextractOutcome outcome = ReextractOutcome::kFailed;
  std::string error;            // kFailed: what was wrong, naming the version
  std::int64_t from_version = 0;  // the latest version, whose evidence was re-derived
  std::int64_t version_id = 0;    // the technical version stored (0: none, or dry run)
  std::optional<diff::Changeset> changeset;  // kTechnical: from the latest version
  bool extraction_suspect = false;  // the re-derived text looks like a broken extraction
  std::string suspect_reason;
  std::vector<VersionAudit> versions;  // all_versions: every version, oldest first
  int versions_failed = 0;             // ... of which could not be re-derived
};

// Re-derives the document `target` names (it must be in the store: SyncConfig
// first) as described above and fills *report. Returns an error only when the
// store fails; a document whose evidence or extraction fails is a reported
// outcome (kFailed), so that the caller goes on with the others.
Status Reextract(store::Store& store, const Target& target, const ReextractOptions& options,
                 ReextractReport* report);

}  // namespace pw::check
