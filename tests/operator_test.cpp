// What a careful operator tries, on the built binary as a child process with real
// parts: a page rewritten in the second of its Last-Modified (a real HTTP server),
// an SMTP server that echoes the credentials it is given, and the database copied
// to a read-only filesystem (a tmpfs remounted read-only; needs root).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fetch/test_http_servers.h"
#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using pw::testing::TempDir;
using pw::testing::Outcome;
using pw::testing::RunBinary;

const char* kPassword = "hunter2-smtp-pass";

// --- A site whose one page the test rewrites, with fixed Date and Last-Modified. ---

struct PageState {
  std::string body;
  std::string last_modified;
  std::string date;
};

class Site {
 public:
  Site()
      : server_([this](httplib::Server& s) {
          s.Get("/p", [this](const httplib::Request& q, httplib::Response& a) { Serve(q, a); });
        }) {}
  std::string Url() const { return server_.Url("/p"); }
  void Set(PageState page) {
    std::lock_guard<std::mutex> lock(mu_);
    page_ = std::move(page);
  }
  // The If-Modified-Since of each request ("" when none was sent).
  std::vector<std::string> IfModifiedSince() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ims_;
  }

 private:
  // Answers 304 when If-Modified-Since equals Last-Modified: a server that trusts
  // its one-second timestamps.
  void Serve(const httplib::Request& q, httplib::Response& a) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string ims = q.get_header_value("If-Modified-Since");
    ims_.push_back(ims);
    a.set_header("Date", page_.date);
    a.set_header("Last-Modified", page_.last_modified);
    if (!ims.empty() && ims == page_.last_modified) {
      a.status = 304;
      return;
    }
    a.set_content(page_.body, "text/html; charset=utf-8");
  }

  mutable std::mutex mu_;
  PageState page_;
  std::vector<std::string> ims_;
  pw::fetch::testing::HttpServer server_;  // last: stops before the state goes
};

std::string PolicyPage(const std::string& retention) {
  return "<html><head><title>Privacy</title></head><body><main><h1>Privacy Policy</h1>"
         "<h2>What we collect</h2><p>We collect the name, the postal address and the email "
         "address you give us when you order, and the items you order.</p>"
         "<h2>Retention</h2><p>We keep order records for " + retention +
         " after your last order, then delete them.</p>"
         "<h2>Contact</h2><p>Write to privacy@example.org with any question about your data."
         "</p></main></body></html>";
}

std::string ConfigToml(const std::string& url, const std::string& channels = "") {
  return "[daemon]\ndatabase = \"pw.db\"\ninterval = \"1h\"\njitter = \"0%\"\n"
         "per_host_delay = \"0s\"\ntimeout = \"10s\"\nconnect_timeout = \"5s\"\n\n" +
         channels + "[[company]]\nid = \"acme\"\n  [[company.document]]\n  type = \"privacy\"\n"
         "  url = \"" + url + "\"\n";
}

