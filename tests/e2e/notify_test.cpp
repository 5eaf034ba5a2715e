// Issue 6 "Done when", end to end: a change found by `policywatch check` reaches a
// real inbox (aiosmtpd) and a real webhook receiver, or does not when it is below
// the channel's minimum; an outage ends in exactly one delivery; a document that
// keeps failing is announced unreachable, then recovered.
#include <catch2/catch.hpp>

#include <set>

#include "notify/test_receivers.h"
#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;
using pw::notify::testing::SmtpOptions;
using pw::notify::testing::SmtpServer;

namespace {

const char* kSecret = "whsec-e2e-5f2c1a9d";

struct Setup {
  Site site;
  TempDir dir;
  std::string config;
  std::string db = dir.path() + "/pw.db";

  // email_port 0: no email channel; hook_url "": no webhook channel.
  void Write(int email_port, const std::string& email_min, const std::string& hook_url,
             const std::string& hook_min) {
    dir.Write("secrets/hook", std::string(kSecret) + "\n");
    std::string toml = DaemonToml();
    std::vector<std::string> channels;
    if (email_port) {
      toml += "[[channel]]\nname = \"legal\"\ntype = \"email\"\nsmtp_url = \"smtp://127.0.0.1:" +
              std::to_string(email_port) +
              "\"\nstarttls = false\nfrom = \"Policy alerts <alerts@example.org>\"\n"
              "to = [\"Legal Team <legal@example.org>\"]\nmin_severity = \"" + email_min +
              "\"\ntimeout = \"10s\"\n\n";
      channels.push_back("legal");
    }
    if (!hook_url.empty()) {
      toml += "[[channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"" + hook_url +
              "\"\nsecret_file = \"secrets/hook\"\nmin_severity = \"" + hook_min +
              "\"\ntimeout = \"5s\"\n\n";
      channels.push_back("hook");
    }
    toml += CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}},
                        channels);
    config = dir.Write("policywatch.toml", toml);
  }
  Outcome Check() {
    Outcome o = Run({"check", "--config", config});
    return o;
  }
};

std::vector<Section> MaterialChange() {
  auto policy = ShopPolicy();
  policy[2].paragraphs[0] = "We share your delivery address with the courier that brings your "
                            "parcel. We sell your personal information to anyone.";
  policy[3].paragraphs[0] = "We keep order records for 2 years after delivery and then delete "
                            "them, unless a tax rule obliges us to keep them longer.";
  return policy;
}

std::string DatedPolicy(const std::string& date) {
  auto policy = ShopPolicy();
  policy[0].paragraphs.insert(policy[0].paragraphs.begin(), "Last updated: " + date);
  return PolicyHtml("Privacy Notice", policy);
}

// Headers of a received message, unfolded, and its decoded quoted-printable body.
struct Mail {
  std::string headers;
  std::string body;
};

Mail ParseMail(const std::string& raw) {
  std::string m;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    m += raw[i];
  }
  Mail mail;
  size_t end = m.find("\n\n");
  REQUIRE(end != std::string::npos);
  for (size_t i = 0; i < end; ++i) {
    if (m[i] == '\n' && i + 1 < end && (m[i + 1] == ' ' || m[i + 1] == '\t')) continue;
    mail.headers += m[i];
  }
  std::string body = m.substr(end + 2);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '=' && i + 1 < body.size() && body[i + 1] == '\n') {
      ++i;
    } else if (body[i] == '=' && i + 2 < body.size() && std::isxdigit(static_cast<unsigned char>(body[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(body[i + 2]))) {
      mail.body += static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      mail.body += body[i];
    }
  }
  return mail;
}

std::string Header(const std::string& headers, const std::string& name) {
  size_t pos = ("\n" + headers).find("\n" + name + ": ");
  if (pos == std::string::npos) return "";
  size_t start = pos + name.size() + 2;
  return headers.substr(start, headers.find('\n', start) - start);
}

std::string Get(const HookRequest& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

std::vector<std::string> EventTypes(const HookReceiver& hook) {
  std::vector<std::string> out;
  for (const auto& r : hook.Requests()) out.push_back(Get(r, "X-Policywatch-Event"));
  return out;
}

}  // namespace

