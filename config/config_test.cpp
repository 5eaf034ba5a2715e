// LoadConfig end to end, bad configurations: syntax and structure, required
// keys, types and units, URLs and selectors, enumerations, email addresses, ids
// and references; every error pinned to its exact FILE:LINE:COLUMN: KEY: MESSAGE.
#include <catch2/catch.hpp>

#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using testing::Errors;
using testing::ExpectError;
using testing::kCompany;

// ---- Syntax and structure ---------------------------------------------------------

TEST_CASE("bad: TOML syntax error names line and column", "[config][bad]") {
  ExpectError("[daemon]\ninterval = \"6h\nconcurrency = 4\n",
              "2:15: TOML syntax error: Error while parsing string: unescaped control characters "
              "other than TAB (U+0009) are explicitly prohibited");
}

TEST_CASE("bad: unterminated table header", "[config][bad]") {
  ExpectError("[daemon\n", "1:8: TOML syntax error: Error while parsing table header: "
                           "expected ']', saw '\\n'");
}

TEST_CASE("bad: the error carries file, line, column, key and message apart", "[config][bad]") {
  TempDir dir;
  std::string path = dir.Write("policywatch.toml", "[daemon]\nconcurrency = 0\n");
  LoadResult result = LoadConfig(path);
  REQUIRE(result.errors.size() == 1);
  const ConfigError& e = result.errors[0];
  CHECK(e.location.file == path);
  CHECK(e.location.line == 2);
  CHECK(e.location.column == 15);
  CHECK(e.key == "daemon.concurrency");
  CHECK(e.message == "0 is out of range (1 to 1024)");
  CHECK_FALSE(result.ok());
}

TEST_CASE("bad: unknown key with a near miss suggests the right one", "[config][bad]") {
  ExpectError("[daemon]\nintervall = \"6h\"\n",
              "2:1: daemon.intervall: unknown key; did you mean 'interval'?");
}

TEST_CASE("bad: misspelt table name", "[config][bad]") {
  ExpectError("[deamon]\ninterval = \"6h\"\n",
              "1:2: deamon: unknown key; did you mean 'daemon'?");
}

TEST_CASE("bad: unknown key far from any known one", "[config][bad]") {
  ExpectError("colour = \"blue\"\n", "1:1: colour: unknown key");
}

TEST_CASE("bad: unknown key in a document, with index", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"privacy\"\nurl = \"https://a.example/\"\n"
                  "[[company.document]]\ntype = \"terms\"\nurl = \"https://a.example/t\"\n"
                  "selector = \"main\"\n",
              "9:1: company[1].document[2].selector: unknown key; did you mean 'select'?");
}

TEST_CASE("bad: [channel] written as a table, not an array of tables", "[config][bad]") {
  ExpectError("[channel]\nname = \"x\"\n",
              "1:1: channel: expected an array of tables ([[channel]]), got a table");
}

TEST_CASE("bad: [company.document] written as a table", "[config][bad]") {
  ExpectError(std::string(kCompany) + "[company.document]\ntype = \"t\"\n",
              "3:1: company[1].document: expected an array of tables ([[company.document]]), got "
              "a table");
}

TEST_CASE("bad: company array with a non-table element", "[config][bad]") {
  ExpectError("company = [\"acme\"]\n", "1:12: company[1]: expected a table, got a string");
}

TEST_CASE("bad: [daemon] is not a table", "[config][bad]") {
  ExpectError("daemon = 5\n", "1:10: daemon: expected a table ([daemon]), got an integer");
}

TEST_CASE("bad: daemon key at the top level says where it belongs", "[config][bad]") {
  ExpectError("interval = \"6h\"\n", "1:1: interval: unknown key here; it belongs in [daemon]");
}

TEST_CASE("bad: document key in a company says where it belongs", "[config][bad]") {
  ExpectError(std::string(kCompany) + "url = \"https://a.example/\"\n",
              "3:1: company[1].url: unknown key here; it belongs in [[company.document]]");
}

TEST_CASE("bad: [[company.document]] before any [[company]]", "[config][bad]") {
  ExpectError("[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\n",
              "1:1: company: [[company.document]] must follow a [[company]] entry");
}

// ---- Required keys -----------------------------------------------------------------

TEST_CASE("bad: channel without name and type", "[config][bad]") {
  CHECK(Errors("[[channel]]\nmin_severity = \"minor\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:1: channel[1].name: required key is missing",
                                 "DIR/policywatch.toml:1:1: channel[1].type: required key is missing"});
}

