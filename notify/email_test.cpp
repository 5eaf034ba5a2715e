#include "notify/email.h"

#include <catch2/catch.hpp>

#include <cstdlib>

#include "notify/internal/mime.h"
#include "notify/internal/transport.h"
#include "notify/test_channel.h"
#include "notify/test_fixtures.h"
#include "notify/test_receivers.h"

using namespace pw::notify;
using namespace pw::notify::testing;
using Tls = SmtpOptions::Tls;

namespace {

const char* kPassword = "Sm7p-Pa55word-q1w2e3";

pw::config::Channel MailChannel(int port, const std::string& scheme = "smtp") {
  pw::config::Channel c;
  c.name = "legal";
  c.type = "email";
  c.smtp_url = scheme + "://127.0.0.1:" + std::to_string(port);
  c.from = "Policy alerts <alerts@example.org>";
  c.to = {"Legal Team <legal@example.org>", "dpo@example.org"};
  c.timeout = std::chrono::seconds(10);
  return c;
}

// Sets $POLICYWATCH_CA_FILE for the scope.
struct CaFile {
  explicit CaFile(const std::string& path) { setenv(kCaFileEnv, path.c_str(), 1); }
  ~CaFile() { unsetenv(kCaFileEnv); }
};

struct Parsed {
  std::string headers;  // unfolded, "\n"-separated
  std::string text_qp, html_qp;
};

std::string Header(const std::string& headers, const std::string& name) {
  size_t pos = ("\n" + headers).find("\n" + name + ": ");
  if (pos == std::string::npos) return "";
  size_t start = pos + name.size() + 2;
  size_t end = headers.find('\n', start);
  return headers.substr(start, end - start);
}

Parsed Parse(const std::string& raw) {
  std::string m;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    m += raw[i];
  }
  Parsed p;
  size_t end = m.find("\n\n");
  REQUIRE(end != std::string::npos);
  std::string h = m.substr(0, end);
  for (size_t i = 0; i < h.size(); ++i) {  // unfold
    if (h[i] == '\n' && i + 1 < h.size() && (h[i + 1] == ' ' || h[i + 1] == '\t')) continue;
    p.headers += h[i];
  }
  size_t b = p.headers.find("boundary=\"");
  REQUIRE(b != std::string::npos);
  std::string boundary = "--" + p.headers.substr(b + 10, p.headers.find('"', b + 10) - b - 10);
  std::string body = m.substr(end + 2);
  size_t t1 = body.find(boundary + "\nContent-Type: text/plain; charset=UTF-8");
  size_t h1 = body.find(boundary + "\nContent-Type: text/html; charset=UTF-8");
  size_t close = body.find(boundary + "--");
  REQUIRE(t1 != std::string::npos);
  REQUIRE(h1 != std::string::npos);
  REQUIRE(close != std::string::npos);
  auto part = [&](size_t from, size_t to) {
    std::string s = body.substr(from, to - from);
    REQUIRE(s.find("Content-Transfer-Encoding: quoted-printable\n") != std::string::npos);
    return s.substr(s.find("\n\n") + 2);
  };
  p.text_qp = part(t1, h1);
  p.html_qp = part(h1, close);
  return p;
}

size_t LongestLine(const std::string& s) {
  size_t longest = 0, start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    size_t len = end - start;
    if (len > 0 && s[end - 1] == '\r') --len;
    longest = std::max(longest, len);
    start = end + 1;
  }
  return longest;
}

