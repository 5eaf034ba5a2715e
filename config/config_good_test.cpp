// LoadConfig end to end on good configurations: the example file, defaults,
// every daemon key, includes; and how a ConfigError prints.
#include <catch2/catch.hpp>

#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::Strings;

// ---- Good configurations -----------------------------------------------------------

TEST_CASE("good: the example configuration parses to the expected values", "[config][good]") {
  const std::string path = std::string(PW_SOURCE_DIR) + "/config/policywatch.example.toml";
  LoadResult result = LoadConfig(path);
  INFO(Strings(result.errors).size());
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  const Config& c = result.config;
  CHECK(c.path == path);
  CHECK(c.daemon.database == "/var/lib/policywatch/policywatch.db");
  CHECK(c.daemon.interval == seconds(6 * 3600));
  CHECK(c.daemon.jitter == Approx(0.10));
  CHECK(c.daemon.concurrency == 16);
  CHECK(c.daemon.per_host_delay == milliseconds(2000));
  CHECK(c.daemon.max_body_size == 10'000'000);
  CHECK(c.daemon.delivery_max_age == seconds(3 * 86400));
  CHECK(c.daemon.keep_attempts == seconds(365 * 86400));

  REQUIRE(c.channels.size() == 2);
  const Channel* legal = c.FindChannel("legal");
  REQUIRE(legal != nullptr);
  CHECK(legal->type == "email");
  CHECK(legal->smtp_url == "smtp://mail.example.org:587");
  CHECK(legal->starttls);
  CHECK(legal->username == "alerts");
  CHECK(legal->password_file == std::string(PW_SOURCE_DIR) + "/config/secrets/smtp-password");
  CHECK(legal->password == "example-not-a-real-password");
  CHECK(legal->to == std::vector<std::string>{"legal@example.org",
                                              "Privacy Office <privacy@example.org>"});
  CHECK(legal->min_severity == Severity::kMaterial);
  CHECK(legal->events.size() == 3);
  const Channel* hook = c.FindChannel("hook");
  REQUIRE(hook != nullptr);
  CHECK(hook->url == "https://hooks.example.org/policy");
  CHECK(hook->secret == "example-not-a-real-webhook-secret");
  CHECK(hook->min_severity == Severity::kMinor);
  CHECK(hook->timeout == seconds(10));
  CHECK(c.FindChannel("nope") == nullptr);

  REQUIRE(c.companies.size() == 2);  // one in the file, one from watches.d/
  const Company* mistral = c.FindCompany("mistral-media");
  REQUIRE(mistral != nullptr);
  CHECK(mistral->name == "Mistral Media");
  CHECK(mistral->channels == std::vector<std::string>{"legal", "hook"});
  REQUIRE(mistral->documents.size() == 2);
  const Document& privacy = mistral->documents[0];
  CHECK(privacy.type == "privacy-policy");
  CHECK(privacy.parts.at(0).select == CssEntries({"main"}));
  CHECK(privacy.parts.at(0).remove == CssEntries({".cookie-banner", "nav"}));
  CHECK(privacy.ignore == std::vector<std::string>{"Effective Date: .*"});
  CHECK(privacy.interval == seconds(24 * 3600));
  CHECK(privacy.location.line > 0);
  CHECK_FALSE(mistral->documents[1].interval.has_value());
  const Company* example = c.FindCompany("example-corp");
  REQUIRE(example != nullptr);
  CHECK(example->location.file == std::string(PW_SOURCE_DIR) +
                                      "/config/watches.d/example-corp.toml");
  CHECK(example->documents.at(0).parts.at(0).select == CssEntries({"article#policy"}));
}

TEST_CASE("good: defaults when keys are absent", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write(
      "p.toml", "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
                "[[company]]\nid = \"acme\"\n[[company.document]]\ntype = \"privacy\"\n"
                "url = \"https://acme.example/privacy\"\n"));
  REQUIRE(result.ok());
  const Config& c = result.config;
  const DaemonConfig defaults;
  CHECK(c.daemon.database == defaults.database);
  CHECK(c.daemon.concurrency == defaults.concurrency);
  CHECK(c.daemon.max_redirects == defaults.max_redirects);
  CHECK(c.channels.at(0).min_severity == Severity::kMaterial);
  CHECK(c.channels.at(0).events.empty());
  CHECK(c.channels.at(0).secret.empty());
  CHECK(c.companies.at(0).name == "acme");  // name defaults to the id
  CHECK(c.companies.at(0).channels.empty());
  CHECK(c.companies.at(0).documents.at(0).parts.at(0).select.empty());
}

