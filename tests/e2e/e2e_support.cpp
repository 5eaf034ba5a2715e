#include "tests/e2e/e2e_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <catch2/catch.hpp>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

namespace pw::e2e {

namespace fs = std::filesystem;

// --- The binary. ---

nlohmann::json Json(const Outcome& outcome) {
  auto j = nlohmann::json::parse(outcome.out, nullptr, false);
  INFO("stdout: " << outcome.out << "\nstderr: " << outcome.err);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

// --- The site. ---

Site::Site() : server_(new httplib::Server) {
  server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    int delay_ms = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = pages_.find(req.path);
      if (it != pages_.end()) delay_ms = it->second.delay_ms;
    }
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    std::lock_guard<std::mutex> lock(mu_);
    SiteRequest logged{req.path, req.get_header_value("If-None-Match"), 0};
    auto it = pages_.find(req.path);
    if (it == pages_.end()) {
      res.status = 404;
      res.set_content("<html><body><h1>Not Found</h1></body></html>", "text/html");
    } else {
      const Page& page = it->second;
      res.status = page.status;
      if (page.etag) {
        std::string tag = "\"" + Sha256Hex(page.body).substr(0, 16) + "\"";
        res.set_header("ETag", tag);
        if (logged.if_none_match == tag) res.status = 304;
      }
      if (res.status != 304) res.set_content(page.body, page.content_type);
    }
    logged.status = res.status;
    requests_.push_back(std::move(logged));
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("cannot bind the test site");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

Site::~Site() {
  server_->stop();
  thread_.join();
}

std::string Site::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void Site::Set(const std::string& path, Page page) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_[path] = std::move(page);
}

void Site::Remove(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_.erase(path);
}

std::vector<SiteRequest> Site::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

void Site::ClearRequests() {
  std::lock_guard<std::mutex> lock(mu_);
  requests_.clear();
}

// --- The webhook receiver. ---

HookReceiver::HookReceiver() { Listen(true); }

HookReceiver::~HookReceiver() { Stop(); }

void HookReceiver::Listen(bool any_port) {
  server_ = std::make_unique<httplib::Server>();
  server_->Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu_);
    HookRequest r;
    for (const auto& [k, v] : req.headers) r.headers[k] = v;
    r.body = req.body;
    requests_.push_back(std::move(r));
    res.status = 204;
  });
  if (any_port) {
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind the webhook receiver");
  } else if (!server_->bind_to_port("127.0.0.1", port_)) {
    throw std::runtime_error("cannot bind the webhook receiver again on port " +
                             std::to_string(port_));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

void HookReceiver::Stop() {
  if (!server_) return;
  server_->stop();
  thread_.join();
  server_.reset();
}

void HookReceiver::Start() {
  if (!server_) Listen(false);
}

std::string HookReceiver::Url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/hook";
}

std::vector<HookRequest> HookReceiver::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

// --- Pages. ---

std::string PolicyHtml(const std::string& title, const std::vector<Section>& sections,
                       const std::string& decoration) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
      " | Larkspur Kites</title>\n<script>window.tracker = {id: 'e2e'};</script>\n</head>\n"
      "<body>\n<div class=\"cookie-banner\"><p>We use cookies. <button>Accept</button></p></div>\n"
      "<header><a href=\"/\">Larkspur Kites</a><nav><ul><li><a href=\"/shop\">Shop</a></li>"
      "<li><a href=\"/help\">Help</a></li></ul></nav></header>\n" +
      decoration + "<main>\n<article>\n<h1>" + title + "</h1>\n";
  for (const auto& s : sections) {
    html += "<h2>" + s.heading + "</h2>\n";
    for (const auto& p : s.paragraphs) html += "<p>" + p + "</p>\n";
  }
  html +=
      "</article>\n</main>\n<footer><p>&copy; 2026 Larkspur Kites.</p><nav><a href=\"/privacy\">"
      "Privacy</a> | <a href=\"/terms\">Terms</a></nav></footer>\n</body>\n</html>\n";
  return html;
}

