// LoadConfig end to end: real files in a temp directory, every error pinned to its
// exact FILE:LINE:COLUMN: KEY: MESSAGE.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace pw::config {
namespace {

using ::pw::testing::TempDir;

using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<std::string> Strings(const std::vector<ConfigError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.ToString());
  return out;
}

// Loads `toml` as <tmp>/policywatch.toml; returns the errors with the directory
// replaced by "DIR", so expectations read "DIR/policywatch.toml:3:1: key: message".
std::vector<std::string> Errors(const TempDir& dir, const std::string& toml) {
  std::string path = dir.Write("policywatch.toml", toml);
  LoadResult result = LoadConfig(path);
  std::vector<std::string> out;
  for (std::string e : Strings(result.errors)) {
    for (size_t at; (at = e.find(dir.path())) != std::string::npos;) e.replace(at, dir.path().size(), "DIR");
    out.push_back(e);
  }
  return out;
}

std::vector<std::string> Errors(const std::string& toml) {
  TempDir dir;
  return Errors(dir, toml);
}

// Exactly one error, at DIR/policywatch.toml:`where`.
void ExpectError(const std::string& toml, const std::string& where) {
  std::vector<std::string> errors = Errors(toml);
  INFO("config:\n" << toml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "DIR/policywatch.toml:" + where);
}

const char* kCompany = "[[company]]\nid = \"acme\"\n";

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
              "3:3: company[1].document[1].url: required key is missing");
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
              "6:19: company[1].document[1].select[2]: expected a string, got an integer");
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
              "3:8: channel[1].type: unknown channel type 'web-hook' (use email or webhook); did "
              "you mean 'webhook'?");
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

// ---- Secret files ------------------------------------------------------------------

TEST_CASE("bad: secret file that does not exist", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
              "secret_file = \"secrets/hook\"\n",
              "5:15: channel[1].secret_file: cannot read secret file 'DIR/secrets/hook': No such "
              "file or directory");
}

TEST_CASE("bad: empty secret file", "[config][bad]") {
  TempDir dir;
  dir.Write("secrets/pw", "\n");
  CHECK(Errors(dir, "[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtps://m.example\"\n"
                    "username = \"u\"\npassword_file = \"secrets/pw\"\nfrom = \"a@example.org\"\n"
                    "to = \"b@example.org\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:6:17: channel[1].password_file: secret "
                                 "file 'DIR/secrets/pw' is empty"});
}

TEST_CASE("bad: secret file that is a directory", "[config][bad]") {
  TempDir dir;
  dir.Write("secrets/readme", "x");
  CHECK(Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
                    "secret_file = \"secrets\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:5:15: channel[1].secret_file: secret file "
                                 "'DIR/secrets' is a directory"});
}

TEST_CASE("bad: unreadable secret file, and a secret is never printed", "[config][bad]") {
  TempDir dir;
  std::string secret = dir.Write("hook-secret", "hunter2-do-not-print");
  chmod(secret.c_str(), 0);
  const bool root_reads_anyway = geteuid() == 0;  // root ignores file modes
  std::vector<std::string> errors =
      Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"ftp://h.example\"\n"
                  "secret_file = \"hook-secret\"\n");
  std::vector<std::string> expected = {
      "DIR/policywatch.toml:4:7: channel[1].url: unsupported scheme 'ftp' (use http or https)"};
  if (!root_reads_anyway) {
    expected.push_back("DIR/policywatch.toml:5:15: channel[1].secret_file: cannot read secret "
                       "file 'DIR/hook-secret': Permission denied");
  }
  CHECK(errors == expected);
  for (const auto& e : errors) CHECK(e.find("hunter2") == std::string::npos);
}

TEST_CASE("bad: a secret file of several lines names the key, the file and the count",
          "[config][bad]") {
  TempDir dir;
  dir.Write("shadow", "root:$y$j9T$do-not-print:19000:0:99999:7:::\n"
                      "daemon:*:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n");
  std::vector<std::string> errors =
      Errors(dir, "[[channel]]\nname = \"h\"\ntype = \"webhook\"\nurl = \"https://h.example\"\n"
                  "secret_file = \"shadow\"\n");
  CHECK(errors == std::vector<std::string>{
                      "DIR/policywatch.toml:5:15: channel[1].secret_file: secret file "
                      "'DIR/shadow' holds 3 lines; a secret file must hold exactly one line (a "
                      "final newline is fine)"});
  for (const auto& e : errors) CHECK(e.find("do-not-print") == std::string::npos);
}

TEST_CASE("bad: a password file with a blank second line", "[config][bad]") {
  TempDir dir;
  dir.Write("pw", "letmein\r\n\r\n");
  CHECK(Errors(dir, "[[channel]]\nname = \"m\"\ntype = \"email\"\nsmtp_url = \"smtps://m.example\"\n"
                    "username = \"u\"\npassword_file = \"pw\"\nfrom = \"a@example.org\"\n"
                    "to = \"b@example.org\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:6:17: channel[1].password_file: secret "
                                 "file 'DIR/pw' holds 2 lines; a secret file must hold exactly "
                                 "one line (a final newline is fine)"});
}