size_t VersionCount(const std::string& config, const std::string& db = "") {
  std::vector<std::string> args = {"history", "acme/privacy", "--config", config, "--format",
                                   "json"};
  if (!db.empty()) args.insert(args.end(), {"--db", db});
  Outcome o = RunBinary(args);
  INFO("history stderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  return nlohmann::json::parse(o.out).at("versions").size();
}

Outcome Check(const std::string& config) {
  Outcome o = RunBinary({"check", "--config", config});
  INFO("check stdout: " << o.out << "\ncheck stderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  return o;
}

}  // namespace

TEST_CASE("validators: a page rewritten in the second of its Last-Modified is seen at the "
          "next check", "[operator]") {
  TempDir dir;
  Site site;
  const std::string second = "Wed, 21 Oct 2015 07:28:00 GMT";
  // Written in the second it was served: Last-Modified equals Date (weak).
  site.Set({PolicyPage("30 days"), second, second});
  const std::string config = dir.Write("policywatch.toml", ConfigToml(site.Url()));
  Check(config);
  REQUIRE(VersionCount(config) == 1);

  // Rewritten within that same second: Last-Modified cannot change.
  site.Set({PolicyPage("10 years"), second, second});
  Check(config);
  CHECK(site.IfModifiedSince() == std::vector<std::string>{"", ""});  // never sent alone
  CHECK(VersionCount(config) == 2);
}

TEST_CASE("validators: a strong Last-Modified is still sent as If-Modified-Since",
          "[operator]") {
  TempDir dir;
  Site site;
  const std::string modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  const std::string served = "Wed, 21 Oct 2015 07:29:00 GMT";  // a minute later: strong
  site.Set({PolicyPage("30 days"), modified, served});
  const std::string config = dir.Write("policywatch.toml", ConfigToml(site.Url()));
  Check(config);
  // The server keeps its Last-Modified, so it answers 304 whatever the body says.
  site.Set({PolicyPage("10 years"), modified, served});
  Outcome second = Check(config);
  CHECK(site.IfModifiedSince() == std::vector<std::string>{"", modified});
  CHECK(VersionCount(config) == 1);
}

// --- An SMTP server that echoes the credentials it is given. ---

namespace {

std::string Base64Decode(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return "";
  size_t size = static_cast<size_t>(n);
  for (size_t i = text.size(); i > 0 && text[i - 1] == '=' && size > 0; --i) --size;
  out.resize(size);
  for (char& c : out) {
    if (c == '\0') c = ' ';
  }
  return out;
}

// Speaks enough SMTP for libcurl to log in with `mechanism` ("PLAIN" or "LOGIN"),
// and refuses every login with a 535 that repeats what it got, decoded and
// base64-encoded, as a careless server may.
class EchoSmtpServer {
 public:
  explicit EchoSmtpServer(std::string mechanism) : mechanism_(std::move(mechanism)) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(listen_fd_, 4) != 0 ||
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error(std::string("echo SMTP server: ") + std::strerror(errno));
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~EchoSmtpServer() {
    stopping_ = true;
    thread_.join();
    close(listen_fd_);
  }
  int port() const { return port_; }
  int logins() const { return logins_; }

 private:
  void Loop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      timeval tv{5, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      Converse(fd);
      close(fd);
    }
  }

  static void Send(int fd, const std::string& text) {
    (void)!write(fd, text.data(), text.size());
  }

  // One line without its CRLF; false when the peer is gone.
  static bool ReadLine(int fd, std::string* buffer, std::string* line) {
    for (;;) {
      size_t end = buffer->find("\r\n");
      if (end != std::string::npos) {
        *line = buffer->substr(0, end);
        buffer->erase(0, end + 2);
        return true;
      }
      char chunk[1024];
      ssize_t n = read(fd, chunk, sizeof chunk);
      if (n <= 0) return false;
      buffer->append(chunk, static_cast<size_t>(n));
    }
  }

  void Converse(int fd) {
    std::string buffer, line;
    Send(fd, "220 echo ESMTP\r\n");
    while (ReadLine(fd, &buffer, &line)) {
      if (line.rfind("EHLO", 0) == 0) {
        Send(fd, "250-echo\r\n250 AUTH " + mechanism_ + "\r\n");
      } else if (line.rfind("AUTH PLAIN", 0) == 0) {
        std::string response = line.size() > 11 ? line.substr(11) : "";
        if (response.empty()) {
          Send(fd, "334 \r\n");
          if (!ReadLine(fd, &buffer, &response)) return;
        }
        ++logins_;
        Send(fd, "535 5.7.8 refused [" + Base64Decode(response) + "] sent as " + response +
                     "\r\n");
      } else if (line.rfind("AUTH LOGIN", 0) == 0) {
        std::string user = line.size() > 11 ? line.substr(11) : "", password;
        if (user.empty()) {
          Send(fd, "334 VXNlcm5hbWU6\r\n");
          if (!ReadLine(fd, &buffer, &user)) return;
        }
        Send(fd, "334 UGFzc3dvcmQ6\r\n");
        if (!ReadLine(fd, &buffer, &password)) return;
        ++logins_;
        Send(fd, "535 5.7.8 refused user " + Base64Decode(user) + " password " +
                     Base64Decode(password) + " sent as " + password + "\r\n");
      } else if (line.rfind("QUIT", 0) == 0) {
        Send(fd, "221 bye\r\n");
        return;
      } else {
        Send(fd, "502 5.5.2 not here\r\n");
      }
    }
  }

  std::string mechanism_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> logins_{0};
  std::thread thread_;
};

std::string MailChannelToml(int port) {
  return "[[channel]]\nname = \"mail\"\ntype = \"email\"\nsmtp_url = \"smtp://127.0.0.1:" +
         std::to_string(port) +
         "\"\nstarttls = false\nusername = \"ops\"\npassword_file = \"smtp-password\"\n"
         "from = \"pw@example.org\"\nto = \"ops@example.org\"\ntimeout = \"5s\"\n\n";
}

// The password and the forms in which SMTP AUTH sends it.
std::vector<std::string> PasswordForms() {
  return {kPassword, "aHVudGVyMi1zbXRwLXBhc3M=", "AG9wcwBodW50ZXIyLXNtdHAtcGFzcw=="};
}

}  // namespace

