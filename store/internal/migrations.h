// Internal to store/: the migration steps that are code, not SQL (schema.cpp
// runs them between their step's SQL, inside the upgrade's one transaction).
#pragma once

#include "store/internal/schema.h"
#include "store/sqlite.h"
#include "util/status.h"

namespace pw::store {

// v4: re-encodes every version row (text, sections_json and raw_zstd into
// text_z, tree_z and raw_z as deltas against keyframes: version_bodies.h) and
// every change (changeset_json into changeset_z with its categories), oldest
// first. A raw body that no longer decompresses is kept as it was, its version
// made a keyframe, so nothing stored is lost or invented. Tells `progress`
// (when set) about once a second.
Status MigrateBodiesV4(Db* db, const UpgradeProgress& progress);

}  // namespace pw::store