TEST_CASE("bad: email channel without smtp_url, from and to", "[config][bad]") {
  CHECK(Errors("[[channel]]\nname = \"legal\"\ntype = \"email\"\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:1:1: channel[1].smtp_url: required key is missing",
            "DIR/policywatch.toml:1:1: channel[1].from: required key is missing",
            "DIR/policywatch.toml:1:1: channel[1].to: required key is missing"});
}

TEST_CASE("bad: webhook channel without url", "[config][bad]") {
  ExpectError("\n[[channel]]\nname = \"hook\"\ntype = \"webhook\"\n",
              "2:1: channel[1].url: required key is missing");
}

TEST_CASE("bad: company without id", "[config][bad]") {
  ExpectError("[[company]]\nname = \"Acme\"\n", "1:1: company[1].id: required key is missing");
}

TEST_CASE("bad: document without url", "[config][bad]") {
  ExpectError(std::string(kCompany) + "  [[company.document]]\n  type = \"privacy\"\n",
              "3:3: company[1].document[1].url: required key is missing (or 'parts', for a "
              "document of several pages)");
}

// ---- Types and values --------------------------------------------------------------

TEST_CASE("bad: integer given as a string", "[config][bad]") {
  ExpectError("[daemon]\nconcurrency = \"16\"\n",
              "2:15: daemon.concurrency: expected an integer, got a string");
}

TEST_CASE("bad: duration given as a number", "[config][bad]") {
  ExpectError("[daemon]\ninterval = 3600\n",
              "2:12: daemon.interval: expected a duration string like \"90s\", got an integer");
}

TEST_CASE("bad: duration without a unit the parser knows", "[config][bad]") {
  ExpectError("[daemon]\ninterval = \"6 hours\"\n",
              "2:12: daemon.interval: invalid duration '6 hours' (use an integer and a unit: "
              "500ms, 90s, 15m, 6h, 7d)");
}

TEST_CASE("bad: interval shorter than one second", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\n"
                  "interval = \"500ms\"\n",
              "6:12: company[1].document[1].interval: duration '500ms' is too short (minimum 1s)");
}

TEST_CASE("bad: huge duration overflows", "[config][bad]") {
  ExpectError("[daemon]\ninterval = \"99999999999999999999d\"\n",
              "2:12: daemon.interval: invalid duration '99999999999999999999d' (use an integer "
              "and a unit: 500ms, 90s, 15m, 6h, 7d)");
}

TEST_CASE("keep_attempts of 0 or 0d keeps the default year", "[config][keep_attempts]") {
  for (const char* value : {"\"0\"", "\"0d\"", "\"0s\""}) {
    TempDir dir;
    LoadResult result =
        LoadConfig(dir.Write("policywatch.toml", std::string("[daemon]\nkeep_attempts = ") + value + "\n"));
    INFO(value);
    REQUIRE(result.ok());
    CHECK(result.config.daemon.keep_attempts == kDefaultKeepAttempts);
  }
}

TEST_CASE("bad: keep_attempts shorter than a day", "[config][bad][keep_attempts]") {
  ExpectError("[daemon]\nkeep_attempts = \"12h\"\n",
              "2:17: daemon.keep_attempts: duration '12h' is too short (minimum 1d: daily counts "
              "are kept; \"0\" keeps the default, 365d)");
}

TEST_CASE("bad: keep_attempts hostile values name the key", "[config][bad][keep_attempts]") {
  ExpectError("[daemon]\nkeep_attempts = 90\n",
              "2:17: daemon.keep_attempts: expected a duration string like \"90s\", got an integer");
  ExpectError("[daemon]\nkeep_attempts = \"-90d\"\n",
              "2:17: daemon.keep_attempts: invalid duration '-90d' (use an integer and a unit: "
              "500ms, 90s, 15m, 6h, 7d)");
  ExpectError("[daemon]\nkeep_attempts = \"forever\"\n",
              "2:17: daemon.keep_attempts: invalid duration 'forever' (use an integer and a unit: "
              "500ms, 90s, 15m, 6h, 7d)");
  ExpectError("[daemon]\nkeep_attempts = \"99999999999999999999d\"\n",
              "2:17: daemon.keep_attempts: invalid duration '99999999999999999999d' (use an "
              "integer and a unit: 500ms, 90s, 15m, 6h, 7d)");
  ExpectError("[daemon]\nkeep_attempts = \"86400500ms\"\n",
              "2:17: daemon.keep_attempts: duration '86400500ms' is not a whole number of seconds");
}

