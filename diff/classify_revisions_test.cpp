// Severity on typical real-world revisions of documents written for these tests
// (not from the corpus): each case edits a base policy or terms the way companies
// revise theirs, and checks the severity and, where it matters, what the reason
// names. English, French and German. Documents go through extract::ParseText,
// as in `policywatch diff --files`.
#include <catch2/catch.hpp>

#include <string>

#include "diff/diff.h"
#include "diff/internal/test_util.h"
#include "extract/text.h"

namespace pw::diff {
namespace {

using testing::AllReasons;

const std::string kPolicy = R"(# Acme Analytics Privacy Policy

Last revised: 3 March 2024

This Privacy Policy explains how Acme Analytics Ltd ("Acme", "we") collects, uses and shares personal data when you use our websites and apps.

## 1. Information we collect

We collect the following categories of personal data:

- Account details, such as your name, email address and password.
- Usage data, such as the pages you visit and the features you use.
- Device information, such as your browser type, operating system and IP address.
- Payment information, processed by our payment provider.

## 2. How we use your information

We use your personal data to:

- provide, maintain and improve our services;
- communicate with you about your account and our services;
- detect and prevent fraud and abuse;
- comply with our legal obligations.

## 3. Sharing

We do not sell your personal data. We share personal data with the following sub-processors, who act on our instructions:

| Sub-processor | Purpose | Location |
| --- | --- | --- |
| Amazon Web Services, Inc. | Hosting | Ireland |
| Stripe, Inc. | Payment processing | United States |

## 4. Cookies

We use cookies to keep you signed in and to understand how our websites are used.

| Cookie | Purpose | Duration |
| --- | --- | --- |
| acme_session | Keeps you signed in | Session |
| _ga | Google Analytics statistics | 13 months |

## 5. Retention

We retain account data for 12 months after you close your account, and then delete it.

## 6. Your rights

You have the right to access, correct and delete your personal data. To exercise your rights, contact our Data Protection Officer at dpo@acme-analytics.example.

## 7. Children

Our services are not directed to children under 16, and we do not knowingly collect personal data from children.

## 8. Changes to this policy

We will give you 30 days' notice by email before any material change to this policy takes effect.

## 9. Contact

Acme Analytics Ltd, 12 Harbour Street, Bristol BS1 4QA, United Kingdom.

© 2023 Acme Analytics Ltd. All rights reserved.
)";

const std::string kTerms = R"(# Acme Terms of Service

Effective date: 1 February 2024

## 1. Your account

You must be at least 16 years old to use the services. You are responsible for keeping your password secure.

## 2. Your content

You keep ownership of the content you upload. You grant Acme a licence to host and display your content only to provide the services.

## 3. Termination

You may close your account at any time. We may suspend your account if you breach these terms.

## 4. Disputes

Any dispute arising out of these terms will be resolved by the courts of England and Wales.

## 5. Governing law

These terms are governed by the laws of England and Wales.
)";

const std::string kPolitique = R"(# Politique de confidentialité

Dernière mise à jour : 3 mars 2024

## 1. Données collectées

Nous collectons votre nom, votre adresse e-mail et votre adresse IP.

## 2. Durée de conservation

Vos données sont conservées pendant 3 ans à compter de la fin de la relation commerciale.

## 3. Vos droits

Vous disposez d'un droit d'accès, de rectification et d'effacement de vos données.
)";

const std::string kDatenschutz = R"(# Datenschutzerklärung

Stand: 3. März 2024

## 1. Verantwortlicher

Verantwortlich ist die Acme GmbH, Hauptstraße 5, 10115 Berlin.

## 2. Weitergabe von Daten

Wir verkaufen Ihre personenbezogenen Daten nicht. Wir geben Ihre Daten an Zahlungsdienstleister weiter, soweit dies für die Abwicklung erforderlich ist.

## 3. Speicherdauer

Wir speichern Ihre Daten, solange Ihr Konto besteht.
)";

