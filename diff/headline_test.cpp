// The strongest reason first, and the alert's first line. Our own texts.
#include <catch2/catch.hpp>

#include "diff/changeset_render.h"
#include "diff/diff.h"
#include "diff/internal/reason_rank.h"
#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

using testing::Doc;
using testing::S;

const std::vector<S> kOld = {
    {"Sharing", {"We do not sell your personal information to advertisers.",
                 "We explain our practices in plain words."}},
    {"Contact", {"Write to our privacy team with any question you have."}},
};

}  // namespace

TEST_CASE("diff_test: reasons are ranked, the strongest first, equal ranks kept in order") {
  SectionChange c;
  c.reasons = {"wording changed: \"a\" -> \"b\"", "text added (25 words): \"x\"",
               "number changed: \"30 days\" -> \"2 years\"",
               "negation removed: \"do not sell\" -> \"may sell\"",
               "(further changes not listed)"};
  RankReasons(&c);
  CHECK(c.reasons[0].starts_with("negation removed"));
  CHECK(c.reasons[1].starts_with("number changed"));
  CHECK(c.reasons[2].starts_with("text added"));
  CHECK(c.reasons[3].starts_with("wording changed"));
  CHECK(c.reasons[4] == "(further changes not listed)");
  CHECK(ReasonRank("third-party-sharing wording added (\"vendors\"): x") <
        ReasonRank("section added: \"Cookies\" (40 words)"));
}

TEST_CASE("diff_test: a material flip leads the headline, named by its practice") {
  auto next = kOld;
  next[0].blocks[0] = "We may sell your personal information to advertisers.";
  next[0].blocks[1] = "We explain our practices in simple words.";
  next[1].blocks[0] = "Write to our privacy team with any questions you have.";
  const Changeset cs = Compare(Doc(kOld), Doc(next));
  REQUIRE(cs.severity == Severity::kMaterial);
  const std::string headline = Headline(cs);
  CHECK(headline.starts_with("Sharing: \""));
  CHECK(headline.find("do not sell") != std::string::npos);
  CHECK(headline.find("may sell") != std::string::npos);
  CHECK(ToJson(cs)["headline"] == headline);
  const auto* sharing = testing::Find(cs, "Sharing");
  REQUIRE(sharing != nullptr);
  CHECK(sharing->reasons.front().starts_with("negation removed"));
}

TEST_CASE("diff_test: without a practice the headline names the section and identical gives none") {
  auto next = kOld;
  next[1].blocks[0] = "Write to our privacy team with any questions you have.";
  const Changeset cs = Compare(Doc(kOld), Doc(next));
  REQUIRE_FALSE(cs.sections.empty());
  const std::string headline = Headline(cs);
  CHECK(headline.starts_with("Contact: "));
  CHECK(Headline(Compare(Doc(kOld), Doc(kOld))).empty());
  CHECK_FALSE(ToJson(Compare(Doc(kOld), Doc(kOld))).contains("headline"));
}

}  // namespace pw::diff
