#include "store/internal/schema.h"

#include "store/internal/migrations.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

namespace pw::store {
namespace {

// Step N takes the schema from version N-1 to N: SQL, then (when set) code,
// then more SQL. Never edit a released step; append a new one.
struct Step {
  const char* sql;
  Status (*code)(Db* db, const UpgradeProgress& progress) = nullptr;
  const char* sql_after = nullptr;
};

const Step kSteps[] = {
    // v1: everything.
    {R"sql(
CREATE TABLE companies (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  archived_at INTEGER                    -- NULL while in the config
);
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  company_id  TEXT NOT NULL REFERENCES companies(id),
  type        TEXT NOT NULL,
  url         TEXT NOT NULL,
  archived_at INTEGER,
  UNIQUE (company_id, type)
);
-- One row per fetch attempt; kept lean (see bench_store_growth).
CREATE TABLE attempts (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id),
  started_at    INTEGER NOT NULL,
  duration_ms   INTEGER NOT NULL,
  outcome       INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 4),
  http_status   INTEGER,
  bytes         INTEGER,
  error_kind    TEXT,
  error_message TEXT
);
CREATE TABLE versions (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id),
  fetched_at    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,            -- of the canonical text
  text          TEXT NOT NULL,            -- canonical Markdown
  sections_json TEXT NOT NULL,
  raw_sha256    TEXT NOT NULL,            -- of the body as fetched
  raw_zstd      BLOB NOT NULL,
  raw_size      INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  flags         INTEGER NOT NULL DEFAULT 0  -- bit 0: extraction suspect
);
CREATE INDEX versions_by_document ON versions(document_id, id);
CREATE TABLE changes (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id),
  from_version   INTEGER REFERENCES versions(id),   -- NULL for a first version
  to_version     INTEGER NOT NULL UNIQUE REFERENCES versions(id),
  severity       TEXT NOT NULL,
  changeset_json TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  delivery_id     TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL,
  event_type      TEXT NOT NULL,
  document_id     INTEGER REFERENCES documents(id),
  payload_json    TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'delivered', 'failed')),
  delivered_at    INTEGER
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE TABLE document_state (
  document_id          INTEGER PRIMARY KEY REFERENCES documents(id),
  next_check_at        INTEGER NOT NULL DEFAULT 0,
  last_check_at        INTEGER,
  last_change_at       INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  etag                 TEXT,
  last_modified        TEXT,
  last_raw_sha256      TEXT,
  last_version_id      INTEGER REFERENCES versions(id),
  unreachable          INTEGER NOT NULL DEFAULT 0
);
CREATE VIEW attempts_readable AS
  SELECT id, document_id, datetime(started_at, 'unixepoch') AS started_at, duration_ms,
         CASE outcome WHEN 0 THEN 'unchanged' WHEN 1 THEN 'new' WHEN 2 THEN 'changed'
                      WHEN 3 THEN 'not_modified' ELSE 'failed' END AS outcome,
         http_status, bytes, error_kind, error_message
  FROM attempts;
)sql"},
    // v2: list a document's changes (diff/history readers) without a scan.
    {R"sql(
CREATE INDEX changes_by_document ON changes(document_id, to_version);
)sql"},
    // v3: a Last-Modified is kept only when it is a strong validator (at least a
    // second older than the response's Date; fetch/validators.h). Those stored
    // before could be weak, and If-Modified-Since with one misses a page rewritten
    // in its second: forget them; each document's next check fetches it whole.
    {R"sql(
UPDATE document_state SET last_modified = NULL;
)sql"},
    // v4: versions stored as deltas against a keyframe, their section tree
    // compressed against their text, changesets compressed with their
    // categories beside them (store/internal/version_bodies.h). Every row is
    // re-encoded (MigrateBodiesV4), then the old columns are dropped.
    {R"sql(
ALTER TABLE versions ADD COLUMN text_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN base_id INTEGER REFERENCES versions(id);  -- NULL: a keyframe
ALTER TABLE versions ADD COLUMN text_z BLOB NOT NULL DEFAULT x'';
ALTER TABLE versions ADD COLUMN tree_z BLOB NOT NULL DEFAULT x'';
ALTER TABLE versions ADD COLUMN raw_z BLOB NOT NULL DEFAULT x'';
ALTER TABLE changes ADD COLUMN changeset_z BLOB NOT NULL DEFAULT x'';
ALTER TABLE changes ADD COLUMN changeset_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE changes ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';  -- JSON array
)sql",
     MigrateBodiesV4, R"sql(