// `text` with `from` replaced by `to` (which must occur).
std::string Edit(const std::string& text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.substr(0, pos) + to + text.substr(pos + from.size());
}

Changeset Diff(const std::string& a, const std::string& b) {
  return Compare(extract::ParseText(a), extract::ParseText(b));
}

void Expect(const std::string& a, const std::string& b, Severity want, const std::string& reason = "") {
  Changeset cs = Diff(a, b);
  INFO(AllReasons(cs));
  CHECK(SeverityName(cs.severity) == SeverityName(want));
  if (!reason.empty()) CHECK(AllReasons(cs).find(reason) != std::string::npos);
}

TEST_CASE("diff_test: severity: a new data category (precise geolocation) is material") {
  Expect(kPolicy,
         Edit(kPolicy, "- Payment information,",
              "- Precise geolocation, when you allow location access on your device.\n- Payment information,"),
         Severity::kMaterial, "\"geolocation\"");
}

TEST_CASE("diff_test: severity: a new purpose (training AI models) is material") {
  Expect(kPolicy,
         Edit(kPolicy, "- comply with our legal obligations.",
              "- train and improve our artificial intelligence models;\n- comply with our legal obligations."),
         Severity::kMaterial, "train");
}

TEST_CASE("diff_test: severity: retention extended is material") {
  Expect(kPolicy, Edit(kPolicy, "for 12 months after", "for 24 months after"), Severity::kMaterial,
         "\"12 months\" -> \"24 months\"");
}

