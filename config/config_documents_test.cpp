// LoadConfig on the keys of the document kinds: `parts`, ranges in `select` and
// `remove`, `render`, `wait_for`, and the [daemon] browser_* keys; good
// configurations, and every error with its exact FILE:LINE:COLUMN: KEY: MESSAGE.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using std::chrono::seconds;
using testing::Errors;
using testing::ExpectError;
using testing::kCompany;

// A company with one document whose body (after `type`) is `body`.
std::string Doc(const std::string& body) {
  return std::string(kCompany) + "[[company.document]]\ntype = \"p\"\n" + body;
}

LoadResult LoadGood(const TempDir& dir, const std::string& toml) {
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", toml));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  return result;
}

SelectorEntry Range(std::string start_before, std::string start_after, std::string end_before,
                    std::string end_after) {
  SelectorEntry e;
  e.start_before = std::move(start_before);
  e.start_after = std::move(start_after);
  e.end_before = std::move(end_before);
  e.end_after = std::move(end_after);
  return e;
}

// ---- Good ---------------------------------------------------------------------------

TEST_CASE("good: a document of parts, with ranges, render and wait_for", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadGood(
      dir, Doc("parts = [\n"
               "  { url = \"https://a.example/c\", select = [{ start_before = \"#c\", "
               "end_before = \"#d\" }, \"main\"], remove = \".ad\" },\n"
               "  { url = \"https://a.example/t\", render = \"browser\", wait_for = \"#t h2\" },\n"
               "]\ninterval = \"1h\"\n"));
  const Document& d = result.config.companies.at(0).documents.at(0);
  CHECK(d.url == "https://a.example/c");
  REQUIRE(d.parts.size() == 2);
  CHECK(d.parts[0].url == "https://a.example/c");
  CHECK(d.parts[0].select == std::vector<SelectorEntry>{Range("#c", "", "#d", ""),
                                                        CssEntries({"main"}).front()});
  CHECK(d.parts[0].remove == CssEntries({".ad"}));
  CHECK(d.parts[0].render == Render::kStatic);
  CHECK(d.parts[0].location.line == 6);
  CHECK(d.parts[1].render == Render::kBrowser);
  CHECK(d.parts[1].wait_for == "#t h2");
  CHECK(d.parts[1].location.line == 7);
  CHECK(d.interval == seconds(3600));
}

TEST_CASE("good: a one-page document holds one part with its own keys", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadGood(
      dir, Doc("url = \"https://a.example/\"\nrender = \"auto\"\nwait_for = \"main\"\n"
               "select = [{ start_after = \"h1\", end_after = \"#last\" }]\n"
               "remove = [{ start_before = \".a\", end_after = \".b\" }, \"nav\"]\n"));
  const Document& d = result.config.companies.at(0).documents.at(0);
  REQUIRE(d.parts.size() == 1);
  const Part& p = d.parts[0];
  CHECK(p.url == d.url);
  CHECK(p.render == Render::kAuto);
  CHECK(p.wait_for == "main");
  CHECK(p.select == std::vector<SelectorEntry>{Range("", "h1", "", "#last")});
  CHECK(p.remove ==
        std::vector<SelectorEntry>{Range(".a", "", "", ".b"), CssEntries({"nav"}).front()});
  CHECK(p.location.line == d.location.line);
}

TEST_CASE("good: the browser keys, and their defaults", "[config][good]") {
  TempDir dir;
  std::string browser = dir.Write("bin/chrome", "#!/bin/sh\n");
  std::filesystem::permissions(browser, std::filesystem::perms::owner_all);
  LoadResult result = LoadGood(dir, "[daemon]\nbrowser_concurrency = 64\nbrowser_timeout = \"2m\"\n"
                                    "browser_path = \"bin/chrome\"\nbrowser_sandbox = false\n");
  const DaemonConfig& d = result.config.daemon;
  CHECK(d.browser_concurrency == 64);
  CHECK(d.browser_timeout == seconds(120));
  CHECK(d.browser_path == browser);
  CHECK_FALSE(d.browser_sandbox);
  const DaemonConfig defaults = LoadGood(dir, "[daemon]\n").config.daemon;
  CHECK(defaults.browser_concurrency == 2);
  CHECK(defaults.browser_timeout == seconds(30));
  CHECK(defaults.browser_path.empty());
  CHECK(defaults.browser_sandbox);
}

// ---- url and parts ------------------------------------------------------------------

