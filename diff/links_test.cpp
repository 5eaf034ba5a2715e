// Links and sentence ends as the severity rules read them (links.h,
// classify_rules.h), and the one rule for link changes and "identical".
#include <catch2/catch.hpp>

#include <string>

#include "diff/internal/classify_rules.h"
#include "diff/internal/revision_test_util.h"

namespace pw::diff {
namespace {

TEST_CASE("diff_test: links: addresses and identifiers, not words") {
  for (const char* t : {"https://a.example/plans/30-days-trial", "www.acme.example", "acme.example",
                        "dpo@acme.example", "/plans/30-days-trial", "office-365/business", "covid-19",
                        "acme_session", "#section-3", "shop.acme.co.uk", "plan-30-days"}) {
    INFO(t);
    CHECK(LooksLikeAddressToken(t));
  }
  for (const char* t : {"e.g", "U.S", "3.2", "parties.Before", "and/or", "24/7", "30-day", "well-being",
                        "Corp", "BCRs"}) {
    INFO(t);
    CHECK_FALSE(LooksLikeAddressToken(t));
  }
}

TEST_CASE("diff_test: links: spans of targets and visible URLs") {
  std::string text = "See [our plans](https://a.example/plans) or https://a.example/trial, by 30 days.";
  auto spans = LinkSpans(text);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].target);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "https://a.example/plans");
  CHECK_FALSE(spans[1].target);
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "https://a.example/trial");
  std::string blanked = WithoutLinks("at https://a.example/30-days-trial now");
  CHECK(blanked.size() == 38);
  CHECK(blanked.find_first_not_of(' ', 2) == 35);
}

TEST_CASE("diff_test: links: sentence ends at abbreviations, initials and glued full stops") {
  auto ends_at = [](const std::string& text, const std::string& after) {
    return EndsSentence(text, text.find(after) + after.size() - 1);
  };
  CHECK_FALSE(ends_at("Write to 100 N. Main St. Suite 4.", "N."));
  CHECK_FALSE(ends_at("Write to 100 N. Main St. Suite 4.", "St."));
  CHECK_FALSE(ends_at("Acme Corp. and its affiliates", "Corp."));
  CHECK_FALSE(ends_at("providers, e.g. hosts", "e.g."));
  CHECK(ends_at("third parties.Before we", "parties."));
  CHECK(ends_at("third parties. Before we", "parties."));
  CHECK_FALSE(ends_at("see acme.example for", "acme."));
}

TEST_CASE("diff_test: links: a changed link target is cosmetic and named, the target stays in the diff") {
  // Blocks keep their links, as extracted from HTML.
  using testing::Doc;
  using testing::S;
  Changeset cs = Compare(Doc({S{"Sharing", {"We share data with [couriers](https://a.example/couriers) only."}}}),
                         Doc({S{"Sharing", {"We share data with [couriers](https://b.example/couriers) only."}}}));
  INFO(testing::AllReasons(cs));
  CHECK(cs.severity == Severity::kCosmetic);
  CHECK(testing::AllReasons(cs).find("link changed: \"https://a.example/couriers\" -> \"https://b.example/couriers\"") !=
        std::string::npos);
  std::string inserted;
  for (const auto& c : cs.sections) {
    for (const auto& seg : c.diff) {
      if (seg.op == Segment::Op::kInsert) inserted += seg.text;
    }
  }
  CHECK(inserted.find('b') != std::string::npos);
}

TEST_CASE("diff_test: links: a changed visible URL is minor, never material") {
  const std::string a = "# Notice\n\n## Sharing\n\nWe do not share data. Write to https://a.example/30-days/privacy for a copy.\n";
  const std::string b = "# Notice\n\n## Sharing\n\nWe do not share data. Write to https://b.example/2-years/privacy for a copy.\n";
  testing::ExpectSeverity(a, b, Severity::kMinor,
                          "link changed: \"https://a.example/30-days/privacy\" -> \"https://b.example/2-years/privacy\"");
}

TEST_CASE("diff_test: links: none only for the same canonical text, else at least cosmetic") {
  using testing::Doc;
  using testing::S;
  extract::Document a = Doc({S{"Sharing", {"We share data with couriers."}}});
  extract::Document level = a;
  level.sections[0].level = 3;
  CHECK(Compare(a, level).severity == Severity::kCosmetic);
  extract::Document kind = a;
  kind.sections[0].blocks[0].kind = extract::BlockKind::kListItem;
  CHECK(Compare(a, kind).severity == Severity::kCosmetic);
  extract::Document title = a;
  title.title = "Privacy Notice";
  CHECK(Compare(a, title).severity == Severity::kCosmetic);
  extract::Document spaced = a;
  spaced.sections[0].blocks[0].text = "We share data  with couriers. ";  // the same canonical text
  CHECK(Compare(a, spaced).severity == Severity::kNone);
}

}  // namespace
}  // namespace pw::diff
