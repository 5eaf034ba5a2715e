// Deliveries under faults, with the real binary: the database on a full disk
// (a small tmpfs, filled) while deliveries are due, and a webhook receiver that
// never answers beside a healthy one.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

std::string DocType(int i) { return "doc-" + std::to_string(i); }
std::string PathOf(int i) { return "/p/" + std::to_string(i); }

// A tmpfs of `size` mounted at `path` for the scope. ok() is false (and why()
// says why) when this process may not mount.
class Tmpfs {
 public:
  Tmpfs(std::string path, const std::string& size) : path_(std::move(path)) {
    REQUIRE(mkdir(path_.c_str(), 0755) == 0);
    std::string options = "size=" + size + ",mode=0755";
    if (mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      why_ = "mount -t tmpfs " + path_ + ": " + std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  bool ok() const { return mounted_; }
  const std::string& why() const { return why_; }
  // Fills the file system with `name` until a write fails (ENOSPC).
  void Fill(const std::string& name) {
    std::FILE* f = std::fopen((path_ + "/" + name).c_str(), "wb");
    REQUIRE(f != nullptr);
    std::string block(64 * 1024, 'x');
    while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
    }
    std::fclose(f);  // the last short write may only fail here
    // The last few bytes, so that not even a page is left.
    f = std::fopen((path_ + "/" + name + ".tail").c_str(), "wb");
    if (f != nullptr) {
      while (std::fputc('x', f) != EOF && std::fflush(f) == 0) {
      }
      std::fclose(f);
    }
  }
  void Free(const std::string& name) {
    std::remove((path_ + "/" + name).c_str());
    std::remove((path_ + "/" + name + ".tail").c_str());
  }

 private:
  std::string path_;
  std::string why_;
  bool mounted_ = false;
};

// A TCP listener on 127.0.0.1 that accepts connections, reads what comes, and
// never answers: a receiver that hangs.
class BlackHole {
 public:
  BlackHole() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd_, 16) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~BlackHole() {
    stop_ = true;
    thread_.join();
    for (int c : clients_) close(c);
    close(fd_);
  }
  std::string Url(const std::string& channel) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + channel;
  }
  int Accepted() const { return accepted_.load(); }

 private:
  void Serve() {
    while (!stop_) {
      std::vector<pollfd> fds = {{fd_, POLLIN, 0}};
      for (int c : clients_) fds.push_back({c, POLLIN, 0});
      if (poll(fds.data(), fds.size(), 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        int c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (c >= 0) {
          clients_.push_back(c);
          ++accepted_;
        }
      }
      for (size_t i = 1; i < fds.size(); ++i) {
        char buffer[4096];
        if (fds[i].revents & (POLLIN | POLLHUP)) (void)!read(fds[i].fd, buffer, sizeof buffer);
      }
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::vector<int> clients_;  // the Serve thread's
  std::thread thread_;
};

// Lines of `log` at level `level` ("error: ...", as the daemon writes them)
// that hold `needle`.
size_t LinesAt(const std::string& log, const std::string& level, const std::string& needle) {
  size_t n = 0;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(level + ": ", 0) == 0 && line.find(needle) != std::string::npos) ++n;
  }
  return n;
}

size_t Lines(const std::string& log) {
  return static_cast<size_t>(std::count(log.begin(), log.end(), '\n'));
}

