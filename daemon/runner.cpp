#include "daemon/runner.h"

#include <spdlog/spdlog.h>

namespace pw::daemon {

Runner::Runner(store::Store* store, int concurrency, std::chrono::milliseconds per_host_delay)
    : store_(store),
      concurrency_(concurrency < 1 ? 1 : concurrency),
      gate_(per_host_delay),
      fetcher_(fetch::Fetcher::Options{concurrency < 1 ? 1 : concurrency, 0}) {}

void Runner::Add(std::shared_ptr<const config::Config> config, Target target) {
  waiting_.push_back(Job{std::move(config), target});
}

std::chrono::milliseconds Runner::StartReady() {
  auto now = Clock::now();
  auto next = std::chrono::milliseconds::max();
  std::deque<Job> blocked;
  while (!waiting_.empty() && in_flight_ < concurrency_) {
    Job job = std::move(waiting_.front());
    waiting_.pop_front();
    std::string host = HostOf(job.target.document->url);
    TimePoint available = gate_.AvailableAt(host);
    if (available > now) {
      next = std::min(next, std::chrono::duration_cast<std::chrono::milliseconds>(available - now));
      blocked.push_back(std::move(job));
      continue;
    }
    gate_.MarkStarted(host, now);
    // The document is read once per check, here: the pipeline decides from this
    // read, and the store refuses the record if another writer changed the
    // document during the fetch. Without its stored state the fetch is
    // unconditional, and ProcessFetch reads again (reporting the store's error).
    std::optional<store::DocumentRow> row(std::in_place);
    if (!store_->GetDocument(job.target.company->id, job.target.document->type, &*row).ok()) {
      row.reset();
    }
    fetch::Request request =
        MakeRequest(*job.config, job.target, row ? row->state : store::DocumentState());
    ++in_flight_;
    auto started = now;
    fetcher_.Add(std::move(request), [this, job, row = std::move(row),
                                      started](fetch::Response response) mutable {
      done_.push_back(Done{std::move(job), std::move(row), std::move(response), started});
    });
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

void Runner::CommitAndReport(const OnResult& on_result) {
  Status s = store_->CommitChecks();
  if (!s.ok()) spdlog::error("recording {} checks: {}", uncommitted_.size(), s.message());
  std::vector<CheckResult> results;
  results.swap(uncommitted_);
  for (CheckResult& r : results) {
    if (!s.ok()) {  // nothing of it was stored: a failure, retried at the failure back-off
      CheckResult failed;
      failed.key = r.key;
      failed.outcome = store::AttemptOutcome::kFailed;
      failed.error = "storing the check failed: " + s.message();
      r = std::move(failed);
    }
    on_result(r);
  }
}

void Runner::Step(std::chrono::milliseconds max_wait, const OnResult& on_result) {
  auto until_next_host = StartReady();
  auto wait = std::min(max_wait, until_next_host);
  // Checks waiting to be committed bound the wait (and the lock).
  if (auto waiting = store_->ChecksWaiting()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(kCheckGroupWindow - *waiting);
    wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
  }
  if (in_flight_ == 0 && wait == std::chrono::milliseconds::max()) return;
  if (in_flight_ > 0 || wait > std::chrono::milliseconds(0)) {
    fetcher_.Perform(std::max(wait, std::chrono::milliseconds(0)));
  }
  std::vector<Done> done;
  done.swap(done_);
  for (auto& d : done) {
    --in_flight_;
    CheckResult result;
    Status s = ProcessFetch(*store_, *d.job.config, d.job.target, d.response, d.started, &result,
                            d.read_before ? &*d.read_before : nullptr);
    if (!s.ok()) {
      result.key = d.job.target.Key();
      result.outcome = store::AttemptOutcome::kFailed;
      result.error = "storing the check failed: " + s.message();
      spdlog::error("{}: {}", result.key, result.error);
    }
    uncommitted_.push_back(std::move(result));
  }
  auto waiting = store_->ChecksWaiting();
  if (!waiting || *waiting >= kCheckGroupWindow || in_flight_ == 0) CommitAndReport(on_result);
}

void Runner::RunUntilIdle(const OnResult& on_result) {
  while (Pending() > 0) Step(std::chrono::milliseconds(1000), on_result);
  CommitAndReport(on_result);
}

}  // namespace pw::daemon