TEST_CASE("notify: a material change reaches the inbox and the webhook with the right content",
          "[e2e][notify]") {
  SmtpServer smtp(SmtpOptions{});
  HookReceiver hook;
  Setup s;
  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  s.Write(smtp.port(), "material", hook.Url(), "minor");

  Outcome first = s.Check();
  INFO("first stdout: " << first.out << "\nstderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(smtp.Messages().empty());  // a first version is not a change
  CHECK(hook.Requests().empty());

  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", MaterialChange())});
  Outcome changed = s.Check();
  INFO("changed stdout: " << changed.out << "\nstderr: " << changed.err);
  REQUIRE(changed.exit_code == 0);
  CHECK(changed.out.find("changed (material") != std::string::npos);
  CHECK(changed.out.find("notifications: 2 delivered, 0 to retry, 0 failed") != std::string::npos);

  auto history = Json(Run({"history", "larkspur/privacy-policy", "--config", s.config,
                           "--format", "json"}));
  REQUIRE(history["versions"].size() == 2);
  const long long from_id = history["versions"][0]["id"];
  const long long to_id = history["versions"][1]["id"];

  // The inbox: one message with the subject, the changed sections and the word diff.
  auto mails = smtp.Messages();
  REQUIRE(mails.size() == 1);
  Mail mail = ParseMail(mails[0].data);
  CHECK(Header(mail.headers, "Subject") ==
        "[policywatch] Larkspur Kites privacy policy: material change in 2 sections");
  CHECK(Header(mail.headers, "From") == "Policy alerts <alerts@example.org>");
  CHECK(Header(mail.headers, "To") == "Legal Team <legal@example.org>");
  CHECK(Header(mail.headers, "Auto-Submitted") == "auto-generated");
  CHECK_FALSE(Header(mail.headers, "Message-ID").empty());
  CHECK_FALSE(Header(mail.headers, "Date").empty());
  CHECK(Header(mail.headers, "Content-Type").rfind("multipart/alternative", 0) == 0);
  CHECK(mail.body.find("Sharing With Others") != std::string::npos);
  CHECK(mail.body.find("Keeping Your Data") != std::string::npos);
  CHECK(mail.body.find("2 years") != std::string::npos);
  CHECK(mail.body.find("Your Choices") == std::string::npos);  // unchanged: not listed
  CHECK(mails[0].envelope_json.find("legal@example.org") != std::string::npos);

  // The webhook: one signed policywatch.event.v1 naming the versions of `history`.
  auto requests = hook.Requests();
  REQUIRE(requests.size() == 1);
  const HookRequest& r = requests[0];
  CHECK(Get(r, "Content-Type").rfind("application/json", 0) == 0);
  CHECK(Get(r, "X-Policywatch-Event") == "document.changed");
  auto event = nlohmann::json::parse(r.body, nullptr, false);
  REQUIRE_FALSE(event.is_discarded());
  CHECK(event["schema"] == "policywatch.event.v1");
  CHECK(event["type"] == "document.changed");
  CHECK(event["severity"] == "material");
  CHECK(event["company"] == nlohmann::json({{"id", "larkspur"}, {"name", "Larkspur Kites"}}));
  CHECK(event["document"]["type"] == "privacy-policy");
  CHECK(event["document"]["url"] == s.site.Url("/privacy"));
  CHECK(event["to_version"]["id"] == to_id);
  CHECK(event["from_version"]["id"] == from_id);
  CHECK(event["to_version"]["sha256"] == history["versions"][1]["sha256"]);
  CHECK(event["summary"]["sections_modified"] == 2);
  REQUIRE(event["sections"].size() == 2);
  std::set<std::string> paths;
  for (const auto& sec : event["sections"]) paths.insert(sec["path"].back().get<std::string>());
  CHECK(paths == std::set<std::string>{"Sharing With Others", "Keeping Your Data"});

  const std::string delivery = Get(r, "X-Policywatch-Delivery");
  CHECK(delivery.size() == 32);
  CHECK(QueryText(s.db, "SELECT state FROM outbox WHERE delivery_id = '" + delivery + "'") ==
        "delivered");
  const std::string sig = Get(r, "X-Policywatch-Signature");
  INFO("signature header: " << sig);
  REQUIRE(sig.rfind("t=", 0) == 0);
  size_t comma = sig.find(",v1=");
  REQUIRE(comma != std::string::npos);
  const std::string t = sig.substr(2, comma - 2);
  CHECK(sig.substr(comma + 4) == HmacSha256Hex(kSecret, t + "." + r.body));
  CHECK(sig.substr(comma + 4) != HmacSha256Hex(kSecret, t + "." + r.body + " "));
  CHECK(std::llabs(std::stoll(t) - static_cast<long long>(time(nullptr))) < 600);

  // Nothing is sent twice: another check with no change delivers nothing.
  Outcome again = s.Check();
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("notifications:") == std::string::npos);
  CHECK(smtp.Messages().size() == 1);
  CHECK(hook.Requests().size() == 1);
  // The secret never shows in status.
  Outcome status = Run({"status", "--config", s.config, "--format", "json"});
  CHECK(status.out.find(kSecret) == std::string::npos);
}

TEST_CASE("notify: a cosmetic change reaches neither a minor nor a material channel",
          "[e2e][notify]") {
  SmtpServer smtp(SmtpOptions{});
  HookReceiver hook;
  Setup s;
  s.site.Set("/privacy", {DatedPolicy("March 3, 2026")});
  s.Write(smtp.port(), "material", hook.Url(), "minor");
  REQUIRE(s.Check().exit_code == 0);

  s.site.Set("/privacy", {DatedPolicy("April 9, 2026")});
  Outcome o = s.Check();
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.find("changed (cosmetic") != std::string::npos);
  CHECK(o.out.find("notifications:") == std::string::npos);
  CHECK(smtp.Messages().empty());
  CHECK(hook.Requests().empty());
  CHECK(QueryInt(s.db, "SELECT count(*) FROM outbox") == 0);
  // The version is stored all the same.
  CHECK(QueryInt(s.db, "SELECT count(*) FROM versions") == 2);
}

