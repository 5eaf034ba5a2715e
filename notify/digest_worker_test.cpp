// Digests end to end through the delivery worker: a real SQLite outbox, the
// real routing, and the real local receivers (HTTP for webhook and chat, the
// aiosmtpd server for email). Several changes enqueued for a daily digest go
// as one message per channel at the slot and never again; a failed digest is
// retried with the same delivery id; operational events do not wait.
#include <catch2/catch.hpp>

#include <cstdio>

#include "notify/digest.h"
#include "notify/internal/mime.h"
#include "notify/route.h"
#include "notify/test_fixtures.h"
#include "notify/test_receivers.h"
#include "notify/worker.h"

using namespace pw::notify;
using namespace pw::notify::testing;
using Mode = WebhookReceiver::Mode;
using pw::config::Digest;
using pw::store::DeliveryState;

namespace {

// Unix seconds of "YYYY-MM-DDTHH:MM:SSZ".
std::int64_t At(const char* text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  REQUIRE(std::sscanf(text, "%4d-%2u-%2uT%2u:%2u:%2uZ", &y, &mo, &d, &h, &mi, &s) == 6);
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{mo},
                                        std::chrono::day{d}};
  const auto t = std::chrono::sys_days(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                 std::chrono::seconds(s);
  return t.time_since_epoch().count();
}

// Daily at 09:00 in Paris: changes of Monday 2026-11-23 go on Tuesday at 08:00 UTC.
const char* kMonday10 = "2026-11-23T10:00:00Z";
const char* kTuesdaySlot = "2026-11-24T08:00:00Z";

pw::config::Channel WithDigest(pw::config::Channel c, Digest digest = Digest::kDaily) {
  c.digest = digest;
  c.digest_minute = 9 * 60;
  c.time_zone = "Europe/Paris";
  c.min_severity = pw::Severity::kMinor;
  c.timeout = std::chrono::seconds(10);
  return c;
}

pw::config::Channel Hook(const std::string& url) {
  pw::config::Channel c;
  c.name = "hook";
  c.type = "webhook";
  c.url = url;
  c.secret = "wh-Secret-digest";
  return WithDigest(c);
}

pw::config::Channel Slack(const std::string& url) {
  pw::config::Channel c;
  c.name = "team-chat";
  c.type = "slack";
  c.url = url;
  return WithDigest(c);
}

pw::config::Channel Mail(int port) {
  pw::config::Channel c;
  c.name = "legal";
  c.type = "email";
  c.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  c.starttls = false;
  c.from = "alerts@example.org";
  c.to = {"legal@example.org"};
  return WithDigest(c);
}

pw::config::Config ConfigWith(std::vector<pw::config::Channel> channels) {
  pw::config::Config config;
  config.channels = std::move(channels);
  for (const char* id : {"mistral-media", "borealis"}) {
    pw::config::Company company;
    company.id = id;
    company.name = id == std::string("borealis") ? "Borealis Bank" : "Mistral Media";
    for (const auto& c : config.channels) company.channels.push_back(c.name);
    config.companies.push_back(company);
  }
  return config;
}

std::unique_ptr<pw::store::Store> OpenStore(const std::string& path) {
  std::unique_ptr<pw::store::Store> store;
  pw::Status s = pw::store::Store::Open(path, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

// Enqueues `event` for every channel of company `index` that wants it, as the
// check does (created at its occurred_at); returns the outbox ids.
std::vector<std::int64_t> Enqueue(pw::store::Store* store, const pw::config::Config& config,
                                  size_t index, const nlohmann::json& event) {
  std::vector<std::int64_t> ids;
  const std::int64_t now = At(event["occurred_at"].get<std::string>().c_str());
  for (auto& d : RouteEvent(config, config.companies[index], event)) {
    std::int64_t id = 0;
    REQUIRE(store->Enqueue(d, 0, now, &id).ok());
    ids.push_back(id);
  }
  return ids;
}

// A document.changed event of company `index` at `when`, of `severity`.
nlohmann::json Change(const pw::config::Config& config, size_t index, const char* when,
                      const char* severity, const char* type = "privacy-policy") {
  auto t = std::chrono::system_clock::from_time_t(At(when));
  Subject subject = SampleSubject();
  subject.company_id = config.companies[index].id;
  subject.company_name = config.companies[index].name;
  subject.document_type = type;
  nlohmann::json changeset = SampleChangeset();
  changeset["severity"] = severity;
  VersionRef from{1, t - std::chrono::hours(24), std::string(64, 'a')};
  VersionRef to{2, t, std::string(64, 'b')};
  return MakeChangedEvent(NewEventId(), t, subject, from, to, changeset);
}

std::vector<pw::store::OutboxRow> Rows(pw::store::Store* store, const std::vector<std::int64_t>& ids) {
  std::vector<pw::store::OutboxRow> all, out;
  REQUIRE(store->ListPendingOrFailed(100000, &all).ok());
  for (std::int64_t id : ids) {
    pw::store::OutboxRow row;
    row.id = id;
    row.state = DeliveryState::kDelivered;  // not pending or failed
    for (const auto& r : all) {
      if (r.id == id) row = r;
    }
    out.push_back(row);
  }
  return out;
}

std::vector<std::int64_t> Join(std::vector<std::vector<std::int64_t>> lists) {
  std::vector<std::int64_t> out;
  for (auto& l : lists) out.insert(out.end(), l.begin(), l.end());
  return out;
}

size_t CountOf(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("digest: a digest spanning several changes sent once on webhook email and chat",
          "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver hook_rx(Mode::kOk), chat_rx(Mode::kOk);
  SmtpServer smtp({});
  auto config = ConfigWith({Hook(hook_rx.url()), Mail(smtp.port()), Slack(chat_rx.url())});
  auto ids = Join({Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "material")),
                   Enqueue(store.get(), config, 1, Change(config, 1, "2026-11-23T12:00:00Z", "minor",
                                                          "terms-of-service")),
                   Enqueue(store.get(), config, 0, Change(config, 0, "2026-11-23T20:00:00Z", "material"))});
  REQUIRE(ids.size() == 9);  // 3 changes, 3 channels
  for (const auto& row : Rows(store.get(), ids)) CHECK(row.next_attempt_at == At(kTuesdaySlot));

  DeliveryReport report;
  SECTION("before the slot nothing is sent") {
    REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot) - 1, &report).ok());
    CHECK(report.attempted == 0);
    CHECK(hook_rx.requests().empty());
    CHECK(chat_rx.requests().empty());
    CHECK(smtp.Messages().empty());
  }

  SECTION("at the slot one message per channel carries every change, and only once") {
    REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot), &report).ok());
    CHECK(report.attempted == 3);
    CHECK(report.delivered == 9);
    CHECK(report.retrying == 0);
    for (const auto& row : Rows(store.get(), ids)) CHECK(row.state == DeliveryState::kDelivered);

    auto hooks = hook_rx.requests();
    REQUIRE(hooks.size() == 1);
    CHECK(hooks[0].headers["X-Policywatch-Event"] == "digest");
    CHECK(hooks[0].headers.count("X-Policywatch-Signature") == 1);
    auto digest = nlohmann::json::parse(hooks[0].body);
    CHECK(digest["schema"] == "policywatch.digest.v1");
    CHECK(digest["type"] == "digest");
    CHECK(hooks[0].headers["X-Policywatch-Delivery"] == MakeDeliveryId(digest["id"], "hook"));
    REQUIRE(digest["changes"].size() == 3);
    CHECK(digest["changes"][1]["company"]["name"] == "Borealis Bank");
    CHECK(digest["period"]["from"] == kMonday10);
    CHECK(digest["period"]["to"] == "2026-11-23T20:00:00Z");
    CHECK(digest["summary"]["material"] == 2);

    auto chats = chat_rx.requests();
    REQUIRE(chats.size() == 1);
    auto slack = nlohmann::json::parse(chats[0].body);
    CHECK(slack["blocks"][0]["text"]["text"] == "digest: 3 changes (2 material)");
    const std::string listed = slack.dump();
    CHECK(CountOf(listed, "Mistral Media privacy policy: material change in 3 sections") == 2);
    CHECK(CountOf(listed, "Borealis Bank terms of service: minor change in 3 sections") == 1);

    auto mails = smtp.Messages();
    REQUIRE(mails.size() == 1);
    const std::string mail = DecodeQuotedPrintable(mails[0].data);
    CHECK(mail.find("Subject: [policywatch] digest: 3 changes (2 material)") != std::string::npos);
    CHECK(mail.find("X-Policywatch-Event: digest") != std::string::npos);
    CHECK(mail.find("3 changes from 2026-11-23T10:00:00Z to 2026-11-23T20:00:00Z.") !=
          std::string::npos);
    CHECK(mail.find("2. Borealis Bank terms of service: minor change in 3 sections") !=
          std::string::npos);
    CHECK(mail.find("negation removed") != std::string::npos);       // the first reason
    CHECK(mail.find("modified: Privacy Policy › Sharing") != std::string::npos);  // sections

    // A second pass, the next day and after, sends nothing more.
    REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot) + 60, &report).ok());
    CHECK(report.attempted == 0);
    REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot) + 2 * 86400, &report).ok());
    CHECK(report.attempted == 0);
    CHECK(hook_rx.requests().size() == 1);
    CHECK(chat_rx.requests().size() == 1);
    CHECK(smtp.Messages().size() == 1);
  }
}