TEST_CASE("bad: huge integer is a syntax error", "[config][bad]") {
  ExpectError("[daemon]\nconcurrency = 99999999999999999999\n",
              "2:35: TOML syntax error: Error while parsing decimal integer: '99999999999999999999' is "
              "not representable in 64 bits");
}

TEST_CASE("bad: concurrency out of range", "[config][bad]") {
  ExpectError("[daemon]\nconcurrency = 9999999999\n",
              "2:15: daemon.concurrency: 9999999999 is out of range (1 to 1024)");
}

TEST_CASE("bad: jitter percentage above 100", "[config][bad]") {
  ExpectError("[daemon]\njitter = \"150%\"\n",
              "2:10: daemon.jitter: invalid jitter '150%' (use a percentage like \"10%\" or a "
              "fraction from 0 to 1)");
}

TEST_CASE("bad: jitter fraction above 1", "[config][bad]") {
  ExpectError("[daemon]\njitter = 1.5\n",
              "2:10: daemon.jitter: jitter 1.5 is out of range (use a percentage like \"10%\" or "
              "a fraction from 0 to 1)");
}

TEST_CASE("bad: size with an unknown unit", "[config][bad]") {
  ExpectError("[daemon]\nmax_body_size = \"10XB\"\n",
              "2:17: daemon.max_body_size: invalid size '10XB' (use an integer and a unit: 512KB, "
              "10MB, 1GB (KB = 1000 bytes; KiB = 1024))");
}

TEST_CASE("bad: boolean given as a string", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtp://m.example\"\n"
              "starttls = \"no\"\nfrom = \"a@example.org\"\nto = [\"b@example.org\"]\n",
              "5:12: channel[1].starttls: expected a boolean (true or false), got a string");
}

// ---- URLs, selectors, regexes ------------------------------------------------------

TEST_CASE("bad: document URL with an unsupported scheme", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"ftp://a.example/privacy\"\n",
              "5:7: company[1].document[1].url: unsupported scheme 'ftp' (use http or https)");
}

TEST_CASE("bad: document URL without host", "[config][bad]") {
  ExpectError(std::string(kCompany) + "[[company.document]]\ntype = \"p\"\nurl = \"https:///p\"\n",
              "5:7: company[1].document[1].url: URL has no host");
}

TEST_CASE("bad: document URL with a space", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/our policy\"\n",
              "5:7: company[1].document[1].url: URL contains a space or control character at "
              "position 22 (percent-encode it, e.g. %20)");
}

TEST_CASE("bad: smtp_url with an http scheme", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"http://m.example\"\n"
              "from = \"a@example.org\"\nto = \"b@example.org\"\n",
              "4:12: channel[1].smtp_url: unsupported scheme 'http' (use smtp or smtps)");
}

TEST_CASE("bad: webhook URL relative", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"/hook\"\n",
              "4:7: channel[1].url: not an absolute URL: missing scheme (use http or https)");
}

TEST_CASE("bad: CSS selector outside the supported subset", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\n"
                  "select = [\"main\", \"div:hover\"]\n",
              "6:19: company[1].document[1].select[2]: invalid CSS selector 'div:hover': "
              "unexpected ':' at column 4; supported: type, *, #id, .class, [attr], [attr=value], "
              "[attr^=|$=|*=|~=value], descendant 'A B', child 'A > B', lists 'A, B'");
}

TEST_CASE("bad: empty remove selector", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\nremove = \"\"\n",
              "6:10: company[1].document[1].remove: invalid CSS selector '': empty selector");
}

TEST_CASE("bad: regex that does not compile", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\n"
                  "ignore = ['Updated: (\\d+']\n",
              "6:11: company[1].document[1].ignore[1]: invalid regular expression 'Updated: (\\d+': "
              "Mismatched '(' and ')' in regular expression");
}

TEST_CASE("bad: select of the wrong type", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"p\"\nurl = \"https://a.example/\"\n"
                  "select = [\"main\", 3]\n",
              "6:19: company[1].document[1].select[2]: expected a CSS selector string or a range "
              "table { start_before | start_after = \"CSS\", end_before | end_after = \"CSS\" }, "
              "got an integer");
}

// ---- Enumerations ------------------------------------------------------------------

TEST_CASE("bad: unknown min_severity", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "min_severity = \"major\"\n",
              "5:16: channel[1].min_severity: unknown severity 'major' (use none, cosmetic, minor "
              "or material)");
}

