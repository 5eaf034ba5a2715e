#include "notify/worker.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "notify/route.h"
#include "notify/test_fixtures.h"
#include "notify/test_receivers.h"

using namespace pw::notify;
using namespace pw::notify::testing;
using Mode = WebhookReceiver::Mode;

namespace {

const char* kSecret = "wh-Secret-4f1c9a";
const char* kPassword = "smtp-Pw-77e1d0";
constexpr std::int64_t kNow = 1795428000;

// Captures every spdlog line for the scope.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

pw::config::Channel Hook(const std::string& url) {
  pw::config::Channel c;
  c.name = "hook";
  c.type = "webhook";
  c.url = url;
  c.secret = kSecret;
  c.timeout = std::chrono::seconds(30);
  c.min_severity = pw::Severity::kMinor;
  return c;
}

pw::config::Channel Mail(int port) {
  pw::config::Channel c;
  c.name = "legal";
  c.type = "email";
  c.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  c.starttls = false;
  c.username = "alerts";
  c.password = kPassword;
  c.from = "alerts@example.org";
  c.to = {"legal@example.org"};
  c.timeout = std::chrono::seconds(10);
  return c;
}

pw::config::Config ConfigWith(std::vector<pw::config::Channel> channels) {
  pw::config::Config config;
  config.channels = std::move(channels);
  pw::config::Company company;
  company.id = "mistral-media";
  company.name = "Mistral Media";
  for (const auto& c : config.channels) company.channels.push_back(c.name);
  config.companies = {company};
  return config;
}

std::unique_ptr<pw::store::Store> OpenStore(const std::string& path) {
  std::unique_ptr<pw::store::Store> store;
  pw::Status s = pw::store::Store::Open(path, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

// Enqueues the sample change for every channel of the config; returns outbox ids.
std::vector<std::int64_t> EnqueueChange(pw::store::Store* store, const pw::config::Config& config,
                                        std::int64_t now) {
  auto event = nlohmann::json::parse(SampleChangedDelivery("x").payload_json);
  std::vector<std::int64_t> ids;
  for (auto& d : RouteEvent(config, config.companies[0], event)) {
    std::int64_t id = 0;
    REQUIRE(store->Enqueue(d, 0, now, &id).ok());
    ids.push_back(id);
  }
  REQUIRE(!ids.empty());
  return ids;
}

pw::store::OutboxRow Row(pw::store::Store* store, std::int64_t id) {
  std::vector<pw::store::OutboxRow> rows;
  REQUIRE(store->ListPendingOrFailed(1000, &rows).ok());
  for (auto& r : rows) {
    if (r.id == id) return r;
  }
  pw::store::OutboxRow delivered;
  delivered.id = id;
  delivered.state = pw::store::DeliveryState::kDelivered;
  return delivered;
}

std::unique_ptr<pw::store::Store> OpenStore(const std::string& path, int busy_timeout_ms) {
  std::unique_ptr<pw::store::Store> store;
  pw::store::StoreOptions options;
  options.busy_timeout_ms = busy_timeout_ms;
  pw::Status s = pw::store::Store::Open(path, options, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

// Another process's write lock on the database (BEGIN IMMEDIATE on a second
// connection): reads go on, every write fails once its busy timeout is over.
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~WriteLock() { Release(); }
  void Release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

size_t CountOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("retry delay: exponential, jittered, capped, honours Retry-After") {
  WorkerOptions o;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 50; ++i) {
    auto d1 = RetryDelay(1, std::nullopt, o, &rng).count();
    REQUIRE(d1 >= 22);
    REQUIRE(d1 <= 38);
    auto d3 = RetryDelay(3, std::nullopt, o, &rng).count();
    REQUIRE(d3 >= 90);
    REQUIRE(d3 <= 150);
    REQUIRE(RetryDelay(30, std::nullopt, o, &rng).count() == 3600);
    REQUIRE(RetryDelay(1000, std::nullopt, o, &rng).count() == 3600);
    REQUIRE(RetryDelay(1, std::chrono::seconds(600), o, &rng).count() == 600);
    REQUIRE(RetryDelay(1, std::chrono::seconds(86400 * 30), o, &rng).count() == 6 * 3600);
    REQUIRE(RetryDelay(-5, std::nullopt, o, &rng).count() >= 22);
  }
}

TEST_CASE("worker: a 500 is retried with back-off, then delivered exactly once") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kFail500);
  auto config = ConfigWith({Hook(rx.url())});
  auto ids = EnqueueChange(store.get(), config, kNow);
  LogCapture log;

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, kNow, &report).ok());
  REQUIRE(report.attempted == 1);
  REQUIRE(report.retrying == 1);
  auto row = Row(store.get(), ids[0]);
  REQUIRE(row.state == pw::store::DeliveryState::kPending);
  REQUIRE(row.attempts == 1);
  REQUIRE(row.next_attempt_at >= kNow + 22);
  REQUIRE(row.next_attempt_at <= kNow + 38);
  REQUIRE(row.last_error.find("HTTP 500") != std::string::npos);

