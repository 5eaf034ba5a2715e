#include "daemon/daemon.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "config/config.h"
#include "daemon/delivery_thread.h"
#include "daemon/runner.h"
#include "daemon/signals.h"
#include "daemon/systemd_notify.h"
#include "store/store.h"

namespace pw::daemon {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::int64_t ToUnix(TimePoint t) { return duration_cast<seconds>(t.time_since_epoch()).count(); }
TimePoint FromUnix(std::int64_t s) { return TimePoint(seconds(s)); }

// How long a write of the daemon's loop waits for another connection's lock (a
// `check` run, the delivery worker, any other process) before giving up and
// trying again later: the loop also drives the fetches, so it must not stall.
constexpr milliseconds kLoopBusyTimeout{50};
// A reload whose configuration the database does not take is tried again with
// back-off for this long, then given up (the running configuration stays).
constexpr seconds kReloadPatience{30};

// The plan: every configured document and when it is next due, indexed by time
// so that finding due work costs O(log n) plus what is due.
class Schedule {
 public:
  struct Entry {
    std::shared_ptr<const config::Config> config;
    Target target;
    TimePoint next;
  };

  // Rebuilds the plan from `config`, keeping the due time of documents already
  // planned; new ones take theirs from the database (spread when overdue).
  void Rebuild(std::shared_ptr<const config::Config> config, store::Store& store, TimePoint now,
               seconds spread) {
    std::map<std::string, Entry> next;
    for (const auto& company : config->companies) {
      for (const auto& document : company.documents) {
        Target target{&company, &document};
        std::string key = target.Key();
        TimePoint due;
        if (auto it = entries_.find(key); it != entries_.end()) {
          due = it->second.next;
        } else {
          store::DocumentRow row;
          Status s = store.GetDocument(company.id, document.type, &row);
          due = s.ok() ? FromUnix(row.state.next_check_at) : now;
          seconds interval = document.interval.value_or(config->daemon.interval);
          if (due <= now) due = FirstCheck(now, interval, spread, key);
        }
        next.emplace(key, Entry{config, target, due});
      }
    }
    entries_ = std::move(next);
    by_time_.clear();
    for (const auto& [key, e] : entries_) by_time_.emplace(e.next, key);
  }

  bool Contains(const std::string& key) const { return entries_.count(key) > 0; }

  void SetNext(const std::string& key, TimePoint t) {
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    by_time_.erase({it->second.next, key});
    it->second.next = t;
    by_time_.emplace(t, key);
  }

  // Entries due at `now` that are not in `busy`.
  std::vector<const Entry*> Due(TimePoint now, const std::set<std::string>& busy) const {
    std::vector<const Entry*> out;
    for (auto it = by_time_.begin(); it != by_time_.end() && it->first <= now; ++it) {
      if (!busy.count(it->second)) out.push_back(&entries_.at(it->second));
    }
    return out;
  }

  // The earliest due time of an entry not in `busy` (max() when none).
  TimePoint Earliest(const std::set<std::string>& busy) const {
    for (const auto& [t, key] : by_time_) {
      if (!busy.count(key)) return t;
    }
    return TimePoint::max();
  }

  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, Entry> entries_;
  std::set<std::pair<TimePoint, std::string>> by_time_;
};

std::shared_ptr<const config::Config> LoadOrLog(const std::string& path) {
  config::LoadResult result = config::LoadConfig(path);
  if (!result.ok()) {
    for (const auto& e : result.errors) spdlog::error("{}", e.ToString());
    return nullptr;
  }
  return std::make_shared<const config::Config>(std::move(result.config));
}

}  // namespace