TEST_CASE("bad: both url and parts", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nparts = [{ url = \"https://a.example/2\" }]\n"),
              "6:1: company[1].document[1].parts: set 'url' (one page) or 'parts' (several "
              "pages), not both");
}

TEST_CASE("bad: per-page keys beside parts", "[config][bad]") {
  CHECK(Errors(Doc("parts = [{ url = \"https://a.example/\" }]\nselect = \"main\"\n"
                   "remove = \"nav\"\nrender = \"browser\"\nwait_for = \"main\"\n")) ==
        std::vector<std::string>{
            "DIR/policywatch.toml:6:1: company[1].document[1].select: with 'parts', set "
            "'select' in each part",
            "DIR/policywatch.toml:7:1: company[1].document[1].remove: with 'parts', set "
            "'remove' in each part",
            "DIR/policywatch.toml:8:1: company[1].document[1].render: with 'parts', set "
            "'render' in each part",
            "DIR/policywatch.toml:9:1: company[1].document[1].wait_for: with 'parts', set "
            "'wait_for' in each part"});
}

TEST_CASE("bad: an empty parts array", "[config][bad]") {
  ExpectError(Doc("parts = []\n"), "5:9: company[1].document[1].parts: needs at least one part");
}

TEST_CASE("bad: more than 20 parts", "[config][bad]") {
  std::string parts = "parts = [";
  for (int i = 0; i < 21; ++i) {
    parts += "{ url = \"https://a.example/" + std::to_string(i) + "\" },";
  }
  ExpectError(Doc(parts + "]\n"),
              "5:9: company[1].document[1].parts: has 21 parts; at most 20 are allowed");
}

TEST_CASE("bad: parts not an array, and a part not a table", "[config][bad]") {
  ExpectError(Doc("parts = \"https://a.example/\"\n"),
              "5:9: company[1].document[1].parts: expected an array of inline tables like "
              "[{ url = \"https://...\" }], got a string");
  ExpectError(Doc("parts = [{ url = \"https://a.example/\" }, \"https://a.example/2\"]\n"),
              "5:42: company[1].document[1].parts[2]: expected an inline table like "
              "{ url = \"https://...\" }, got a string");
}

TEST_CASE("bad: a part without url, with a bad url, with unknown keys", "[config][bad]") {
  CHECK(Errors(Doc("parts = [\n  { url = \"https://a.example/\" },\n  { select = \"main\" },\n"
                   "  { url = \"ftp://a.example/\", selct = \"main\", ignore = \"x\" },\n]\n")) ==
        std::vector<std::string>{
            "DIR/policywatch.toml:7:3: company[1].document[1].parts[2].url: required key is "
            "missing",
            "DIR/policywatch.toml:8:11: company[1].document[1].parts[3].url: unsupported scheme "
            "'ftp' (use http or https)",
            "DIR/policywatch.toml:8:31: company[1].document[1].parts[3].selct: unknown key; did "
            "you mean 'select'?",
            "DIR/policywatch.toml:8:47: company[1].document[1].parts[3].ignore: unknown key "
            "here; it belongs in [[company.document]]"});
}

TEST_CASE("bad: parts written at the top level or in a company", "[config][bad]") {
  ExpectError("parts = []\n", "1:1: parts: unknown key here; it belongs in [[company.document]]");
  ExpectError(std::string(kCompany) + "render = \"browser\"\n",
              "3:1: company[1].render: unknown key here; it belongs in [[company.document]]");
}

// ---- render and wait_for ------------------------------------------------------------

TEST_CASE("bad: unknown render mode", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nrender = \"brwser\"\n"),
              "6:10: company[1].document[1].render: unknown render mode 'brwser' (use static, "
              "browser or auto); did you mean 'browser'?");
  ExpectError(Doc("url = \"https://a.example/\"\nrender = \"js\"\n"),
              "6:10: company[1].document[1].render: unknown render mode 'js' (use static, "
              "browser or auto)");
}

TEST_CASE("bad: wait_for without a browser", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nwait_for = \"main\"\n"),
              "6:12: company[1].document[1].wait_for: wait_for needs render = \"browser\" or "
              "\"auto\"");
  ExpectError(Doc("parts = [{ url = \"https://a.example/\", render = \"static\", wait_for = "
                  "\"main\" }]\n"),
              "5:70: company[1].document[1].parts[1].wait_for: wait_for needs render = "
              "\"browser\" or \"auto\"");
}

