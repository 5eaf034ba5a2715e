#include <catch2/catch.hpp>

#include "diff/diff.h"
#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

using testing::AllReasons;
using testing::AnyReasonContains;
using testing::Doc;
using testing::Find;
using testing::HasCategory;
using testing::S;

const std::vector<S> kBase = {
    {"", {"Last updated: March 3, 2024", "This policy explains how Example Ltd handles your data."}},
    {"Information We Collect", {"We collect your name and email address when you sign up."}},
    {"Sharing", {"We do not sell your personal information.",
                 "We share data with our payment processor to bill you."}},
    {"Data Retention", {"We keep account data for 30 days after you close your account."}},
    {"Contact", {"Write to us at privacy@example.org or 1 Main Street, Springfield."}},
};

std::vector<S> With(std::vector<S> base, size_t section, size_t block, std::string text) {
  base[section].blocks[block] = std::move(text);
  return base;
}

TEST_CASE("diff_test: identical documents -> none, no sections") {
  Changeset cs = Compare(Doc(kBase), Doc(kBase));
  CHECK(cs.severity == Severity::kNone);
  CHECK(cs.sections.empty());
  CHECK(cs.summary.words_added == 0);
}

TEST_CASE("diff_test: a flipped 'not' is material with a quoted reason") {
  Changeset cs = Compare(Doc(kBase), Doc(With(kBase, 2, 0, "We may sell your personal information.")));
  CHECK(cs.severity == Severity::kMaterial);
  REQUIRE(cs.sections.size() == 1);
  const SectionChange& c = cs.sections[0];
  CHECK(c.status == "modified");
  CHECK(c.path == std::vector<std::string>{"Privacy Policy", "Sharing"});
  CHECK(AnyReasonContains(c, "negation removed: \"We do not sell\" -> \"We may sell\""));
  CHECK(HasCategory(c, "third-party-sharing"));
  CHECK(c.words_added == 1);
  CHECK(c.words_removed == 2);
}

TEST_CASE("diff_test: 'will' -> 'may' is a modal change") {
  auto from = With(kBase, 1, 0, "We will ask before we collect your location.");
  auto to = With(kBase, 1, 0, "We may ask before we collect your location.");
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity == Severity::kMaterial);
  CHECK(AnyReasonContains(cs.sections.at(0), "modal changed"));
}

TEST_CASE("diff_test: '30 days' -> '2 years' is a material duration change") {
  Changeset cs = Compare(
      Doc(kBase), Doc(With(kBase, 3, 0, "We keep account data for 2 years after you close your account.")));
  CHECK(cs.severity == Severity::kMaterial);
  const SectionChange* c = Find(cs, "Data Retention");
  REQUIRE(c != nullptr);
  CHECK(AnyReasonContains(*c, "number changed: \"30 days\" -> \"2 years\""));
  CHECK(HasCategory(*c, "data-retention"));
}

TEST_CASE("diff_test: a date-only change is cosmetic") {
  Changeset cs = Compare(Doc(kBase), Doc(With(kBase, 0, 0, "Last updated: January 17, 2025")));
  CHECK(cs.severity == Severity::kCosmetic);
  REQUIRE(cs.sections.size() == 1);
  CHECK(AnyReasonContains(cs.sections[0], "date stamp changed"));
}

TEST_CASE("diff_test: whitespace, case, quote and markup-only changes are cosmetic") {
  auto to = kBase;
  to[2].blocks[0] = "We  DO NOT sell your “personal information”.";
  to[4].blocks[0] = "Write to us at [privacy@example.org](mailto:privacy@example.org) or 1 Main Street, Springfield.";
  Changeset cs = Compare(Doc(kBase), Doc(to));
  CHECK(cs.severity == Severity::kCosmetic);
  CHECK(cs.sections.size() == 2);
}

TEST_CASE("diff_test: a typo fix is minor") {
  auto from = With(kBase, 4, 0, "Write to us at our offfice in Springfield.");
  auto to = With(kBase, 4, 0, "Write to us at our office in Springfield.");
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity == Severity::kMinor);
  CHECK(AnyReasonContains(cs.sections.at(0), "spelling changed: \"our offfice in\" -> \"our office in\""));
}

