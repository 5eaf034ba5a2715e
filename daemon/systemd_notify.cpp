#include "daemon/systemd_notify.h"

#include <systemd/sd-daemon.h>

#include <time.h>

#include <string>

namespace pw::daemon {

SystemdNotifier::SystemdNotifier() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    watchdog_ = std::chrono::milliseconds(usec / 2000);
  }
}

void SystemdNotifier::Ready(std::string_view status) {
  std::string msg = "READY=1\nSTATUS=" + std::string(status);
  sd_notify(0, msg.c_str());
}

void SystemdNotifier::Status(std::string_view status) {
  std::string msg = "STATUS=" + std::string(status);
  sd_notify(0, msg.c_str());
}

void SystemdNotifier::Reloading() {
  // MONOTONIC_USEC lets newer systemd (253+) track the reload; older ones ignore it.
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const unsigned long long usec =
      static_cast<unsigned long long>(now.tv_sec) * 1000000ull +
      static_cast<unsigned long long>(now.tv_nsec) / 1000ull;
  std::string msg = "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec) +
                    "\nSTATUS=reloading configuration";
  sd_notify(0, msg.c_str());
}

void SystemdNotifier::Stopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

void SystemdNotifier::WatchdogIfDue() {
  if (!watchdog_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ping_ < *watchdog_) return;
  last_ping_ = now;
  sd_notify(0, "WATCHDOG=1");
}

}  // namespace pw::daemon