TEST_CASE("test-channel: credentials echoed by the SMTP server are never printed",
          "[operator]") {
  for (const char* mechanism : {"PLAIN", "LOGIN"}) {
    INFO("AUTH " << mechanism);
    TempDir dir;
    EchoSmtpServer smtp(mechanism);
    dir.Write("smtp-password", std::string(kPassword) + "\n");
    const std::string config = dir.Write(
        "policywatch.toml", ConfigToml("http://127.0.0.1:1/p", MailChannelToml(smtp.port())));
    Outcome o = RunBinary({"test-channel", "mail", "--config", config});
    INFO("stdout: " << o.out << "\nstderr: " << o.err);
    CHECK(o.exit_code == 1);
    CHECK(smtp.logins() == 1);
    CHECK(o.err.find("535 5.7.8 refused") != std::string::npos);  // the echo got through...
    CHECK(o.err.find("***") != std::string::npos);                // ...masked
    for (const std::string& form : PasswordForms()) {
      CHECK(o.out.find(form) == std::string::npos);
      CHECK(o.err.find(form) == std::string::npos);
    }
  }
}

// --- The database on a read-only filesystem. ---

namespace {

void Sql(const std::string& db_path, const std::string& sql, sqlite3** keep_open = nullptr) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO("SQL: " << sql << "\nerror: " << (error ? error : ""));
  sqlite3_free(error);
  CHECK(rc == SQLITE_OK);
  if (keep_open) {
    *keep_open = db;
  } else {
    sqlite3_close(db);
  }
}

