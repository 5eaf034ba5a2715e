// Talking to systemd (Type=notify): READY, STATUS, RELOADING, STOPPING, WATCHDOG.
// Every call is a no-op when not started by systemd (no NOTIFY_SOCKET).
//
// Nothing here blocks: messages go out on a non-blocking datagram socket
// connected to NOTIFY_SOCKET (a path, or '@' for an abstract address). A reader
// that does not keep up fills its queue; then
//  - STATUS= alone is dropped (a later one replaces it), and STATUS= is sent at
//    most once per kStatusPeriod: a newer text waits for the period to end;
//  - a state change (READY, RELOADING, STOPPING) and WATCHDOG are kept, in
//    order, and sent again by Flush() as the queue drains (tried after
//    kRetryFirst, then less and less often, up to kRetryMax apart; WATCHDOG=1
//    at most once in the backlog), up to kBacklogLimit messages; older ones are
//    dropped beyond that.
// The daemon's loop calls Flush() on each turn and wakes by NextFlush().
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "util/backoff.h"
#include "util/clock.h"

namespace pw::daemon {

class SystemdNotifier {
 public:
  static constexpr std::chrono::milliseconds kStatusPeriod{1000};
  static constexpr std::chrono::milliseconds kRetryFirst{50};
  static constexpr std::chrono::milliseconds kRetryMax{1000};
  static constexpr size_t kBacklogLimit = 16;

  SystemdNotifier();  // reads NOTIFY_SOCKET and WATCHDOG_USEC / WATCHDOG_PID
  ~SystemdNotifier();
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  // State changes: sent at once (or kept for Flush), with the status text.
  void Ready(std::string_view status);
  void Reloading();
  void Stopping();
  // Before READY=1: asks systemd for `extra` more time to start (a long
  // database upgrade), with the status text.
  void ExtendStartTimeout(std::chrono::microseconds extra, std::string_view status);
  // A new status line: sent now if kStatusPeriod has passed since the last
  // STATUS=, otherwise by Flush() once it has (only the latest text).
  void Status(std::string_view status);
  // Pings the watchdog if the unit asked for one and half its period has passed.
  void WatchdogIfDue();
  // Sends what waits (a state change or WATCHDOG the reader had no room for, a
  // STATUS= held back by the period). Never blocks.
  void Flush();
  // How long until Flush() has something to do (nullopt: nothing waits).
  std::optional<std::chrono::milliseconds> NextFlush() const;
  // Gives a backlog up to `bound` to drain (on exit, so STOPPING=1 gets out).
  void Drain(std::chrono::milliseconds bound);

  // Half the watchdog period when one is set: the loop must wake at least this often.
  std::optional<std::chrono::milliseconds> WatchdogInterval() const { return watchdog_; }
  // Messages dropped because the reader's queue was full (for the log and tests).
  std::uint64_t Dropped() const { return dropped_; }

 private:
  enum class SendResult { kSent, kFull, kNoReader };
  // Sends the backlog, in order, while the socket takes it; a message nobody
  // can receive (no socket bound at the address) is dropped.
  void SendBacklog();
  // Queues `message` (a state change or WATCHDOG) and tries to send the backlog.
  void SendKept(std::string message);
  // SendKept for a state change, whose STATUS= replaces a held status line.
  void SendStateChange(std::string message);
  // One non-blocking send (connecting again once if the reader went away).
  SendResult TrySend(const std::string& message);
  bool Connect();

  std::string address_;  // NOTIFY_SOCKET; empty: not under systemd
  int fd_ = -1;
  std::optional<std::chrono::milliseconds> watchdog_;
  SteadyClock::time_point last_ping_{};
  SteadyClock::time_point last_status_{};
  std::optional<std::string> held_status_;  // waiting for kStatusPeriod to pass
  std::deque<std::string> backlog_;         // kept messages not yet sent
  Backoff backlog_retry_{kRetryFirst, kRetryMax};
  std::uint64_t dropped_ = 0;
};

}  // namespace pw::daemon
