#include "store/store.h"

#include <utility>

#include "store/internal/rows.h"
#include "store/internal/schema.h"

// class Store, part one: opening, the fsync setting and the group of checks.
// The rest of it: store_documents.cpp (companies and documents),
// store_versions.cpp (version and change reads), check_transaction.cpp (CheckTransaction),
// store_outbox.cpp (deliveries).

namespace pw::store {

// --- Opening ---------------------------------------------------------------------

Status Store::Open(const std::string& path, const StoreOptions& options,
                   std::unique_ptr<Store>* store) {
  store->reset();
  DbOptions db_options;
  db_options.read_only = options.read_only;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  db_options.synchronous_full = options.synchronous_full;
  std::unique_ptr<Db> db;
  PW_RETURN_IF_ERROR(Db::Open(path, db_options, &db));
  if (options.read_only) {
    PW_RETURN_IF_ERROR(CheckSchemaVersion(db.get()));
  } else {
    PW_RETURN_IF_ERROR(MigrateTo(db.get(), CurrentSchemaVersion(), options.upgrade_progress));
  }
  store->reset(new Store(std::move(db)));
  (*store)->synchronous_full_ = options.synchronous_full;
  (*store)->fsync_now_ = options.synchronous_full;
  (*store)->group_checks_ = options.group_checks && !options.read_only;
  return Status::Ok();
}

Store::~Store() {
  Status s = CommitGroup();
  (void)s;  // nothing to tell at this point; the checks are at worst made again
}

Status Store::CommitChecks(std::vector<std::uint64_t>* lost_groups) {
  Status s = CommitGroup();
  if (s.ok()) s = lost_group_;  // a group lost by a commit made on another write's behalf
  lost_group_ = Status::Ok();
  if (lost_groups) *lost_groups = lost_groups_;
  lost_groups_.clear();
  return s;
}

void Store::SetBusyTimeout(std::chrono::milliseconds timeout) {
  sqlite3_busy_timeout(db_->handle(), static_cast<int>(timeout.count()));
}

Status Store::CommitGroup() {
  if (!group_open_) return Status::Ok();
  group_open_ = false;
  Status s;
  if (sqlite3_get_autocommit(db_->handle()) != 0) {
    // SQLite rolled the group back itself after an I/O or full-disk error.
    s = Status::Error(db_->path() + ": the checks recorded since the last commit were "
                      "rolled back after an error; their documents are checked again");
  } else {
    s = db_->ExecCached("COMMIT");
    if (!s.ok()) db_->ExecCached("ROLLBACK");
  }
  if (!s.ok()) {  // until CommitChecks tells its caller
    lost_group_ = s;
    lost_groups_.push_back(group_serial_);
  }
  return s;
}

std::optional<std::chrono::steady_clock::duration> Store::ChecksWaiting() const {
  if (!group_open_) return std::nullopt;
  return std::chrono::steady_clock::now() - group_started_;
}

Status Store::OpenGroup(bool durable) {
  // A group that SQLite rolled back after an error is gone (CommitGroup notes
  // it for CommitChecks): start another.
  if (group_open_ && sqlite3_get_autocommit(db_->handle()) != 0) (void)CommitGroup();
  // A check that must be fsync'ed does not wait in a group that will not be.
  if (group_open_ && durable && synchronous_full_ && !group_fsync_) {
    PW_RETURN_IF_ERROR(CommitGroup());
  }
  if (group_open_) return Status::Ok();
  PW_RETURN_IF_ERROR(UseFsync(durable));
  PW_RETURN_IF_ERROR(db_->ExecCached("BEGIN IMMEDIATE"));
  group_open_ = true;
  ++group_serial_;
  group_fsync_ = fsync_now_;
  group_started_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

Status Store::UseFsync(bool fsync) {
  PW_RETURN_IF_ERROR(CommitGroup());
  fsync = fsync && synchronous_full_;
  if (fsync == fsync_now_) return Status::Ok();
  PW_RETURN_IF_ERROR(
      db_->ExecCached(fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
  fsync_now_ = fsync;
  return Status::Ok();
}

Status Store::RequireWritable(const char* what) const {
  if (db_->read_only()) {
    return Status::Error(db_->path() + ": " + what + ": the store was opened read-only");
  }
  return Status::Ok();
}

}  // namespace pw::store