void CheckChangedMessage(const ReceivedMail& mail, const pw::store::Delivery& d) {
  Parsed p = Parse(mail.data);
  REQUIRE(Header(p.headers, "Subject") ==
          "[policywatch] Mistral Media privacy policy: material change in 3 sections");
  REQUIRE(Header(p.headers, "From") == "Policy alerts <alerts@example.org>");
  REQUIRE(Header(p.headers, "To") == "Legal Team <legal@example.org>, dpo@example.org");
  REQUIRE(Header(p.headers, "Auto-Submitted") == "auto-generated");
  REQUIRE(Header(p.headers, "MIME-Version") == "1.0");
  REQUIRE(Header(p.headers, "X-Policywatch-Delivery") == d.delivery_id);
  REQUIRE(Header(p.headers, "Message-ID") == "<" + d.delivery_id + "@policywatch." + LocalHostName() + ">");
  std::string date = Header(p.headers, "Date");
  REQUIRE(date.size() == 31);  // "Mon, 23 Nov 2026 10:00:00 +0000"
  REQUIRE(date.substr(26) == "+0000");
  REQUIRE(Header(p.headers, "Content-Type").rfind("multipart/alternative;", 0) == 0);

  REQUIRE(LongestLine(p.text_qp) <= 76);
  REQUIRE(LongestLine(p.html_qp) <= 76);
  REQUIRE(LongestLine(mail.data) <= 78);
  std::string text = DecodeQuotedPrintable(p.text_qp);
  std::string html = DecodeQuotedPrintable(p.html_qp);
  REQUIRE(text.find("Privacy Policy > Sharing") != std::string::npos);
  REQUIRE(html.find("Sharing") != std::string::npos);
  for (const std::string* body : {&text, &html}) {
    REQUIRE(body->find("Retention") != std::string::npos);
    REQUIRE(body->find("Überweisungen ins Ausland") != std::string::npos);
  }
  REQUIRE(text.find("We [-do not-]{+may+} sell") != std::string::npos);
  REQUIRE(html.find(">do not</del>") != std::string::npos);
  REQUIRE(html.find(">may</ins>") != std::string::npos);
}

}  // namespace

TEST_CASE("email: plain SMTP relay (starttls = false) receives the full message") {
  SmtpServer server({});
  auto channel = MailChannel(server.port());
  channel.starttls = false;
  pw::store::Delivery d = SampleChangedDelivery("legal");
  SendResult result;
  pw::Status s = SendEmail(channel, d, &result);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(result.status == 250);
  auto mails = server.Messages();
  REQUIRE(mails.size() == 1);
  CheckChangedMessage(mails[0], d);
  auto env = nlohmann::json::parse(mails[0].envelope_json);
  REQUIRE(env["mail_from"] == "alerts@example.org");
  REQUIRE(env["rcpt_tos"] == nlohmann::json({"legal@example.org", "dpo@example.org"}));
  REQUIRE(env["tls"] == false);
}

TEST_CASE("email: STARTTLS with a self-signed certificate and AUTH") {
  SmtpServer server({Tls::kStartTls, "alerts", kPassword});
  CaFile ca(server.cert().cert);
  auto channel = MailChannel(server.port());
  channel.username = "alerts";
  channel.password = kPassword;
  pw::store::Delivery d = SampleChangedDelivery("legal");
  pw::Status s = SendEmail(channel, d, nullptr);
  INFO(s.ToString());
  REQUIRE(s.ok());
  // A retry of the same delivery carries the same Message-ID.
  REQUIRE(SendEmail(channel, d, nullptr).ok());
  auto mails = server.Messages();
  REQUIRE(mails.size() == 2);
  CheckChangedMessage(mails[0], d);
  auto env = nlohmann::json::parse(mails[0].envelope_json);
  REQUIRE(env["tls"] == true);
  REQUIRE(env["auth_user"] == "alerts");
  REQUIRE(Header(Parse(mails[0].data).headers, "Message-ID") ==
          Header(Parse(mails[1].data).headers, "Message-ID"));
}

TEST_CASE("email: smtps:// implicit TLS") {
  SmtpServer server({Tls::kImplicit, "", ""});
  CaFile ca(server.cert().cert);
  pw::store::Delivery d = SampleChangedDelivery("legal");
  pw::Status s = SendEmail(MailChannel(server.port(), "smtps"), d, nullptr);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(server.Messages().size() == 1);
  REQUIRE(nlohmann::json::parse(server.Messages()[0].envelope_json)["tls"] == true);
}

