#include "daemon/internal/delivery_thread.h"

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "store/store.h"
#include "util/repeat_log.h"
#include "util/clock.h"

namespace pw::daemon {
namespace {

std::int64_t NowSeconds() { return UnixSeconds(Clock::now()); }

constexpr std::chrono::milliseconds kDeliveryBusyTimeout{1000};

// A store connection for a thread, opened again after a failure no sooner
// than the store back-off allows; failures logged once a minute with a count.
class Connection {
 public:
  Connection(std::string db_path, std::string who, const notify::WorkerOptions& options)
      : db_path_(std::move(db_path)), who_(std::move(who)), options_(options) {}

  // The store, or null while it cannot be opened; *retry_at is then when to
  // try again (unix seconds).
  store::Store* Get(std::int64_t now, std::int64_t* retry_at) {
    if (store_ || now < not_before_) {
      *retry_at = not_before_;
      return store_.get();
    }
    Status s = store::Store::Open(db_path_, &store_);
    if (s.ok()) {
      // A write that waits on another writer's lock gives up after this, and is
      // made again after the store back-off: a stop is never held for long.
      store_->SetBusyTimeout(kDeliveryBusyTimeout);
      if (failures_ > 0) spdlog::info("{}: the database opens again", who_);
      log_.Clear("open");
      failures_ = 0;
      return store_.get();
    }
    not_before_ = now + notify::StoreRetryDelay(++failures_, options_).count();
    *retry_at = not_before_;
    log_.Log(spdlog::level::err, "open", who_ + ": " + s.message() + "; trying again later");
    return nullptr;
  }

 private:
  std::string db_path_;
  std::string who_;
  notify::WorkerOptions options_;
  std::unique_ptr<store::Store> store_;
  int failures_ = 0;
  std::int64_t not_before_ = 0;
  RepeatLog log_;
};

}  // namespace

DeliveryThread::DeliveryThread(std::string db_path, std::shared_ptr<const config::Config> config,
                               notify::WorkerOptions options)
    : db_path_(std::move(db_path)), options_(options), config_(std::move(config)) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const config::Channel& c : config_->channels) StartChannel(c.name);
  ++running_;
  scout_ = std::thread([this] { RunScout(); });
}

DeliveryThread::~DeliveryThread() { Stop(); }

void DeliveryThread::SetConfig(std::shared_ptr<const config::Config> config) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stop_) return;
  config_ = std::move(config);
  for (const config::Channel& c : config_->channels) StartChannel(c.name);
  for (auto& [name, channel] : channels_) channel.poked = true;
  scout_poked_ = true;
  cv_.notify_all();
}

void DeliveryThread::Poke() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [name, channel] : channels_) channel.poked = true;
  cv_.notify_all();
}

void DeliveryThread::Stop(std::chrono::system_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!stop_) {
    stop_ = true;
    stopping_ = true;
    cv_.notify_all();
    // Transfers under way may finish until shortly before the deadline.
    cv_.wait_until(lock, deadline - kAbortMargin, [this] { return running_ == 0; });
    if (running_ > 0) {
      spdlog::warn("stopping: abandoning the deliveries under way; they stay pending");
    }
    abort_ = true;
  }
  std::vector<std::thread> threads;
  for (auto& [name, channel] : channels_) threads.push_back(std::move(channel.thread));
  threads.push_back(std::move(scout_));
  lock.unlock();
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
}

void DeliveryThread::StartChannel(const std::string& name) {
  if (stop_ || channels_.count(name) > 0) return;
  ++running_;
  channels_[name].thread = std::thread([this, name] { RunChannel(name); });
}

bool DeliveryThread::Sleep(std::int64_t next, bool* poked) {
  std::unique_lock<std::mutex> lock(mu_);
  auto until = Clock::now() + std::chrono::hours(1);
  if (next > 0) until = std::min(until, FromUnixSeconds(next));
  cv_.wait_until(lock, until, [&] { return *poked || stop_; });
  if (stop_) return false;
  *poked = false;
  return true;
}

void DeliveryThread::RunChannel(const std::string& name) {
  notify::ChannelWorker worker(name, options_);
  Connection connection(db_path_, "deliveries to channel '" + name + "'", options_);
  notify::PassControl control{&stopping_, &abort_};
  bool* poked;
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked = &channels_.at(name).poked;  // map nodes stay put
  }
  std::int64_t next = 0;
  do {
    std::shared_ptr<const config::Config> config;
    {
      std::lock_guard<std::mutex> lock(mu_);
      config = config_;
    }
    store::Store* store = connection.Get(NowSeconds(), &next);
    if (store == nullptr) continue;
    notify::DeliveryReport report;
    next = worker.Pass(*store, *config, NowSeconds(), control, &report);
    if (report.delivered + report.retrying + report.failed > 0) {
      spdlog::info("notifications to channel '{}': {} delivered, {} to retry, {} failed", name,
                   report.delivered, report.retrying, report.failed);
    }
  } while (Sleep(next, poked));
  std::lock_guard<std::mutex> lock(mu_);
  --running_;
  cv_.notify_all();
}

// Finds the channels of pending deliveries that have no thread (channels gone
// from the configuration) and starts theirs.
void DeliveryThread::RunScout() {
  Connection connection(db_path_, "deliveries", options_);
  std::int64_t next = 0;
  do {
    store::Store* store = connection.Get(NowSeconds(), &next);
    if (store == nullptr) continue;
    std::vector<std::string> names;
    if (Status s = store->PendingChannels(&names); !s.ok()) {
      spdlog::error("deliveries: {}", s.message());
      next = NowSeconds() + options_.store_max_retry.count();
      continue;
    }
    next = 0;
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& name : names) StartChannel(name);
  } while (Sleep(next, &scout_poked_));
  std::lock_guard<std::mutex> lock(mu_);
  --running_;
  cv_.notify_all();
}

}  // namespace pw::daemon