  // Not due yet: no attempt.
  REQUIRE(DeliverDue(*store, config, kNow + 10, &report).ok());
  REQUIRE(report.attempted == 0);
  REQUIRE(rx.requests().size() == 1);

  rx.set_mode(Mode::kDedup);
  REQUIRE(DeliverDue(*store, config, kNow + 60, &report).ok());
  REQUIRE(report.delivered == 1);
  REQUIRE(DeliverDue(*store, config, kNow + 7200, &report).ok());
  REQUIRE(report.attempted == 0);
  REQUIRE(rx.requests().size() == 2);
  REQUIRE(rx.accepted().size() == 1);
  REQUIRE(Row(store.get(), ids[0]).state == pw::store::DeliveryState::kDelivered);
  REQUIRE(log.text().find("delivered") != std::string::npos);
  REQUIRE(log.text().find(kSecret) == std::string::npos);
}

TEST_CASE(
    "worker: refused, timed out and down servers are retried and secrets "
    "stay out") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver stall(Mode::kStall);
  auto slow = Hook(stall.url());
  slow.name = "slow";
  slow.timeout = std::chrono::seconds(1);
  auto refused = Hook("http://127.0.0.1:" + std::to_string(RefusedPort()) + "/x");
  refused.name = "refused";
  auto mail = Mail(RefusedPort());
  auto config = ConfigWith({slow, refused, mail});
  auto ids = EnqueueChange(store.get(), config, kNow);
  REQUIRE(ids.size() == 3);
  LogCapture log;

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, kNow, &report).ok());
  REQUIRE(report.attempted == 3);
  REQUIRE(report.retrying == 3);
  REQUIRE(Row(store.get(), ids[0]).last_error.find("no answer within 1s") != std::string::npos);
  REQUIRE(Row(store.get(), ids[1]).last_error.find("/x") != std::string::npos);
  REQUIRE(Row(store.get(), ids[2]).last_error.find("cannot connect") != std::string::npos);
  for (auto id : ids) {
    auto row = Row(store.get(), id);
    REQUIRE(row.state == pw::store::DeliveryState::kPending);
    REQUIRE(row.last_error.find(kSecret) == std::string::npos);
    REQUIRE(row.last_error.find(kPassword) == std::string::npos);
  }
  REQUIRE(log.text().find("attempt 1 failed") != std::string::npos);
  REQUIRE(log.text().find(kSecret) == std::string::npos);
  REQUIRE(log.text().find(kPassword) == std::string::npos);

  // The mail server comes up: the email goes out once.
  SmtpServer server({});
  auto fixed = config;
  fixed.channels[2] = Mail(server.port());
  stall.set_mode(Mode::kOk);
  REQUIRE(DeliverDue(*store, fixed, kNow + 4000, &report).ok());
  REQUIRE(report.delivered == 2);  // slow (now fast) and legal; refused still refuses
  REQUIRE(report.retrying == 1);
  REQUIRE(DeliverDue(*store, fixed, kNow + 4001, &report).ok());
  REQUIRE(report.attempted == 0);
  REQUIRE(server.Messages().size() == 1);
  REQUIRE(Row(store.get(), ids[1]).attempts == 2);
}

TEST_CASE("worker: too old or channel gone -> failed with the reason, logged") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kFail500);
  auto config = ConfigWith({Hook(rx.url())});
  config.daemon.delivery_max_age = std::chrono::seconds(3 * 86400);
  auto old_ids = EnqueueChange(store.get(), config, kNow - 4 * 86400);
  REQUIRE(store->MarkAttemptFailed(old_ids[0], "HTTP 500 earlier", kNow - 86400).ok());

  pw::store::Delivery orphan{"orphan-1", "gone", "document.changed", "{}", 0};
  std::int64_t orphan_id = 0;
  REQUIRE(store->Enqueue(orphan, 0, kNow, &orphan_id).ok());
  LogCapture log;

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, kNow, &report).ok());
  REQUIRE(report.failed == 2);
  REQUIRE(report.attempted == 0);
  REQUIRE(rx.requests().empty());
  auto old_row = Row(store.get(), old_ids[0]);
  REQUIRE(old_row.state == pw::store::DeliveryState::kFailed);
  REQUIRE(old_row.last_error.find("gave up after 1 attempts over 4d (delivery_max_age 3d)") !=
          std::string::npos);
  REQUIRE(old_row.last_error.find("HTTP 500 earlier") != std::string::npos);
  auto orphan_row = Row(store.get(), orphan_id);
  REQUIRE(orphan_row.state == pw::store::DeliveryState::kFailed);
  REQUIRE(orphan_row.last_error == "channel 'gone' is no longer in the configuration");
  REQUIRE(log.text().find("[error]") != std::string::npos);
  REQUIRE(log.text().find("channel 'gone'") != std::string::npos);
  // Failed ones are never attempted again.
  REQUIRE(DeliverDue(*store, config, kNow + 86400, &report).ok());
  REQUIRE(report.attempted + report.failed == 0);
}

