// The store: every fetch attempt, every version of every watched document, the
// changes between versions, the notification outbox and per-document state, in
// one SQLite file (see store/internal/schema.h for conventions: times are UTC unix
// seconds). Changesets and notification payloads are opaque JSON text here.
//
// Writers: one Store opened read-write per process (the daemon, or `check`);
// each document check is one transaction (a CheckTransaction). Readers (`history`,
// `show`, `status`) open with StoreOptions::read_only and are never blocked by
// the writer (WAL); the writer's lock is short and covered by busy_timeout.
//
// A Store is not thread-safe; use one per thread, or serialise calls.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/severity.h"
#include "store/delivery.h"
#include "store/sqlite.h"
#include "util/status.h"

namespace pw::store {

// What one check found. Stored as an integer code in attempts.outcome.
enum class AttemptOutcome {
  kUnchanged = 0,    // fetched; text (or raw body) identical to the latest version
  kNew = 1,          // fetched; the document's first version was stored
  kChanged = 2,      // fetched; a new version was stored
  kNotModified = 3,  // HTTP 304 to a conditional request
  kFailed = 4,       // fetch or extraction failed; nothing but the attempt is written
};
const char* AttemptOutcomeName(AttemptOutcome outcome);  // "unchanged", "new", ...

// Bits of VersionInfo::flags.
inline constexpr std::uint32_t kVersionExtractionSuspect = 1;
// Re-derived from stored evidence with newer rules (`policywatch reextract`), not
// fetched: never alerted; the next real change is diffed against it.
inline constexpr std::uint32_t kVersionTechnical = 2;
// Read from an exported tree or a dataset (`policywatch import`): never alerted.
inline constexpr std::uint32_t kVersionImported = 4;

// Per-document state kept between checks. Times are 0 when never set.
struct DocumentState {
  std::int64_t next_check_at = 0;
  std::int64_t last_check_at = 0;
  std::int64_t last_change_at = 0;  // fetched_at of the latest version
  int consecutive_failures = 0;
  std::string etag;
  std::string last_modified;
  std::string last_raw_sha256;  // of the last body fetched successfully
  std::int64_t last_version_id = 0;
  bool unreachable = false;     // a document.unreachable event is outstanding
};

struct DocumentRow {
  std::int64_t id = 0;
  std::string company_id;
  std::string company_name;
  std::string type;
  std::string url;
  bool archived = false;  // the document or its company left the config
  DocumentState state;
};

// A version without its bodies, for listings.
struct VersionInfo {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::int64_t fetched_at = 0;
  std::string sha256;          // of the canonical text
  std::int64_t text_size = 0;  // bytes of canonical text
  std::int64_t raw_size = 0;   // bytes of the body as fetched
  std::uint32_t flags = 0;
  std::string severity;        // of the change that created it; "" if none recorded
};

struct VersionRow {
  VersionInfo info;
  std::string text;           // canonical Markdown
  std::string sections_json;  // the section tree
  std::string raw_sha256;
  std::string content_type;
};

struct ChangeRow {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::int64_t from_version = 0;  // 0 for a first version
  std::int64_t to_version = 0;
  std::string severity;
  std::string changeset_json;
  std::int64_t created_at = 0;
  std::uint32_t to_flags = 0;  // to_version's VersionInfo::flags (kVersionTechnical...)
};

// Which changes ListChanges returns; every field left at its default matches all.
struct ChangeFilter {
  std::int64_t document_id = 0;   // 0: every document
  std::string company_id;         // "": every company
  Severity min_severity = Severity::kNone;
  std::string category;           // a section of the change has it; "": any
  std::int64_t since = 0;         // created_at >= since (unix seconds)
  std::int64_t before_id = 0;     // paging: changes with id < before_id; 0: from the newest
  bool include_technical = true;  // false: leave out changes to technical versions (feeds)
  int limit = 50;
};

// What /metrics reports, read from the database so that the daemon and `serve`
// agree and the figures survive restarts.
struct StoreStats {
  std::vector<std::int64_t> attempts_by_outcome = std::vector<std::int64_t>(5, 0);  // AttemptOutcome
  std::vector<std::pair<std::string, std::int64_t>> changes_by_severity;  // by name
  std::int64_t deliveries_pending = 0;
  std::int64_t deliveries_failed = 0;
  std::int64_t documents = 0;  // not archived
  // Check durations: counts of attempts at or under each bound (cumulative, as
  // Prometheus buckets are), their sum in seconds and their count.
  std::vector<double> duration_bounds;  // seconds, ascending (the caller's)
  std::vector<std::int64_t> duration_buckets;
  double duration_sum = 0;
  std::int64_t duration_count = 0;
  // Per document (not archived) the start of its last successful check; 0: none.
  std::vector<std::pair<std::int64_t, std::int64_t>> last_success;  // document id, time
};

// What PruneAttempts (or one PruneAttemptBatch) did.
struct PruneResult {
  std::int64_t attempts = 0;  // attempt rows deleted (their durations folded)
  int batches = 0;            // transactions committed
  bool more = false;          // PruneAttemptBatch: older attempts remain; call again
};

// One document's checks on one UTC day (unix day: started_at / 86400), by
// outcome: the pruned ones (attempt_days) and the retained attempt rows together.
struct DailyChecks {
  std::int64_t document_id = 0;
  std::int64_t day = 0;
  std::int64_t unchanged = 0;
  std::int64_t new_version = 0;  // AttemptOutcome::kNew (column "new")
  std::int64_t changed = 0;
  std::int64_t not_modified = 0;
  std::int64_t failed = 0;
  std::int64_t duration_ms_sum = 0;
  std::int64_t checks() const { return unchanged + new_version + changed + not_modified + failed; }
  bool operator==(const DailyChecks&) const = default;
};

// The checks of `days` on `since_day` or later, added up (day and document_id
// left 0): e.g. checks and failures in the last 30 days.
DailyChecks SumDays(const std::vector<DailyChecks>& days, std::int64_t since_day);

// Attempts pruned per transaction: short enough that the write lock is held for
// tens of milliseconds, long enough that a year of attempts goes in few commits.
inline constexpr int kPruneBatchRows = 10000;

enum class DeliveryState { kPending, kDelivered, kFailed };
const char* DeliveryStateName(DeliveryState state);

struct OutboxRow {
  std::int64_t id = 0;
  std::string delivery_id;
  std::string channel;
  std::string event_type;
  std::int64_t document_id = 0;  // 0 when not about a document
  std::string payload_json;
  std::int64_t created_at = 0;
  std::int64_t next_attempt_at = 0;
  int attempts = 0;
  std::string last_error;
  DeliveryState state = DeliveryState::kPending;
  std::int64_t delivered_at = 0;
};

// A new version of a document: what a check adds (CheckTransaction::AddVersion)
// when the extracted text differs from the latest version's.
struct NewVersion {
  std::string text;           // canonical Markdown; its SHA-256 decides "changed"
  std::string sections_json;
  std::string raw_body;       // exactly as fetched (decoded transfer, not charset)
  std::string content_type;
  std::uint32_t flags = 0;    // kVersionExtractionSuspect...
  // Sha256Hex of text and of raw_body when the caller has them already; empty:
  // the store computes them. (They are stored as given.)
  std::string text_sha256;
  std::string raw_sha256;
};

// The diff of the added version against the version the check compared it with
// (CheckTransaction::AddChange).
struct NewChange {
  std::string severity;        // "cosmetic", "minor", "material"
  std::string changeset_json;
};

// A version no check fetched (Store::AppendVersion): re-derived from stored
// evidence (flags has kVersionTechnical) or imported (kVersionImported).
struct AppendedVersion {
  std::int64_t document_id = 0;
  std::int64_t fetched_at = 0;  // technical: when re-derived; imported: the version's date
  // The latest version the caller diffed against (0: the document has none);
  // AppendVersion fails, with *conflict set, when it is not the latest any more.
  std::int64_t expected_latest_version_id = 0;
  NewVersion version;
  std::optional<NewChange> change;  // from expected_latest_version_id; none for a first version
};

// What every check writes, whatever it found: the attempts row and the
// document's new state (CheckTransaction::Begin). The caller (check/):
//  1. reads GetDocument() (state: etag, failures) and LatestVersion();
//  2. fetches, extracts and, if the text's SHA-256 differs, diffs against the
//     latest version;
//  3. begins the transaction with the ids and state it decided from.
struct CheckAttempt {
  std::int64_t document_id = 0;
  std::int64_t started_at = 0;
  std::int64_t duration_ms = 0;

