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

#include "config/config.h"
#include "daemon/pipeline.h"
#include "daemon/schedule.h"
#include "fetch/fetch.h"
#include "store/store.h"

namespace pw::daemon {

// The longest a check waits in the store's open group before the Runner commits
// the group (StoreOptions::group_checks) and reports its checks: also the
// longest the Runner holds the database's write lock for them.
inline constexpr std::chrono::milliseconds kCheckGroupWindow{100};

class Runner {
 public:
  using OnResult = std::function<void(const CheckResult&)>;

  // `config` must outlive every check started with it (the daemon keeps the
  // config of in-flight checks alive through shared_ptr).
  Runner(store::Store* store, int concurrency, std::chrono::milliseconds per_host_delay);

  // Queues a check of `target`; it starts when its host is free and a slot is.
  void Add(std::shared_ptr<const config::Config> config, Target target);

  // One step: starts what may start, waits up to `max_wait` for network activity,
  // and processes finished fetches. Returns when something finished, the wait
  // elapsed, or Wakeup() was called. on_result is called for each check once
  // its record is committed: with a store that groups checks, within
  // kCheckGroupWindow of the check (or at once when nothing else is in flight);
  // if the group's commit fails, its checks are reported failed.
  void Step(std::chrono::milliseconds max_wait, const OnResult& on_result);

  // Runs until every queued check has finished (and its record is committed).
  void RunUntilIdle(const OnResult& on_result);

  void Wakeup() { fetcher_.Wakeup(); }
  size_t Pending() const { return waiting_.size() + static_cast<size_t>(in_flight_); }
  // Checks waiting for a host or a slot (not yet fetching).
  size_t Waiting() const { return waiting_.size(); }
  // Checks currently fetching.
  int InFlight() const { return in_flight_; }
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
  };

  // Starts waiting jobs whose host is free; returns when the next blocked one may start.
  std::chrono::milliseconds StartReady();
  // Commits the store's group of checks, then reports the checks waiting for it.
  void CommitAndReport(const OnResult& on_result);

  store::Store* store_;
  int concurrency_;
  HostGate gate_;
  fetch::Fetcher fetcher_;
  std::deque<Job> waiting_;
  int in_flight_ = 0;
  std::vector<Done> done_;
  std::vector<CheckResult> uncommitted_;  // processed, waiting for the group's commit
};

}  // namespace pw::daemon
