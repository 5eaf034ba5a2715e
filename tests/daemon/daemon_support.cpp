#include "tests/daemon/daemon_support.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <httplib.h>

namespace pw::daemon_e2e {
namespace fs = std::filesystem;
using std::chrono::milliseconds;

// --- Files. ---

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool WaitFor(const std::function<bool()>& condition, milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(20));
  }
}

// --- The binary. ---

namespace {

std::string Binary() { return std::string(PW_BINARY_DIR) + "/policywatch"; }

std::vector<char*> Argv(const std::string& binary, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

void ClearSystemdEnvironment() {
  for (const char* name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS",
                           "LISTEN_PID", "INVOCATION_ID"}) {
    unsetenv(name);
  }
}

}  // namespace

nlohmann::json Json(const Outcome& outcome) {
  return nlohmann::json::parse(outcome.out, nullptr, false);
}

Daemon::Daemon(const std::vector<std::string>& args, const std::string& log_path,
               const std::map<std::string, std::string>& env)
    : log_path_(log_path) {
  const std::string binary = Binary();
  std::vector<std::string> full = {"run"};
  full.insert(full.end(), args.begin(), args.end());
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) _exit(126);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    ClearSystemdEnvironment();
    for (const auto& [name, value] : env) {
      std::string v = value == "$PID" ? std::to_string(getpid()) : value;
      setenv(name.c_str(), v.c_str(), 1);
    }
    auto argv = Argv(binary, full);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

Daemon::~Daemon() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

bool Daemon::running() {
  if (reaped_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    return false;
  }
  return true;
}

void Daemon::Signal(int sig) {
  REQUIRE(!reaped_);
  REQUIRE(kill(pid_, sig) == 0);
}

bool Daemon::WaitExit(milliseconds timeout, int* exit_code, int* signal) {
  REQUIRE(!reaped_);
  int status = 0;
  bool exited = WaitFor(
      [&] {
        pid_t r = waitpid(pid_, &status, WNOHANG);
        return r == pid_;
      },
      timeout);
  if (!exited) return false;
  reaped_ = true;
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (signal) *signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return true;
}

long Daemon::CpuTicks() const {
  std::string stat = ReadFile("/proc/" + std::to_string(pid_) + "/stat");
  // The command name may hold spaces: fields are counted after its closing ')'.
  auto close = stat.rfind(')');
  REQUIRE(close != std::string::npos);
  std::istringstream in(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; in >> field; ++i) {  // field 3 is the state
    if (i == 14) utime = std::stol(field);
    if (i == 15) {
      stime = std::stol(field);
      break;
    }
  }
  return utime + stime;
}

// --- The site. ---

Site::Site() : server_(std::make_unique<httplib::Server>()) {
  // Enough workers for every check of a test to be in flight at once.
  server_->new_task_queue = [] { return new httplib::ThreadPool(48); };
  server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    std::string html;
    int generation = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = pages_.find(req.path);
      if (it == pages_.end()) {
        res.status = 404;
        return;
      }
      html = it->second.html;
      generation = it->second.generation;
      in_flight_.insert(generation);
    }
    if (int delay = delay_ms_.load(); delay > 0) std::this_thread::sleep_for(milliseconds(delay));
    res.set_content(html, "text/html; charset=utf-8");
    std::lock_guard<std::mutex> lock(mu_);
    in_flight_.erase(in_flight_.find(generation));
    pages_[req.path].served++;
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  REQUIRE(WaitFor([this] { return server_->is_running(); }));
}

Site::~Site() {
  server_->stop();
  thread_.join();
}

std::string Site::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void Site::Set(const std::string& path, const std::string& html) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& page = pages_[path];
  page.html = html;
  page.generation++;
}

int Site::InFlight(int generation) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(std::distance(in_flight_.lower_bound(generation), in_flight_.end()));
}

int Site::Served(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = pages_.find(path);
  return it == pages_.end() ? 0 : it->second.served;
}

// --- The webhook receiver. ---