  // The fetch. failed: nothing but the attempt, the failure count and
  // next_check_at change. not_modified: HTTP 304.
  bool failed = false;
  bool not_modified = false;
  int http_status = 0;         // 0: no HTTP answer
  std::int64_t bytes = 0;      // body bytes received
  std::string error_kind;      // short, e.g. "timeout", "http", "tls", "extract"
  std::string error_message;

  // New state. On success, etag / last_modified / raw_sha256 replace the stored
  // ones (on a 304 only when non-empty); on failure they are kept.
  std::string etag;
  std::string last_modified;
  std::string raw_sha256;
  std::int64_t next_check_at = 0;
  std::optional<bool> unreachable;  // set the flag; nullopt keeps it

  // What the caller decided from. expected_latest_version_id: the latest
  // version (0: none) it compared extracted text with; required to add a
  // version. expected_state: the state it read before the fetch instead of
  // just before the transaction (the Runner does, to read the document once
  // per check). When either is not what is stored any more, Begin fails and
  // CheckTransaction::conflict() says so: re-read and check again.
  std::optional<std::int64_t> expected_latest_version_id;
  std::optional<DocumentState> expected_state;

  // The check will add a version or enqueue deliveries: its commit is
  // fsync'ed (with StoreOptions::synchronous_full). AddVersion and a non-empty
  // Enqueue fail on a transaction begun without it. Routine checks (attempt
  // and state only) are not fsync'ed: a process crash loses none, and a power
  // cut only routine rows, which the next check writes again.
  bool durable = false;
};

struct CheckOutcome {
  AttemptOutcome outcome = AttemptOutcome::kFailed;
  std::int64_t attempt_id = 0;
  bool version_created = false;
  std::int64_t version_id = 0;           // the new version, or the latest (0: none)
  std::int64_t previous_version_id = 0;  // the latest before this check (0: none)
  int consecutive_failures = 0;          // after this check
};

struct StoreOptions {
  bool read_only = false;  // for readers; never migrates, never writes
  int busy_timeout_ms = 5000;
  // See DbOptions. With FULL, a routine check (no new
  // version, no notification) commits without an fsync: see CheckAttempt::durable.
  bool synchronous_full = true;
  // Checks are recorded in one open transaction, a group, that the caller
  // commits with CommitChecks (see there): a busy daemon pays one commit (and
  // at most one fsync) per burst of checks instead of one each.
  bool group_checks = false;
  // Told, during a schema upgrade that rewrites every version (a long one on a
  // large history), how many are done, about once a second: the daemon keeps
  // systemd's start timeout from expiring with it.
  std::function<void(std::int64_t done, std::int64_t total)> upgrade_progress;
};

class Store {
 public:
  // Opens (creating when writable and absent) the database at `path` and brings
  // its schema up to date. Read-only opens require the current schema version.
  ~Store();  // commits the open group of checks, if any

