// [web] in the configuration: where it listens, the base URL of links, and the
// token a listener beyond loopback needs.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using testing::Errors;
using testing::ExpectError;

}  // namespace

TEST_CASE("good: [web] on loopback without a token", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write(
      "policywatch.toml", "[web]\nlisten = \"127.0.0.1:8787\"\nbase_url = \"https://pw.example.org/\"\n"));
  REQUIRE(result.ok());
  const WebConfig& web = result.config.web;
  CHECK(web.host == "127.0.0.1");
  CHECK(web.port == 8787);
  CHECK(web.loopback);
  CHECK(web.base_url == "https://pw.example.org");
  CHECK(web.token.empty());
}

TEST_CASE("good: [web] beyond loopback with a token file", "[config][good]") {
  TempDir dir;
  dir.Write("web-token", "t0ken\n");
  LoadResult result = LoadConfig(dir.Write(
      "policywatch.toml", "[web]\nlisten = \"[::]:80\"\ntoken_file = \"web-token\"\n"));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  CHECK(result.config.web.host == "::");
  CHECK_FALSE(result.config.web.loopback);
  CHECK(result.config.web.token == "t0ken");
}

TEST_CASE("no [web]: no web server", "[config][good]") {
  TempDir dir;
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", "[daemon]\n"));
  REQUIRE(result.ok());
  CHECK(result.config.web.listen.empty());
}

TEST_CASE("ParseListen reads IPv4 IPv6 and localhost", "[config]") {
  WebConfig web;
  CHECK(ParseListen("localhost:0", &web).empty());
  CHECK(web.loopback);
  CHECK(web.port == 0);
  CHECK(ParseListen("[::1]:8787", &web).empty());
  CHECK(web.loopback);
  CHECK(ParseListen("127.9.9.9:1", &web).empty());
  CHECK(web.loopback);
  CHECK(ParseListen("10.0.0.5:8787", &web).empty());
  CHECK_FALSE(web.loopback);
  CHECK_FALSE(ParseListen("8787", &web).empty());
  CHECK_FALSE(ParseListen("::1:8787", &web).empty());
  CHECK_FALSE(ParseListen("[::1]8787", &web).empty());
  CHECK_FALSE(ParseListen("127.0.0.1:", &web).empty());
  CHECK_FALSE(ParseListen("127.0.0.1:65536", &web).empty());
  CHECK_FALSE(ParseListen("example.org:80", &web).empty());
}

TEST_CASE("bad: [web] names what is wrong", "[config][bad]") {
  ExpectError("[web]\nlisten = \"0.0.0.0:8787\"\n",
              "2:1: web.listen: listening on '0.0.0.0', which is not loopback, requires token_file "
              "(a bearer token for every request)");
  ExpectError("[web]\nlisten = \"example.org:80\"\n",
              "2:10: web.listen: listen host 'example.org' is not an IP address or 'localhost' "
              "(use HOST:PORT, e.g. \"127.0.0.1:8787\" or \"[::1]:8787\")");
  ExpectError("[web]\nlisten = \"127.0.0.1:99999\"\n", "2:10: web.listen: invalid port '99999' (0 to 65535)");
  ExpectError("[web]\nbase_url = \"ftp://x\"\n",
              "2:12: web.base_url: unsupported scheme 'ftp' (use http or https)");
  ExpectError("[web]\nlisten = \"127.0.0.1:1\"\nport = 3\n", "3:1: web.port: unknown key");
  ExpectError("[web]\ntoken_file = \"missing\"\n",
              "2:14: web.token_file: cannot read secret file 'DIR/missing': No such file or directory");
  CHECK(Errors("web = 3\n") ==
        std::vector<std::string>{"DIR/policywatch.toml:1:7: web: expected a table ([web]), got an integer"});
}

TEST_CASE("bad: [web] in an included file", "[config][bad]") {
  TempDir dir;
  dir.Write("watches.d/x.toml", "[web]\nlisten = \"127.0.0.1:1\"\n");
  CHECK(Errors(dir, "include = \"watches.d/*.toml\"\n") ==
        std::vector<std::string>{"DIR/watches.d/x.toml:1:2: web: [web] may only appear in the main "
                                 "configuration file"});
}

}  // namespace pw::config
