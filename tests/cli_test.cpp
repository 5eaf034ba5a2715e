// The `policywatch` binary as users run it: a child process, its stdout, stderr and
// exit status. Exit codes: 0 ok, 1 the command found a problem, 2 usage error.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace {

using pw::testing::Outcome;

// Runs build/policywatch with `args` from the source directory.
Outcome Run(const std::vector<std::string>& args) { return pw::testing::RunBinary(args); }

const std::vector<std::string> kCommands = {"run",     "check",  "validate",     "status",
                                            "history", "show",   "diff",         "extract",
                                            "export",  "import", "test-channel", "serve"};

TEST_CASE("version: --version prints the version and exits 0", "[cli]") {
  Outcome o = Run({"--version"});
  CHECK(o.exit_code == 0);
  CHECK(std::regex_match(o.out, std::regex("policywatch [0-9]+\\.[0-9]+\\.[0-9]+\\n")));
  CHECK(o.err.empty());
}

TEST_CASE("help: --help lists every command of SPEC.md and exits 0", "[cli]") {
  Outcome o = Run({"--help"});
  CHECK(o.exit_code == 0);
  CHECK(o.out.rfind("usage: policywatch", 0) == 0);
  for (const auto& c : kCommands) {
    INFO("command " << c);
    CHECK(o.out.find("\n  " + c) != std::string::npos);
  }
}

TEST_CASE("no arguments: usage on stderr, exit 2", "[cli]") {
  Outcome o = Run({});
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("usage: policywatch") != std::string::npos);
  CHECK(o.out.empty());
}

TEST_CASE("unknown command: exit 2 naming it", "[cli]") {
  Outcome o = Run({"frobnicate"});
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(o.err.find("usage: policywatch") != std::string::npos);
}

TEST_CASE("unknown option on a command: exit 2 naming it", "[cli]") {
  for (const auto& c : kCommands) {
    Outcome o = Run({c, "--no-such-option"});
    INFO("command " << c << "\nstderr: " << o.err);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("--no-such-option") != std::string::npos);
    CHECK(o.err.find("usage: policywatch " + c) != std::string::npos);
  }
}

TEST_CASE("bad --log-level: exit 2 naming the level", "[cli]") {
  Outcome o = Run({"validate", "--config", "config/policywatch.example.toml", "--log-level",
                   "loud"});
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("loud") != std::string::npos);
}

TEST_CASE("COMMAND --help for every command exits 0 with its usage", "[cli]") {
  for (const auto& c : kCommands) {
    Outcome o = Run({c, "--help"});
    INFO("command " << c << "\nstdout: " << o.out << "\nstderr: " << o.err);
    CHECK(o.exit_code == 0);
    CHECK(o.out.rfind("usage: policywatch " + c, 0) == 0);
    CHECK(o.out.find("--config") != std::string::npos);
  }
}

TEST_CASE("run with a missing config exits 1 naming it", "[cli]") {
  pw::testing::TempDir dir;
  const std::string missing = dir.path() + "/absent.toml";
  Outcome o = Run({"run", "--config", missing});
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  CHECK(o.exit_code == 1);
  CHECK(o.err.find(missing) != std::string::npos);
}

TEST_CASE("document commands: a malformed COMPANY/TYPE or version is a usage error", "[cli]") {
  pw::testing::TempDir dir;
  const std::string db = dir.path() + "/pw.db";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"history", "no-slash", "--db", db},
           {"show", "a/b/c", "--db", db},
           {"diff", "/type", "--db", db},
           {"diff", "acme/privacy", "x", "--db", db},
           {"diff", "--files", "only-one.html"},
           {"extract"},
           {"status", "--format", "yaml", "--db", db}}) {
    Outcome o = Run(args);
    INFO(args[0] << " " << (args.size() > 1 ? args[1] : "") << "\nstderr: " << o.err);
    CHECK(o.exit_code == 2);
    CHECK_FALSE(o.err.empty());
  }
  // A database that does not exist yet is named, and not created by a reader.
  Outcome o = Run({"history", "acme/privacy-policy", "--db", db});
  CHECK(o.exit_code == 1);
  CHECK(o.err.find(db + ": no database yet") != std::string::npos);
  CHECK(access(db.c_str(), F_OK) != 0);
}