TEST_CASE("bad: unknown channel type with a near miss", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"web-hook\"\n",
              "3:8: channel[1].type: unknown channel type 'web-hook' (use email, webhook, slack, "
              "teams, discord, mattermost, ntfy or matrix); did you mean 'webhook'?");
}

TEST_CASE("bad: unknown event type", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "events = [\"document.changed\", \"document.change\"]\n",
              "5:31: channel[1].events[2]: unknown event 'document.change' (use document.changed, "
              "document.unreachable, document.recovered or document.extraction_suspect); did you "
              "mean 'document.changed'?");
}

TEST_CASE("bad: email key on a webhook channel", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "to = [\"a@example.org\"]\n",
              "5:1: channel[1].to: 'to' is for email channels; this channel's type is 'webhook'");
}

// ---- Email addresses ---------------------------------------------------------------

TEST_CASE("bad: empty recipient list", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtp://m.example\"\n"
              "from = \"a@example.org\"\nto = []\n",
              "6:6: channel[1].to: needs at least one address");
}

TEST_CASE("bad: malformed sender address", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtp://m.example\"\n"
              "from = \"Alerts <alerts.example.org>\"\nto = [\"b@example.org\"]\n",
              "5:8: channel[1].from: invalid email address 'Alerts <alerts.example.org>' (use "
              "user@example.org or \"Name <user@example.org>\")");
}

TEST_CASE("bad: username without password_file", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtp://m.example\"\n"
              "username = \"alerts\"\nfrom = \"a@example.org\"\nto = [\"b@example.org\"]\n",
              "5:1: channel[1].username: 'username' is set but 'password_file' is missing");
}

// ---- Ids, duplicates, references ---------------------------------------------------

TEST_CASE("bad: company id that is not a slug", "[config][bad]") {
  ExpectError("[[company]]\nid = \"Mistral Media\"\n",
              "2:6: company[1].id: company id invalid 'Mistral Media' (use lower-case letters, "
              "digits, '.', '_' and '-', starting with a letter or digit)");
}

TEST_CASE("bad: document type with a slash", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"privacy/policy\"\nurl = \"https://a.example/\"\n",
              "4:8: company[1].document[1].type: document type invalid 'privacy/policy' (use "
              "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)");
}

TEST_CASE("bad: duplicate company ids", "[config][bad]") {
  ExpectError("[[company]]\nid = \"acme\"\n\n[[company]]\nid = \"acme\"\n",
              "5:6: company[2].id: duplicate company id 'acme' (first defined at "
              "DIR/policywatch.toml:2:6)");
}

TEST_CASE("bad: duplicate document types within a company", "[config][bad]") {
  ExpectError(std::string(kCompany) +
                  "[[company.document]]\ntype = \"privacy\"\nurl = \"https://a.example/\"\n"
                  "[[company.document]]\ntype = \"privacy\"\nurl = \"https://a.example/2\"\n",
              "7:8: company[1].document[2].type: duplicate document type 'privacy' in this "
              "company (first defined at DIR/policywatch.toml:4:8)");
}

TEST_CASE("good: the same document type in two companies", "[config][good]") {
  CHECK(Errors("[[company]]\nid = \"a\"\n[[company.document]]\ntype = \"privacy\"\n"
               "url = \"https://a.example/\"\n[[company]]\nid = \"b\"\n[[company.document]]\n"
               "type = \"privacy\"\nurl = \"https://b.example/\"\n")
            .empty());
}

TEST_CASE("bad: duplicate channel names", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://i.example\"\n",
              "6:8: channel[2].name: duplicate channel name 'h' (first defined at "
              "DIR/policywatch.toml:2:8)");
}

TEST_CASE("bad: company names a channel nobody defines", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"legal\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "[[company]]\nid = \"acme\"\nchannels = [\"legal\", \"legl\"]\n",
              "7:22: company[1].channels[2]: channel 'legl' is not defined by any [[channel]]; did "
              "you mean 'legal'?");
}

TEST_CASE("bad: every unknown channel is reported", "[config][bad]") {
  CHECK(Errors("[[company]]\nid = \"acme\"\nchannels = [\"ops\", \"x\"]\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:3:13: company[1].channels[1]: channel 'ops' is not defined by "
            "any [[channel]]",
            "DIR/policywatch.toml:3:20: company[1].channels[2]: channel 'x' is not defined by any "
            "[[channel]]"});
}

}  // namespace
}  // namespace pw::config
