// Internal to store/: how a version and its change are written, shared by a
// check (check_transaction.cpp) and by versions no check fetched
// (append_version.cpp). Not part of the store's interface.
#pragma once

#include <cstdint>
#include <string>

#include "store/sqlite.h"
#include "store/store.h"
#include "util/status.h"

namespace pw::store {

// The document's latest version: its id and text hash (id 0 when none).
Status ReadLatestVersion(Db* db, std::int64_t document_id, std::int64_t* id, std::string* sha);

// Writes `v` (its text hashed: `text_sha`) as a new version of `document_id`
// fetched at `fetched_at`; sets *version_id.
Status InsertVersion(Db* db, std::int64_t document_id, std::int64_t fetched_at,
                     const NewVersion& v, const std::string& text_sha, std::int64_t* version_id);

// The categories a changeset's sections name, as a JSON array of distinct
// strings ('[]' for none, or for text that is not JSON), from the changeset
// JSON bound as ?7: SQL for an INSERT's or UPDATE's value. Stored beside the
// compressed changeset so that ListChanges filters by category without
// decompressing it.
inline constexpr const char* kCategoriesOfChangeset =
    "(SELECT CASE WHEN json_valid(?7) THEN (SELECT json_group_array(DISTINCT k.value)"
    " FROM json_each(?7, '$.sections') s,"
    " json_each(CASE s.type WHEN 'object' THEN s.value ELSE '{}' END, '$.categories') k"
    " WHERE k.type = 'text') ELSE '[]' END)";

// The stored form of a changeset: one zstd frame.
Status CompressChangeset(const std::string& changeset_json, std::string* compressed);

// Writes `change` as the change from `from_version` (0: none) to `to_version`.
Status InsertChange(Db* db, std::int64_t document_id, const NewChange& change,
                    std::int64_t from_version, std::int64_t to_version, std::int64_t created_at);

}  // namespace pw::store
