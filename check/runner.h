// Runs checks of many documents at once over one Fetcher (libcurl multi),
// honouring the global concurrency and the per-host delay. Used by
// `policywatch check` (each target once) and, step by step, by the daemon.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "check/check.h"
#include "check/schedule.h"
#include "config/config.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/backoff.h"
#include "util/repeat_log.h"

namespace pw::check {

// The longest a check waits in the store's open group before the Runner commits
// the group (StoreOptions::group_checks) and reports its checks: also the
// longest the Runner holds the database's write lock for them.
inline constexpr std::chrono::milliseconds kCheckGroupWindow{100};

// With RetryRecording: the back-off between tries to record checks the store
// refused (the first retry, and the longest wait).
inline constexpr std::chrono::milliseconds kRecordRetryFirst{100};
inline constexpr std::chrono::milliseconds kRecordRetryMax{5000};
// ... and the bound on fetches kept in memory for it: beyond this many checks,
// or this many body bytes, no new check starts until the store takes them.
inline constexpr size_t kMaxUnrecordedChecks = 256;
inline constexpr size_t kMaxUnrecordedBytes = size_t{64} << 20;

class Runner {
 public:
  using OnResult = std::function<void(const CheckResult&)>;

  // `config` must outlive every check started with it (the daemon keeps the
  // config of in-flight checks alive through shared_ptr).
  Runner(store::Store* store, int concurrency, std::chrono::milliseconds per_host_delay);

  // The daemon's mode. A check whose record the store refuses (the database is
  // locked by another process, the disk is full, a commit fails) is kept in
  // memory with its fetch and processed and recorded again later, with back-off
  // (kRecordRetryFirst .. kRecordRetryMax), while other checks go on fetching.
  // Such a check is reported only once recorded: never as failed because of the
  // store. Its document is checked again only after that (the caller plans it
  // from the result). Repeated failures are logged once, then with a count.
  // Off (`check`): such a check is reported failed ("storing the check failed").
  void RetryRecording(bool on) { retry_recording_ = on; }

  // Queues a check of `target`; it starts when its host is free and a slot is.
  void Add(std::shared_ptr<const config::Config> config, Target target);

  // One step: starts what may start, waits up to `max_wait` for network activity,
  // and processes finished fetches. Returns when something finished, the wait
  // elapsed, or Wakeup() was called. on_result is called for each check once
  // its record is committed: with a store that groups checks, within
  // kCheckGroupWindow of the check (or at once when nothing else is in flight);
  // if the group's commit fails, its checks are reported failed.
  void Step(std::chrono::milliseconds max_wait, const OnResult& on_result);

  // Runs until every queued check has finished (and its record is committed;
  // with RetryRecording, however long the store takes).
  void RunUntilIdle(const OnResult& on_result);

  void Wakeup() { fetcher_.Wakeup(); }
  size_t Pending() const { return waiting_.size() + static_cast<size_t>(in_flight_); }
  // Checks waiting for a host or a slot (not yet fetching).
  size_t Waiting() const { return waiting_.size(); }
  // Checks currently fetching.
  int InFlight() const { return in_flight_; }
  // Checks fetched whose record waits for the store (RetryRecording).
  size_t Unrecorded() const { return unrecorded_.size(); }
  void SetPerHostDelay(std::chrono::milliseconds delay) { gate_ = HostGate(delay); }
  // Forgets the checks that have not started (on stop); in-flight ones go on.
  void DropWaiting() { waiting_.clear(); }

 private:
  struct Job {
    std::shared_ptr<const config::Config> config;
    Target target;
  };
  struct Done {
    Job job;
    std::optional<store::DocumentRow> read_before;  // as read for the request
    fetch::Response response;
    TimePoint started;
    TimePoint finished;
  };
  // A processed check waiting for its group's commit to be reported.
  struct Uncommitted {
    CheckResult result;
    Done done;               // to process again if its group is lost (RetryRecording)
    bool recorded = false;   // false: the store refused it; result says so
    std::uint64_t group = 0; // the store's group it went into
  };

  // Starts waiting jobs whose host is free; returns when the next blocked one may start.
  std::chrono::milliseconds StartReady();
  // True when the checks kept for the store fill kMaxUnrecorded* (logs it once).
  bool UnrecordedFull();
  // Processes and records fetched checks (all of them, or, with RetryRecording,
  // up to a batch when the back-off allows); refused ones wait in unrecorded_.
  void RecordFinished();
  // Commits the store's group of checks, then reports the checks waiting for it
  // (with RetryRecording, those of a lost group are recorded again instead).
  void CommitAndReport(const OnResult& on_result);
  // The store refused a record (or lost a group): back off, log once with a count.
  void RecordingFailed(const Status& status);
  void RecordingWorks();

  store::Store* store_;
  int concurrency_;
  HostGate gate_;
  fetch::Fetcher fetcher_;
  std::deque<Job> waiting_;
  int in_flight_ = 0;
  std::vector<Done> done_;            // finished by the fetcher, not yet processed
  std::deque<Done> unrecorded_;       // fetched, waiting to be processed and recorded
  std::vector<Uncommitted> uncommitted_;  // processed, waiting for the group's commit
  bool retry_recording_ = false;
  Backoff record_backoff_{kRecordRetryFirst, kRecordRetryMax};
  RepeatLog repeat_log_;  // the store's refusals and recoveries, at most a line a minute each
  bool full_logged_ = false;
};

}  // namespace pw::check