TEST_CASE("good: a secret file of one line, with LF, CRLF or no final newline",
          "[config][good]") {
  for (const char* content : {"s3cret", "s3cret\n", "s3cret\r\n", "s3cret \t\n"}) {
    TempDir dir;
    dir.Write("hook", content);
    LoadResult result = LoadConfig(dir.Write(
        "policywatch.toml", "[[channel]]\nname = \"h\"\ntype = \"webhook\"\n"
                            "url = \"https://h.example\"\nsecret_file = \"hook\"\n"));
    INFO("content: " << content);
    REQUIRE(result.ok());
    CHECK(result.config.channels.at(0).secret == "s3cret");
  }
}

// ---- Includes ----------------------------------------------------------------------

TEST_CASE("bad: include of a literal file that does not exist", "[config][bad]") {
  ExpectError("include = [\"watches.d/*.toml\", \"extra.toml\"]\n",
              "1:32: include[2]: included file 'DIR/extra.toml' does not exist");
}

TEST_CASE("bad: include cycle", "[config][bad]") {
  TempDir dir;
  dir.Write("a.toml", "include = \"b.toml\"\n");
  dir.Write("b.toml", "\n\ninclude = [\"a.toml\"]\n");
  CHECK(Errors(dir, "include = \"a.toml\"\n") ==
        std::vector<std::string>{"DIR/b.toml:3:12: include[1]: include cycle: DIR/a.toml -> "
                                 "DIR/b.toml -> DIR/a.toml"});
}

TEST_CASE("bad: a glob that matches the including file itself", "[config][bad]") {
  TempDir dir;
  CHECK(Errors(dir, "include = \"*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: include cycle: "
                                 "DIR/policywatch.toml -> DIR/policywatch.toml"});
}

TEST_CASE("bad: [daemon] in an included file", "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/x.toml", "[daemon]\nconcurrency = 2\n");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/watches.d/x.toml:1:2: daemon: [daemon] may only appear in "
                                 "the main configuration file"});
}

TEST_CASE("bad: errors in included files name the included file", "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/a.toml", "[[company]]\nid = \"a\"\nchannels = [\"nope\"]\n");
  dir.Write("watches.d/b.toml", "[[company]]\nid = \"a\"\n");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n[daemon]\njitter = \"x\"\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:3:10: daemon.jitter: invalid jitter 'x' (use a percentage like "
            "\"10%\" or a fraction from 0 to 1)",
            "DIR/watches.d/a.toml:3:13: company[1].channels[1]: channel 'nope' is not defined by "
            "any [[channel]]",
            "DIR/watches.d/b.toml:2:6: company[1].id: duplicate company id 'a' (first defined at "
            "DIR/watches.d/a.toml:2:6)"});
}

TEST_CASE("bad: a dangling symlink matched by an include glob names the file",
          "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/a.toml", "[[company]]\nid = \"a\"\n");
  std::filesystem::create_symlink(dir.path() + "/gone.toml", dir.path() + "/watches.d/b.toml");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: included file "
                                 "'DIR/watches.d/b.toml' is a broken symlink (its target "
                                 "'DIR/gone.toml' does not exist)"});
}

TEST_CASE("bad: a looping symlink, by glob or by name, names the file", "[config][bad]") {
  TempDir dir;
  std::filesystem::create_symlink("y.toml", dir.path() + "/x.toml");
  std::filesystem::create_symlink("x.toml", dir.path() + "/y.toml");
  CHECK(Errors(dir, "include = [\"x*.toml\", \"y.toml\"]\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:1:12: include[1]: included file 'DIR/x.toml' is a symlink loop",
            "DIR/policywatch.toml:1:23: include[2]: included file 'DIR/y.toml' is a symlink loop"});
}

TEST_CASE("bad: an include glob matching something that is not a file", "[config][bad]") {
  TempDir dir;
  const std::string fifo = dir.path() + "/watches.d/pipe.toml";
  std::filesystem::create_directories(dir.path() + "/watches.d/sub.toml");  // skipped
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:11: include: included file "
                                 "'DIR/watches.d/pipe.toml' is not a regular file"});
}

TEST_CASE("bad: an included file whose reading fails is not taken as empty", "[config][bad]") {
  TempDir dir;
  // Opening /proc/self/mem works (even for root) but reading its first page fails.
  std::filesystem::create_directories(dir.path() + "/watches.d");
  std::filesystem::create_symlink("/proc/self/mem", dir.path() + "/watches.d/mem.toml");
  std::vector<std::string> errors = Errors(dir, "include = \"watches.d/*.toml\"\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:1:11: include: cannot read "
                        "'DIR/watches.d/mem.toml': ", 0) == 0);
}

