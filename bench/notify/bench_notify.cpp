// bench_notify: prints figures for the notify module; asserts nothing.
//  1. composing the email of a large change (MIME, quoted-printable, diff rendering);
//  2. webhook round trips to a local receiver (HMAC-signed);
//  3. draining an outbox of N deliveries with the worker (SQLite marks included).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "notify/email.h"
#include "notify/event.h"
#include "notify/route.h"
#include "notify/webhook.h"
#include "notify/worker.h"

using namespace pw::notify;
using pw::Clock;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

// A changeset with `n` modified sections, each a paragraph of ~120 words.
nlohmann::json BigChangeset(int n) {
  nlohmann::json sections = nlohmann::json::array();
  std::string para;
  for (int w = 0; w < 120; ++w) para += "word" + std::to_string(w) + (w % 9 == 8 ? ", " : " ");
  for (int i = 0; i < n; ++i) {
    sections.push_back({{"status", "modified"},
                        {"path", {"Policy", "Section " + std::to_string(i)}},
                        {"severity", "material"},
                        {"categories", {"data-retention"}},
                        {"reasons", {"duration changed: 30 days -> 2 years"}},
                        {"diff",
                         {{{"op", "equal"}, {"text", para}},
                          {{"op", "delete"}, {"text", "30 days"}},
                          {{"op", "insert"}, {"text", "2 years"}},
                          {{"op", "equal"}, {"text", " é ü — " + para}}}}});
  }
  return {{"schema", "policywatch.changeset.v1"},
          {"severity", "material"},
          {"summary", {{"sections_modified", n}}},
          {"sections", sections}};
}

}  // namespace

int main() {
  spdlog::set_level(spdlog::level::off);
  auto t0 = Clock::from_time_t(1795428000);
  Subject subject{"acme", "Acme", "privacy-policy", "https://example.org/privacy"};

  // 1. Compose.
  {
    pw::store::Delivery d;
    d.delivery_id = MakeDeliveryId("e", "legal");
    d.event_type = kEventChanged;
    d.payload_json = MakeChangedEvent("e", t0, subject, {}, {}, BigChangeset(50)).dump();
    pw::config::Channel c;
    c.name = "legal";
    c.from = "alerts@example.org";
    c.to = {"legal@example.org"};
    std::string message;
    const int kRounds = 50;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) ComposeEmail(c, d, t0, "host", &message);
    double ms = Ms(std::chrono::steady_clock::now() - start).count() / kRounds;
    std::printf("compose email, 50 changed sections: %.2f ms/message, payload %zu B, message %zu B\n",
                ms, d.payload_json.size(), message.size());
  }

  // 2 and 3 share a local receiver.
  httplib::Server server;
  server.Post(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  pw::config::Channel hook;
  hook.name = "hook";
  hook.type = "webhook";
  hook.url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  hook.secret = "bench-secret";
  hook.min_severity = pw::Severity::kMinor;

  {
    pw::store::Delivery d;
    d.delivery_id = MakeDeliveryId("e", "hook");
    d.event_type = kEventChanged;
    d.payload_json = MakeChangedEvent("e", t0, subject, {}, {}, BigChangeset(5)).dump();
    const int kRounds = 200;
    auto start = std::chrono::steady_clock::now();
    int ok = 0;
    for (int i = 0; i < kRounds; ++i) ok += SendWebhook(hook, d, nullptr).ok();
    double ms = Ms(std::chrono::steady_clock::now() - start).count() / kRounds;
    std::printf("webhook POST to 127.0.0.1 (%zu B, signed): %.2f ms/delivery (%d/%d ok)\n",
                d.payload_json.size(), ms, ok, kRounds);
  }

  {
    std::string dir = "/tmp/pw-bench-notify-" + std::to_string(getpid());
    std::filesystem::create_directories(dir);
    std::unique_ptr<pw::store::Store> store;
    if (!pw::store::Store::Open(dir + "/pw.db", &store).ok()) return 1;
    pw::config::Config config;
    config.channels = {hook};
    pw::config::Company company;
    company.id = "acme";
    company.channels = {"hook"};
    const int kDeliveries = 500;
    for (int i = 0; i < kDeliveries; ++i) {
      auto event = MakeChangedEvent(NewEventId(), t0, subject, {}, {}, BigChangeset(2));
      for (auto& d : RouteEvent(config, company, event)) store->Enqueue(d, 0, 1795428000, nullptr);
    }
    DeliveryReport report;
    auto start = std::chrono::steady_clock::now();
    DeliverDue(*store, config, 1795428000, &report);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("worker drains %d webhook deliveries: %.2f s, %.0f deliveries/s (%d delivered)\n",
                kDeliveries, s, report.delivered / s, report.delivered);
    store.reset();
    std::filesystem::remove_all(dir);
  }
  server.stop();
  thread.join();
  return 0;
}
