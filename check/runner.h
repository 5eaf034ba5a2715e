// Runs checks of many documents at once over one Fetcher (libcurl multi),
// honouring the global concurrency and the per-host delay. Used by
// `policywatch check` (each target once) and, step by step, by the daemon.
//
// A document's parts are fetched one after another (the per-host delay applies
// to its first); a part with render = "browser", or "auto" whose static HTML is
// a script shell (extract::ScriptShellReason), is rendered by one headless
// Chromium (fetch/browser.h) that the Runner starts when a check first needs
// it. Checks waiting for the browser do not hold [daemon] concurrency slots:
// at most browser_concurrency of them start at once.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "check/check.h"
#include "check/schedule.h"
#include "config/config.h"
#include "fetch/browser.h"
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
  size_t Pending() const { return waiting_.size() + static_cast<size_t>(InFlight()); }
  // Checks waiting for a host or a slot (not yet fetching).
  size_t Waiting() const { return waiting_.size(); }
  // Checks currently fetching or rendering.
  int InFlight() const { return in_flight_ + rendering_; }
  // The browser's process id while it runs, else 0 (for measurements).
  int BrowserProcessId() const { return browser_ ? browser_->ProcessId() : 0; }
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
  // A check whose parts are fetched or rendered one after another; done when
  // every part is, or one failed.
  struct Done {
    Job job;
    std::optional<store::DocumentRow> read_before;  // as read for the request
    std::vector<fetch::Response> parts;
    TimePoint started;
    TimePoint finished;
    bool rendering = false;  // its current part is the browser's (counted in rendering_)
  };
  // A rendering the browser finished, from its thread.
  struct Rendered {
    std::uint64_t capture;
    fetch::Response response;
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
  // True when `job` may not start yet because the browser has enough to do.
  bool BrowserBusy(const Job& job) const;
  // Starts the check of `job` (its first part).
  void StartCheck(Job job, TimePoint now);
  // The parts of a check (runner_parts.cpp): the next part fetched or rendered,
  // a part's response, the renderings the browser finished.
  void StartPart(std::uint64_t id);
  void StartRender(std::uint64_t id);
  void Fetched(std::uint64_t id, fetch::Response response);
  void PartDone(std::uint64_t id, fetch::Response response);
  void SetRendering(Done& capture, bool rendering);
  void TakeRendered();
  fetch::Browser& BrowserFor(const config::Config& config);
  // True when the checks kept for the store fill kMaxUnrecorded* (logs it once).
  bool UnrecordedFull();
  // Processes and records fetched checks (all of them, or, with RetryRecording,
  // up to a batch when the back-off allows); refused ones wait in unrecorded_.
  void RecordFinished();
  // What a processed check keeps until its group commits: all of `d` with
  // RetryRecording (a lost group's checks are processed again from their
  // fetch), else `d` without its fetched parts, whose bodies are freed at once.
  Done KeptForRetry(Done d) const;
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
  int in_flight_ = 0;   // checks fetching a part
  int rendering_ = 0;   // checks whose part the browser renders
  std::map<std::uint64_t, Done> capturing_;  // checks under way, by id
  std::uint64_t next_capture_ = 1;
  std::vector<Done> done_;            // every part fetched (or one failed), not yet processed
  std::deque<Done> unrecorded_;       // fetched, waiting to be processed and recorded
  std::vector<Uncommitted> uncommitted_;  // processed, waiting for the group's commit
  bool retry_recording_ = false;
  Backoff record_backoff_{kRecordRetryFirst, kRecordRetryMax};
  RepeatLog repeat_log_;  // the store's refusals and recoveries, at most a line a minute each
  bool full_logged_ = false;
  std::mutex rendered_mu_;
  std::vector<Rendered> rendered_;  // guarded by rendered_mu_
  fetch::BrowserOptions browser_options_;
  std::unique_ptr<fetch::Browser> browser_;  // last: destroyed first, its callbacks with it
};

}  // namespace pw::check
