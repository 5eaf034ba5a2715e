// The daemon's deliveries: one thread per channel (notify::ChannelWorker), each
// with its own store connection, sleeping until one of its deliveries is due
// (or it is poked after a check enqueued one). A slow or hanging receiver
// delays only its own channel. Channels of pending deliveries that are no
// longer configured get a thread too, which fails those deliveries (as
// notify::DeliverDue does).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/config.h"
#include "notify/worker.h"

namespace pw::daemon {

class DeliveryThread {
 public:
  // Starts a thread per channel of `config`, and one that looks in the
  // database at `db_path` for pending deliveries of other channels.
  DeliveryThread(std::string db_path, std::shared_ptr<const config::Config> config,
                 notify::WorkerOptions options = notify::WorkerOptions());
  ~DeliveryThread();  // Stop()s at once

  // Channels new in `config` get their thread; every thread takes `config`.
  void SetConfig(std::shared_ptr<const config::Config> config);
  // New deliveries may be due: every channel looks now.
  void Poke();
  // Starts no further attempt; a transfer still running shortly before
  // `deadline` (kAbortMargin) is abandoned, its delivery left pending for the
  // next start (same delivery id). Returns once every thread has ended: about
  // `deadline`, whatever the receivers do.
  void Stop(std::chrono::system_clock::time_point deadline);
  void Stop() { Stop(std::chrono::system_clock::now()); }

  // Transfers are abandoned this long before the stop deadline: libcurl looks
  // at the abort flag about once a second.
  static constexpr std::chrono::milliseconds kAbortMargin{1000};

 private:
  struct Channel {
    bool poked = true;
    std::thread thread;
  };

  void StartChannel(const std::string& name);  // mu_ held
  void RunChannel(const std::string& name);
  void RunScout();
  // Sleeps until `next` (unix seconds; 0: an hour), a poke of `*poked`, or a
  // stop. False when stopping.
  bool Sleep(std::int64_t next, bool* poked);

  const std::string db_path_;
  const notify::WorkerOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<const config::Config> config_;
  std::map<std::string, Channel> channels_;
  bool scout_poked_ = true;  // look for channels of pending deliveries again
  int running_ = 0;          // threads not yet ended
  bool stop_ = false;
  std::atomic<bool> stopping_{false};  // no further attempt
  std::atomic<bool> abort_{false};     // abandon transfers in flight
  std::thread scout_;
};

}  // namespace pw::daemon
