// Signals for the daemon: SIGHUP (reload), SIGTERM / SIGINT (stop). A dedicated
// thread waits for them (sigwait) so that no code runs in a signal handler; it
// records the request and calls `wake` so the main loop notices at once.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace pw::daemon {

class SignalWatcher {
 public:
  // Blocks SIGHUP, SIGTERM, SIGINT in the calling thread (call before starting
  // other threads, so they inherit the mask) and starts the waiting thread.
  explicit SignalWatcher(std::function<void()> wake);
  ~SignalWatcher();

  // Each returns true once per request and clears it.
  bool TakeReload() { return reload_.exchange(false); }
  bool StopRequested() const { return stop_.load(); }

 private:
  std::function<void()> wake_;
  std::atomic<bool> reload_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace pw::daemon