namespace {

std::string HmacSha256Hex(const std::string& key, const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

// "t=123,v1=abc" -> {t: 123, v1: abc}
std::map<std::string, std::string> SignatureParts(const std::string& header) {
  std::map<std::string, std::string> parts;
  std::istringstream in(header);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto eq = item.find('=');
    if (eq != std::string::npos) parts[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return parts;
}

}  // namespace

HookReceiver::HookReceiver(std::string secret)
    : secret_(std::move(secret)), server_(std::make_unique<httplib::Server>()) {
  server_->Post(R"(/([a-z0-9._-]+))", [this](const httplib::Request& req, httplib::Response& res) {
    if (int delay = delay_ms_.load(); delay > 0) std::this_thread::sleep_for(milliseconds(delay));
    auto parts = SignatureParts(req.get_header_value("X-Policywatch-Signature"));
    bool signed_ok = parts.count("t") && parts.count("v1") &&
                     HmacSha256Hex(secret_, parts["t"] + "." + req.body) == parts["v1"];
    std::lock_guard<std::mutex> lock(mu_);
    ++posts_;
    if (!signed_ok) {
      ++bad_signatures_;
      res.status = 401;
      return;
    }
    res.status = 204;
    std::string id = req.get_header_value("X-Policywatch-Delivery");
    if (seen_[id]++ > 0) {
      ++duplicates_;
      return;
    }
    unique_.push_back(Received{id, req.matches[1], req.get_header_value("X-Policywatch-Event"),
                               nlohmann::json::parse(req.body, nullptr, false)});
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  REQUIRE(WaitFor([this] { return server_->is_running(); }));
}

HookReceiver::~HookReceiver() {
  server_->stop();
  thread_.join();
}

std::string HookReceiver::Url(const std::string& channel) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + channel;
}

std::vector<Received> HookReceiver::Unique() const {
  std::lock_guard<std::mutex> lock(mu_);
  return unique_;
}
int HookReceiver::Posts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return posts_;
}
int HookReceiver::Duplicates() const {
  std::lock_guard<std::mutex> lock(mu_);
  return duplicates_;
}
int HookReceiver::BadSignatures() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bad_signatures_;
}

// --- NOTIFY_SOCKET. ---

namespace {

// A unix datagram socket bound at `path` (a leading '@': an abstract address).
int BindDatagramSocket(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(path.size() < sizeof addr.sun_path);
  std::copy(path.begin(), path.end(), addr.sun_path);
  socklen_t len = sizeof addr;
  if (path[0] == '@') {  // abstract: a leading NUL, and exactly the name's length
    addr.sun_path[0] = '\0';
    len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
  }
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0);
  return fd;
}

}  // namespace

NotifySocket::NotifySocket(std::string path) : path_(std::move(path)) {
  fd_ = BindDatagramSocket(path_);
  int one = 1;
  REQUIRE(setsockopt(fd_, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) == 0);
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      char buffer[4096];
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
      iovec iov{buffer, sizeof buffer};
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      ssize_t n = recvmsg(fd_, &msg, 0);
      if (n < 0) continue;
      NotifyMessage m;
      m.text.assign(buffer, static_cast<size_t>(n));
      for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
          ucred cred;
          std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
          m.pid = cred.pid;
        }
      }
      std::lock_guard<std::mutex> lock(mu_);
      messages_.push_back(std::move(m));
    }
  });
}

NotifySocket::~NotifySocket() {
  stop_ = true;
  thread_.join();
  close(fd_);
  if (path_[0] != '@') unlink(path_.c_str());
}

std::vector<NotifyMessage> NotifySocket::Messages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_;
}

int NotifySocket::Find(const std::string& needle, size_t from) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = from; i < messages_.size(); ++i) {
    if (messages_[i].text.find(needle) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

long NotifySocket::MostChecksReported() const {
  std::lock_guard<std::mutex> lock(mu_);
  long most = 0;
  for (const auto& m : messages_) {
    const auto status = m.text.find("STATUS=watching ");
    const auto at = m.text.find("documents; ", status == std::string::npos ? 0 : status);
    if (status == std::string::npos || at == std::string::npos) continue;
    most = std::max(most, std::strtol(m.text.c_str() + at + 11, nullptr, 10));
  }
  return most;
}

DeafNotifySocket::DeafNotifySocket(std::string path)
    : path_(std::move(path)), fd_(BindDatagramSocket(path_)) {}

DeafNotifySocket::~DeafNotifySocket() {
  close(fd_);
  unlink(path_.c_str());
}

// --- The database. ---

namespace {

// Runs `sql` read-only and returns the first column of the first row as text
// ("" for no row or NULL). A test failure when the query fails.
std::string QueryFirst(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    FAIL("cannot open " << db_path);
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* stmt = nullptr;
  rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::string out;
  std::string error;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text) out = reinterpret_cast<const char*>(text);
    } else if (rc != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
    }
  } else {
    error = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (!error.empty()) FAIL(sql << ": " << error);
  return out;
}

std::string DocumentFilter(const std::string& company, const std::string& type) {
  return "document_id = (SELECT id FROM documents WHERE company_id = '" + company +
         "' AND type = '" + type + "')";
}

}  // namespace

