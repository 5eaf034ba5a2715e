// The daemon's delivery worker: a thread with its own store connection that
// sleeps until a delivery is due (or it is poked after a check enqueued one),
// then makes one attempt for every due delivery (notify::DeliverDue).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/config.h"

namespace pw::daemon {

class DeliveryThread {
 public:
  // Opens its own connection to the database at `db_path`.
  DeliveryThread(std::string db_path, std::shared_ptr<const config::Config> config);
  ~DeliveryThread();  // Stop()s

  void SetConfig(std::shared_ptr<const config::Config> config);
  // New deliveries may be due: look now.
  void Poke();
  // Finishes the attempt under way, then ends the thread.
  void Stop();

 private:
  void Loop();

  std::string db_path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::shared_ptr<const config::Config> config_;
  bool poked_ = true;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace pw::daemon
