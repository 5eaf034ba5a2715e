#include "diff/internal/normalized_words.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "diff/internal/lexicon.h"
#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

TEST_CASE("diff_test: normalisation folds case, quotes, markup and punctuation") {
  CHECK(NormalizedWords("We **won’t** sell [Your Data](https://x.example/a).") ==
        NormalizedWords("we won't sell your data"));
  CHECK(NormalizedWords("### [](#)About Our Services") == NormalizedWords("About our services"));
  CHECK(NormalizedWords("ÉTÉ") == NormalizedWords("été"));
  CHECK(NormalizedWords("do not sell") != NormalizedWords("may sell"));
}

TEST_CASE("diff_test: date stamps are masked in en, fr, de") {
  auto a = NormalizedWords("Last updated: March 3, 2024");
  CHECK(a == NormalizedWords("Last updated: 17 January 2023"));
  CHECK(a == NormalizedWords("Last updated: 2023-01-17"));
  CHECK(NormalizedWords("updated on 23th of Sept 2025") ==
        NormalizedWords("updated on 16 Feburary 2026"));
  CHECK(NormalizedWords("Dernière mise à jour : 3 mars 2024") ==
        NormalizedWords("Dernière mise à jour : 12 juillet 2025"));
  CHECK(NormalizedWords("Stand: 3. März 2024") == NormalizedWords("Stand: 1. Juli 2025"));
  // Not dates.
  CHECK(NormalizedWords("keep for 30 days") != NormalizedWords("keep for 2 years"));
  CHECK_FALSE(IsMonthWord("marketing"));
  CHECK(IsMonthWord("feburary"));
}

TEST_CASE("diff_test: enumerators can be stripped") {
  NormalizeOptions opt;
  opt.strip_enumerators = true;
  CHECK(NormalizedWords("14. Security", opt) == NormalizedWords("13 Security", opt));
  CHECK(NormalizedWords("3a. Your content", opt) == NormalizedWords("Your content", opt));
  CHECK(NormalizedWords("14. Security") != NormalizedWords("13 Security"));
}

TEST_CASE("diff_test: lexicon finds categories in three languages") {
  auto has = [](const std::string& text, std::string_view cat) {
    for (const auto& h : FindLexiconTerms(NormalizedWords(text))) {
      if (h.category == cat) return true;
    }
    return false;
  };
  CHECK(has("We share your data with advertising partners", "third-party-sharing"));
  CHECK(has("We retain your data for 30 days", "data-retention"));
  CHECK(has("Any dispute will be resolved by binding arbitration", "arbitration"));
  CHECK(has("Nous partageons vos données avec des tiers", "third-party-sharing"));
  CHECK(has("Wir geben Ihre Daten an Dritte weiter", "third-party-sharing"));
  CHECK(has("Children under 13", "specific-audiences"));
  CHECK_FALSE(has("Welcome to our lovely website", "third-party-sharing"));
  CHECK(IsNegationOrModal("not"));
  CHECK(IsNegationOrModal("nicht"));
  CHECK_FALSE(IsNegationOrModal("sell"));
}

// Plain ASCII text takes a fast path; text with one non-ASCII word takes the
// general one. Both must give the same words (the extra one at the end aside).
TEST_CASE("diff_test: the ASCII fast path gives the words of the general path") {
  const std::vector<std::string> pieces = {
      "We", "collect", "DATA", " ", "  ", "\t", "\n", "\r", "\v", "\f", ".", ",", ";", "'", "\"",
      "-", "(", ")", "*", "_", "`", "#", "|", ">", "~", "!", "?", "&", "%", "/", "3", "30",
      "2024", "1.", "14.", "3a.", "March", "march", "mar", "Sept", "sept.", "3rd", "of", "may",
      "Jan", "dec", "novel", "marketing", "a'b", "won't", "'n'", "e.g.", "1.2.3", "x1y2", "\x01",
      "\x7f", "31/12/2024", "2024-03-03", "mai", "juni",
  };
  std::mt19937 rng(5);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 16);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int k = length(rng); k > 0; --k) text += pieces[pick(rng)] + (rng() % 2 ? " " : "");
    // (Enumerator stripping comes after either path; an extra word at the end
    // would change it for a text of only numbers, so it is left out here.)
    for (bool dates : {true, false}) {
      {
        NormalizeOptions opt;
        opt.mask_dates = dates;
        INFO("text: " << text << " dates " << dates);
        std::vector<std::string> fast = NormalizedWords(text, opt);
        std::vector<std::string> general = NormalizedWords(text + " caf\xC3\xA9", opt);
        REQUIRE(!general.empty());
        CHECK(general.back() == "caf\xC3\xA9");
        general.pop_back();
        CHECK(fast == general);
      }
    }
  }
}

}  // namespace
}  // namespace pw::diff