TEST_CASE("diff_test: a section added with content is material, removed too") {
  auto to = kBase;
  to.insert(to.begin() + 3,
            S{"Children", {"Our service is not directed to children under 13. If we learn that we "
                           "collected personal information from a child we delete it."}});
  Changeset added = Compare(Doc(kBase), Doc(to));
  CHECK(added.severity == Severity::kMaterial);
  CHECK(added.summary.sections_added == 1);
  const SectionChange* c = Find(added, "Children");
  REQUIRE(c != nullptr);
  CHECK(c->status == "added");
  CHECK(AnyReasonContains(*c, "section added: \"Children\" (23 words)"));
  CHECK(HasCategory(*c, "specific-audiences"));
  CHECK(added.sections.size() == 1);

  Changeset removed = Compare(Doc(to), Doc(kBase));
  CHECK(removed.severity == Severity::kMaterial);
  CHECK(removed.summary.sections_removed == 1);
  REQUIRE(Find(removed, "Children") != nullptr);
  CHECK(Find(removed, "Children")->status == "removed");
}

TEST_CASE("diff_test: a moved section is reported as moved, not added+removed") {
  auto to = kBase;
  std::swap(to[1], to[3]);
  Changeset cs = Compare(Doc(kBase), Doc(to));
  CHECK(cs.summary.sections_added == 0);
  CHECK(cs.summary.sections_removed == 0);
  CHECK(cs.summary.sections_moved >= 1);
  CHECK(cs.severity == Severity::kMinor);
}

TEST_CASE("diff_test: a renamed heading over the same content") {
  auto to = kBase;
  to[3].heading = "How Long We Keep Data";
  Changeset cs = Compare(Doc(kBase), Doc(to));
  REQUIRE(cs.sections.size() == 1);
  const SectionChange& c = cs.sections[0];
  CHECK(c.status == "renamed");
  CHECK(c.old_path.back() == "Data Retention");
  CHECK(c.path.back() == "How Long We Keep Data");
  CHECK(c.severity == Severity::kMinor);
  CHECK(cs.summary.sections_renamed == 1);
}

TEST_CASE("diff_test: renamed heading with edited content is matched by content") {
  auto to = kBase;
  to[3].heading = "Retention";
  to[3].blocks[0] = "We keep account data for 90 days after you close your account.";
  Changeset cs = Compare(Doc(kBase), Doc(to));
  REQUIRE(cs.sections.size() == 1);
  CHECK(cs.sections[0].status == "renamed");
  CHECK(cs.severity == Severity::kMaterial);
}

TEST_CASE("diff_test: renumbered headings are minor") {
  auto from = kBase, to = kBase;
  from[3].heading = "4. Data Retention";
  to[3].heading = "3. Data Retention";
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity == Severity::kMinor);
  CHECK(AnyReasonContains(cs.sections.at(0), "heading renumbered"));
}

TEST_CASE("diff_test: a split section is modified + added, not removed + added") {
  std::vector<S> from = {
      {"Your Rights",
       {"You can access the personal data we hold about you at any time from your settings page.",
        "You can delete your account and we will erase your data within thirty days of the request."}}};
  std::vector<S> to = {
      {"Your Rights", {"You can access the personal data we hold about you at any time from your settings page."}},
      {"Deleting Your Account",
       {"You can delete your account and we will erase your data within thirty days of the request."}}};
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.summary.sections_removed == 0);
  CHECK(cs.summary.sections_modified == 1);
  CHECK(cs.summary.sections_added == 1);
  // The words did not change, only where they are.
  CHECK(cs.severity == Severity::kMinor);
  INFO(AllReasons(cs));
  CHECK(AnyReasonContains(*Find(cs, "Deleting Your Account"), "already in the document"));
}

