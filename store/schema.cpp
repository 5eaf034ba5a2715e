#include "store/internal/schema.h"

#include <spdlog/spdlog.h>

#include <string>

namespace pw::store {
namespace {

// Step N takes the schema from version N-1 to N. Never edit a released step;
// append a new one.
const char* const kSteps[] = {
    // v1: everything.
    R"sql(
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
)sql",
    // v2: list a document's changes (diff/history readers) without a scan.
    R"sql(
CREATE INDEX changes_by_document ON changes(document_id, to_version);
)sql",
    // v3: a Last-Modified is kept only when it is a strong validator (at least a
    // second older than the response's Date; fetch/validators.h). Those stored
    // before could be weak, and If-Modified-Since with one misses a page rewritten
    // in its second: forget them; each document's next check fetches it whole.
    R"sql(
UPDATE document_state SET last_modified = NULL;
)sql",
    // v4: attempt retention (Store::PruneAttempts). Attempts older than
    // [daemon] keep_attempts are folded into per-document daily counts and into
    // a histogram of their durations, then deleted.
    R"sql(
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
)sql",
};

constexpr int kStepCount = static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0]));

}  // namespace

int CurrentSchemaVersion() { return kStepCount; }

Status MigrateTo(Db* db, int target) {
  std::int64_t version = 0;
  Status s = db->QueryInt("PRAGMA user_version", &version);
  if (!s.ok()) return s;
  if (version > kStepCount) {
    return Status::Error(db->path() + ": database schema is version " + std::to_string(version) +
                         ", newer than this policywatch understands (" +
                         std::to_string(kStepCount) + ")");
  }
  for (int next = static_cast<int>(version) + 1; next <= target && next <= kStepCount; ++next) {
    Transaction txn(db);
    s = txn.Begin();
    // Another process may have migrated while we waited for the lock.
    std::int64_t now_version = 0;
    if (s.ok()) s = db->QueryInt("PRAGMA user_version", &now_version);
    if (!s.ok()) return s;
    if (now_version >= next) continue;
    s = db->Exec(kSteps[next - 1]);
    if (s.ok()) s = db->Exec("PRAGMA user_version = " + std::to_string(next));
    if (s.ok()) s = txn.Commit();
    if (!s.ok()) {
      return Status::Error("migrating schema to version " + std::to_string(next) + ": " +
                           s.message());
    }
    spdlog::debug("{}: database schema migrated to version {}", db->path(), next);
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