TEST_CASE("extract: a sample page loses its chrome, --output-dir writes one file per input", "[cli]") {
  Outcome o = Run({"extract", "demo/site/privacy.html"});
  INFO("stderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.rfind("# Privacy Policy\n", 0) == 0);
  CHECK(o.out.find("## 4. Data Retention") != std::string::npos);
  CHECK(o.out.find("Accept all") == std::string::npos);  // cookie banner
  CHECK(o.out.find("Stores") == std::string::npos);      // navigation
  CHECK(o.out.find("All rights reserved") == std::string::npos);  // footer

  Outcome json = Run({"extract", "--format", "json", "demo/site/terms.html"});
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"title\": \"Terms of Sale\"") != std::string::npos);

  pw::testing::TempDir dir;
  Outcome bulk = Run({"extract", "demo/site/privacy.html", "demo/site/terms.html",
                      "demo/site/privacy.html", "missing.html", "--output-dir", dir.path()});
  CHECK(bulk.exit_code == 1);  // one input failed, and is named
  CHECK(bulk.err.find("missing.html") != std::string::npos);
  CHECK(access((dir.path() + "/privacy.md").c_str(), F_OK) == 0);
  CHECK(access((dir.path() + "/privacy-2.md").c_str(), F_OK) == 0);
  CHECK(access((dir.path() + "/terms.md").c_str(), F_OK) == 0);
}

TEST_CASE("extract: a page whose text scripts build is named with the setting to use", "[cli]") {
  pw::testing::TempDir dir;
  const std::string shell = dir.Write(
      "shell.html",
      "<!DOCTYPE html><html><head><title>Acme</title></head><body><div id=\"root\"></div>"
      "<script src=\"/static/js/main.js\"></script></body></html>");
  Outcome o = Run({"extract", shell});
  CHECK(o.exit_code == 0);  // a warning, not a failure
  CHECK(o.err == shell + ": warning: the page has almost no text of its own (0 letters) and an "
                         "empty application root <div id=\"root\">: its text is built by scripts; "
                         "to watch it, set render = \"browser\" (or \"auto\") for this document, "
                         "or try `policywatch extract --render browser`\n");
  Outcome page = Run({"extract", "demo/site/privacy.html"});
  CHECK(page.err.find("warning") == std::string::npos);
}

TEST_CASE("validate: the example config exits 0 with a summary line", "[cli]") {
  Outcome o = Run({"validate", "--config", "config/policywatch.example.toml"});
  INFO("stderr: " << o.err);
  CHECK(o.exit_code == 0);
  CHECK(o.out == "config/policywatch.example.toml: ok: 2 companies, 3 documents, 2 channels\n");
}

TEST_CASE("validate: a bad config exits 1 with every error at file:line:column", "[cli]") {
  pw::testing::TempDir dir;
  const std::string path = dir.Write(
      "bad.toml", "[daemon]\nconcurrency = 0\n[[company]]\nid = \"acme\"\nchannels = [\"legl\"]\n");
  Outcome o = Run({"validate", "--config", path});
  CHECK(o.exit_code == 1);
  CHECK(o.err == path + ":2:15: daemon.concurrency: 0 is out of range (1 to 1024)\n" + path +
                     ":5:13: company[1].channels[1]: channel 'legl' is not defined by any "
                     "[[channel]]\n" +
                     path + ": 2 errors\n");
  CHECK(o.out.empty());
}

TEST_CASE("validate: a missing config file exits 1 naming it", "[cli]") {
  pw::testing::TempDir dir;
  const std::string path = dir.path() + "/nope.toml";
  Outcome o = Run({"validate", "--config", path});
  CHECK(o.exit_code == 1);
  CHECK(o.err.find(path + ": cannot read '" + path + "': No such file or directory") !=
        std::string::npos);
}

TEST_CASE("validate: a syntax error exits 1 with file:line:column", "[cli]") {
  pw::testing::TempDir dir;
  const std::string path = dir.Write("broken.toml", "[daemon\n");
  Outcome o = Run({"validate", "--config", path});
  CHECK(o.exit_code == 1);
  CHECK(o.err.rfind(path + ":1:8: TOML syntax error: ", 0) == 0);
}

}  // namespace