// ---- Hostile input -----------------------------------------------------------------

TEST_CASE("hostile: missing main file", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.path() + "/nope.toml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].ToString() == dir.path() + "/nope.toml: cannot read '" + dir.path() +
                                           "/nope.toml': No such file or directory");
}

TEST_CASE("hostile: a directory as the config", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.path());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].ToString() ==
        dir.path() + ": cannot read '" + dir.path() + "': is a directory");
}

TEST_CASE("hostile: an empty file is a valid config with defaults", "[config][hostile]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", ""));
  REQUIRE(result.ok());
  CHECK(result.config.companies.empty());
  CHECK(result.config.channels.empty());
  CHECK(result.config.daemon.interval == seconds(6 * 3600));
}

TEST_CASE("hostile: binary garbage", "[config][hostile]") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  std::vector<std::string> errors = Errors(garbage);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:1:", 0) == 0);
  CHECK(errors[0].find("TOML syntax error: ") != std::string::npos);
}

TEST_CASE("hostile: NUL byte in a string", "[config][hostile]") {
  std::vector<std::string> errors = Errors(std::string("[daemon]\nuser_agent = \"a\0b\"\n", 26));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("DIR/policywatch.toml:2:", 0) == 0);
  CHECK(errors[0].find("TOML syntax error: ") != std::string::npos);
}

TEST_CASE("hostile: deeply nested arrays", "[config][hostile]") {
  std::string toml = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::vector<std::string> errors = Errors(toml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "DIR/policywatch.toml:1:261: TOML syntax error: Error while parsing value: "
                     "exceeded maximum nested value depth of 256 (TOML_MAX_NESTED_VALUES)");
}

TEST_CASE("hostile: deeply nested tables by dotted keys", "[config][hostile]") {
  std::string key = "a";
  for (int i = 0; i < 200000; ++i) key += ".a";
  ExpectError("ok = 1\n[" + key + "]\n",
              "2:129: TOML syntax error: key has more than 64 dotted parts");
  ExpectError(key + " = 1\n", "1:128: TOML syntax error: key has more than 64 dotted parts");
}

TEST_CASE("hostile: many errors are all reported, in file order", "[config][hostile]") {
  std::vector<std::string> errors =
      Errors("[daemon]\nconcurrency = -1\ninterval = \"0s\"\nbogus = 1\n"
             "[[company]]\nid = \"A\"\n[[company.document]]\ntype = \"p\"\nurl = \"gopher://x\"\n");
  CHECK(errors == std::vector<std::string>{
                      "DIR/policywatch.toml:2:15: daemon.concurrency: -1 is out of range (1 to 1024)",
                      "DIR/policywatch.toml:3:12: daemon.interval: duration '0s' is too short "
                      "(minimum 1s)",
                      "DIR/policywatch.toml:4:1: daemon.bogus: unknown key",
                      "DIR/policywatch.toml:6:6: company[1].id: company id invalid 'A' (use "
                      "lower-case letters, digits, '.', '_' and '-', starting with a letter or "
                      "digit)",
                      "DIR/policywatch.toml:9:7: company[1].document[1].url: unsupported scheme "
                      "'gopher' (use http or https)"});
}

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
  CHECK(privacy.select == std::vector<std::string>{"main"});
  CHECK(privacy.remove == std::vector<std::string>{".cookie-banner", "nav"});
  CHECK(privacy.ignore == std::vector<std::string>{"Effective Date: .*"});
  CHECK(privacy.interval == seconds(24 * 3600));
  CHECK(privacy.location.line > 0);
  CHECK_FALSE(mistral->documents[1].interval.has_value());
  const Company* example = c.FindCompany("example-corp");
  REQUIRE(example != nullptr);
  CHECK(example->location.file == std::string(PW_SOURCE_DIR) +
                                      "/config/watches.d/example-corp.toml");
  CHECK(example->documents.at(0).select == std::vector<std::string>{"article#policy"});
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
  CHECK(c.companies.at(0).documents.at(0).select.empty());
}

TEST_CASE("good: every daemon key, relative paths resolved", "[config][good]") {
  TempDir dir;
  dir.Write("etc/creds/pw", "letmein\n");
  LoadResult result = LoadConfig(dir.Write(
      "etc/policywatch.toml",
      "[daemon]\ndatabase = \"../var/pw.db\"\ninterval = \"15m\"\njitter = 0.25\n"
      "concurrency = 1024\nper_host_delay = \"500ms\"\nuser_agent = \"x/1\"\ntimeout = \"90s\"\n"
      "connect_timeout = \"5s\"\nmax_body_size = \"512KiB\"\nmax_redirects = 0\n"
      "unreachable_after = 1\ndelivery_max_age = \"7d\"\n"
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
  CHECK(d.select == std::vector<std::string>{"main > article"});
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