TEST_CASE("digest: a failed digest is retried whole with the same delivery id",
          "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kFail500);
  auto config = ConfigWith({Hook(rx.url())});
  auto ids = Join({Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "material")),
                   Enqueue(store.get(), config, 1, Change(config, 1, kMonday10, "minor"))});
  REQUIRE(ids.size() == 2);

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot), &report).ok());
  CHECK(report.attempted == 1);
  CHECK(report.retrying == 2);
  auto rows = Rows(store.get(), ids);
  for (const auto& row : rows) {
    CHECK(row.state == DeliveryState::kPending);
    CHECK(row.attempts == 1);
    CHECK(row.last_error.find("HTTP 500") != std::string::npos);
    CHECK(row.next_attempt_at == rows[0].next_attempt_at);  // one retry time for the batch
  }
  CHECK(rows[0].next_attempt_at > At(kTuesdaySlot));

  rx.set_mode(Mode::kDedup);
  REQUIRE(DeliverDue(*store, config, rows[0].next_attempt_at, &report).ok());
  CHECK(report.attempted == 1);
  CHECK(report.delivered == 2);
  auto requests = rx.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers["X-Policywatch-Delivery"] == requests[1].headers["X-Policywatch-Delivery"]);
  CHECK(nlohmann::json::parse(requests[0].body)["id"] == nlohmann::json::parse(requests[1].body)["id"]);
  CHECK(rx.accepted().size() == 1);
  for (const auto& row : Rows(store.get(), ids)) CHECK(row.state == DeliveryState::kDelivered);
}

