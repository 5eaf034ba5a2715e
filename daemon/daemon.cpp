// `policywatch run`: the loop that plans checks and hands them to the Runner
// (check/), the reload, and the graceful stop. Signals, systemd and the
// delivery threads are their own files; so is attempt retention (pruner.cpp).
#include "daemon/daemon.h"

#include <atomic>
#include <filesystem>
#include <set>

#include <spdlog/spdlog.h>

#include "check/runner.h"
#include "check/schedule.h"
#include "util/backoff.h"
#include "config/config.h"
#include "daemon/internal/delivery_thread.h"
#include "daemon/internal/plan.h"
#include "daemon/internal/pruner.h"
#include "daemon/internal/signals.h"
#include "daemon/internal/systemd_notify.h"
#include "store/store.h"
#include "web/web.h"

namespace pw::daemon {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

// How long a write of the daemon's loop waits for another connection's lock (a
// `check` run, the delivery worker, any other process) before giving up and
// trying again later: the loop also drives the fetches, so it must not stall.
constexpr milliseconds kLoopBusyTimeout{50};
// A reload whose configuration the database does not take is tried again with
// back-off for this long, then given up (the running configuration stays).
constexpr Seconds kReloadPatience{30};
// The longest the loop sleeps with nothing planned.
constexpr milliseconds kMaxSleep{3600 * 1000};

std::shared_ptr<const config::Config> LoadOrLog(const std::string& path) {
  config::LoadResult result = config::LoadConfig(path);
  if (!result.ok()) {
    for (const auto& e : result.errors) spdlog::error("{}", e.ToString());
    return nullptr;
  }
  return std::make_shared<const config::Config>(std::move(result.config));
}

// Opens (creating its folder) the daemon's store: checks grouped, committed by
// the Runner (check::kCheckGroupWindow), and the configuration synced into it.
// A long database upgrade keeps asking systemd for more time to start.
Status OpenStore(const std::string& db_path, const config::Config& config,
                 SystemdNotifier* systemd, std::unique_ptr<store::Store>* store) {
  std::error_code ec;
  auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  store::StoreOptions options;
  options.group_checks = true;
  options.upgrade_progress = [systemd](std::int64_t done, std::int64_t total) {
    systemd->ExtendStartTimeout(std::chrono::seconds(30),
                                "upgrading the database: " + std::to_string(done) + " of " +
                                    std::to_string(total) + " versions re-encoded");
  };
  PW_RETURN_IF_ERROR(store::Store::Open(db_path, options, store));
  PW_RETURN_IF_ERROR((*store)->SyncConfig(config, UnixSeconds(Clock::now())));
  (*store)->SetBusyTimeout(kLoopBusyTimeout);
  return Status::Ok();
}

// The running daemon. Signals are set up first, so every thread (curl's
// resolver, the delivery threads) inherits the blocked mask and only the
// watcher receives them.
class Daemon {
 public:
  explicit Daemon(const DaemonOptions& options)
      : options_(options), signals_([this] {
          if (check::Runner* r = runner_for_wake_.load()) r->Wakeup();
        }) {}

  int Run() {
    if (!Start()) return 1;
    while (!signals_.StopRequested()) Turn();
    Stop();
    return 0;
  }

 private:
  bool Start();
  void Turn();  // one turn of the loop
  void Stop();
  void OnResult(const check::CheckResult& r);
  void TakeReloadRequest();
  void TryReload();
  void StartDue(TimePoint now);
  void ServeWeb(const config::Config* previous);
  milliseconds SleepBefore(TimePoint now) const;
  std::string StatusLine() const;

