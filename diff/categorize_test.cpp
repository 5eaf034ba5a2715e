// Categories that name the practice: our own paragraphs (written for this
// test), each with the categories a careful reader gives.
#include <catch2/catch.hpp>

#include <algorithm>

#include "config/categories.h"
#include "diff/changeset_render.h"
#include "diff/internal/categorize.h"
#include "diff/internal/categorize_cues.h"

namespace pw::diff {
namespace {

std::vector<std::string> Cats(std::string_view text, std::vector<std::string> path = {}) {
  std::vector<std::string> out;
  for (const CategoryEvidence& e : Categorize(text, path)) out.push_back(e.category);
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("diff_test: categories name the practice, not a mention") {
  CHECK(Cats("We share your email address with advertisers so that they can show you offers.") ==
        V{"third-party-sharing"});
  CHECK(Cats("We collect your name, email address and the pages you visit.") == V{"first-party-collection"});
  CHECK(Cats("We retain your account data for as long as your account is active and delete it "
             "within 30 days after you close it.") == V{"data-retention"});
  CHECK(Cats("You can opt out of marketing emails at any time by clicking unsubscribe.") ==
        V{"user-choice"});
  CHECK(Cats("Our browser does not respond to Do Not Track signals.") == V{"do-not-track"});
  CHECK(Cats("We do not knowingly collect personal information from children under 13.")[0] ==
        "specific-audiences");
}

TEST_CASE("diff_test: categories of the old failure examples") {
  // Cookies are collection (ours) or sharing (advertisers'), not do-not-track.
  auto cookies = Cats("We use cookies and web beacons to remember your preferences and measure traffic.");
  CHECK(cookies[0] == "first-party-collection");
  CHECK(std::find(cookies.begin(), cookies.end(), "do-not-track") == cookies.end());
  auto ads = Cats("Advertising partners may use cookies to collect information about your visits.");
  CHECK(ads[0] == "third-party-sharing");
  // "we request that you" is not user access; "store" is not retention.
  auto req = Cats("We request that you keep your password confidential and we use encryption to "
                  "protect data we store.");
  CHECK(req[0] == "data-security");
  CHECK(std::find(req.begin(), req.end(), "user-access") == req.end());
  CHECK(std::find(req.begin(), req.end(), "data-retention") == req.end());
  // Contact details alone are "other"; with a practice they are not tagged.
  CHECK(Cats("If you have questions, please contact us at privacy@example.com or write to us at "
             "1 Main Street.") == V{"other"});
  auto with_contact = Cats("We sell your data to data brokers. Contact us at privacy@example.com.");
  CHECK(with_contact == V{"third-party-sharing"});
  // German "Kind*" only in German text: "any kind of" is no audience.
  auto kind = Cats("We protect all kinds of information with encryption and strict access controls.");
  CHECK(std::find(kind.begin(), kind.end(), "specific-audiences") == kind.end());
  CHECK(Cats("Wir erheben keine Daten von Kindern unter 16 Jahren.")[0] == "specific-audiences");
  // A mention of third parties in an example weighs little.
  CHECK(Cats("We collect information you give us, such as your name, including when third parties "
             "refer you.") == V{"first-party-collection"});
}

TEST_CASE("diff_test: headings weigh strongly in French and German too") {
  CHECK(Cats("We keep it for the time needed.", {"Privacy Policy", "Data Retention"})[0] == "data-retention");
  CHECK(Cats("Nous partageons vos données avec nos partenaires publicitaires.")[0] == "third-party-sharing");
  CHECK(Cats("Vous pouvez exercer votre droit d'accès et de rectification.")[0] == "user-access");
  CHECK(Cats("Wir geben Ihre Daten nicht an Dritte weiter.")[0] == "third-party-sharing");
}

TEST_CASE("diff_test: a statement of when a change takes effect is a policy change") {
  CHECK(Cats("These changes take effect on March 1, 2027.") == V{"policy-change"});
  CHECK(Cats("This policy is effective 30 days after we notify you.") == V{"policy-change"});
  CHECK(Cats("Les présentes conditions entrent en vigueur le 1er avril 2027.") == V{"policy-change"});
  CHECK(Cats("Die neuen Bedingungen treten am 15. Januar 2027 in Kraft, wir informieren Sie per E-Mail.") ==
        V{"policy-change"});
  // "effect" and "force" elsewhere are not about the policy.
  CHECK(Cats("We use cookies to remember your preferences, which has no effect on the ads you see.") ==
        V{"first-party-collection"});
}

TEST_CASE("diff_test: category evidence quotes the phrase and round-trips in JSON") {
  auto ev = Categorize("We share your email address with advertisers.", {});
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].phrase == "We share your email address with advertisers");
  Changeset cs;
  SectionChange c;
  c.status = "added";
  c.categories = {"third-party-sharing"};
  c.category_evidence = ev;
  cs.sections.push_back(c);
  Changeset back;
  REQUIRE(FromJson(ToJson(cs), &back));
  REQUIRE(back.sections.at(0).category_evidence.size() == 1);
  CHECK(back.sections[0].category_evidence[0].phrase == ev[0].phrase);
  CHECK(RenderText(cs, false).find("third-party-sharing (\"We share your email") != std::string::npos);
}

}  // namespace
TEST_CASE("diff_test: every category a cue can give is a name channels can route by") {
  for (const CueTable* t : {&EnglishCues(), &FrenchCues(), &GermanCues()}) {
    for (const Cue* cues : {t->body, t->heading}) {
      const size_t n = cues == t->body ? t->body_count : t->heading_count;
      for (size_t i = 0; i < n; ++i) {
        INFO(cues[i].pattern);
        const auto& names = config::CategoryNames();
        CHECK(std::find(names.begin(), names.end(), cues[i].category) != names.end());
      }
    }
  }
}

}  // namespace pw::diff