TEST_CASE("digest: an unreachable event on a digest channel goes at once",
          "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kOk);
  auto config = ConfigWith({Hook(rx.url())});
  auto changed = Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "material"));
  auto t = std::chrono::system_clock::from_time_t(At(kMonday10));
  auto down = Enqueue(store.get(), config, 0,
                      MakeUnreachableEvent(NewEventId(), t, SampleSubject(), 3, "connection refused"));
  REQUIRE(down.size() == 1);

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, At(kMonday10), &report).ok());
  CHECK(report.attempted == 1);
  CHECK(report.delivered == 1);
  auto requests = rx.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].headers["X-Policywatch-Event"] == "document.unreachable");
  CHECK(Rows(store.get(), down)[0].state == DeliveryState::kDelivered);
  CHECK(Rows(store.get(), changed)[0].state == DeliveryState::kPending);
}

TEST_CASE("digest: more changes than one message holds go as several", "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kOk);
  auto config = ConfigWith({Hook(rx.url())});
  const size_t n = kDigestMaxChanges + 30;
  for (size_t i = 0; i < n; ++i) {
    REQUIRE(Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "minor")).size() == 1);
  }
  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot), &report).ok());
  CHECK(report.attempted == 2);
  CHECK(report.delivered == static_cast<int>(n));
  auto requests = rx.requests();
  REQUIRE(requests.size() == 2);
  CHECK(nlohmann::json::parse(requests[0].body)["changes"].size() == kDigestMaxChanges);
  CHECK(nlohmann::json::parse(requests[1].body)["changes"].size() == n - kDigestMaxChanges);
  REQUIRE(DeliverDue(*store, config, At(kTuesdaySlot) + 60, &report).ok());
  CHECK(report.attempted == 0);
}

TEST_CASE("digest: a weekly digest older than delivery_max_age is sent, not given up",
          "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kOk);
  auto config = ConfigWith({WithDigest(Hook(rx.url()), Digest::kWeekly)});  // Monday 09:00
  config.daemon.delivery_max_age = std::chrono::seconds(3 * 86400);
  auto ids = Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "material"));
  const std::int64_t slot = At("2026-11-30T08:00:00Z");  // a week on
  REQUIRE(Rows(store.get(), ids)[0].next_attempt_at == slot);

  DeliveryReport report;
  REQUIRE(DeliverDue(*store, config, slot, &report).ok());
  CHECK(report.failed == 0);
  CHECK(report.delivered == 1);
  CHECK(rx.requests().size() == 1);

  SECTION("but one still pending delivery_max_age after its slot is") {
    auto late = Enqueue(store.get(), config, 0, Change(config, 0, "2026-11-30T10:00:00Z", "minor"));
    rx.set_mode(Mode::kFail500);
    REQUIRE(DeliverDue(*store, config, At("2026-12-11T08:00:00Z"), &report).ok());
    CHECK(report.failed == 1);
    CHECK(report.attempted == 0);
    CHECK(Rows(store.get(), late)[0].state == DeliveryState::kFailed);
  }
}

TEST_CASE("digest: the daemon's channel worker waits for the slot, then sends one message",
          "[notify][digest][worker]") {
  TempDir dir;
  auto store = OpenStore(dir.path() + "/pw.db");
  WebhookReceiver rx(Mode::kOk);
  auto config = ConfigWith({Hook(rx.url())});
  Enqueue(store.get(), config, 0, Change(config, 0, kMonday10, "material"));
  Enqueue(store.get(), config, 1, Change(config, 1, "2026-11-23T11:00:00Z", "material"));
  ChannelWorker worker("hook");
  DeliveryReport report;
  CHECK(worker.Pass(*store, config, At(kMonday10) + 3600, PassControl(), &report) == At(kTuesdaySlot));
  CHECK(report.attempted == 0);
  CHECK(worker.Pass(*store, config, At(kTuesdaySlot), PassControl(), &report) == 0);
  CHECK(report.attempted == 1);
  CHECK(report.delivered == 2);
  REQUIRE(rx.requests().size() == 1);
  CHECK(nlohmann::json::parse(rx.requests()[0].body)["changes"].size() == 2);
}