TEST_CASE("diff_test: severity: a new sub-processor row is material") {
  Expect(kPolicy,
         Edit(kPolicy, "| Stripe, Inc. | Payment processing | United States |",
              "| Stripe, Inc. | Payment processing | United States |\n"
              "| Snowflake Inc. | Data warehousing | United States |"),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: a changed DPO email address is minor") {
  Expect(kPolicy, Edit(kPolicy, "dpo@acme-analytics.example", "privacy-office@acme.example"),
         Severity::kMinor);
}

TEST_CASE("diff_test: severity: a reordered list is not material") {
  std::string to = Edit(kPolicy,
                        "- provide, maintain and improve our services;\n"
                        "- communicate with you about your account and our services;\n",
                        "- communicate with you about your account and our services;\n"
                        "- provide, maintain and improve our services;\n");
  Changeset cs = Diff(kPolicy, to);
  INFO(AllReasons(cs));
  CHECK(cs.severity != Severity::kMaterial);
  CHECK(cs.severity >= Severity::kCosmetic);
}

TEST_CASE("diff_test: severity: a copyright year in the footer is cosmetic") {
  Expect(kPolicy, Edit(kPolicy, "© 2023 Acme", "© 2024 Acme"), Severity::kCosmetic);
  Expect(kPolicy, Edit(kPolicy, "© 2023 Acme", "Copyright © 2021-2025 Acme"), Severity::kCosmetic);
}

TEST_CASE("diff_test: severity: a 'Last revised' date is cosmetic") {
  Expect(kPolicy, Edit(kPolicy, "Last revised: 3 March 2024", "Last revised: 12 January 2025"),
         Severity::kCosmetic, "date stamp changed");
  Expect(kPolicy, Edit(kPolicy, "Last revised: 3 March 2024", "Last revised: 01/12/2025"),
         Severity::kCosmetic);
}

TEST_CASE("diff_test: severity: typo fixes are minor") {
  std::string from = Edit(Edit(kPolicy, "operating system", "operating sytem"), "features you use",
                          "featurs you use");
  Expect(from, kPolicy, Severity::kMinor, "spelling changed");
}

TEST_CASE("diff_test: severity: a changed company address is minor") {
  Expect(kPolicy,
         Edit(kPolicy, "12 Harbour Street, Bristol BS1 4QA", "Unit 4, 200 Temple Quay, Bristol BS1 6EA"),
         Severity::kMinor);
}

TEST_CASE("diff_test: severity: a longer cookie duration is material") {
  Expect(kPolicy, Edit(kPolicy, "| 13 months |", "| 25 months |"), Severity::kMaterial,
         "\"13 months\" -> \"25 months\"");
}

TEST_CASE("diff_test: severity: an added opt-out right is material") {
  Expect(kPolicy,
         Edit(kPolicy, "To exercise your rights,",
              "You can also opt out of analytics cookies at any time in your account settings. "
              "To exercise your rights,"),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: a removed children's section is material") {
  Expect(kPolicy,
         Edit(kPolicy,
              "## 7. Children\n\nOur services are not directed to children under 16, and we do not "
              "knowingly collect personal data from children.\n\n",
              ""),
         Severity::kMaterial, "section removed");
}

TEST_CASE("diff_test: severity: a changed governing-law country is material") {
  Expect(kTerms, Edit(kTerms, "governed by the laws of England and Wales", "governed by the laws of Ireland"),
         Severity::kMaterial);
  Expect(kTerms, Edit(kTerms, "resolved by the courts of England and Wales", "resolved by the courts of Delaware"),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: a new class-action waiver is material") {
  Expect(kTerms,
         Edit(kTerms, "will be resolved by the courts of England and Wales.",
              "will be resolved by the courts of England and Wales. You and Acme agree that each "
              "may bring claims against the other only in an individual capacity, and not as a "
              "plaintiff or class member in any purported class or representative proceeding."),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: '30 days' notice' -> 'notice' is material") {
  Expect(kPolicy, Edit(kPolicy, "give you 30 days' notice by email", "give you notice by email"),
         Severity::kMaterial, "30 days");
}

TEST_CASE("diff_test: severity: British -> American spelling is minor") {
  std::string from = Edit(Edit(kTerms, "You keep ownership", "You keep full ownership"), "keeping your",
                          "keeping your");
  std::string gb = Edit(kPolicy, "detect and prevent fraud and abuse;",
                        "recognise and prevent fraud and abuse by any organisation;");
  std::string us = Edit(kPolicy, "detect and prevent fraud and abuse;",
                        "recognize and prevent fraud and abuse by any organization;");
  Expect(gb, us, Severity::kMinor, "spelling changed");
  // "licence" -> "license" touches a content-licence term, but only its spelling.
  Expect(from, Edit(from, "a licence to host", "a license to host"), Severity::kMinor, "spelling changed");
}

TEST_CASE("diff_test: severity: an added pointer to another page is minor") {
  Expect(kPolicy,
         Edit(kPolicy, "how our websites are used.",
              "how our websites are used. For more information about how we use cookies, please see our Cookie Policy."),
         Severity::kMinor, "reference");
  Expect(kPolicy,
         Edit(kPolicy, "We share personal data with the following",
              "You can find more details in our [Sub-processor List](https://acme.example/subprocessors). "
              "We share personal data with the following"),
         Severity::kMinor, "reference");
}

TEST_CASE("diff_test: severity: French revisions") {
  Expect(kPolitique, Edit(kPolitique, "pendant 3 ans", "pendant 5 ans"), Severity::kMaterial,
         "\"3 ans\" -> \"5 ans\"");
  Expect(kPolitique, Edit(kPolitique, "3 mars 2024", "15 janvier 2025"), Severity::kCosmetic);
  Expect(kPolitique,
         Edit(kPolitique, "votre adresse e-mail et votre adresse IP.",
              "votre adresse e-mail, votre adresse IP et votre géolocalisation précise."),
         Severity::kMaterial);
  Expect(kPolitique,
         Edit(kPolitique, "effacement de vos données.",
              "effacement de vos données. Pour plus d'informations, consultez notre Politique relative aux cookies."),
         Severity::kMinor);
}

TEST_CASE("diff_test: severity: German revisions") {
  Expect(kDatenschutz,
         Edit(kDatenschutz, "Wir verkaufen Ihre personenbezogenen Daten nicht.",
              "Wir verkaufen Ihre personenbezogenen Daten an Werbepartner."),
         Severity::kMaterial);
  Expect(kDatenschutz, Edit(kDatenschutz, "Hauptstraße 5, 10115 Berlin", "Friedrichstraße 120, 10117 Berlin"),
         Severity::kMinor);
  Expect(kDatenschutz, Edit(kDatenschutz, "Stand: 3. März 2024", "Stand: 17. Januar 2025"),
         Severity::kCosmetic);
  Expect(kDatenschutz,
         Edit(kDatenschutz, "solange Ihr Konto besteht.",
              "solange Ihr Konto besteht, und danach für weitere 10 Jahre."),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: a new list item of collected data without lexicon words is material") {
  Expect(kPolicy,
         Edit(kPolicy, "- Payment information,",
              "- Your racial or ethnic origin, where you tell us.\n- Payment information,"),
         Severity::kMaterial, "item added");
}

TEST_CASE("diff_test: severity: a purpose removed from a list is material") {
  Expect(kPolicy, Edit(kPolicy, "- communicate with you about your account and our services;\n", ""),
         Severity::kMaterial, "item removed");
}

TEST_CASE("diff_test: severity: rephrasing and greetings are minor") {
  Expect(kPolicy,
         Edit(kPolicy, "This Privacy Policy explains how", "This Privacy Policy describes how"),
         Severity::kMinor);
  Expect(kTerms,
         Edit(kTerms, "You are responsible for keeping your password secure.",
              "Please note that you are responsible for keeping your password secure."),
         Severity::kMinor);
}

TEST_CASE("diff_test: severity: markup, bullets and link targets only are cosmetic or none") {
  std::string to = Edit(kPolicy, "- Account details, such as", "* **Account details**, such as");
  CHECK(Diff(kPolicy, to).severity <= Severity::kCosmetic);
  std::string linked = Edit(kPolicy, "our Data Protection Officer", "our [Data Protection Officer](https://acme.example/dpo)");
  CHECK(Diff(linked, Edit(linked, "https://acme.example/dpo", "https://acme.example/legal/dpo")).severity <=
        Severity::kCosmetic);
  // The same on documents whose blocks keep their markup (as from HTML).
  using testing::Doc;
  using testing::S;
  Changeset cs = Compare(Doc({S{"Cookies", {"See our [Cookie Policy](https://a.example/cookies) for details."}}}),
                         Doc({S{"Cookies", {"See our **[Cookie Policy](https://a.example/legal/cookies)** for details."}}}));
  CHECK(cs.severity == Severity::kCosmetic);
}

TEST_CASE("diff_test: severity: a new exception to a promise is material") {
  Expect(kPolicy,
         Edit(kPolicy, "We do not sell your personal data.",
              "We do not sell your personal data, except to our corporate affiliates."),
         Severity::kMaterial);
}

TEST_CASE("diff_test: severity: a date stamp line added is cosmetic") {
  Expect(kPolicy,
         Edit(kPolicy, "We retain account data", "This section was last updated on 17 June 2024.\n\nWe retain account data"),
         Severity::kCosmetic, "date stamp added");
  Expect(kDatenschutz, Edit(kDatenschutz, "## 3. Speicherdauer\n", "## 3. Speicherdauer\n\nZuletzt aktualisiert am 3. März 2024.\n"),
         Severity::kCosmetic);
}

TEST_CASE("diff_test: severity: a month name is not a new party or a place") {
  Expect(kPolicy,
         Edit(kPolicy, "We share personal data with the following sub-processors",
              "Since June we share personal data with the following sub-processors"),
         Severity::kMinor);
}

TEST_CASE("diff_test: severity: a practice stated next to a pointer is still material") {
  Expect(kPolicy,
         Edit(kPolicy, "how our websites are used.",
              "how our websites are used. We now use advertising cookies to measure our campaigns. See our Cookie Policy."),
         Severity::kMaterial);
  Expect(kPolicy,
         Edit(kPolicy, "how our websites are used.",
              "how our websites are used. You can refuse analytics at any time; see our Cookie Policy."),
         Severity::kMaterial);
}

}  // namespace
}  // namespace pw::diff