long long QueryInt(const std::string& db_path, const std::string& sql) {
  std::string text = QueryFirst(db_path, sql);
  return text.empty() ? 0 : std::stoll(text);
}

std::string QueryText(const std::string& db_path, const std::string& sql) {
  return QueryFirst(db_path, sql);
}

long long Attempts(const std::string& db_path, const std::string& company, const std::string& type) {
  return QueryInt(db_path, "SELECT count(*) FROM attempts WHERE " + DocumentFilter(company, type));
}

long long Versions(const std::string& db_path, const std::string& company, const std::string& type) {
  return QueryInt(db_path, "SELECT count(*) FROM versions WHERE " + DocumentFilter(company, type));
}

// --- Pages and configuration. ---

std::string PolicyPage(const std::string& company, int index, Edit edit) {
  const std::string name = company + " " + std::to_string(index);
  std::string sell = edit == Edit::kMaterial || edit == Edit::kMaterial2
                         ? "We may sell your personal information to advertisers and data brokers."
                         : "We do not sell your personal information to advertisers or data brokers.";
  std::string keep = edit == Edit::kMaterial2
                         ? "We keep order records of document " + std::to_string(index) +
                               " for 2 years after you close your account."
                         : "We keep order records of document " + std::to_string(index) +
                               " for 30 days after you close your account.";
  std::string contact =
      edit == Edit::kMinor
          ? "Please write to the privacy office of " + name + " at the address on our website."
      : edit == Edit::kCosmetic
          ? "Write to the Privacy Office of " + name + " at the address on our website."
          : "Write to the privacy office of " + name + " at the address on our website.";
  std::string collect = "<p>" + std::string(edit == Edit::kCosmetic ? "<b>" + name + "</b>" : name) +
                        " collects your name, email address and order history when you create "
                        "an account, and the pages of our shop that you visit.</p>";
  std::string footer = edit == Edit::kNoise ? "(c) 2026 " + name + ". All rights reserved."
                                            : "(c) 2025 " + name + ". All rights reserved.";
  std::string script = edit == Edit::kNoise ? "var build = 'b-2026-02';" : "var build = 'b-2025-11';";
  return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + name +
         " privacy policy</title><script>" + script + "</script></head><body>\n"
         "<nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a> <a href=\"/help\">Help</a></nav>\n"
         "<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\n"
         "<main><article>\n<h1>" + name + " Privacy Policy</h1>\n"
         "<h2>Information we collect</h2>\n" + collect + "\n"
         "<h2>How we share information</h2>\n<p>" + sell + "</p>\n"
         "<p>Service providers who deliver your orders receive your address for document " +
         std::to_string(index) + " only.</p>\n"
         "<h2>Retention</h2>\n<p>" + keep + "</p>\n"
         "<h2>Your rights</h2>\n<p>You may ask " + name +
         " for a copy of your data, or ask us to correct or delete it.</p>\n"
         "<h2>Contact</h2>\n<p>" + contact + "</p>\n"
         "</article></main>\n<footer>" + footer + "</footer>\n</body></html>\n";
}

std::string ConfigToml(const std::string& interval, const std::string& secret_file,
                       const std::vector<ChannelSpec>& channels,
                       const std::vector<CompanySpec>& companies) {
  std::string t = "[daemon]\n"
                  "interval = \"" + interval + "\"\n"
                  "jitter = \"0%\"\n"
                  "per_host_delay = \"0s\"\n"
                  "concurrency = 16\n"
                  "timeout = \"20s\"\n"
                  "connect_timeout = \"5s\"\n\n";
  for (const auto& c : channels) {
    t += "[[channel]]\nname = \"" + c.name + "\"\ntype = \"webhook\"\nurl = \"" + c.url +
         "\"\nsecret_file = \"" + secret_file + "\"\nmin_severity = \"" + c.min_severity +
         "\"\ntimeout = \"10s\"\n\n";
  }
  for (const auto& company : companies) {
    t += "[[company]]\nid = \"" + company.id + "\"\nchannels = [";
    for (size_t i = 0; i < company.channels.size(); ++i) {
      t += (i ? ", \"" : "\"") + company.channels[i] + "\"";
    }
    t += "]\n";
    for (const auto& [type, url] : company.documents) {
      t += "  [[company.document]]\n  type = \"" + type + "\"\n  url = \"" + url + "\"\n";
    }
    t += "\n";
  }
  return t;
}

}  // namespace pw::daemon_e2e
