// Chat channels in the configuration: every service, routing by categories,
// and what a mistake looks like.
#include <catch2/catch.hpp>

#include "config/config.h"
#include "config/internal/test_load.h"

namespace pw::config {
namespace {

using testing::Errors;
using testing::ExpectError;

}  // namespace

TEST_CASE("good: chat channels of every service, with categories", "[config][good]") {
  TempDir dir;
  dir.Write("matrix-token", "syt_abc\n");
  std::string toml;
  for (std::string type : {"slack", "teams", "discord", "mattermost", "ntfy"}) {
    toml += "[[channel]]\nname = \"" + type + "\"\ntype = \"" + type +
            "\"\nurl = \"https://chat.example/hook/" + type + "\"\n";
  }
  toml += "[[channel]]\nname = \"room\"\ntype = \"matrix\"\nhomeserver = \"https://matrix.example\"\n"
          "room = \"!abc:example.org\"\ntoken_file = \"matrix-token\"\n"
          "categories = [\"third-party-sharing\", \"data-retention\"]\n";
  LoadResult result = LoadConfig(dir.Write("policywatch.toml", toml));
  for (const auto& e : result.errors) UNSCOPED_INFO(e.ToString());
  REQUIRE(result.ok());
  REQUIRE(result.config.channels.size() == 6);
  CHECK(result.config.channels[0].url == "https://chat.example/hook/slack");
  const Channel& m = result.config.channels[5];
  CHECK(IsChatChannel(m.type));
  CHECK(m.token == "syt_abc");
  CHECK(m.room == "!abc:example.org");
  CHECK(m.categories == std::vector<std::string>{"third-party-sharing", "data-retention"});
}

TEST_CASE("bad: chat channels name what is wrong", "[config][bad]") {
  ExpectError("[[channel]]\nname = \"c\"\ntype = \"slack\"\n", "1:1: channel[1].url: required key is missing");
  ExpectError("[[channel]]\nname = \"c\"\ntype = \"slack\"\nurl = \"https://h.example/x\"\n"
              "categories = [\"sharing\"]\n",
              "5:15: channel[1].categories[1]: unknown category 'sharing' (use first-party-collection, "
              "third-party-sharing, user-choice, user-access, data-retention, data-security, "
              "policy-change, do-not-track, international-audiences, specific-audiences, "
              "eligibility, arbitration, liability, termination, governing-law, content-licence, "
              "fees, acceptable-use or other)");
  ExpectError("[[channel]]\nname = \"c\"\ntype = \"discord\"\nurl = \"https://h.example/x\"\n"
              "secret_file = \"s\"\n",
              "5:1: channel[1].secret_file: 'secret_file' is for webhook channels; this channel's "
              "type is 'discord'");
  const auto errors = Errors("[[channel]]\nname = \"c\"\ntype = \"matrix\"\n"
                             "homeserver = \"https://m.example\"\nroom = \"legal\"\n");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "DIR/policywatch.toml:1:1: channel[1].token_file: required key is missing");
  CHECK(errors[1] == "DIR/policywatch.toml:5:8: channel[1].room: expected a room id such as "
                     "'!abc:example.org' (Element shows it under Room settings > Advanced), got "
                     "'legal'");
}

}  // namespace pw::config
