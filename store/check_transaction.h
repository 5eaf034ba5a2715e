// One document check written as one transaction, top to bottom, the way LevelDB
// applies a WriteBatch: all of it, or nothing.
//
//   store::CheckTransaction txn(&store);
//   s = txn.Begin(attempt);               // the state the check was decided from
//   s = txn.AddVersion(version, &id);     // the text changed: a new version...
//   s = txn.AddChange(change);            // ... and its change from the previous one
//   s = txn.Enqueue(deliveries);          // notifications (they may name `id`)
//   s = txn.Commit(&outcome);             // the attempt row and the new state
//
// A transaction destroyed before Commit succeeds (a step failed) writes nothing.
// The store never builds notifications itself: the caller makes them (notify/)
// once AddVersion has given the new version its id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace pw::store {

class CheckTransaction {
 public:
  explicit CheckTransaction(Store* store);
  ~CheckTransaction();  // rolls back unless committed
  CheckTransaction(const CheckTransaction&) = delete;
  CheckTransaction& operator=(const CheckTransaction&) = delete;

  // Takes the write lock (or, with StoreOptions::group_checks, joins the open
  // group of checks) and reads the document's state. Fails, naming it, when the
  // document is unknown, or, setting conflict(), when the attempt's expected
  // state or expected latest version is not what is stored any more.
  Status Begin(const CheckAttempt& attempt);
  // Whether Begin failed because another check was recorded meanwhile.
  bool conflict() const { return conflict_; }

  // Adds `version` as the document's new latest version and sets *version_id.
  // Fails unless the attempt is a successful, durable fetch that named the
  // latest version it compared with, when a version was added already, and
  // when the text is the latest version's (that is "unchanged", not a version).
  Status AddVersion(const NewVersion& version, std::int64_t* version_id);
  // Records `change` as the change from the previous latest version to the one
  // AddVersion added (which it requires).
  Status AddChange(const NewChange& change);
  // Enqueues `deliveries` in the outbox, due at once unless they say otherwise.
  // Fails when the transaction is not durable (and there are deliveries).
  Status Enqueue(const std::vector<Delivery>& deliveries);

  // Writes the attempt row and the document's new state, and commits (into the
  // group, with group_checks: CommitChecks then makes it durable).
  Status Commit(CheckOutcome* outcome);

 private:
  // Fails, naming the step and the document, unless `condition` holds.
  Status Require(bool condition, const char* step, const char* why) const;

  Store* store_;
  Transaction txn_;
  CheckAttempt attempt_;
  std::string doc_name_;      // "document 12", for errors
  DocumentState state_;       // as stored when Begin read it
  std::int64_t latest_id_ = 0;
  std::string latest_sha_;    // read only when the attempt names an expected latest
  std::int64_t added_version_ = 0;
  bool conflict_ = false;
};

}  // namespace pw::store