TEST_CASE(
    "worker: a secret echoed by a server is masked in the stored error "
    "and the log") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  // The URL's query carries the secret; RedactUrl drops queries, and the
  // worker masks whatever is left.
  auto hook = Hook("http://127.0.0.1:" + std::to_string(RefusedPort()) + "/" + kSecret);
  auto config = ConfigWith({hook});
  auto ids = EnqueueChange(store.get(), config, kNow);
  LogCapture log;
  REQUIRE(DeliverDue(*store, config, kNow, nullptr).ok());
  auto row = Row(store.get(), ids[0]);
  REQUIRE(row.last_error.find(kSecret) == std::string::npos);
  REQUIRE(row.last_error.find("***") != std::string::npos);
  REQUIRE(log.text().find(kSecret) == std::string::npos);
}

TEST_CASE("worker: SIGKILL in the middle of a delivery loses nothing") {
  TempDir dir;
  const std::string db = dir.path() + "/pw.db";
  WebhookReceiver rx(Mode::kStall);
  auto config = ConfigWith({Hook(rx.url())});
  std::vector<std::int64_t> ids;
  {
    auto store = OpenStore(db);
    ids = EnqueueChange(store.get(), config, kNow);
  }

  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::unique_ptr<pw::store::Store> store;
    if (!pw::store::Store::Open(db, &store).ok()) _exit(2);
    DeliverDue(*store, config, kNow, nullptr);  // stalls in the POST
    _exit(0);
  }
  // Wait until the receiver holds the request, then kill the worker.
  for (int i = 0; i < 1000 && rx.requests().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(rx.requests().size() == 1);
  REQUIRE(kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));

  // After a restart the delivery is still pending, and goes out once.
  auto store = OpenStore(db);
  auto row = Row(store.get(), ids[0]);
  REQUIRE(row.state == pw::store::DeliveryState::kPending);
  rx.set_mode(Mode::kDedup);
  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, kNow + 1, &report).ok());
  REQUIRE(report.delivered == 1);
  REQUIRE(DeliverDue(*store, config, kNow + 86400, &report).ok());
  REQUIRE(report.attempted == 0);
  REQUIRE(rx.accepted().size() == 1);
  REQUIRE(rx.accepted()[0] == row.delivery_id);
  REQUIRE(Row(store.get(), ids[0]).state == pw::store::DeliveryState::kDelivered);
}

TEST_CASE("store retry delay: 1 s doubling to a minute") {
  WorkerOptions o;
  std::vector<std::int64_t> got;
  for (int n : {-1, 1, 2, 3, 4, 5, 6, 7, 8, 100}) got.push_back(StoreRetryDelay(n, o).count());
  REQUIRE(got == std::vector<std::int64_t>{1, 1, 2, 4, 8, 16, 32, 60, 60, 60});
}

TEST_CASE(
    "channel worker: a delivery whose 'delivered' write fails is not "
    "sent again") {
  TempDir dir;
  const std::string db = dir.path() + "/pw.db";
  auto store = OpenStore(db, 20);
  WebhookReceiver rx(Mode::kDedup);
  auto config = ConfigWith({Hook(rx.url())});
  auto ids = EnqueueChange(store.get(), config, kNow);
  LogCapture log;
  ChannelWorker worker("hook");
  DeliveryReport report;

  WriteLock lock(db);
  // Sent and accepted; the write fails: kept, and the pass backs off 1 s.
  REQUIRE(worker.Pass(*store, config, kNow, {}, &report) == kNow + 1);
  REQUIRE(report.attempted == 1);
  REQUIRE(report.delivered == 0);
  REQUIRE(rx.requests().size() == 1);
  REQUIRE(worker.unwritten() == 1);
  // Within the back-off nothing at all happens, however often it is asked.
  for (int i = 0; i < 100; ++i) REQUIRE(worker.Pass(*store, config, kNow, {}, &report) == kNow + 1);
  // The database still fails: the back-off doubles and nothing is sent.
  std::int64_t t = kNow + 1;
  for (std::int64_t expected : {2, 4, 8, 16, 32, 60, 60}) {
    std::int64_t next = worker.Pass(*store, config, t, {}, &report);
    REQUIRE(next == t + expected);
    REQUIRE(report.attempted == 0);
    t = next;
  }
  REQUIRE(rx.requests().size() == 1);
  REQUIRE(worker.store_failures() == 8);
  // One error line for the first failure, then at most one a minute.
  REQUIRE(CountOf(log.text(), "[error]") <= static_cast<size_t>(2 + (t - kNow) / 60));
  REQUIRE(log.text().find("not sent again") != std::string::npos);

  // The database works again: the outcome is written, the delivery not re-sent.
  lock.Release();
  REQUIRE(worker.Pass(*store, config, t, {}, &report) == 0);  // nothing pending
  REQUIRE(worker.unwritten() == 0);
  REQUIRE(worker.store_failures() == 0);
  REQUIRE(rx.requests().size() == 1);
  REQUIRE(Row(store.get(), ids[0]).state == pw::store::DeliveryState::kDelivered);
  REQUIRE(log.text().find("repeated") != std::string::npos);  // the count, when it recovered
  REQUIRE(log.text().find("works again") != std::string::npos);
}

