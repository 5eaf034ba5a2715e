#include "notify/worker.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "notify/route.h"
#include "notify/test_fixtures.h"
#include "notify/test_servers.h"

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
  auto event = nlohmann::json::parse(SampleChangedDelivery("x").payload);
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

TEST_CASE("worker: refused, timed out and down servers are retried and secrets stay out") {
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

TEST_CASE("worker: a secret echoed by a server is masked in the stored error and the log") {
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