  const DaemonOptions options_;
  std::atomic<check::Runner*> runner_for_wake_{nullptr};
  SignalWatcher signals_;
  SystemdNotifier systemd_;
  std::shared_ptr<const config::Config> config_;
  std::string db_path_;
  std::unique_ptr<store::Store> store_;
  Plan plan_;
  Pruner pruner_{config::kDefaultKeepAttempts};  // attempt retention
  std::unique_ptr<check::Runner> runner_;
  std::unique_ptr<DeliveryThread> deliveries_;
  std::unique_ptr<web::WebServer> web_;  // with [web] listen
  std::set<std::string> busy_;  // keys being checked
  std::uint64_t checks_ = 0, changes_ = 0, failures_ = 0;
  // A reload: the configuration loaded, waiting for the database to take it.
  std::shared_ptr<const config::Config> reload_;
  Backoff reload_backoff_{milliseconds(200), milliseconds(5000)};
};

bool Daemon::Start() {
  config_ = LoadOrLog(options_.config_path);
  if (!config_) {
    spdlog::critical("{}: invalid configuration; not starting", options_.config_path);
    return false;
  }
  db_path_ = options_.database_override.empty() ? config_->daemon.database
                                                : options_.database_override;
  if (Status s = OpenStore(db_path_, *config_, &systemd_, &store_); !s.ok()) {
    spdlog::critical("{}", s.message());
    return false;
  }
  plan_.Rebuild(config_, *store_, Clock::now(), options_.first_spread);
  pruner_.SetKeep(config_->daemon.keep_attempts);
  runner_ = std::make_unique<check::Runner>(store_.get(), config_->daemon.concurrency,
                                            config_->daemon.per_host_delay);
  runner_->RetryRecording(true);  // a busy database delays recording, never fetching
  runner_for_wake_ = runner_.get();
  deliveries_ = std::make_unique<DeliveryThread>(db_path_, config_);
  ServeWeb(nullptr);
  spdlog::info("policywatch started: {} documents, database {}", plan_.size(), db_path_);
  systemd_.Ready(StatusLine());
  return true;
}

std::string Daemon::StatusLine() const {
  return fmt::format("watching {} documents; {} checks, {} changes, {} failures since start",
                     plan_.size(), checks_, changes_, failures_);
}

void Daemon::Turn() {
  TakeReloadRequest();
  TryReload();
  const TimePoint now = Clock::now();
  StartDue(now);
  pruner_.Step(store_.get(), now);  // one batch at most
  runner_->Step(SleepBefore(now), [this](const check::CheckResult& r) { OnResult(r); });
  systemd_.WatchdogIfDue();
  systemd_.Flush();
}

void Daemon::StartDue(TimePoint now) {
  for (const auto* e : plan_.Due(now, busy_)) {
    std::string key = e->target.Key();
    busy_.insert(key);
    runner_->Add(e->config, e->target);
    plan_.SetNext(key, TimePoint::max());  // until its result plans the next
  }
}

// Until the next due check, a network event, a signal, the watchdog, a
// systemd message to flush or a reload to try again.
milliseconds Daemon::SleepBefore(TimePoint now) const {
  TimePoint earliest = plan_.Earliest(busy_);
  milliseconds wait = earliest == TimePoint::max()
                          ? kMaxSleep
                          : duration_cast<milliseconds>(earliest - now) + milliseconds(1);
  wait = std::min(wait, duration_cast<milliseconds>(pruner_.Next() - now) + milliseconds(1));
  wait = std::clamp(wait, milliseconds(0), kMaxSleep);
  if (auto wd = systemd_.WatchdogInterval()) wait = std::min(wait, *wd);
  if (auto flush = systemd_.NextFlush()) wait = std::min(wait, *flush);
  if (reload_) wait = std::min(wait, reload_backoff_.Left(SteadyClock::now()));
  return wait;
}

void Daemon::OnResult(const check::CheckResult& r) {
  busy_.erase(r.key);
  ++checks_;
  if (r.outcome == store::AttemptOutcome::kFailed) {
    ++failures_;
    spdlog::warn("{}", check::DescribeResult(r));
  } else if (r.outcome == store::AttemptOutcome::kChanged ||
             r.outcome == store::AttemptOutcome::kNew) {
    ++changes_;
    spdlog::info("{}", check::DescribeResult(r));
  } else if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("{}", check::DescribeResult(r));
  }
  // The check stored the next check time; follow it. (The Runner reports a
  // check once recorded; should the store fail, nothing was stored: try again
  // after the first failure back-off.)
  if (plan_.Contains(r.key)) {
    plan_.SetNext(r.key, r.next_check_at > 0
                             ? FromUnixSeconds(r.next_check_at)
                             : check::NextAfterFailure(Clock::now(), config_->daemon.interval,
                                                       1, std::nullopt));
  }
  if (r.deliveries > 0) deliveries_->Poke();
  systemd_.Status(StatusLine());
}