TEST_CASE("notify: a webhook outage ends in exactly one delivery once the retry is due",
          "[e2e][notify]") {
  HookReceiver hook;
  Setup s;
  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  s.Write(0, "", hook.Url(), "minor");
  REQUIRE(s.Check().exit_code == 0);

  hook.Stop();
  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", MaterialChange())});
  Outcome down = s.Check();
  INFO("down stdout: " << down.out << "\nstderr: " << down.err);
  REQUIRE(down.exit_code == 0);  // the check itself succeeded
  CHECK(down.out.find("notifications: 0 delivered, 1 to retry, 0 failed") != std::string::npos);
  auto row = QueryRows(s.db, "SELECT delivery_id, state, attempts, next_attempt_at, last_error "
                             "FROM outbox");
  REQUIRE(row.size() == 1);
  const std::string delivery = row[0][0];
  CHECK(row[0][1] == "pending");
  CHECK(row[0][2] == "1");
  CHECK(std::stoll(row[0][3]) > static_cast<long long>(time(nullptr)));  // backed off
  CHECK_FALSE(row[0][4].empty());
  CHECK(row[0][4].find(kSecret) == std::string::npos);

  // Back up, but the retry is not due yet: a check sends nothing.
  hook.Start();
  Outcome early = s.Check();
  REQUIRE(early.exit_code == 0);
  CHECK(hook.Requests().empty());
  CHECK(QueryText(s.db, "SELECT state FROM outbox") == "pending");

  // Make it due (instead of waiting ~30 s of back-off): exactly one delivery.
  Execute(s.db, "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending'");
  Outcome due = s.Check();
  INFO("due stdout: " << due.out);
  REQUIRE(due.exit_code == 0);
  CHECK(due.out.find("notifications: 1 delivered, 0 to retry, 0 failed") != std::string::npos);
  auto requests = hook.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(Get(requests[0], "X-Policywatch-Delivery") == delivery);
  CHECK(Get(requests[0], "X-Policywatch-Event") == "document.changed");
  CHECK(QueryText(s.db, "SELECT state || ' ' || attempts FROM outbox") == "delivered 2");

  // No flood: later checks, even with the clock of the outbox wound back, send nothing more.
  Execute(s.db, "UPDATE outbox SET next_attempt_at = 0");
  REQUIRE(s.Check().exit_code == 0);
  REQUIRE(s.Check().exit_code == 0);
  CHECK(hook.Requests().size() == 1);
}

TEST_CASE("notify: unreachable after 2 failed checks, recovered after, each announced once",
          "[e2e][notify]") {
  HookReceiver hook;
  Setup s;
  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  s.Write(0, "", hook.Url(), "material");
  REQUIRE(s.Check().exit_code == 0);
  auto unreachable_flag = [&] {
    auto status = Json(Run({"status", "--config", s.config, "--format", "json"}));
    REQUIRE(status["documents"].size() == 1);
    return status["documents"][0]["unreachable"].get<bool>();
  };

  s.site.Set("/privacy", {"<h1>Internal error</h1>", "text/html", 503});
  CHECK(s.Check().exit_code == 1);
  CHECK(hook.Requests().empty());  // one failure is not an outage
  CHECK_FALSE(unreachable_flag());

  Outcome second = s.Check();
  INFO("second failure stdout: " << second.out << "\nstderr: " << second.err);
  CHECK(second.exit_code == 1);
  CHECK(EventTypes(hook) == std::vector<std::string>{"document.unreachable"});
  CHECK(unreachable_flag());
  auto event = nlohmann::json::parse(hook.Requests()[0].body);
  CHECK(event["schema"] == "policywatch.event.v1");
  CHECK(event["consecutive_failures"] == 2);
  CHECK(event["document"]["url"] == s.site.Url("/privacy"));

  CHECK(s.Check().exit_code == 1);  // still down: not announced again
  CHECK(hook.Requests().size() == 1);

  s.site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  Outcome back = s.Check();
  INFO("recovered stdout: " << back.out);
  CHECK(back.exit_code == 0);
  CHECK(back.out.find("larkspur/privacy-policy: unchanged") != std::string::npos);
  CHECK(EventTypes(hook) ==
        std::vector<std::string>{"document.unreachable", "document.recovered"});
  CHECK_FALSE(unreachable_flag());
  auto recovered = nlohmann::json::parse(hook.Requests()[1].body);
  CHECK(recovered["type"] == "document.recovered");

  CHECK(s.Check().exit_code == 0);
  CHECK(hook.Requests().size() == 2);
  CHECK(QueryInt(s.db, "SELECT count(*) FROM outbox WHERE state != 'delivered'") == 0);
}
