#include "notify/webhook.h"

#include <catch2/catch.hpp>

#include "notify/test_channel.h"
#include "notify/test_fixtures.h"
#include "notify/test_receivers.h"

using namespace pw::notify;
using namespace pw::notify::testing;
using Mode = WebhookReceiver::Mode;

namespace {

pw::config::Channel HookChannel(const std::string& url, const std::string& secret = "") {
  pw::config::Channel c;
  c.name = "hook";
  c.type = "webhook";
  c.url = url;
  c.secret = secret;
  c.secret_file = "/etc/policywatch/webhook-secret";
  c.timeout = std::chrono::seconds(5);
  return c;
}

const char* kSecret = "s3cr3t-Webhook-Key-9f8e";

}  // namespace

TEST_CASE("signature header is HMAC-SHA256 of t.body (known answer)") {
  // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
  REQUIRE(SignatureHeader("key", 1700000000, "{}") ==
          "t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
}

TEST_CASE("webhook: receiver gets headers, JSON body and a signature that verifies") {
  WebhookReceiver rx(Mode::kOk);
  pw::store::Delivery d = SampleChangedDelivery("hook");
  SendResult result;
  pw::Status s = SendWebhook(HookChannel(rx.url(), kSecret), d, &result);
  REQUIRE(s.ok());
  REQUIRE(result.status == 204);
  auto reqs = rx.requests();
  REQUIRE(reqs.size() == 1);
  auto& h = reqs[0].headers;
  REQUIRE(h["Content-Type"] == "application/json");
  REQUIRE(h["X-Policywatch-Event"] == "document.changed");
  REQUIRE(h["X-Policywatch-Delivery"] == d.delivery_id);
  REQUIRE(h["User-Agent"].rfind("policywatch", 0) == 0);
  REQUIRE(reqs[0].body == d.payload_json);
  auto body = nlohmann::json::parse(reqs[0].body);
  REQUIRE(body["schema"] == "policywatch.event.v1");
  REQUIRE(body["sections"].size() == 3);

  std::string sig = h["X-Policywatch-Signature"];
  REQUIRE(sig.rfind("t=", 0) == 0);
  size_t comma = sig.find(",v1=");
  REQUIRE(comma != std::string::npos);
  long long t = std::stoll(sig.substr(2, comma - 2));
  REQUIRE(SignatureHeader(kSecret, t, reqs[0].body) == sig);
  REQUIRE(SignatureHeader("wrong", t, reqs[0].body) != sig);
  REQUIRE(sig.substr(comma + 4).size() == 64);
}

TEST_CASE("webhook: no secret, no signature header") {
  WebhookReceiver rx(Mode::kOk);
  REQUIRE(SendWebhook(HookChannel(rx.url()), SampleChangedDelivery("hook"), nullptr).ok());
  REQUIRE(rx.requests().at(0).headers.count("X-Policywatch-Signature") == 0);
}

TEST_CASE("webhook: same delivery id on every retry") {
  WebhookReceiver rx(Mode::kFail500);
  pw::store::Delivery d = SampleChangedDelivery("hook");
  REQUIRE_FALSE(SendWebhook(HookChannel(rx.url()), d, nullptr).ok());
  rx.set_mode(Mode::kOk);
  REQUIRE(SendWebhook(HookChannel(rx.url()), d, nullptr).ok());
  auto reqs = rx.requests();
  REQUIRE(reqs.size() == 2);
  REQUIRE(reqs[0].headers["X-Policywatch-Delivery"] == reqs[1].headers["X-Policywatch-Delivery"]);
}

TEST_CASE("webhook: 500 is an error naming URL, status and answer, never the secret") {
  WebhookReceiver rx(Mode::kFail500);
  SendResult result;
  pw::Status s = SendWebhook(HookChannel(rx.url() + "?token=abc", kSecret), SampleChangedDelivery("hook"), &result);
  REQUIRE_FALSE(s.ok());
  REQUIRE(result.status == 500);
  REQUIRE(s.message().find(rx.url()) != std::string::npos);
  REQUIRE(s.message().find("HTTP 500") != std::string::npos);
  REQUIRE(s.message().find("database locked") != std::string::npos);
  REQUIRE(s.message().find("token=abc") == std::string::npos);
  REQUIRE(s.message().find(kSecret) == std::string::npos);
}

TEST_CASE("webhook: 503 returns Retry-After") {
  WebhookReceiver rx(Mode::kUnavailable);
  SendResult result;
  REQUIRE_FALSE(SendWebhook(HookChannel(rx.url()), SampleChangedDelivery("hook"), &result).ok());
  REQUIRE(result.status == 503);
  REQUIRE(result.retry_after.has_value());
  REQUIRE(result.retry_after->count() == 120);
}

TEST_CASE("webhook: a receiver slower than the channel timeout is an error") {
  WebhookReceiver rx(Mode::kStall);
  auto channel = HookChannel(rx.url(), kSecret);
  channel.timeout = std::chrono::seconds(1);
  pw::Status s = SendWebhook(channel, SampleChangedDelivery("hook"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("no answer within 1s") != std::string::npos);
  REQUIRE(s.message().find(kSecret) == std::string::npos);
}

TEST_CASE("webhook: connection refused is an error naming the URL") {
  std::string url = "http://127.0.0.1:" + std::to_string(RefusedPort()) + "/hook";
  pw::Status s = SendWebhook(HookChannel(url, kSecret), SampleChangedDelivery("hook"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find(url) != std::string::npos);
  REQUIRE(s.message().find(kSecret) == std::string::npos);
}

TEST_CASE("webhook: hostile URLs are clear errors") {
  for (const char* url : {"", "ftp://example.org/x", "file:///etc/passwd", "not a url"}) {
    pw::Status s = SendWebhook(HookChannel(url), SampleChangedDelivery("hook"), nullptr);
    REQUIRE_FALSE(s.ok());
    REQUIRE(s.message().find("http:// or https://") != std::string::npos);
  }
  pw::Status s = SendWebhook(HookChannel("http://user:pw-in-url@127.0.0.1:" +
                                         std::to_string(RefusedPort()) + "/"),
                             SampleChangedDelivery("hook"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("pw-in-url") == std::string::npos);
}

TEST_CASE("test-channel through a webhook reports the receiver's answer") {
  WebhookReceiver rx(Mode::kOk);
  std::string answer;
  REQUIRE(SendTest(HookChannel(rx.url(), kSecret), &answer).ok());
  REQUIRE(answer == "HTTP 204");
  auto body = nlohmann::json::parse(rx.requests().at(0).body);
  REQUIRE(body["type"] == "test");
  REQUIRE(rx.requests().at(0).headers["X-Policywatch-Event"] == "test");

  WebhookReceiver bad(Mode::kFail500);
  pw::Status s = SendTest(HookChannel(bad.url()), &answer);
  REQUIRE_FALSE(s.ok());
  REQUIRE(answer.rfind("HTTP 500", 0) == 0);

  pw::config::Channel odd = HookChannel(rx.url());
  odd.type = "pager";
  s = SendTest(odd, &answer);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("unknown type 'pager'") != std::string::npos);
}