int RunDaemon(const DaemonOptions& options) {
  // Signals first, so every thread (curl's resolver, the delivery worker)
  // inherits the blocked mask and only the watcher receives them.
  std::atomic<Runner*> runner_for_wake{nullptr};
  SignalWatcher signals([&runner_for_wake] {
    if (Runner* r = runner_for_wake.load()) r->Wakeup();
  });
  SystemdNotifier systemd;

  auto config = LoadOrLog(options.config_path);
  if (!config) {
    spdlog::critical("{}: invalid configuration; not starting", options.config_path);
    return 1;
  }
  const std::string db_path =
      options.database_override.empty() ? config->daemon.database : options.database_override;
  {
    std::error_code ec;
    auto parent = std::filesystem::path(db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::unique_ptr<store::Store> store;
  store::StoreOptions store_options;
  store_options.group_checks = true;  // committed by the Runner (kCheckGroupWindow)
  Status s = store::Store::Open(db_path, store_options, &store);
  if (!s.ok()) {
    spdlog::critical("{}", s.message());
    return 1;
  }
  s = store->SyncConfig(*config, ToUnix(Clock::now()));
  if (!s.ok()) {
    spdlog::critical("{}", s.message());
    return 1;
  }
  store->SetBusyTimeout(kLoopBusyTimeout);

  Schedule schedule;
  schedule.Rebuild(config, *store, Clock::now(), options.first_spread);
  Runner runner(store.get(), config->daemon.concurrency, config->daemon.per_host_delay);
  runner.RetryRecording(true);  // a busy database delays recording, never fetching
  runner_for_wake = &runner;
  DeliveryThread deliveries(db_path, config);

  std::set<std::string> busy;  // keys being checked
  std::uint64_t checks = 0, changes = 0, failures = 0;
  auto status_line = [&] {
    return fmt::format("watching {} documents; {} checks, {} changes, {} failures since start",
                       schedule.size(), checks, changes, failures);
  };
  spdlog::info("policywatch started: {} documents, database {}", schedule.size(), db_path);
  systemd.Ready(status_line());

  auto on_result = [&](const CheckResult& r) {
    busy.erase(r.key);
    ++checks;
    if (r.outcome == store::AttemptOutcome::kFailed) {
      ++failures;
      spdlog::warn("{}", DescribeResult(r));
    } else if (r.outcome == store::AttemptOutcome::kChanged ||
               r.outcome == store::AttemptOutcome::kNew) {
      ++changes;
      spdlog::info("{}", DescribeResult(r));
    } else if (spdlog::should_log(spdlog::level::debug)) {
      spdlog::debug("{}", DescribeResult(r));
    }
    // The pipeline stored the next check time; follow it. (The Runner reports a
    // check once recorded; should the store fail, nothing was stored: try again
    // after the first failure back-off.)
    if (schedule.Contains(r.key)) {
      schedule.SetNext(r.key, r.next_check_at > 0
                                  ? FromUnix(r.next_check_at)
                                  : NextAfterFailure(Clock::now(), config->daemon.interval, 1,
                                                     std::nullopt));
    }
    if (r.deliveries > 0) deliveries.Poke();
    systemd.Status(status_line());
  };

  // A reload: the configuration loaded, waiting for the database to take it.
  std::shared_ptr<const config::Config> reload;
  Backoff reload_backoff(milliseconds(200), milliseconds(5000));
  auto try_reload = [&] {
    const auto now = Backoff::SteadyClock::now();
    if (!reload || !reload_backoff.Due(now)) return;
    if (Status st = store->SyncConfig(*reload, ToUnix(Clock::now())); !st.ok()) {
      reload_backoff.Failed(now);
      if (now - reload_backoff.failing_since() >= kReloadPatience) {
        spdlog::error("reload: {} (tried {} times); keeping the running configuration",
                      st.message(), reload_backoff.failures());
      } else {
        if (reload_backoff.failures() == 1) {
          spdlog::warn("reload: {}; trying again with back-off", st.message());
        }
        return;
      }
    } else {
      config = reload;
      schedule.Rebuild(config, *store, Clock::now(), options.first_spread);
      runner.SetPerHostDelay(config->daemon.per_host_delay);
      deliveries.SetConfig(config);
      spdlog::info("configuration reloaded: {} documents", schedule.size());
    }
    reload.reset();
    systemd.Ready(status_line());
  };

  while (!signals.StopRequested()) {
    if (signals.TakeReload()) {
      systemd.Reloading();
      spdlog::info("reloading {}", options.config_path);
      reload = LoadOrLog(options.config_path);
      reload_backoff.Succeeded();
      if (!reload) {
        spdlog::error("{}: invalid configuration; keeping the running one", options.config_path);
        systemd.Ready(status_line());
      }
    }
    try_reload();

    TimePoint now = Clock::now();
    for (const auto* e : schedule.Due(now, busy)) {
      std::string key = e->target.Key();
      busy.insert(key);
      runner.Add(e->config, e->target);
      schedule.SetNext(key, TimePoint::max());  // until its result plans the next
    }

    // Sleep until the next due check, a network event, a signal, or the watchdog.
    TimePoint earliest = schedule.Earliest(busy);
    milliseconds wait = earliest == TimePoint::max()
                            ? milliseconds(3600 * 1000)
                            : duration_cast<milliseconds>(earliest - now) + milliseconds(1);
    wait = std::clamp(wait, milliseconds(0), milliseconds(3600 * 1000));
    if (auto wd = systemd.WatchdogInterval()) wait = std::min(wait, *wd);
    if (auto flush = systemd.NextFlush()) wait = std::min(wait, *flush);
    if (reload) wait = std::min(wait, reload_backoff.Left(Backoff::SteadyClock::now()));
    runner.Step(wait, on_result);
    systemd.WatchdogIfDue();
    systemd.Flush();
  }

  // Graceful stop: no new checks; finish those under way, within a bound.
  systemd.Stopping();
  spdlog::info("stopping: finishing {} checks under way", runner.InFlight());
  runner.DropWaiting();
  auto deadline = Clock::now() + options.stop_timeout;
  while ((runner.InFlight() > 0 || runner.Unrecorded() > 0) && Clock::now() < deadline) {
    runner.Step(milliseconds(200), on_result);
    systemd.Flush();
  }
  if (runner.InFlight() > 0 || runner.Unrecorded() > 0) {
    spdlog::warn("stopping with {} checks unfinished and {} not recorded; they are made again "
                 "at the next start",
                 runner.InFlight(), runner.Unrecorded());
  }
  runner_for_wake = nullptr;
  deliveries.Stop(deadline);  // abandons transfers still running then
  systemd.Drain(milliseconds(200));  // STOPPING=1, should the reader be slow
  spdlog::info("stopped");
  return 0;
}

}  // namespace pw::daemon