TEST_CASE("email: STARTTLS is required by default, a server without it is refused") {
  SmtpServer server({});
  pw::Status s = SendEmail(MailChannel(server.port()), SampleChangedDelivery("legal"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("STARTTLS") != std::string::npos);
  REQUIRE(s.message().find("email 'legal' (smtp://127.0.0.1:") != std::string::npos);
  REQUIRE(server.Messages().empty());
}

TEST_CASE("email: an untrusted certificate is a TLS error") {
  SmtpServer server({Tls::kStartTls, "", ""});
  unsetenv(kCaFileEnv);
  pw::Status s = SendEmail(MailChannel(server.port()), SampleChangedDelivery("legal"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("TLS failed") != std::string::npos);
  REQUIRE(s.message().find(kCaFileEnv) != std::string::npos);
  REQUIRE(server.Messages().empty());
}

TEST_CASE("email: authentication refused, and the password never shows") {
  SmtpServer server({Tls::kStartTls, "alerts", "the-right-one"});
  CaFile ca(server.cert().cert);
  auto channel = MailChannel(server.port());
  channel.username = "alerts";
  channel.password = kPassword;
  channel.smtp_url = "smtp://alerts:" + std::string(kPassword) + "@127.0.0.1:" +
                     std::to_string(server.port());
  SendResult result;
  pw::Status s = SendEmail(channel, SampleChangedDelivery("legal"), &result);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("authentication refused for user 'alerts'") != std::string::npos);
  REQUIRE(result.status == 535);
  REQUIRE(s.message().find(kPassword) == std::string::npos);
  REQUIRE(result.answer.find(kPassword) == std::string::npos);
  REQUIRE(server.Messages().empty());
}

TEST_CASE("email: SMTP server down is a clear error") {
  auto channel = MailChannel(RefusedPort());
  channel.password = kPassword;
  channel.username = "alerts";
  pw::Status s = SendEmail(channel, SampleChangedDelivery("legal"), nullptr);
  REQUIRE_FALSE(s.ok());
  REQUIRE(s.message().find("cannot connect to the SMTP server") != std::string::npos);
  REQUIRE(s.message().find(kPassword) == std::string::npos);
}

TEST_CASE("email: hostile channel settings are clear errors") {
  auto c = MailChannel(25);
  c.smtp_url = "http://127.0.0.1:25";
  REQUIRE(SendEmail(c, SampleChangedDelivery("legal"), nullptr).message().find(
              "smtp_url must start with smtp:// or smtps://") != std::string::npos);
  c = MailChannel(25);
  c.from = "nobody";
  REQUIRE(SendEmail(c, SampleChangedDelivery("legal"), nullptr).message().find(
              "no address in from = \"nobody\"") != std::string::npos);
  c = MailChannel(25);
  c.to = {};
  REQUIRE(SendEmail(c, SampleChangedDelivery("legal"), nullptr).message().find(
              "no recipients") != std::string::npos);
  c = MailChannel(25);
  c.to = {"Legal <legal@example.org"};
  REQUIRE(SendEmail(c, SampleChangedDelivery("legal"), nullptr).message().find(
              "no address in to entry") != std::string::npos);
  pw::store::Delivery bad = SampleChangedDelivery("legal");
  bad.payload_json = "{not json";
  REQUIRE(SendEmail(MailChannel(25), bad, nullptr).message().find(
              "payload is not a JSON event object") != std::string::npos);
}

TEST_CASE("email: non-ASCII company name gives an RFC 2047 subject") {
  SmtpServer server({});
  auto channel = MailChannel(server.port());
  channel.starttls = false;
  auto t = std::chrono::system_clock::from_time_t(1795428000);
  Subject subject{"societe", "Société Générale", "terms-of-service", "https://example.org/cgu"};
  pw::store::Delivery d;
  d.delivery_id = MakeDeliveryId("e1", "legal");
  d.event_type = kEventChanged;
  d.payload_json = MakeChangedEvent("e1", t, subject, {}, {}, SampleChangeset()).dump();
  REQUIRE(SendEmail(channel, d, nullptr).ok());
  auto mails = server.Messages();
  REQUIRE(mails.size() == 1);
  std::string subj = Header(Parse(mails[0].data).headers, "Subject");
  REQUIRE(subj.rfind("=?UTF-8?B?", 0) == 0);
  for (unsigned char c : Parse(mails[0].data).headers) REQUIRE(c < 0x80);
}

TEST_CASE("test-channel through email reports the server's answer") {
  SmtpServer server({});
  auto channel = MailChannel(server.port());
  channel.starttls = false;
  std::string answer;
  pw::Status s = SendTest(channel, &answer);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(answer.find("250") == 0);
  auto mails = server.Messages();
  REQUIRE(mails.size() == 1);
  Parsed p = Parse(mails[0].data);
  REQUIRE(Header(p.headers, "Subject") == "[policywatch] TEST message for channel legal");
  REQUIRE(DecodeQuotedPrintable(p.text_qp).find("TEST") != std::string::npos);
}