  static Status Open(const std::string& path, const StoreOptions& options,
                     std::unique_ptr<Store>* store);
  static Status Open(const std::string& path, std::unique_ptr<Store>* store) {
    return Open(path, StoreOptions(), store);
  }

  // Makes companies and documents match `config`, by id (company id; company id
  // + document type). New ones are added (due at once); present ones get their
  // name / URL updated and are un-archived; missing ones are archived with their
  // history kept. A changed URL clears the conditional-request state.
  Status SyncConfig(const config::Config& config, std::int64_t now);

  // Fails, naming it, when the document is unknown.
  Status GetDocument(const std::string& company_id, const std::string& type, DocumentRow* row);
  Status GetDocumentById(std::int64_t document_id, DocumentRow* row);
  // Ordered by company id, then type.
  Status ListDocuments(bool include_archived, std::vector<DocumentRow>* rows);

  // *version is nullopt when the document has no version yet. Without
  // `with_text`, VersionRow::text is left empty (info.text_size has its size):
  // what a check needs to diff against it, for less than half the bytes.
  Status LatestVersion(std::int64_t document_id, std::optional<VersionRow>* version,
                       bool with_text = true);
  // Fails when `version_id` is not a version of `document_id`.
  Status GetVersion(std::int64_t document_id, std::int64_t version_id, VersionRow* version);
  // Oldest first.
  Status ListVersions(std::int64_t document_id, std::vector<VersionInfo>* versions);
  // The raw body of a version, decompressed and checked against its SHA-256.
  Status GetEvidence(std::int64_t version_id, std::string* raw_body);
  // The change that created `to_version`; nullopt if none was recorded.
  Status GetChange(std::int64_t to_version, std::optional<ChangeRow>* change);
  // Changes matching `filter`, newest first, at most filter.limit of them.
  Status ListChanges(const ChangeFilter& filter, std::vector<ChangeRow>* changes);
  // The severity of each document's latest change, by document id.
  Status LatestChangeSeverities(std::vector<std::pair<std::int64_t, std::string>>* severities);
  // The figures of StoreStats; stats->duration_bounds set by the caller. Pruned
  // attempts (PruneAttempts) still count, in attempts_by_outcome and in the
  // duration histogram (kept by exact duration), so no figure goes down.
  Status ReadStats(StoreStats* stats);

