// Real parts for the end-to-end tests of `policywatch run`: the built binary as
// a child process (with its own environment and a log file), a site on
// 127.0.0.1 whose pages the test edits and can slow down, a signature-checking
// webhook receiver that drops duplicate delivery ids and counts them, a real
// NOTIFY_SOCKET, and the SQLite file opened read-only.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace httplib {
class Server;
}

namespace pw::daemon_e2e {

using ::pw::testing::TempDir;

std::string ReadFile(const std::string& path);

// Polls `condition` every 20 ms until it holds or `timeout` passes.
bool WaitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(30));

// --- The binary. ---
using Outcome = ::pw::testing::Outcome;
// Runs ${PW_BINARY_DIR}/policywatch with `args` and waits for it.
inline Outcome Run(const std::vector<std::string>& args) { return testing::RunBinary(args); }
// stdout of a `--format json` run, parsed (null when it is not JSON).
nlohmann::json Json(const Outcome& outcome);

// `policywatch run` as a child process; stdout and stderr go to `log_path`.
// `env` entries are set in the child (a value of "$PID" becomes the child's own
// pid); NOTIFY_SOCKET and WATCHDOG_* are cleared unless given. The destructor
// kills (SIGKILL) and reaps a daemon still running.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& args, const std::string& log_path,
         const std::map<std::string, std::string>& env = {});
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void Signal(int sig);
  // Waits up to `timeout` for the exit. True when it exited; *exit_code is its
  // status (-1 when ended by a signal, *signal says which).
  bool WaitExit(std::chrono::milliseconds timeout, int* exit_code, int* signal = nullptr);
  std::string Log() const { return ReadFile(log_path_); }
  // user + system CPU time in clock ticks, from /proc/PID/stat.
  long CpuTicks() const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::string log_path_;
};

// --- The site. ---
// An HTTP server on 127.0.0.1 with an ephemeral port serving pages the test
// sets; unknown paths are 404. Each Set() of a path bumps its generation, so a
// test can tell which requests serve an edited page.
class Site {
 public:
  Site();
  ~Site();
  std::string Url(const std::string& path) const;
  void Set(const std::string& path, const std::string& html);
  // Every answer is held this long before it is sent (a slow server).
  void SetDelay(std::chrono::milliseconds delay) { delay_ms_ = static_cast<int>(delay.count()); }
  // Requests being answered now whose page was at generation >= `generation`.
  int InFlight(int generation = 0) const;
  // Requests answered (completely) for `path`.
  int Served(const std::string& path) const;

 private:
  struct PageState {
    std::string html;
    int generation = 0;
    int served = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, PageState> pages_;
  std::multiset<int> in_flight_;  // generations of pages being answered
  std::atomic<int> delay_ms_{0};
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// --- The webhook receiver. ---
// POST /<channel>: checks X-Policywatch-Signature against `secret` (401 when it
// does not match), answers 204, and keeps each delivery id once (later copies
// are counted as duplicates).
struct Received {
  std::string delivery_id;
  std::string channel;
  std::string event_type;
  nlohmann::json event;
};
class HookReceiver {
 public:
  explicit HookReceiver(std::string secret);
  ~HookReceiver();
  std::string Url(const std::string& channel) const;
  // Each POST is held this long before the answer (a slow receiver).
  void SetDelay(std::chrono::milliseconds delay) { delay_ms_ = static_cast<int>(delay.count()); }
  std::vector<Received> Unique() const;
  int Posts() const;       // every POST, duplicates included
  int Duplicates() const;  // POSTs repeating a delivery id already accepted
  int BadSignatures() const;

 private:
  std::string secret_;
  mutable std::mutex mu_;
  std::vector<Received> unique_;
  std::map<std::string, int> seen_;
  int posts_ = 0, duplicates_ = 0, bad_signatures_ = 0;
  std::atomic<int> delay_ms_{0};
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// --- NOTIFY_SOCKET. ---
// A unix datagram socket bound at `path` (or, for "@name", at that abstract
// address), as systemd's, receiving sd_notify messages with the sender's
// credentials (SO_PASSCRED).
struct NotifyMessage {
  pid_t pid = 0;
  std::string text;
};
class NotifySocket {
 public:
  explicit NotifySocket(std::string path);
  ~NotifySocket();
  const std::string& path() const { return path_; }
  std::vector<NotifyMessage> Messages() const;
  // Index of the first message at or after `from` containing `needle` (-1: none).
  int Find(const std::string& needle, size_t from = 0) const;
  // The most checks a "STATUS=watching N documents; C checks" message has
  // reported so far (0: none). STATUS is rate-limited, latest text kept, so a
  // given count may never be sent: wait for at least it, not for it exactly.
  long MostChecksReported() const;

 private:
  std::string path_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<NotifyMessage> messages_;
  std::thread thread_;
};

// A NOTIFY_SOCKET that is bound but never read (a systemd that does not keep
// up): its queue fills after net.unix.max_dgram_qlen datagrams, and a blocking
// sender blocks from then on.
class DeafNotifySocket {
 public:
  explicit DeafNotifySocket(std::string path);
  ~DeafNotifySocket();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// --- The database, read-only. ---
long long QueryInt(const std::string& db_path, const std::string& sql);
std::string QueryText(const std::string& db_path, const std::string& sql);
// Attempts recorded for COMPANY/TYPE (0 when the document is unknown).
long long Attempts(const std::string& db_path, const std::string& company, const std::string& type);
long long Versions(const std::string& db_path, const std::string& company, const std::string& type);

// --- Pages and configuration written by us (no corpus text). ---
enum class Edit {
  kNone,      // the original page
  kMaterial,  // "We do not sell" -> "We may sell" (a negation flipped)
  kMinor,     // a wording change in the contact section
  kCosmetic,  // letter case and markup only
  kNoise,     // only the footer and a script change (boilerplate): no new version
  kMaterial2  // a second material edit on top of kMaterial: a retention period
};
// A privacy policy of company `company`, document `index`, distinct per
// (company, index), with navigation, a cookie banner, a footer and a script.
std::string PolicyPage(const std::string& company, int index, Edit edit);

struct ChannelSpec {
  std::string name;
  std::string url;
  std::string min_severity;
};
struct CompanySpec {
  std::string id;
  std::vector<std::string> channels;
  std::vector<std::pair<std::string, std::string>> documents;  // type, url
};
// A whole config: [daemon] with `interval`, no jitter, no per-host spacing,
// short timeouts; webhook channels signed with the secret in `secret_file`.
std::string ConfigToml(const std::string& interval, const std::string& secret_file,
                       const std::vector<ChannelSpec>& channels,
                       const std::vector<CompanySpec>& companies);

}  // namespace pw::daemon_e2e
