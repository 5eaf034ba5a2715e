// Chat channels against a real HTTP receiver on 127.0.0.1: what each service
// receives, escaping of a watched page's text, errors that keep the webhook URL
// (a credential) out of messages.
#include "notify/chat.h"

#include <catch2/catch.hpp>

#include "notify/route.h"
#include "notify/test_channel.h"
#include "notify/test_fixtures.h"
#include "notify/test_receivers.h"

using namespace pw::notify;
using namespace pw::notify::testing;
using Mode = WebhookReceiver::Mode;
using nlohmann::json;

namespace {

const std::string kSecretPath = "/services/T0001/B0002/Xy9SecretToken77";

pw::config::Channel Chat(const std::string& type, const WebhookReceiver& rx) {
  pw::config::Channel c;
  c.name = "team";
  c.type = type;
  c.timeout = std::chrono::seconds(5);
  if (type == "matrix") {
    c.homeserver = "http://127.0.0.1:" + std::to_string(rx.port());
    c.room = "!legalroom:example.org";
    c.token = "syt_matrix_token_4242";
  } else if (type == "ntfy") {
    c.url = "http://127.0.0.1:" + std::to_string(rx.port()) + "/policy-alerts";
  } else {
    c.url = "http://127.0.0.1:" + std::to_string(rx.port()) + kSecretPath;
  }
  return c;
}

// Sends the sample change (with a hostile headline) and returns what arrived.
Request SendOne(const std::string& type, WebhookReceiver& rx) {
  pw::store::Delivery d = SampleChangedDelivery("team");
  json event = json::parse(d.payload_json);
  event["headline"] = "Sharing: \"do not sell\" -> \"may sell\" <script>@everyone</script> *x*";
  event["effective_date"] = "2027-03-01";
  event["notice_text"] = "These changes take effect on March 1, 2027.";
  d.payload_json = event.dump();
  SendResult result;
  pw::Status s = SendChat(Chat(type, rx), d, &result);
  INFO(s.message());
  REQUIRE(s.ok());
  REQUIRE(rx.requests().size() == 1);
  return rx.requests()[0];
}

}  // namespace

TEST_CASE("chat: slack gets Block Kit with the document and severity and sections and reason and link") {
  WebhookReceiver rx(Mode::kOk);
  Request r = SendOne("slack", rx);
  CHECK(r.method == "POST");
  CHECK(r.target == kSecretPath);
  CHECK(r.headers["Content-Type"] == "application/json");
  json j = json::parse(r.body);
  CHECK(j["text"].get<std::string>().find("Mistral Media privacy policy") != std::string::npos);
  const json& blocks = j["blocks"];
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0]["type"] == "header");
  CHECK(blocks[0]["text"]["text"] == "Mistral Media privacy policy: material change in 3 sections");
  const std::string fields = blocks[1]["text"]["text"];
  CHECK(fields.find("*Severity:* material") != std::string::npos);
  CHECK(fields.find("&lt;script&gt;") != std::string::npos);  // mrkdwn escaped
  CHECK(fields.find("<script>") == std::string::npos);
  CHECK(fields.find("Takes effect 2027-03-01") != std::string::npos);
  CHECK(blocks[2]["text"]["text"].get<std::string>().find("• modified: Privacy Policy › Sharing (material)") !=
        std::string::npos);
  CHECK(blocks[3]["elements"][0]["text"] == "<https://www.example.org/privacy|Open the document>");
}

TEST_CASE("chat: with a change page the link opens the change") {
  WebhookReceiver rx(Mode::kOk);
  pw::store::Delivery d = SampleChangedDelivery("team");
  json event = json::parse(d.payload_json);
  event["change_url"] = "https://pw.example.org/documents/mistral-media/privacy-policy/changes/13";
  d.payload_json = event.dump();
  SendResult result;
  REQUIRE(SendChat(Chat("slack", rx), d, &result).ok());
  REQUIRE(rx.requests().size() == 1);
  const json blocks = json::parse(rx.requests()[0].body)["blocks"];
  CHECK(blocks.back()["elements"][0]["text"] ==
        "<https://pw.example.org/documents/mistral-media/privacy-policy/changes/13|Open the change>");
}

TEST_CASE("chat: teams gets an Adaptive Card through the Workflows webhook") {
  WebhookReceiver rx(Mode::kOk);
  json j = json::parse(SendOne("teams", rx).body);
  CHECK(j["type"] == "message");
  const json& a = j["attachments"][0];
  CHECK(a["contentType"] == "application/vnd.microsoft.card.adaptive");
  const json& card = a["content"];
  CHECK(card["type"] == "AdaptiveCard");
  CHECK(card["body"][0]["text"] == "Mistral Media privacy policy: material change in 3 sections");
  CHECK(card["body"][1]["facts"][0] == json({{"title", "Severity"}, {"value", "material"}}));
  CHECK(card["actions"][0]["url"] == "https://www.example.org/privacy");
}

