#include "daemon/delivery_thread.h"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "notify/worker.h"
#include "store/store.h"

namespace pw::daemon {
namespace {

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

DeliveryThread::DeliveryThread(std::string db_path, std::shared_ptr<const config::Config> config)
    : db_path_(std::move(db_path)), config_(std::move(config)) {
  thread_ = std::thread([this] { Loop(); });
}

DeliveryThread::~DeliveryThread() { Stop(); }

void DeliveryThread::SetConfig(std::shared_ptr<const config::Config> config) {
  std::lock_guard<std::mutex> lock(mu_);
  config_ = std::move(config);
  poked_ = true;
  cv_.notify_one();
}

void DeliveryThread::Poke() {
  std::lock_guard<std::mutex> lock(mu_);
  poked_ = true;
  cv_.notify_one();
}

void DeliveryThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void DeliveryThread::Loop() {
  std::unique_ptr<store::Store> store;
  Status s = store::Store::Open(db_path_, &store);
  if (!s.ok()) {
    spdlog::error("delivery worker: {}; notifications stay queued until a restart", s.message());
    return;
  }
  while (true) {
    std::shared_ptr<const config::Config> config;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // Sleep until the next pending delivery is due, or a poke, or stop.
      std::int64_t next = 0;
      Status st = store->NextDeliveryAt(&next);
      if (!st.ok()) spdlog::error("delivery worker: {}", st.message());
      auto deadline = std::chrono::system_clock::now() + std::chrono::hours(1);
      if (next > 0) {
        deadline = std::min(deadline, std::chrono::system_clock::time_point(std::chrono::seconds(next)));
      }
      cv_.wait_until(lock, deadline, [this] { return poked_ || stop_; });
      if (stop_) return;
      poked_ = false;
      config = config_;
    }
    notify::DeliveryReport report;
    Status st = notify::DeliverDue(*store, *config, NowSeconds(), &report);
    if (!st.ok()) spdlog::error("delivery worker: {}", st.message());
    if (report.attempted > 0) {
      spdlog::info("notifications: {} delivered, {} to retry, {} failed", report.delivered,
                   report.retrying, report.failed);
    }
  }
}

}  // namespace pw::daemon
