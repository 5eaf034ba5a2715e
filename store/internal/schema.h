// The database schema and its migrations, versioned by PRAGMA user_version.
//
// Conventions: every time is UTC unix seconds in an INTEGER column (0 or NULL
// when unknown); attempts.outcome is a small integer code (see AttemptOutcome in
// store/store.h; the view attempts_readable spells it out) to keep the row that
// every check adds small.
#pragma once

#include <cstdint>
#include <functional>

#include "store/sqlite.h"
#include "util/status.h"

namespace pw::store {

// The schema version this code reads and writes.
int CurrentSchemaVersion();

// Told, during an upgrade that rewrites rows, how many of them are done: about
// once a second (StoreOptions::upgrade_progress).
using UpgradeProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Applies the migration steps from the file's user_version up to `target`, all
// in one transaction with the user_version bump: all of them, or none. Fails,
// naming the file, when the file is newer than this code or not a database.
Status MigrateTo(Db* db, int target, const UpgradeProgress& progress = nullptr);

// Reads user_version and fails unless it equals CurrentSchemaVersion(); for
// read-only connections, which must not migrate.
Status CheckSchemaVersion(Db* db);

}  // namespace pw::store