TEST_CASE("chat: discord gets an embed coloured by severity and never pings anyone") {
  WebhookReceiver rx(Mode::kOk);
  json j = json::parse(SendOne("discord", rx).body);
  CHECK(j["allowed_mentions"]["parse"] == json::array());
  const json& e = j["embeds"][0];
  CHECK(e["color"] == 0xC0392B);
  CHECK(e["url"] == "https://www.example.org/privacy");
  const std::string d = e["description"];
  CHECK(d.find("**Severity:** material") != std::string::npos);
  CHECK(d.find("\\*x\\*") != std::string::npos);  // Markdown from the page is escaped
  INFO(d);
  CHECK(d.find("- modified: Privacy Policy › Sharing (material)") != std::string::npos);
}

TEST_CASE("chat: mattermost gets Markdown text with the link") {
  WebhookReceiver rx(Mode::kOk);
  const std::string t = json::parse(SendOne("mattermost", rx).body)["text"];
  CHECK(t.rfind("#### Mistral Media privacy policy", 0) == 0);
  CHECK(t.find("[Open the document](https://www.example.org/privacy)") != std::string::npos);
}

TEST_CASE("chat: ntfy publishes JSON to the server root with topic, priority and tags") {
  WebhookReceiver rx(Mode::kOk);
  Request r = SendOne("ntfy", rx);
  CHECK(r.target == "/");
  json j = json::parse(r.body);
  CHECK(j["topic"] == "policy-alerts");
  CHECK(j["priority"] == 4);
  CHECK(j["tags"] == json({"warning", "policywatch"}));
  CHECK(j["click"] == "https://www.example.org/privacy");
  CHECK(j["title"] == "Mistral Media privacy policy: material change in 3 sections");
  CHECK(j["message"].get<std::string>().find("Severity: material") != std::string::npos);
}

TEST_CASE("chat: matrix PUTs to the room with the delivery id as transaction id") {
  WebhookReceiver rx(Mode::kOk);
  Request r = SendOne("matrix", rx);
  CHECK(r.method == "PUT");
  const std::string id = SampleChangedDelivery("team").delivery_id;
  CHECK(r.target == "/_matrix/client/v3/rooms/%21legalroom%3Aexample.org/send/m.room.message/" + id);
  CHECK(r.headers["Authorization"] == "Bearer syt_matrix_token_4242");
  json j = json::parse(r.body);
  CHECK(j["msgtype"] == "m.text");
  CHECK(j["format"] == "org.matrix.custom.html");
  const std::string html = j["formatted_body"];
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
}

TEST_CASE("chat: operational and test events are short messages") {
  WebhookReceiver rx(Mode::kOk);
  pw::config::Channel c = Chat("slack", rx);
  std::string answer;
  pw::Status s = SendTest(c, &answer);
  REQUIRE(s.ok());
  CHECK(answer == "HTTP 204");
  json j = json::parse(rx.requests().at(0).body);
  CHECK(j["blocks"][0]["text"]["text"] == "TEST message for channel team");
}

TEST_CASE("chat: a failing service is an error with the status that never shows the path of the URL") {
  WebhookReceiver rx(Mode::kFail500);
  pw::config::Channel c = Chat("slack", rx);
  SendResult result;
  pw::Status s = SendChat(c, SampleChangedDelivery("team"), &result);
  REQUIRE_FALSE(s.ok());
  CHECK(result.status == 500);
  CHECK(s.message().find("slack 'team' (http://127.0.0.1:") != std::string::npos);
  CHECK(s.message().find("HTTP 500") != std::string::npos);
  CHECK(s.message().find("Xy9SecretToken77") == std::string::npos);
  pw::config::Channel m = Chat("matrix", rx);
  s = SendChat(m, SampleChangedDelivery("team"), &result);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("syt_matrix_token_4242") == std::string::npos);
}

TEST_CASE("chat: a channel with categories gets only changes touching them at its severity") {
  pw::config::Config config;
  pw::config::Channel sharing;
  sharing.name = "sharing";
  sharing.type = "slack";
  sharing.categories = {"third-party-sharing"};
  pw::config::Channel security = sharing;
  security.name = "security";
  security.categories = {"data-security"};
  config.channels = {sharing, security};
  pw::config::Company company;
  company.id = "mistral-media";
  company.channels = {"sharing", "security"};
  json event = json::parse(SampleChangedDelivery("x").payload_json);
  auto routed = RouteEvent(config, company, event);
  REQUIRE(routed.size() == 1);
  CHECK(routed[0].channel == "sharing");
  // The sharing section only minor: below the channel's min_severity (material).
  event["sections"][0]["severity"] = "minor";
  CHECK(RouteEvent(config, company, event).empty());
  // Operational events ignore categories.
  event["type"] = "document.unreachable";
  CHECK(RouteEvent(config, company, event).size() == 2);
}
