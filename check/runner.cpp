#include "check/runner.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace pw::check {
namespace {

using std::chrono::milliseconds;

CheckResult StoreFailed(const std::string& key, const Status& status) {
  CheckResult failed;
  failed.key = key;
  failed.outcome = store::AttemptOutcome::kFailed;
  failed.error = "storing the check failed: " + status.message();
  return failed;
}

}  // namespace

Runner::Runner(store::Store* store, int concurrency, std::chrono::milliseconds per_host_delay)
    : store_(store),
      concurrency_(concurrency < 1 ? 1 : concurrency),
      gate_(per_host_delay),
      fetcher_(fetch::Fetcher::Options{concurrency < 1 ? 1 : concurrency, 0}) {}

void Runner::Add(std::shared_ptr<const config::Config> config, Target target) {
  waiting_.push_back(Job{std::move(config), target});
}

bool Runner::UnrecordedFull() {
  size_t bytes = 0;
  for (const Done& d : unrecorded_) {
    for (const fetch::Response& part : d.parts) bytes += part.body.size();
  }
  const bool full = unrecorded_.size() >= kMaxUnrecordedChecks || bytes >= kMaxUnrecordedBytes;
  if (full && !full_logged_) {
    spdlog::warn("{} checks ({} KiB) wait to be recorded: no new check starts until the "
                 "database takes them",
                 unrecorded_.size(), bytes / 1024);
  }
  full_logged_ = full;
  return full;
}

bool Runner::BrowserBusy(const Job& job) const {
  return job.target.document->parts.at(0).render == config::Render::kBrowser &&
         rendering_ >= job.config->daemon.browser_concurrency;
}

void Runner::StartCheck(Job job, TimePoint now) {
  // The document is read once per check, here: the pipeline decides from this
  // read, and the store refuses the record if another writer changed the
  // document during the fetch. Without its stored state the fetch is
  // unconditional, and ProcessFetch reads again (reporting the store's error).
  std::optional<store::DocumentRow> row(std::in_place);
  if (!store_->GetDocument(job.target.company->id, job.target.document->type, &*row).ok()) {
    row.reset();
  }
  const std::uint64_t id = next_capture_++;
  capturing_.emplace(id, Done{std::move(job), std::move(row), {}, now, now, false});
  ++in_flight_;  // until its part goes to the browser (SetRendering)
  StartPart(id);
}

std::chrono::milliseconds Runner::StartReady() {
  auto now = Clock::now();
  auto next = std::chrono::milliseconds::max();
  if (UnrecordedFull()) return next;  // a record taken frees room; Step retries it
  std::deque<Job> blocked;
  while (!waiting_.empty() && in_flight_ < concurrency_) {
    Job job = std::move(waiting_.front());
    waiting_.pop_front();
    if (BrowserBusy(job)) {  // a rendering that ends ends the wait in Step()
      blocked.push_back(std::move(job));
      continue;
    }
    std::string host = HostOf(job.target.document->url);
    TimePoint available = gate_.AvailableAt(host);
    if (available > now) {
      next = std::min(next, std::chrono::duration_cast<std::chrono::milliseconds>(available - now));
      blocked.push_back(std::move(job));
      continue;
    }
    gate_.MarkStarted(host, now);
    StartCheck(std::move(job), now);
  }
  // Keep the original order for the jobs that wait for their host.
  while (!blocked.empty()) {
    waiting_.push_front(std::move(blocked.back()));
    blocked.pop_back();
  }
  // Jobs waiting only for a free slot need no timer: a slot frees when a
  // transfer ends, which is network activity and ends the wait in Step().
  gate_.Prune(now);
  return next;
}

void Runner::RecordingFailed(const Status& status) {
  record_backoff_.Failed(SteadyClock::now());
  // At most a line a minute, however often the store refuses and recovers.
  repeat_log_.Log(spdlog::level::warn, "delayed",
                  fmt::format("recording checks is delayed: {}; {} checks wait, fetching goes on; "
                              "trying again with back-off",
                              status.message(), unrecorded_.size()));
}

void Runner::RecordingWorks() {
  if (record_backoff_.failures() == 0) return;
  const auto since = record_backoff_.failing_since();
  repeat_log_.Log(spdlog::level::info, "works again",
                  fmt::format("recording checks works again after {} failed tries in {} ms",
                              record_backoff_.failures(),
                              std::chrono::duration_cast<milliseconds>(SteadyClock::now() - since)
                                  .count()));
  record_backoff_.Succeeded();
}