std::vector<Section> ShopPolicy() {
  return {
      {"Introduction",
       {"This notice explains how Larkspur Kites handles personal information when you buy "
        "kites, spools and repair kits from our online shop."}},
      {"Information We Collect",
       {"We collect your name, delivery address, email address and the items you order when "
        "you place an order with us.",
        "When you browse the shop we record the pages you visit and the type of browser you "
        "use."}},
      {"Sharing With Others",
       {"We share your delivery address with the courier that brings your parcel. We do not "
        "sell your personal information to anyone."}},
      {"Keeping Your Data",
       {"We keep order records for 30 days after delivery and then delete them, unless a tax "
        "rule obliges us to keep them longer."}},
      {"Your Choices",
       {"You may ask for a copy of your information, ask us to correct it, or ask us to delete "
        "it, by writing to our privacy desk."}},
  };
}

// --- Configuration. ---

std::string DaemonToml() {
  return "[daemon]\n"
         "database = \"pw.db\"\n"
         "interval = \"1h\"\n"
         "jitter = \"0%\"\n"
         "concurrency = 4\n"
         "per_host_delay = \"0s\"\n"
         "timeout = \"10s\"\n"
         "connect_timeout = \"5s\"\n"
         "unreachable_after = 2\n\n";
}

std::string BrowserToml(const std::string& timeout) {
  std::string toml = "browser_timeout = \"" + timeout + "\"\n";
  if (geteuid() == 0) toml += "browser_sandbox = false\n";
  return toml;
}

std::string CompanyToml(const std::string& id, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& documents,
                        const std::vector<std::string>& channels) {
  std::string toml = "[[company]]\nid = \"" + id + "\"\nname = \"" + name + "\"\n";
  if (!channels.empty()) {
    toml += "channels = [";
    for (size_t i = 0; i < channels.size(); ++i) toml += (i ? ", \"" : "\"") + channels[i] + "\"";
    toml += "]\n";
  }
  for (const auto& [type, url] : documents) {
    toml += "  [[company.document]]\n  type = \"" + type + "\"\n  url = \"" + url + "\"\n";
  }
  return toml + "\n";
}

// --- The database. ---

namespace {

struct Db {
  sqlite3* db = nullptr;
  Db(const std::string& path, int flags) {
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    INFO("opening " << path << ": " << (db ? sqlite3_errmsg(db) : "out of memory"));
    REQUIRE(rc == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
  }
  ~Db() { sqlite3_close(db); }
};

}  // namespace

std::vector<std::vector<std::string>> QueryRows(const std::string& db_path, const std::string& sql) {
  Db db(db_path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db.db, sql.c_str(), -1, &stmt, nullptr);
  INFO(sql << ": " << sqlite3_errmsg(db.db));
  REQUIRE(rc == SQLITE_OK);
  std::vector<std::vector<std::string>> rows;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const void* blob = sqlite3_column_blob(stmt, i);
      int n = sqlite3_column_bytes(stmt, i);
      row.emplace_back(blob ? std::string(static_cast<const char*>(blob), static_cast<size_t>(n))
                            : std::string());
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  REQUIRE(rc == SQLITE_DONE);
  return rows;
}

std::string QueryText(const std::string& db_path, const std::string& sql) {
  auto rows = QueryRows(db_path, sql);
  INFO(sql);
  REQUIRE_FALSE(rows.empty());
  REQUIRE_FALSE(rows[0].empty());
  return rows[0][0];
}

long long QueryInt(const std::string& db_path, const std::string& sql) {
  return std::stoll(QueryText(db_path, sql));
}

void Execute(const std::string& db_path, const std::string& sql) {
  Db db(db_path, SQLITE_OPEN_READWRITE);
  char* error = nullptr;
  int rc = sqlite3_exec(db.db, sql.c_str(), nullptr, nullptr, &error);
  INFO(sql << ": " << (error ? error : ""));
  sqlite3_free(error);
  REQUIRE(rc == SQLITE_OK);
}

// --- Hashes, files. ---

namespace {
std::string Hex(const unsigned char* data, unsigned len) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}
}  // namespace

std::string Sha256Hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return Hex(md, len);
}

std::string HmacSha256Hex(const std::string& key, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  return Hex(md, len);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace pw::e2e