TEST_CASE("good: every daemon key, relative paths resolved", "[config][good]") {
  TempDir dir;
  dir.Write("etc/creds/pw", "letmein\n");
  LoadResult result = LoadConfig(dir.Write(
      "etc/policywatch.toml",
      "[daemon]\ndatabase = \"../var/pw.db\"\ninterval = \"15m\"\njitter = 0.25\n"
      "concurrency = 1024\nper_host_delay = \"500ms\"\nuser_agent = \"x/1\"\ntimeout = \"90s\"\n"
      "connect_timeout = \"5s\"\nmax_body_size = \"512KiB\"\nmax_redirects = 0\n"
      "unreachable_after = 1\ndelivery_max_age = \"7d\"\nkeep_attempts = \"90d\"\n"
      "[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtps://u@m.example:465\"\n"
      "starttls = false\nusername = \"u\"\npassword_file = \"creds/pw\"\n"
      "from = \"a@example.org\"\nto = \"b@example.org\"\nevents = \"document.unreachable\"\n"
      "min_severity = \"none\"\ntimeout = \"1s\"\n"));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  const DaemonConfig& d = result.config.daemon;
  CHECK(d.database == dir.path() + "/var/pw.db");
  CHECK(d.interval == seconds(900));
  CHECK(d.jitter == Approx(0.25));
  CHECK(d.concurrency == 1024);
  CHECK(d.per_host_delay == milliseconds(500));
  CHECK(d.user_agent == "x/1");
  CHECK(d.timeout == seconds(90));
  CHECK(d.connect_timeout == seconds(5));
  CHECK(d.max_body_size == 512 * 1024);
  CHECK(d.max_redirects == 0);
  CHECK(d.unreachable_after == 1);
  CHECK(d.delivery_max_age == seconds(7 * 86400));
  CHECK(d.keep_attempts == seconds(90 * 86400));
  const Channel& m = result.config.channels.at(0);
  CHECK_FALSE(m.starttls);
  CHECK(m.password_file == dir.path() + "/etc/creds/pw");
  CHECK(m.password == "letmein");
  CHECK(m.to == std::vector<std::string>{"b@example.org"});
  CHECK(m.events == std::vector<std::string>{"document.unreachable"});
  CHECK(m.min_severity == Severity::kNone);
  CHECK(m.timeout == seconds(1));
}

TEST_CASE("good: includes are sorted, may nest, and a glob may match nothing", "[config][good]") {
  TempDir dir;
  dir.Write("watches.d/20-b.toml", "[[company]]\nid = \"b\"\nchannels = [\"ops\"]\n");
  dir.Write("watches.d/10-a.toml", "include = \"../more/*.toml\"\n[[company]]\nid = \"a\"\n");
  dir.Write("watches.d/notes.txt", "not toml at all [[[\n");
  dir.Write("more/c.toml", "[[channel]]\nname = \"ops\"\ntype = \"webhook\"\n"
                           "url = \"http://127.0.0.1:9/hook\"\n");
  LoadResult result = LoadConfig(dir.Write(
      "policywatch.toml",
      "include = [\"watches.d/*.toml\", \"empty.d/*.toml\", \"watches.d/10-a.toml\"]\n"
      "[[company]]\nid = \"main\"\n"));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  std::vector<std::string> ids;
  for (const auto& c : result.config.companies) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"main", "a", "b"});
  REQUIRE(result.config.channels.size() == 1);
  CHECK(result.config.channels[0].location.file == dir.path() + "/watches.d/../more/c.toml");
}

TEST_CASE("good: inline tables and single strings are accepted", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write(
      "p.toml", "company = [{ id = \"a\", document = [{ type = \"t\", url = \"https://a.example\", "
                "select = \"main > article\", ignore = \"^Updated .*$\" }] }]\n"));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  const Document& d = result.config.companies.at(0).documents.at(0);
  CHECK(d.parts.at(0).select == CssEntries({"main > article"}));
  CHECK(d.ignore == std::vector<std::string>{"^Updated .*$"});
}

TEST_CASE("ConfigError::ToString formats FILE:LINE:COL: KEY: MESSAGE", "[config]") {
  CHECK(ConfigError{{"w.toml", 12, 1}, "company[2].document[1].url", "bad"}.ToString() ==
        "w.toml:12:1: company[2].document[1].url: bad");
  CHECK(ConfigError{{"w.toml", 3, 4}, "", "TOML syntax error: x"}.ToString() ==
        "w.toml:3:4: TOML syntax error: x");
  CHECK(ConfigError{{"w.toml", 0, 0}, "", "cannot read"}.ToString() == "w.toml: cannot read");
}

}  // namespace
}  // namespace pw::config