  // --- Attempt retention (store_retention.cpp). ---
  // Deletes the attempts that started before `before` (unix seconds), their
  // durations folded into attempt_durations (their daily counts are in
  // attempt_days already); versions, changes, the outbox, document state and
  // the daily counts are never touched. Works in batches
  // of kPruneBatchRows attempts (oldest ids first), each one transaction: the
  // durations and the deletes of a batch commit together or not at all, so a crash
  // mid-way leaves the batches committed before it pruned and the rest intact
  // (nothing is counted twice or lost; the next prune carries on). Commits the
  // open group of checks first, as every write does. Pruning again with the
  // same `before` does nothing. *result: totals over the batches.
  Status PruneAttempts(std::int64_t before, PruneResult* result);
  // One such batch of at most `max_rows` attempts; result->more says whether
  // older attempts remain. For a caller that must not hold the loop for long
  // (the daemon prunes one batch per turn).
  Status PruneAttemptBatch(std::int64_t before, int max_rows, PruneResult* result);
  // Daily checks of `document_id` (0: every document) on `since_day` or later,
  // ordered by document id, then day: from attempt_days, which every check
  // counts in as it is recorded and pruning keeps (one row per document and
  // day; no attempt row is read), so the answer is the same before and after a
  // prune.
  Status ReadDailyChecks(std::int64_t document_id, std::int64_t since_day,
                         std::vector<DailyChecks>* days);

  // Document checks are written by a CheckTransaction (store/check_transaction.h).
  // With StoreOptions::group_checks a check is written into the open group of
  // checks (see CommitChecks) instead of a commit of its own, each check still
  // all or nothing. A group holding a version or a delivery is fsync'ed when
  // committed (with synchronous_full); a durable check closes a group of
  // routine checks first. Any other write commits the group first.

  // Commits the group of checks recorded since the last commit (nothing to do
  // when there is none). Until then the group is seen by this connection only
  // and the store holds the database's write lock, so the caller commits within
  // a short bound (the Runner: kCheckGroupWindow) and reports the checks only
  // once committed. Closing the store commits it too. A process killed before
  // the commit loses the group: its documents look unchecked since their
  // previous check and are checked again, their changes found and announced
  // then; nothing committed is ever lost. Fails when the commit fails, and also
  // when a group committed on another write's behalf (see CheckTransaction) failed
  // since the last call: either way that group's checks were not stored.
  // `lost_groups`, when given, receives the CheckGroup() numbers of the groups
  // whose checks were not stored (empty when it succeeds).
  Status CommitChecks(std::vector<std::uint64_t>* lost_groups = nullptr);
  // The number of the group the last check was written into (each group opened
  // takes the next number; 0 before any, and without group_checks).
  std::uint64_t CheckGroup() const { return group_serial_; }
  // How long the oldest check of the open group has waited; nullopt when no
  // group is open.
  std::optional<std::chrono::steady_clock::duration> ChecksWaiting() const;

  // Adds `v` as the document's new latest version, with its change, in one
  // transaction (durable): no attempt row, nothing enqueued, the document's
  // last_version_id and last_change_at moved to it. Fails, writing nothing, when
  // the flags say neither technical nor imported, when the text is the latest
  // version's, and, setting *conflict (may be null), when the latest version is
  // not v.expected_latest_version_id.
  Status AppendVersion(const AppendedVersion& v, std::int64_t* version_id, bool* conflict);

