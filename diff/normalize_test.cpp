#include "diff/normalize.h"

#include <catch2/catch.hpp>

#include "diff/lexicon.h"

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
  for (std::string_view c : LexiconCategories()) CHECK_FALSE(c.empty());
  CHECK(IsNegationOrModal("not"));
  CHECK(IsNegationOrModal("nicht"));
  CHECK_FALSE(IsNegationOrModal("sell"));
}

}  // namespace
}  // namespace pw::diff