namespace pw::diff {
namespace {

TEST_CASE("diff_test: list markers that open a line are formatting") {
  const auto item = NormalizedWords("Intro:\nWe share data with processors.");
  for (const char* marked : {"- We share data with processors.", "1. We share data with processors.",
                             "12) We share data with processors.", "b) We share data with processors.",
                             "(c) We share data with processors.", "iv. We share data with processors.",
                             "XII. We share data with processors.", "- 3. We share data with processors.",
                             "\xE2\x80\xA2 We share data with processors."}) {
    INFO(marked);
    CHECK(NormalizedWords(std::string("Intro:\n") + marked) == item);
  }
  // A single line (a heading, one block) keeps its number.
  CHECK(NormalizedWords("4. Data Retention") != NormalizedWords("3. Data Retention"));
  // At every line start of a body of several blocks.
  CHECK(NormalizedWords("1. Name\n2. Email\n3. Phone") == NormalizedWords("Name\nEmail\nPhone"));
  CHECK(NormalizedWords("a) Name\nb) Email") == NormalizedWords("3. Name\n4. Email"));
  // Not markers: a number that says something, inside a line or without a space.
  for (auto [a, b] : std::vector<std::pair<const char*, const char*>>{
           {"Keep 30. days", "Keep 60. days"}, {"1.5 million users", "million users"},
           {"2024. Annual report", "Annual report"}, {"Mr. Smith", "Smith"}, {"civil. Law", "Law"},
           {"U.S. law", "law"}, {"We keep data for 3 years", "We keep data for 4 years"}}) {
    INFO(a);
    CHECK(NormalizedWords(std::string("x\n") + a) != NormalizedWords(std::string("x\n") + b));
  }
}

using testing::Doc;
using testing::S;

extract::Document ListDoc(const std::vector<std::string>& items) {
  extract::Document d = Doc({S{"Sharing", {"We share your data with:"}}});
  for (const std::string& item : items) d.sections[0].blocks.push_back({extract::BlockKind::kListItem, item});
  return d;
}

TEST_CASE("diff_test: a list renumbered or numbered where it had bullets is cosmetic") {
  // Stored by a release that wrote items without their numbers, then
  // extracted with them: formatting only.
  Changeset cs = Compare(ListDoc({"payment processors;", "auditors;", "courts, when the law requires it."}),
                         ListDoc({"1. payment processors;", "2. auditors;",
                                  "3. courts, when the law requires it."}));
  CHECK(cs.severity == Severity::kCosmetic);
  // Renumbered only (the list now starts at 4, or letters instead of numbers).
  cs = Compare(ListDoc({"1. payment processors;", "2. auditors;"}),
               ListDoc({"4. payment processors;", "5. auditors;"}));
  CHECK(cs.severity <= Severity::kCosmetic);
  cs = Compare(ListDoc({"1. payment processors;", "2. auditors;"}),
               ListDoc({"a) payment processors;", "b) auditors;"}));
  CHECK(cs.severity <= Severity::kCosmetic);
  // A new item is still a change of wording.
  cs = Compare(ListDoc({"1. payment processors;", "2. auditors;"}),
               ListDoc({"1. payment processors;", "2. advertising partners;", "3. auditors;"}));
  CHECK(cs.severity == Severity::kMaterial);
}

}  // namespace
}  // namespace pw::diff
