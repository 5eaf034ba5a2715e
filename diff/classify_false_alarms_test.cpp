// False alarms on revisions of a notice written for these tests (not from the
// corpus): numbers inside links and identifiers, sentence boundaries at
// abbreviations and glued full stops, addresses and plural acronyms, page
// furniture. Each pair below was reported as material before its rule.
#include <catch2/catch.hpp>

#include <string>

#include "diff/internal/revision_test_util.h"

namespace pw::diff {
namespace {

using testing::DiffText;
using testing::ExpectSeverity;
using testing::Replace;

const std::string kNotice = R"(# Bramble Cloud Privacy Notice

Bramble Cloud Corp. ("Bramble", "we") explains here how we handle personal data.

## Plans and trials

You can start a free trial at https://bramble.example/plans/30-days-trial and choose a plan later. Business customers may use the bramble-365/business workspace.

## Sharing

We do not sell personal data. We share personal data with service providers who host our services, e.g. cloud hosting companies. We do not allow them to use it for their own purposes.

We may share personal data with third parties.Before we do so, we will ask for your consent.

## International transfers

We transfer personal data outside the EEA under our BCRs and standard contractual clauses.

## Contact

Write to Bramble Cloud Corp., 100 N. Main St. Suite 4, Springfield, or to our office at 12 rue des Lilas, 75011 Paris. We only answer written requests.
)";

TEST_CASE("diff_test: false alarm: a number inside a URL is not a quantity") {
  ExpectSeverity(kNotice,
                 Replace(kNotice, "https://bramble.example/plans/30-days-trial",
                         "https://bramble.example/plans/14-days-trial"),
                 Severity::kMinor, "link changed");
}

TEST_CASE("diff_test: false alarm: a number inside a path or identifier is not a quantity") {
  Changeset cs = DiffText(kNotice, Replace(kNotice, "bramble-365/business", "bramble-2025/business"));
  INFO(testing::AllReasons(cs));
  CHECK(cs.severity <= Severity::kMinor);
  CHECK(testing::AllReasons(cs).find("number changed") == std::string::npos);
}

TEST_CASE("diff_test: false alarm: a real duration next to a link still counts") {
  ExpectSeverity(kNotice,
                 Replace(kNotice, "You can start a free trial at", "You can start a 30 days free trial at"),
                 Severity::kMaterial, "30 days");
}

TEST_CASE("diff_test: false alarm: an abbreviation does not move sentence boundaries") {
  // Only "e.g." -> "for example" in the sentence after "We do not sell": the
  // negation of the sentence before must not be compared with this one.
  ExpectSeverity(kNotice, Replace(kNotice, "services, e.g. cloud hosting", "services, for example cloud hosting"),
                 Severity::kMinor);
}

TEST_CASE("diff_test: false alarm: a full stop glued to the next word") {
  // The glued "third parties.Before" gets its space, and a word changes in
  // the following sentence: no modal or negation moved.
  ExpectSeverity(kNotice,
                 Replace(kNotice, "third parties.Before we do so, we will ask",
                         "third parties. Before we do so, we will wait"),
                 Severity::kMinor);
}

TEST_CASE("diff_test: false alarm: initials and street abbreviations in an address") {
  ExpectSeverity(kNotice, Replace(kNotice, "100 N. Main St. Suite 4", "100 N. Main St. Suite 9"),
                 Severity::kMinor);
  ExpectSeverity(kNotice, Replace(kNotice, "Bramble Cloud Corp., 100", "Bramble Cloud Corp. (legal), 100"),
                 Severity::kMinor);
}

TEST_CASE("diff_test: false alarm: a modal really flipped next to an abbreviation is material") {
  ExpectSeverity(kNotice,
                 Replace(kNotice, "We do not allow them to use it", "We allow them to use it"),
                 Severity::kMaterial, "negation removed");
}

TEST_CASE("diff_test: false alarm: a street address is not a new party") {
  std::string from = Replace(kNotice, "We share personal data with service providers",
                             "We share personal data with service providers, at 12 rue des Lilas,");
  std::string to = Replace(kNotice, "We share personal data with service providers",
                           "We share personal data with service providers, at 4 rue des Lilas,");
  Changeset cs = DiffText(from, to);
  INFO(testing::AllReasons(cs));
  CHECK(testing::AllReasons(cs).find("new named party") == std::string::npos);
  // Moved into the sentence from the contact section.
  std::string moved = Replace(kNotice, "with service providers who host",
                              "with service providers at Rue des Lilas who host");
  cs = DiffText(kNotice, moved);
  INFO(testing::AllReasons(cs));
  CHECK(testing::AllReasons(cs).find("new named party") == std::string::npos);
}

TEST_CASE("diff_test: false alarm: a plural acronym is not a new party") {
  Changeset cs = DiffText(kNotice, Replace(kNotice, "under our BCRs and", "under our BCR and"));
  INFO(testing::AllReasons(cs));
  CHECK(cs.severity <= Severity::kMinor);
}

TEST_CASE("diff_test: false alarm: a real new party in a sharing sentence is material") {
  ExpectSeverity(kNotice,
                 Replace(kNotice, "with service providers who host", "with service providers such as Nimbus who host"),
                 Severity::kMaterial, "Nimbus");
}

TEST_CASE("diff_test: false alarm: page furniture lines are not policy text") {
  ExpectSeverity(kNotice, Replace(kNotice, "## Contact\n", "## Contact\n\nPrint this page (PDF)\n"),
                 Severity::kMinor);
  ExpectSeverity(kNotice,
                 Replace(kNotice, "## Sharing\n", "## Sharing\n\n[Click here for the previous version](https://bramble.example/old)\n"),
                 Severity::kMinor);
  ExpectSeverity(kNotice, Replace(kNotice, "for your consent.\n", "for your consent.\n\n[Back to top](#top)\n"),
                 Severity::kMinor);
}

TEST_CASE("diff_test: false alarm: a footer menu section added or removed is not material") {
  // Blocks keep their links, as extracted from HTML.
  using testing::Doc;
  using testing::S;
  const S sharing{"Sharing", {"We do not sell personal data."}};
  const S footer{"Explore",
                 {"[Cookie settings](https://bramble.example/cookies)", "[Privacy centre](https://bramble.example/privacy)",
                  "[Terms of service](https://bramble.example/terms)", "[Careers](https://bramble.example/jobs)",
                  "[Back to top](#top)"}};
  const S menu{"More", {"[Privacy](https://b.example/p) | [Terms](https://b.example/t) | "
                        "[Cookie preferences](https://b.example/c) | [Data requests](https://b.example/d)"}};
  for (const S& furniture : {footer, menu}) {
    Changeset removed = Compare(Doc({sharing, furniture}), Doc({sharing}));
    INFO(testing::AllReasons(removed));
    CHECK(removed.severity == Severity::kMinor);
    CHECK(testing::AllReasons(removed).find("page furniture") != std::string::npos);
    CHECK(Compare(Doc({sharing}), Doc({sharing, furniture})).severity == Severity::kMinor);
  }
}

TEST_CASE("diff_test: false alarm: a short section with a sentence is still judged as policy") {
  std::string added = kNotice + "\n## Sale of data\n\nWe never sell your data.\n";
  ExpectSeverity(kNotice, added, Severity::kMaterial, "section added");
  std::string optout = kNotice + "\n## Choices\n\n- [Do Not Sell or Share My Personal Information](https://b.example/dns)\n";
  ExpectSeverity(kNotice, optout, Severity::kMaterial, "section added");
}

}  // namespace
}  // namespace pw::diff
