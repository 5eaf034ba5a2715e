// Talking to systemd (Type=notify): READY, STATUS, RELOADING, STOPPING, WATCHDOG.
// Every call is a no-op when not started by systemd (no NOTIFY_SOCKET).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace pw::daemon {

class SystemdNotifier {
 public:
  SystemdNotifier();

  void Ready(std::string_view status);
  void Status(std::string_view status);
  void Reloading();
  void Stopping();
  // Pings the watchdog if the unit asked for one and half its period has passed.
  void WatchdogIfDue();
  // Half the watchdog period when one is set: the loop must wake at least this often.
  std::optional<std::chrono::milliseconds> WatchdogInterval() const { return watchdog_; }

 private:
  std::optional<std::chrono::milliseconds> watchdog_;
  std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace pw::daemon