TEST_CASE("bad: wait_for that is not a selector", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nrender = \"browser\"\nwait_for = \"a:b\"\n"),
              "7:12: company[1].document[1].wait_for: invalid CSS selector 'a:b': unexpected ':' "
              "at column 2; supported: type, *, #id, .class, [attr], [attr=value], "
              "[attr^=|$=|*=|~=value], descendant 'A B', child 'A > B', lists 'A, B'");
}

// ---- ranges -------------------------------------------------------------------------

TEST_CASE("bad: a range without a start or an end", "[config][bad]") {
  CHECK(Errors(Doc("url = \"https://a.example/\"\nselect = [{ end_before = \"#b\" }, "
                   "{ start_after = \"#a\" }]\n")) ==
        std::vector<std::string>{
            "DIR/policywatch.toml:6:11: company[1].document[1].select[1]: range has no start: "
            "set 'start_before' or 'start_after'",
            "DIR/policywatch.toml:6:34: company[1].document[1].select[2]: range has no end: "
            "set 'end_before' or 'end_after'"});
}

TEST_CASE("bad: a range with two starts or two ends", "[config][bad]") {
  CHECK(Errors(Doc("url = \"https://a.example/\"\nremove = [{ start_before = \"#a\", start_after "
                   "= \"#a\", end_before = \"#b\", end_after = \"#b\" }]\n")) ==
        std::vector<std::string>{
            "DIR/policywatch.toml:6:34: company[1].document[1].remove[1].start_after: a range "
            "takes one of 'start_before' and 'start_after', not both",
            "DIR/policywatch.toml:6:73: company[1].document[1].remove[1].end_after: a range "
            "takes one of 'end_before' and 'end_after', not both"});
}

TEST_CASE("bad: a range with an unknown key", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nselect = [{ startBefore = \"#a\", start_before = "
                  "\"#a\", end_before = \"#b\" }]\n"),
              "6:13: company[1].document[1].select[1].startBefore: unknown key; did you mean "
              "'start_before'?");
}

TEST_CASE("bad: a range marker that is not a selector", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nselect = [{ start_before = \"#a\", end_after = "
                  "\"\" }]\n"),
              "6:46: company[1].document[1].select[1].end_after: invalid CSS selector '': empty "
              "selector");
  ExpectError(Doc("url = \"https://a.example/\"\nselect = [{ start_before = 1, end_after = "
                  "\"#b\" }]\n"),
              "6:28: company[1].document[1].select[1].start_before: expected a string, got an "
              "integer");
}

TEST_CASE("bad: a range outside an array", "[config][bad]") {
  ExpectError(Doc("url = \"https://a.example/\"\nselect = { start_before = \"#a\", end_before = "
                  "\"#b\" }\n"),
              "6:10: company[1].document[1].select: a range goes in an array: select = "
              "[{ start_before = \"...\", end_before = \"...\" }]");
}

// ---- browser keys -------------------------------------------------------------------

TEST_CASE("bad: browser_concurrency and browser_timeout out of range", "[config][bad]") {
  CHECK(Errors("[daemon]\nbrowser_concurrency = 65\nbrowser_timeout = \"500ms\"\n"
               "browser_sandbox = \"no\"\n") ==
        std::vector<std::string>{
            "DIR/policywatch.toml:2:23: daemon.browser_concurrency: 65 is out of range (1 to 64)",
            "DIR/policywatch.toml:3:19: daemon.browser_timeout: duration '500ms' is too short "
            "(minimum 1s)",
            "DIR/policywatch.toml:4:19: daemon.browser_sandbox: expected a boolean (true or "
            "false), got a string"});
}

TEST_CASE("bad: browser_path that is not an executable file", "[config][bad]") {
  TempDir dir;
  dir.Write("plain", "x");
  std::filesystem::permissions(dir.path() + "/plain", std::filesystem::perms::owner_read);
  CHECK(Errors(dir, "[daemon]\nbrowser_path = \"nope\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:2:16: daemon.browser_path: browser "
                                 "'DIR/nope' does not exist"});
  CHECK(Errors(dir, "[daemon]\nbrowser_path = \"plain\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:2:16: daemon.browser_path: browser "
                                 "'DIR/plain' is not executable"});
  CHECK(Errors(dir, "[daemon]\nbrowser_path = \".\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:2:16: daemon.browser_path: browser "
                                 "'DIR/' is not a regular file"});
  CHECK(Errors(dir, "[daemon]\nbrowser_path = \"\"\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:2:16: daemon.browser_path: must not be "
                                 "empty (leave it out to search PATH)"});
}

}  // namespace
}  // namespace pw::config