ALTER TABLE versions DROP COLUMN text;
ALTER TABLE versions DROP COLUMN sections_json;
ALTER TABLE versions DROP COLUMN raw_zstd;
ALTER TABLE changes DROP COLUMN changeset_json;
)sql"},
    // v5: attempt retention (Store::PruneAttempts). Every check is counted in
    // its document's day (attempt_days, filled here from the attempts so far);
    // attempts older than [daemon] keep_attempts are folded into a histogram of
    // their durations, then deleted.
    {R"sql(
CREATE TABLE attempt_days (
  document_id     INTEGER NOT NULL REFERENCES documents(id),
  day             INTEGER NOT NULL,            -- unix day: started_at / 86400
  unchanged       INTEGER NOT NULL DEFAULT 0,  -- counts by AttemptOutcome
  new             INTEGER NOT NULL DEFAULT 0,
  changed         INTEGER NOT NULL DEFAULT 0,
  not_modified    INTEGER NOT NULL DEFAULT 0,
  failed          INTEGER NOT NULL DEFAULT 0,
  duration_ms_sum INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, day)
) WITHOUT ROWID;
-- Pruned attempts by exact duration, so the duration histogram of /metrics
-- stays exact and never goes down, whatever its bucket bounds.
CREATE TABLE attempt_durations (
  duration_ms INTEGER PRIMARY KEY,
  count       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO attempt_days (document_id, day, unchanged, new, changed, not_modified, failed,
                          duration_ms_sum)
  SELECT document_id, started_at / 86400, sum(outcome = 0), sum(outcome = 1), sum(outcome = 2),
         sum(outcome = 3), sum(outcome = 4), sum(duration_ms)
  FROM attempts GROUP BY 1, 2;
)sql"},
};

constexpr int kStepCount = static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0]));

}  // namespace

int CurrentSchemaVersion() { return kStepCount; }

namespace {

Status RunStep(Db* db, const Step& step, const UpgradeProgress& progress) {
  PW_RETURN_IF_ERROR(db->Exec(step.sql));
  if (step.code != nullptr) PW_RETURN_IF_ERROR(step.code(db, progress));
  if (step.sql_after != nullptr) PW_RETURN_IF_ERROR(db->Exec(step.sql_after));
  return Status::Ok();
}

// Fails when a row refers to one that is not there (the checks are off while
// tables are rebuilt).
Status CheckForeignKeys(Db* db) {
  std::int64_t problems = 0;
  PW_RETURN_IF_ERROR(db->QueryInt("SELECT count(*) FROM pragma_foreign_key_check", &problems));
  if (problems == 0) return Status::Ok();
  return Status::Error(std::to_string(problems) + " rows refer to rows that are not there");
}

// Runs the steps after `from` up to `target` in the open transaction.
Status RunSteps(Db* db, int from, int target, const UpgradeProgress& progress) {
  for (int next = from + 1; next <= target; ++next) {
    Status s = RunStep(db, kSteps[next - 1], progress);
    if (!s.ok()) {
      return Status::Error("migrating schema to version " + std::to_string(next) + ": " +
                           s.message());
    }
  }
  PW_RETURN_IF_ERROR(CheckForeignKeys(db));
  return db->Exec("PRAGMA user_version = " + std::to_string(target));
}

// Upgrades in one transaction: all the steps, or none. Another process may
// have migrated while we waited for the lock: then there is nothing to do.
Status UpgradeInOneTransaction(Db* db, int target, const UpgradeProgress& progress, int* from) {
  Transaction txn(db);
  PW_RETURN_IF_ERROR(txn.Begin());
  std::int64_t version = 0;
  PW_RETURN_IF_ERROR(db->QueryInt("PRAGMA user_version", &version));
  *from = static_cast<int>(version);
  if (*from >= target) return Status::Ok();
  if (*from > 0) {
    spdlog::warn("{}: upgrading the database from schema version {} to {} in one transaction; "
                 "if it is interrupted the file stays at version {}. To keep a copy of the "
                 "old file, stop policywatch first and run: sqlite3 {} \".backup {}.v{}\"",
                 db->path(), *from, target, *from, db->path(), db->path(), *from);
  }
  PW_RETURN_IF_ERROR(RunSteps(db, *from, target, progress));
  return txn.Commit();
}

}  // namespace

Status MigrateTo(Db* db, int target, const UpgradeProgress& progress) {
  std::int64_t version = 0;
  PW_RETURN_IF_ERROR(db->QueryInt("PRAGMA user_version", &version));
  if (version > kStepCount) {
    return Status::Error(db->path() + ": database schema is version " + std::to_string(version) +
                         ", newer than this policywatch understands (" +
                         std::to_string(kStepCount) + ")");
  }
  target = std::min(target, kStepCount);
  if (version >= target) return Status::Ok();
  // Rebuilt tables must not trip the foreign keys midway (they are checked
  // whole before the commit); the pragma is a no-op inside a transaction.
  PW_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=OFF"));
  int from = 0;
  Status s = UpgradeInOneTransaction(db, target, progress, &from);
  Status on = db->Exec("PRAGMA foreign_keys=ON");
  PW_RETURN_IF_ERROR(s);
  PW_RETURN_IF_ERROR(on);
  if (from > 0 && from < target) {
    spdlog::info("{}: database upgraded from schema version {} to {}; the space old rows took "
                 "is free inside the file (stop policywatch and run `sqlite3 {} VACUUM` to "
                 "give it back to the disk)", db->path(), from, target, db->path());
  }
  return Status::Ok();
}

Status CheckSchemaVersion(Db* db) {
  std::int64_t version = 0;
  Status s = db->QueryInt("PRAGMA user_version", &version);
  if (!s.ok()) return s;
  if (version != kStepCount) {
    return Status::Error(db->path() + ": database schema is version " + std::to_string(version) +
                         ", this policywatch reads version " + std::to_string(kStepCount) +
                         (version < kStepCount ? " (run the daemon or `policywatch check` once "
                                                 "to upgrade it)"
                                               : " (the database is from a newer policywatch)"));
  }
  return Status::Ok();
}

}  // namespace pw::store