// A tmpfs mounted at a fresh directory, to be remounted read-only; unmounted at
// the end. mounted() is false when this process may not mount (not root).
class ScratchMount {
 public:
  explicit ScratchMount(const std::string& path) : path_(path) {
    fs::create_directories(path_);
    if (mount("tmpfs", path_.c_str(), "tmpfs", 0, "size=32m") == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~ScratchMount() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  bool MakeReadOnly() {
    return mount(nullptr, path_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

Outcome ReadCommand(std::vector<std::string> args, const std::string& config,
                    const std::string& db) {
  args.insert(args.end(), {"--config", config, "--db", db});
  return RunBinary(args);
}

}  // namespace

TEST_CASE("read-only: status, history, show and diff work on a copy on a read-only "
          "filesystem, and status masks secrets", "[operator]") {
  TempDir dir;
  Site site;
  const std::string second = "Wed, 21 Oct 2015 07:28:00 GMT";
  dir.Write("smtp-password", std::string(kPassword) + "\n");
  const std::string config = dir.Write(
      "policywatch.toml", ConfigToml(site.Url(), MailChannelToml(pw::fetch::testing::UnusedPort())));
  site.Set({PolicyPage("30 days"), second, second});
  Check(config);
  site.Set({PolicyPage("10 years"), second, second});
  Check(config);
  // A failed delivery whose error holds the password, as an older version stored it.
  Sql(dir.path() + "/pw.db",
      "INSERT INTO outbox (delivery_id, channel, event_type, payload_json, created_at,"
      " next_attempt_at, attempts, last_error, state) VALUES ('d-1', 'mail', 'change', '{}', 1,"
      " 1, 8, '535 refused ops " + std::string(kPassword) + "', 'failed')");

  const std::string ro = dir.path() + "/ro";
  ScratchMount mount(ro);
  if (!mount.mounted()) {
    WARN("skipped: cannot mount a tmpfs at " << ro << " (" << mount.error()
                                             << "; the test needs root)");
    return;
  }
  fs::copy_file(dir.path() + "/pw.db", ro + "/pw.db");
  REQUIRE(mount.MakeReadOnly());
  REQUIRE(access(ro.c_str(), W_OK) != 0);  // EROFS, even for root
  const std::string db = ro + "/pw.db";

  Outcome status = ReadCommand({"status"}, config, db);
  INFO("status stderr: " << status.err);
  REQUIRE(status.exit_code == 0);
  CHECK(status.out.find("acme/privacy") != std::string::npos);
  CHECK(status.out.find("failed delivery d-1 to channel 'mail'") != std::string::npos);
  CHECK(status.out.find("535 refused ops ***") != std::string::npos);
  CHECK(status.out.find(kPassword) == std::string::npos);
  Outcome status_json = ReadCommand({"status", "--format", "json"}, config, db);
  REQUIRE(status_json.exit_code == 0);
  CHECK(nlohmann::json::parse(status_json.out)["deliveries"][0]["last_error"] ==
        "535 refused ops ***");

  CHECK(VersionCount(config, db) == 2);
  Outcome show = ReadCommand({"show", "acme/privacy"}, config, db);
  INFO("show stderr: " << show.err);
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("10 years") != std::string::npos);
  Outcome diff = ReadCommand({"diff", "acme/privacy"}, config, db);
  INFO("diff stderr: " << diff.err);
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.find("10 years") != std::string::npos);
  CHECK(fs::directory_iterator(ro) != fs::directory_iterator());  // nothing was added:
  CHECK(std::distance(fs::directory_iterator(ro), fs::directory_iterator()) == 1);
}

TEST_CASE("read-only: a copy whose -wal holds changes is read with its -shm, or refused "
          "clearly without it", "[operator]") {
  TempDir dir;
  Site site;
  const std::string second = "Wed, 21 Oct 2015 07:28:00 GMT";
  const std::string config = dir.Write("policywatch.toml", ConfigToml(site.Url()));
  site.Set({PolicyPage("30 days"), second, second});
  Check(config);

  const std::string ro = dir.path() + "/ro";
  ScratchMount mount(ro);
  if (!mount.mounted()) {
    WARN("skipped: cannot mount a tmpfs at " << ro << " (" << mount.error()
                                             << "; the test needs root)");
    return;
  }
  // A writer holds the database open with a change only in its -wal.
  const std::string live = dir.path() + "/pw.db";
  sqlite3* writer = nullptr;
  Sql(live, "PRAGMA wal_autocheckpoint=0; UPDATE document_state SET consecutive_failures = 7",
      &writer);
  REQUIRE(fs::file_size(live + "-wal") > 0);
  fs::create_directories(ro + "/with-shm");
  fs::create_directories(ro + "/without-shm");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::copy_file(live + suffix, ro + "/with-shm/pw.db" + suffix);
  }
  for (const char* suffix : {"", "-wal"}) {
    fs::copy_file(live + suffix, ro + "/without-shm/pw.db" + suffix);
  }
  sqlite3_close(writer);
  REQUIRE(mount.MakeReadOnly());

  Outcome with = ReadCommand({"status", "--format", "json"}, config, ro + "/with-shm/pw.db");
  INFO("stderr: " << with.err);
  REQUIRE(with.exit_code == 0);
  CHECK(nlohmann::json::parse(with.out)["documents"][0]["consecutive_failures"] == 7);

  Outcome without = ReadCommand({"status"}, config, ro + "/without-shm/pw.db");
  CHECK(without.exit_code == 1);
  CHECK(without.err.find(ro + "/without-shm/pw.db: cannot read this database where it is") !=
        std::string::npos);
  CHECK(without.err.find("copy the -shm file too") != std::string::npos);
}