TEST_CASE(
    "channel worker: a failed attempt whose retry time cannot be written "
    "waits anyway") {
  TempDir dir;
  const std::string db = dir.path() + "/pw.db";
  auto store = OpenStore(db, 20);
  WebhookReceiver rx(Mode::kFail500);
  auto config = ConfigWith({Hook(rx.url())});
  auto ids = EnqueueChange(store.get(), config, kNow);
  ChannelWorker worker("hook");
  DeliveryReport report;
  {
    WriteLock lock(db);
    REQUIRE(worker.Pass(*store, config, kNow, {}, &report) == kNow + 1);
    REQUIRE(worker.Pass(*store, config, kNow + 1, {}, &report) == kNow + 3);
  }
  // Written late: attempt 1 and its retry time (>= 22 s after the attempt).
  std::int64_t next = worker.Pass(*store, config, kNow + 3, {}, &report);
  REQUIRE(report.attempted == 0);
  REQUIRE(next >= kNow + 22);
  REQUIRE(rx.requests().size() == 1);
  auto row = Row(store.get(), ids[0]);
  REQUIRE(row.attempts == 1);
  REQUIRE(row.next_attempt_at == next);
}

TEST_CASE(
    "channel worker: an unreadable outbox backs off, logged once with a "
    "count") {
  TempDir dir;
  const std::string db = dir.path() + "/pw.db";
  auto store = OpenStore(db, 20);
  WebhookReceiver rx(Mode::kDedup);
  auto config = ConfigWith({Hook(rx.url())});
  EnqueueChange(store.get(), config, kNow);
  // Another connection takes the outbox away (as a corrupted page would).
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "ALTER TABLE outbox RENAME TO outbox_away", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  LogCapture log;
  ChannelWorker worker("hook");
  // Ten simulated minutes, asked every second: 1 + 2 + ... + 32 s, then each
  // minute.
  int passes_with_work = 0;
  std::int64_t next = 0;
  for (std::int64_t t = kNow; t < kNow + 600; ++t) {
    int before = worker.store_failures();
    next = worker.Pass(*store, config, t);
    if (worker.store_failures() != before) ++passes_with_work;
  }
  REQUIRE(passes_with_work <= 6 + 10);
  REQUIRE(passes_with_work >= 6 + 8);
  REQUIRE(CountOf(log.text(), "[error]") <= 11);
  REQUIRE(log.text().find("no such table") != std::string::npos);
  REQUIRE(rx.requests().empty());

  REQUIRE(sqlite3_exec(other, "ALTER TABLE outbox_away RENAME TO outbox", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(other);
  REQUIRE(worker.Pass(*store, config, next) == 0);
  REQUIRE(rx.accepted().size() == 1);
}

TEST_CASE(
    "channel worker: a stop abandons a hanging transfer, and the delivery "
    "stays pending") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver stall(Mode::kStall);
  auto config = ConfigWith({Hook(stall.url())});
  auto ids = EnqueueChange(store.get(), config, kNow);
  ChannelWorker worker("hook");
  std::atomic<bool> stop{false}, abort{false};
  std::thread stopper([&] {
    while (stall.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop = true;
    abort = true;
  });
  auto started = std::chrono::steady_clock::now();
  DeliveryReport report;
  worker.Pass(*store, config, kNow, {&stop, &abort}, &report);
  auto took = std::chrono::steady_clock::now() - started;
  stopper.join();
  REQUIRE(took < std::chrono::milliseconds(2500));  // the channel timeout is 30 s
  REQUIRE(report.attempted == 0);
  auto row = Row(store.get(), ids[0]);
  REQUIRE(row.state == pw::store::DeliveryState::kPending);
  REQUIRE(row.attempts == 0);
  REQUIRE(row.next_attempt_at == kNow);
  REQUIRE(worker.store_failures() == 0);
}
