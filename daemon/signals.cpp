#include "daemon/internal/signals.h"

#include <pthread.h>
#include <signal.h>

namespace pw::daemon {
namespace {

sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR1);  // used internally to end the waiting thread
  return set;
}

}  // namespace

SignalWatcher::SignalWatcher(std::function<void()> wake) : wake_(std::move(wake)) {
  sigset_t set = HandledSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this, set] {
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      if (sig == SIGHUP) reload_ = true;
      if (sig == SIGTERM || sig == SIGINT) stop_ = true;
      if (wake_) wake_();
    }
  });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

}  // namespace pw::daemon