TEST_CASE("diff_test: a new third-party recipient is material") {
  auto to = With(kBase, 2, 1, "We share data with our payment processor and advertising partners to bill you.");
  Changeset cs = Compare(Doc(kBase), Doc(to));
  CHECK(cs.severity == Severity::kMaterial);
  INFO(AllReasons(cs));
  CHECK(AnyReasonContains(cs.sections.at(0), "new recipient: \"advertising partner"));
  CHECK(HasCategory(cs.sections.at(0), "third-party-sharing"));
}

TEST_CASE("diff_test: an arbitration clause added to terms is material") {
  std::vector<S> from = {{"Disputes", {"Please contact us first if you have a complaint."}}};
  std::vector<S> to = {{"Disputes",
                        {"Please contact us first if you have a complaint.",
                         "Any dispute will be resolved by binding arbitration and you waive any right to a class action."}}};
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity == Severity::kMaterial);
  CHECK(HasCategory(cs.sections.at(0), "arbitration"));
}

TEST_CASE("diff_test: French and German material changes") {
  std::vector<S> fr_from = {{"Conservation", {"Nous conservons vos données pendant 3 mois."}}};
  std::vector<S> fr_to = {{"Conservation", {"Nous conservons vos données pendant 3 ans."}}};
  Changeset fr = Compare(Doc(fr_from), Doc(fr_to));
  CHECK(fr.severity == Severity::kMaterial);
  CHECK(AnyReasonContains(fr.sections.at(0), "number changed: \"3 mois\" -> \"3 ans\""));

  std::vector<S> de_from = {{"Weitergabe", {"Wir geben Ihre Daten nicht an Dritte weiter."}}};
  std::vector<S> de_to = {{"Weitergabe", {"Wir geben Ihre Daten an Dritte weiter."}}};
  Changeset de = Compare(Doc(de_from), Doc(de_to));
  CHECK(de.severity == Severity::kMaterial);
  CHECK(AnyReasonContains(de.sections.at(0), "negation removed"));

  std::vector<S> de2_to = {{"Weitergabe", {"Wir geben Ihre Daten nicht an Dritte und Werbepartner weiter."}}};
  CHECK(Compare(Doc(de_from), Doc(de2_to)).severity == Severity::kMaterial);
}

TEST_CASE("diff_test: an update banner is minor, not material") {
  auto to = kBase;
  to[0].blocks.insert(to[0].blocks.begin(),
                      "We're updating our Privacy Policy on July 30, 2026. Until then, the policy below continues to apply.");
  Changeset cs = Compare(Doc(kBase), Doc(to));
  INFO(AllReasons(cs));
  CHECK(cs.severity == Severity::kMinor);
}

TEST_CASE("diff_test: a heading turned into bold text is cosmetic for the document") {
  std::vector<S> from = {{"Terms", {"Use the service kindly."}}, {"Your Content", {"You own your content."}}};
  std::vector<S> to = {{"Terms", {"Use the service kindly.", "Your Content", "You own your content."}}};
  Changeset cs = Compare(Doc(from), Doc(to));
  CHECK(cs.severity == Severity::kCosmetic);
  CHECK_FALSE(cs.sections.empty());
}

TEST_CASE("diff_test: document severity is the max over sections and summary adds up") {
  auto to = With(kBase, 0, 0, "Last updated: January 17, 2025");
  to = With(to, 2, 0, "We may sell your personal information.");
  to = With(to, 4, 0, "Write to us at privacy@example.org or 2 Main Street, Springfield.");
  Changeset cs = Compare(Doc(kBase), Doc(to));
  CHECK(cs.severity == Severity::kMaterial);
  CHECK(cs.summary.sections_modified == 3);
  int added = 0, removed = 0;
  for (const auto& c : cs.sections) {
    added += c.words_added;
    removed += c.words_removed;
  }
  CHECK(cs.summary.words_added == added);
  CHECK(cs.summary.words_removed == removed);
  CHECK(Find(cs, "Contact")->severity == Severity::kMinor);
}

}  // namespace
}  // namespace pw::diff