  // --- Outbox, for the delivery worker. ---
  // Enqueues outside a check (e.g. `test-channel`); *id may be null.
  Status Enqueue(const Delivery& delivery, std::int64_t document_id, std::int64_t now,
                 std::int64_t* id);
  // Pending deliveries with next_attempt_at <= now, oldest due first.
  Status DueDeliveries(std::int64_t now, int limit, std::vector<OutboxRow>* rows);
  // The same for the deliveries of one channel.
  Status DueDeliveries(const std::string& channel, std::int64_t now, int limit,
                       std::vector<OutboxRow>* rows);
  // Each Mark* counts one attempt and applies only to a pending delivery; on a
  // delivered or failed one it changes nothing (so a retry after a crash can
  // never un-deliver), and *changed, when given, says whether it applied.
  Status MarkDelivered(std::int64_t id, std::int64_t now, bool* changed = nullptr);
  Status MarkAttemptFailed(std::int64_t id, const std::string& error,
                           std::int64_t next_attempt_at, bool* changed = nullptr);
  Status MarkFailed(std::int64_t id, const std::string& error, bool* changed = nullptr);
  // MarkDelivered and MarkAttemptFailed for every row of `ids` in one
  // transaction, all or none: the deliveries one digest message carried
  // (notify/digest.h). Fails, writing nothing, when an id is not in the outbox.
  Status MarkAllDelivered(const std::vector<std::int64_t>& ids, std::int64_t now);
  Status MarkAllAttemptFailed(const std::vector<std::int64_t>& ids, const std::string& error,
                              std::int64_t next_attempt_at);
  // The earliest next_attempt_at of a pending delivery; 0 when none is pending.
  // Lets the delivery worker sleep until there is work instead of polling.
  Status NextDeliveryAt(std::int64_t* at);
  // The same for the deliveries of one channel.
  Status NextDeliveryAt(const std::string& channel, std::int64_t* at);
  // The channels that have a pending delivery, in name order.
  Status PendingChannels(std::vector<std::string>* channels);
  // Pending and failed deliveries, newest first.
  Status ListPendingOrFailed(int limit, std::vector<OutboxRow>* rows);

  // How long a write waits for another connection's lock before failing with
  // "database is locked" (StoreOptions::busy_timeout_ms at first).
  void SetBusyTimeout(std::chrono::milliseconds timeout);

  // The underlying connection, for tests and maintenance (checkpoint, VACUUM).
  Db* db() { return db_.get(); }

 private:
  friend class CheckTransaction;
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  Status RequireWritable(const char* what) const;
  Status InsertDelivery(const Delivery& delivery, std::int64_t document_id, std::int64_t now);
  Status MarkOutbox(const char* sql, std::int64_t id, bool* changed,
                    std::int64_t a, const std::string* text);
  // Runs `mark` on each of `ids` in one transaction.
  Status MarkAll(const std::vector<std::int64_t>& ids,
                 const std::function<Status(std::int64_t)>& mark);

  // Sets PRAGMA synchronous for the next transaction (see CheckAttempt::durable); commits
  // the open group of checks first, as every write but theirs must.
  Status UseFsync(bool fsync);
  // Makes sure a group fit for a check of this durability is open.
  Status OpenGroup(bool durable);
  // Commits the open group, if any; a failure is also kept for CommitChecks.
  Status CommitGroup();

  std::unique_ptr<Db> db_;
  bool synchronous_full_ = true;  // StoreOptions::synchronous_full
  bool fsync_now_ = true;         // the connection's current setting
  bool group_checks_ = false;  // StoreOptions::group_checks
  bool group_open_ = false;    // a BEGIN of grouped checks awaits its COMMIT
  bool group_fsync_ = false;   // ... opened with synchronous=FULL
  std::chrono::steady_clock::time_point group_started_;
  Status lost_group_;  // a group whose commit failed, not yet told by CommitChecks
  std::vector<std::uint64_t> lost_groups_;  // their numbers (CheckGroup)
  std::uint64_t group_serial_ = 0;          // the last group opened
};

}  // namespace pw::store
