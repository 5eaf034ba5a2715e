#include "daemon/internal/systemd_notify.h"

#include <systemd/sd-daemon.h>

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace pw::daemon {
namespace {

// The socket address NOTIFY_SOCKET names: a path, or '@' + an abstract name.
// False for anything else (systemd's vsock: addresses are not supported).
bool NotifyAddress(const std::string& name, sockaddr_un* addr, socklen_t* len) {
  *addr = sockaddr_un{};
  addr->sun_family = AF_UNIX;
  if (name.size() < 2 || name.size() > sizeof addr->sun_path) return false;
  if (name[0] != '/' && name[0] != '@') return false;
  if (name[0] == '/' && name.size() == sizeof addr->sun_path) return false;  // no room for NUL
  std::copy(name.begin(), name.end(), addr->sun_path);
  if (name[0] == '@') addr->sun_path[0] = '\0';  // abstract: no terminating NUL either
  *len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size() +
                                (name[0] == '/' ? 1 : 0));
  return true;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  if (const char* socket = std::getenv("NOTIFY_SOCKET")) address_ = socket;
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    watchdog_ = std::chrono::milliseconds(usec / 2000);
  }
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) close(fd_);
}

bool SystemdNotifier::Connect() {
  if (fd_ >= 0) return true;
  sockaddr_un addr;
  socklen_t len = 0;
  if (!NotifyAddress(address_, &addr, &len)) return false;
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd_ < 0) return false;
  // Connected, so that a full queue of the reader shows as EAGAIN on send and
  // as no POLLOUT on poll.
  if (connect(fd_, reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
    close(fd_);
    fd_ = -1;
    return false;
  }
  return true;
}

SystemdNotifier::SendResult SystemdNotifier::TrySend(const std::string& message) {
  if (address_.empty()) return SendResult::kSent;  // not under systemd: nothing to do
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!Connect()) return SendResult::kNoReader;
    if (send(fd_, message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL) >= 0) {
      return SendResult::kSent;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) return SendResult::kFull;
    if (errno == EINTR) continue;
    // The reader went away (or was bound anew at the same address): connect again.
    close(fd_);
    fd_ = -1;
  }
  return SendResult::kNoReader;
}

void SystemdNotifier::SendBacklog() {
  while (!backlog_.empty()) {
    SendResult r = TrySend(backlog_.front());
    if (r == SendResult::kFull) {
      backlog_retry_.Failed(SteadyClock::now());
      return;
    }
    if (r == SendResult::kNoReader) ++dropped_;
    backlog_.pop_front();
  }
  backlog_retry_.Succeeded();
}

void SystemdNotifier::SendKept(std::string message) {
  backlog_.push_back(std::move(message));
  while (backlog_.size() > kBacklogLimit) {
    backlog_.pop_front();
    ++dropped_;
  }
  SendBacklog();
}

void SystemdNotifier::SendStateChange(std::string message) {
  held_status_.reset();  // the status it carries supersedes a held one
  last_status_ = SteadyClock::now();
  SendKept(std::move(message));
}

void SystemdNotifier::Ready(std::string_view status) {
  SendStateChange("READY=1\nSTATUS=" + std::string(status));
}

void SystemdNotifier::Status(std::string_view status) {
  held_status_ = std::string(status);
  Flush();
}

void SystemdNotifier::Reloading() {
  // MONOTONIC_USEC lets newer systemd (253+) track the reload; older ones ignore it.
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  const unsigned long long usec =
      static_cast<unsigned long long>(now.tv_sec) * 1000000ull +
      static_cast<unsigned long long>(now.tv_nsec) / 1000ull;
  SendStateChange("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec) +
                  "\nSTATUS=reloading configuration");
}

void SystemdNotifier::ExtendStartTimeout(std::chrono::microseconds extra,
                                         std::string_view status) {
  SendStateChange("EXTEND_TIMEOUT_USEC=" + std::to_string(extra.count()) + "\nSTATUS=" +
                  std::string(status));
}

void SystemdNotifier::Stopping() { SendStateChange("STOPPING=1\nSTATUS=stopping"); }

void SystemdNotifier::WatchdogIfDue() {
  if (!watchdog_) return;
  auto now = SteadyClock::now();
  if (now - last_ping_ < *watchdog_) return;
  last_ping_ = now;
  // One ping in the backlog is as good as several.
  if (std::find(backlog_.begin(), backlog_.end(), "WATCHDOG=1") != backlog_.end()) return;
  SendKept("WATCHDOG=1");
}

void SystemdNotifier::Flush() {
  if (!backlog_.empty() && backlog_retry_.Due(SteadyClock::now())) SendBacklog();
  if (!held_status_) return;
  auto now = SteadyClock::now();
  if (now - last_status_ < kStatusPeriod) return;
  // A STATUS= never waits behind a backlog: the reader is slow, so it is dropped.
  if (!backlog_.empty() || TrySend("STATUS=" + *held_status_) != SendResult::kSent) ++dropped_;
  held_status_.reset();
  last_status_ = now;
}

std::optional<std::chrono::milliseconds> SystemdNotifier::NextFlush() const {
  if (!backlog_.empty()) return backlog_retry_.Left(SteadyClock::now());
  if (!held_status_) return std::nullopt;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(last_status_ + kStatusPeriod -
                                                           SteadyClock::now());
  return std::max(left, std::chrono::milliseconds(0));
}

void SystemdNotifier::Drain(std::chrono::milliseconds bound) {
  const auto deadline = SteadyClock::now() + bound;
  SendBacklog();
  while (!backlog_.empty() && fd_ >= 0) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left <= std::chrono::milliseconds(0)) return;
    pollfd p{fd_, POLLOUT, 0};
    poll(&p, 1, static_cast<int>(std::min(left, kRetryFirst).count()));
    SendBacklog();
  }
}

}  // namespace pw::daemon
