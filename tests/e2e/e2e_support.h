// Real parts for the end-to-end tests of `policywatch check`: the built binary
// run as a child process, a site on 127.0.0.1 whose pages the test edits between
// runs, a webhook receiver that can go down and come back on the same port, and
// the SQLite file opened read-only to verify what the binary wrote.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "notify/test_receivers.h"
#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace httplib {
class Server;
}

namespace pw::e2e {

using ::pw::testing::TempDir;

// --- The binary. ---
using Outcome = ::pw::testing::Outcome;

// Runs ${PW_BINARY_DIR}/policywatch with `args` and waits for it (see
// tests/support/run_binary.h).
inline Outcome Run(const std::vector<std::string>& args) { return testing::RunBinary(args); }

// Starts it without waiting; stdout and stderr go to /dev/null.
inline pid_t Spawn(const std::vector<std::string>& args) { return testing::SpawnBinary(args); }

// stdout of a `--format json` run, parsed; a test failure when it is not JSON.
nlohmann::json Json(const Outcome& outcome);

// --- The site. ---
struct Page {
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  int status = 200;
  bool etag = false;  // send an ETag and answer If-None-Match with 304
  int delay_ms = 0;   // wait this long before answering
};

struct SiteRequest {
  std::string path;
  std::string if_none_match;
  int status = 0;  // what the site answered
};

// An HTTP server on 127.0.0.1 with an ephemeral port; unknown paths are 404.
class Site {
 public:
  Site();
  ~Site();
  std::string Url(const std::string& path) const;
  void Set(const std::string& path, Page page);
  void Remove(const std::string& path);
  std::vector<SiteRequest> Requests() const;
  void ClearRequests();

 private:
  mutable std::mutex mu_;
  std::map<std::string, Page> pages_;
  std::vector<SiteRequest> requests_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A webhook receiver answering 204 to every POST and recording it. Stop() takes
// it down (connections are refused); Start() brings it back on the same port.
struct HookRequest {
  std::map<std::string, std::string> headers;
  std::string body;
};
class HookReceiver {
 public:
  HookReceiver();  // started
  ~HookReceiver();
  std::string Url() const;
  void Stop();
  void Start();
  std::vector<HookRequest> Requests() const;

 private:
  void Listen(bool any_port);
  mutable std::mutex mu_;
  std::vector<HookRequest> requests_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

using ::pw::notify::testing::RefusedPort;  // a loopback port that refuses connections

// --- Pages written by us (no corpus text). ---
struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
};
// A policy page with navigation, a cookie banner, a footer and a script around
// an <main><article> holding an <h1> and one <h2> per section.
std::string PolicyHtml(const std::string& title, const std::vector<Section>& sections,
                       const std::string& decoration = "");

// The default policy of these tests: five sections about a fictional shop.
std::vector<Section> ShopPolicy();

// --- Configuration. ---
// The [daemon] table of these tests: database "pw.db" beside the config file, no
// per-host delay, no jitter, short timeouts, unreachable after 2 failures.
std::string DaemonToml();
// Keys for the [daemon] table of tests that use the browser: a short
// browser_timeout, and browser_sandbox = false when the tests run as root
// (Chromium's sandbox cannot run as root).
std::string BrowserToml(const std::string& timeout = "8s");
// A [[company]] with one [[company.document]] per (type, url).
std::string CompanyToml(const std::string& id, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& documents,
                        const std::vector<std::string>& channels = {});

// --- The database, read directly. ---
// The first column of the first row of `sql` (a test failure when it fails).
std::string QueryText(const std::string& db_path, const std::string& sql);
long long QueryInt(const std::string& db_path, const std::string& sql);
// Every row of `sql`, every column as text ("" for NULL).
std::vector<std::vector<std::string>> QueryRows(const std::string& db_path, const std::string& sql);
// Runs a write statement (test setup, e.g. making a delivery due now).
void Execute(const std::string& db_path, const std::string& sql);

std::string Sha256Hex(const std::string& data);
std::string HmacSha256Hex(const std::string& key, const std::string& data);
std::string ReadFile(const std::string& path);

}  // namespace pw::e2e