Runner::Done Runner::KeptForRetry(Done d) const {
  if (!retry_recording_) d.parts = {};  // frees the bodies now, not at the group's commit
  return d;
}

void Runner::RecordFinished() {
  for (Done& d : done_) unrecorded_.push_back(std::move(d));
  done_.clear();
  if (unrecorded_.empty()) return;
  if (retry_recording_ && !record_backoff_.Due(SteadyClock::now())) return;
  // A batch per step, so that a backlog recorded at once does not hold up the
  // fetches for long (the next step comes at once while one waits).
  size_t batch = retry_recording_ ? std::max<size_t>(static_cast<size_t>(concurrency_), 8)
                                  : unrecorded_.size();
  bool recorded = false;
  for (; batch > 0 && !unrecorded_.empty(); --batch) {
    Done d = std::move(unrecorded_.front());
    unrecorded_.pop_front();
    CheckResult result;
    const FetchedDocument page{d.job.target, d.parts, d.started, d.finished,
                               d.read_before ? &*d.read_before : nullptr};
    Status s = ProcessFetch(*store_, *d.job.config, page, &result);
    if (s.ok()) {
      uncommitted_.push_back(Uncommitted{std::move(result), KeptForRetry(std::move(d)), true,
                                         store_->CheckGroup()});
      recorded = true;
      continue;
    }
    if (!retry_recording_) {
      result = StoreFailed(d.job.target.Key(), s);
      spdlog::error("{}: {}", result.key, result.error);
      uncommitted_.push_back(Uncommitted{std::move(result), KeptForRetry(std::move(d)), false, 0});
      continue;
    }
    // Kept, behind the others: a record that fails on its own does not hold them up.
    unrecorded_.push_back(std::move(d));
    RecordingFailed(s);
    return;
  }
  if (recorded) RecordingWorks();
}

void Runner::CommitAndReport(const OnResult& on_result) {
  std::vector<std::uint64_t> lost;
  Status s = store_->CommitChecks(&lost);
  std::vector<Uncommitted> entries;
  entries.swap(uncommitted_);
  std::vector<Done> again;  // of lost groups, recorded again (RetryRecording)
  for (Uncommitted& e : entries) {
    const bool is_lost =
        e.recorded && std::find(lost.begin(), lost.end(), e.group) != lost.end();
    if (is_lost && retry_recording_) {
      again.push_back(std::move(e.done));
      continue;
    }
    if (is_lost) e.result = StoreFailed(e.result.key, s);  // retried at the failure back-off
    on_result(e.result);
  }
  if (!s.ok() && !retry_recording_) {
    spdlog::error("recording checks: {}", s.message());
  }
  if (!again.empty() || (!s.ok() && retry_recording_)) {
    unrecorded_.insert(unrecorded_.begin(), std::make_move_iterator(again.begin()),
                       std::make_move_iterator(again.end()));
    RecordingFailed(s);
  }
}

void Runner::Step(std::chrono::milliseconds max_wait, const OnResult& on_result) {
  auto until_next_host = StartReady();
  auto wait = std::min(max_wait, until_next_host);
  // Checks waiting to be committed bound the wait (and the lock).
  if (auto waiting = store_->ChecksWaiting()) {
    auto left = std::chrono::duration_cast<milliseconds>(kCheckGroupWindow - *waiting);
    wait = std::min(wait, std::max(left, milliseconds(0)));
  }
  // So do checks waiting to be recorded.
  if (!unrecorded_.empty()) wait = std::min(wait, record_backoff_.Left(SteadyClock::now()));
  if (InFlight() == 0 && wait == milliseconds::max()) return;
  if (InFlight() > 0 || wait > milliseconds(0)) {
    fetcher_.Perform(std::max(wait, milliseconds(0)));
  }
  TakeRendered();
  RecordFinished();
  auto waiting = store_->ChecksWaiting();
  if (!waiting || *waiting >= kCheckGroupWindow || InFlight() == 0) CommitAndReport(on_result);
}

void Runner::RunUntilIdle(const OnResult& on_result) {
  do {
    while (Pending() > 0 || !unrecorded_.empty()) Step(milliseconds(1000), on_result);
    CommitAndReport(on_result);  // a lost group's checks come back (RetryRecording)
  } while (!unrecorded_.empty());
}

}  // namespace pw::check