bool AllHaveVersions(World& w, int docs, long long n) {
  for (int i = 0; i < docs; ++i) {
    if (Versions(w.db, "acme", DocType(i)) < n) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("run: the database on a full disk while deliveries are due: no re-send flood",
          "[daemon][e2e][fault]") {
  constexpr int kDocs = 3;
  World w;
  Tmpfs fs(w.dir.File("fs"), "8m");
  if (!fs.ok()) {
    WARN("SKIPPED: this test needs to mount a tmpfs (run it as root): " << fs.why());
    return;
  }
  w.db = w.dir.File("fs") + "/pw.db";
  CompanySpec acme{"acme", {"legal"}, {}};
  for (int i = 0; i < kDocs; ++i) {
    w.site.Set(PathOf(i), PolicyPage("acme", i, Edit::kNone));
    acme.documents.emplace_back(DocType(i), w.site.Url(PathOf(i)));
  }
  w.WriteConfig(
      ConfigToml("2s", w.secret_file, {{"legal", w.hook.Url("legal"), "material"}}, {acme}));
  auto daemon = w.Start({"--stop-timeout", "3"});
  w.Require([&] { return AllHaveVersions(w, kDocs, 1); }, "first versions");

  // The receiver takes 1.5 s per POST; the disk fills while the first is held,
  // so its "delivered" write fails, and so does every write after it.
  w.hook.SetDelay(milliseconds(1500));
  for (int i = 0; i < kDocs; ++i) w.site.Set(PathOf(i), PolicyPage("acme", i, Edit::kMaterial));
  w.Require([&] { return w.Pending() >= kDocs; }, "the changes' deliveries enqueued");
  fs.Fill("filler");
  const size_t log_before = daemon->Log().size();
  const auto full_since = SteadyClock::now();
  std::this_thread::sleep_for(seconds(6));
  const double full_seconds =
      std::chrono::duration<double>(SteadyClock::now() - full_since).count();
  const std::string full_log = daemon->Log().substr(log_before);
  const int posts_while_full = w.hook.Posts();
  REQUIRE(daemon->running());

  // Space returns: the outcomes are written; nothing is sent again.
  fs.Free("filler");
  w.hook.SetDelay(milliseconds(0));
  w.Require([&] { return w.Pending() == 0; }, "every delivery marked delivered", seconds(30));
  std::this_thread::sleep_for(milliseconds(500));
  w.Stop(*daemon, seconds(10));

  const size_t delivery_errors = LinesAt(full_log, "error", "deliver");
  const size_t all_errors = LinesAt(full_log, "error", "");
  const size_t all_lines = Lines(full_log);
  INFO("POSTs while the disk was full: " << posts_while_full << " for " << kDocs
                                         << " deliveries; delivery error lines: " << delivery_errors
                                         << ", all error lines: " << all_errors << " in "
                                         << full_seconds << " s");
  INFO("log while full:\n" << full_log);
  WARN("full disk for " << full_seconds << " s: " << w.hook.Posts() << " POSTs for "
                        << w.hook.Unique().size() << " delivery ids, " << w.hook.Duplicates()
                        << " duplicates; " << delivery_errors << " delivery error lines ("
                        << all_errors << " error lines, " << all_lines << " lines in all)");
  CHECK(w.hook.Unique().size() == kDocs);
  CHECK(w.hook.Duplicates() == 0);  // each delivery id reached the receiver once
  CHECK(w.hook.Posts() == kDocs);
  CHECK(posts_while_full <= kDocs);
  // One line when the first write fails and at most one a minute per channel.
  CHECK(delivery_errors <= 2);
  CHECK(delivery_errors >= 1);  // the test exercised what it claims to
  CHECK(QueryInt(w.db, "SELECT count(*) FROM outbox WHERE state <> 'delivered'") == 0);
  CHECK(w.IntegrityCheck() == "ok");
}

TEST_CASE(
    "run: a receiver that never answers delays only its channel, and SIGTERM ends within the stop timeout",
    "[daemon][e2e][fault][stop]") {
  constexpr int kDocs = 4;
  constexpr int kStopTimeout = 3;
  World w;
  BlackHole hole;
  CompanySpec acme{"acme", {"stuck", "legal"}, {}};
  for (int i = 0; i < kDocs; ++i) {
    w.site.Set(PathOf(i), PolicyPage("acme", i, Edit::kNone));
    acme.documents.emplace_back(DocType(i), w.site.Url(PathOf(i)));
  }
  std::string toml = ConfigToml(
      "2s", w.secret_file,
      {{"stuck", hole.Url("stuck"), "material"}, {"legal", w.hook.Url("legal"), "material"}},
      {acme});
  // The stuck channel waits two minutes for an answer.
  auto stuck = toml.find("name = \"stuck\"");
  REQUIRE(stuck != std::string::npos);
  auto timeout = toml.find("timeout = \"10s\"", stuck);
  REQUIRE(timeout != std::string::npos);
  toml.replace(timeout, std::strlen("timeout = \"10s\""), "timeout = \"120s\"");
  w.WriteConfig(toml);
  auto daemon = w.Start({"--stop-timeout", std::to_string(kStopTimeout)});
  w.Require([&] { return AllHaveVersions(w, kDocs, 1); }, "first versions");

  // Every document changes: kDocs events for each channel.
  for (int i = 0; i < kDocs; ++i) w.site.Set(PathOf(i), PolicyPage("acme", i, Edit::kMaterial));
  w.Require([&] { return AllHaveVersions(w, kDocs, 2); }, "the changed versions");
  const auto stored = SteadyClock::now();
  auto changed = [&] {
    size_t n = 0;
    for (const auto& r : w.hook.Unique()) n += r.event_type == "document.changed";
    return n;
  };
  w.Require([&] { return changed() >= kDocs; }, "every change on the healthy channel", seconds(10));
  const double healthy_seconds = std::chrono::duration<double>(SteadyClock::now() - stored).count();
  REQUIRE(hole.Accepted() >= 1);  // the stuck channel's first POST hangs

  const auto term = SteadyClock::now();
  daemon->Signal(SIGTERM);
  int code = -2;
  REQUIRE(daemon->WaitExit(seconds(kStopTimeout + 10), &code));
  const double stop_seconds = std::chrono::duration<double>(SteadyClock::now() - term).count();
  INFO(daemon->Log());
  WARN("healthy channel: every event "
       << healthy_seconds
       << " s after the versions were stored; SIGTERM to exit with a hanging receiver: "
       << stop_seconds << " s (--stop-timeout " << kStopTimeout << ")");
  CHECK(code == 0);
  CHECK(healthy_seconds < 3.0);
  CHECK(stop_seconds < kStopTimeout + 1.0);
  CHECK(w.hook.Duplicates() == 0);
  // The stuck channel's deliveries are all still pending, the abandoned one not
  // even counted as an attempt: the next start sends them with the same ids.
  CHECK(QueryInt(w.db,
                 "SELECT count(*) FROM outbox WHERE channel = 'stuck' AND state = "
                 "'pending'") >= kDocs);
  CHECK(QueryInt(w.db, "SELECT sum(attempts) FROM outbox WHERE channel = 'stuck'") == 0);
  CHECK(QueryInt(w.db,
                 "SELECT count(*) FROM outbox WHERE channel = 'legal' AND state <> "
                 "'delivered'") == 0);
}

}  // namespace pw::daemon_e2e