void Daemon::TakeReloadRequest() {
  if (!signals_.TakeReload()) return;
  systemd_.Reloading();
  spdlog::info("reloading {}", options_.config_path);
  reload_ = LoadOrLog(options_.config_path);
  reload_backoff_.Succeeded();
  if (!reload_) {
    spdlog::error("{}: invalid configuration; keeping the running one", options_.config_path);
    systemd_.Ready(StatusLine());
  }
}

void Daemon::TryReload() {
  const auto now = SteadyClock::now();
  if (!reload_ || !reload_backoff_.Due(now)) return;
  if (Status st = store_->SyncConfig(*reload_, UnixSeconds(Clock::now())); !st.ok()) {
    reload_backoff_.Failed(now);
    if (now - reload_backoff_.failing_since() < kReloadPatience) {
      if (reload_backoff_.failures() == 1) {
        spdlog::warn("reload: {}; trying again with back-off", st.message());
      }
      return;
    }
    spdlog::error("reload: {} (tried {} times); keeping the running configuration",
                  st.message(), reload_backoff_.failures());
  } else {
    const auto previous = config_;
    config_ = reload_;
    plan_.Rebuild(config_, *store_, Clock::now(), options_.first_spread);
    runner_->SetPerHostDelay(config_->daemon.per_host_delay);
    pruner_.SetKeep(config_->daemon.keep_attempts);
    deliveries_->SetConfig(config_);
    ServeWeb(previous.get());
    spdlog::info("configuration reloaded: {} documents", plan_.size());
  }
  reload_.reset();
  systemd_.Ready(StatusLine());
}

// Starts, restarts or stops the web server as [web] says; unchanged settings
// keep it running. A web server that cannot start is logged and the daemon goes
// on watching without it (a reload tries again).
void Daemon::ServeWeb(const config::Config* previous) {
  const config::WebConfig& now = config_->web;
  if (previous != nullptr && web_ && previous->web.listen == now.listen &&
      previous->web.token == now.token && previous->web.base_url == now.base_url) {
    return;
  }
  web_.reset();
  if (now.listen.empty()) return;
  web::WebOptions options;
  options.web = now;
  options.database = db_path_;
  if (Status s = web::WebServer::Start(options, &web_); !s.ok()) {
    spdlog::error("{}; watching goes on without the web view", s.message());
    return;
  }
  spdlog::info("web view at {}/{}", web_->url(), now.loopback ? "" : " (bearer token required)");
}

// Graceful stop: no new checks; finish those under way, within a bound.
void Daemon::Stop() {
  systemd_.Stopping();
  spdlog::info("stopping: finishing {} checks under way", runner_->InFlight());
  runner_->DropWaiting();
  auto deadline = Clock::now() + options_.stop_timeout;
  auto unfinished = [this] { return runner_->InFlight() > 0 || runner_->Unrecorded() > 0; };
  while (unfinished() && Clock::now() < deadline) {
    runner_->Step(milliseconds(200), [this](const check::CheckResult& r) { OnResult(r); });
    systemd_.Flush();
  }
  if (unfinished()) {
    spdlog::warn("stopping with {} checks unfinished and {} not recorded; they are made again "
                 "at the next start",
                 runner_->InFlight(), runner_->Unrecorded());
  }
  runner_for_wake_ = nullptr;
  web_.reset();
  deliveries_->Stop(deadline);  // abandons transfers still running then
  systemd_.Drain(milliseconds(200));  // STOPPING=1, should the reader be slow
  spdlog::info("stopped");
}

}  // namespace

int RunDaemon(const DaemonOptions& options) { return Daemon(options).Run(); }

}  // namespace pw::daemon
