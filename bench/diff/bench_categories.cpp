// Categories on our own labelled paragraphs (written by us for this bench, not
// from any corpus): micro precision/recall/F1 and categories per paragraph,
// before (every lexicon term's category, the old tagging) and after (Categorize).
//   bench_categories [-v]
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "diff/internal/categorize.h"
#include "diff/internal/lexicon.h"
#include "diff/internal/normalized_words.h"

namespace {

struct Example {
  const char* heading;
  const char* text;
  std::set<std::string> truth;
};

const std::vector<Example> kExamples = {
    {"", "We collect your name, email address and the pages you visit.", {"first-party-collection"}},
    {"", "We share your email address with advertisers so they can show you offers.", {"third-party-sharing"}},
    {"", "Our site contains links to other websites. We are not responsible for the privacy practices of those websites, which may collect personal information.", {"third-party-sharing"}},
    {"", "We use cookies and web beacons to remember your preferences and to measure traffic.", {"first-party-collection"}},
    {"", "Advertising partners may place cookies on your device to track your visits across sites.", {"third-party-sharing"}},
    {"", "Our service does not respond to Do Not Track signals sent by your browser.", {"do-not-track"}},
    {"", "We honour Global Privacy Control signals as a request to opt out of sales.", {"do-not-track"}},
    {"", "We request that you keep your password confidential.", {"data-security"}},
    {"", "We retain your account data for as long as your account is active and delete it within 30 days after you close it.", {"data-retention"}},
    {"", "Your data is stored on servers that we protect with encryption and access controls.", {"data-security"}},
    {"", "If you have questions, contact us at privacy@example.com or write to us at 1 Main Street.", {"other"}},
    {"", "You can opt out of marketing emails at any time by clicking unsubscribe in any message.", {"user-choice"}},
    {"", "You may access, correct or delete your personal information from your account settings.", {"user-access"}},
    {"", "We may change this policy from time to time and will notify you of material changes by email.", {"policy-change"}},
    {"", "We do not knowingly collect personal information from children under 13.", {"specific-audiences"}},
    {"", "If you are a California resident, you have the right to know what personal information we sell.", {"international-audiences", "user-access"}},
    {"", "We transfer your data to the United States under standard contractual clauses.", {"international-audiences"}},
    {"", "We protect all kinds of information with industry standard safeguards.", {"data-security"}},
    {"", "We sell your data to data brokers. Contact us at privacy@example.com with questions.", {"third-party-sharing"}},
    {"", "We collect information you give us, such as your name, including when third parties refer you.", {"first-party-collection"}},
    {"", "You must be at least 18 years old to use the Service.", {"eligibility"}},
    {"", "Any dispute will be resolved by binding arbitration and you waive your right to a class action.", {"arbitration"}},
    {"", "To the maximum extent permitted by law, we are not liable for indirect or consequential damages.", {"liability"}},
    {"", "We may suspend or terminate your account if you violate these Terms.", {"termination"}},
    {"", "These Terms are governed by the laws of the State of California.", {"governing-law"}},
    {"", "You grant us a worldwide, royalty-free licence to host and display your content.", {"content-licence"}},
    {"", "Subscription fees are billed monthly and are non-refundable.", {"fees"}},
    {"", "You agree not to scrape, reverse engineer or harass other users.", {"acceptable-use"}},
    {"Data Retention", "We keep it for the time needed for these purposes.", {"data-retention"}},
    {"", "Nous partageons vos données avec nos partenaires publicitaires.", {"third-party-sharing"}},
    {"", "Vous pouvez exercer votre droit d'accès et de rectification en nous écrivant.", {"user-access"}},
    {"", "Nous conservons vos données pendant trois ans après votre dernière connexion.", {"data-retention"}},
    {"", "Wir geben Ihre Daten nicht an Dritte weiter.", {"third-party-sharing"}},
    {"", "Wir erheben keine Daten von Kindern unter 16 Jahren.", {"specific-audiences"}},
    {"", "Sie können Ihre Einwilligung jederzeit widerrufen.", {"user-choice"}},
    {"", "Wir setzen technische und organisatorische Sicherheitsmaßnahmen ein, um Ihre Daten zu schützen.", {"data-security"}},
};

std::set<std::string> Before(const Example& e) {
  std::set<std::string> out;
  for (const auto& hit : pw::diff::FindLexiconTerms(pw::diff::NormalizedWords(e.text))) {
    out.insert(std::string(hit.category));
  }
  if (out.empty()) out.insert("other");
  return out;
}

std::set<std::string> After(const Example& e) {
  std::vector<std::string> path;
  if (*e.heading) path.push_back(e.heading);
  std::set<std::string> out;
  for (const auto& c : pw::diff::Categorize(e.text, path)) out.insert(c.category);
  if (out.empty()) out.insert("other");
  return out;
}

void Report(const char* name, std::set<std::string> (*f)(const Example&), bool verbose) {
  int tp = 0, fp = 0, fn = 0, n = 0;
  for (const Example& e : kExamples) {
    std::set<std::string> got = f(e);
    n += static_cast<int>(got.size());
    for (const auto& c : got) (e.truth.count(c) ? tp : fp)++;
    for (const auto& c : e.truth) fn += got.count(c) ? 0 : 1;
    if (verbose && got != e.truth) {
      std::printf("  %s miss: %s ->", name, e.text);
      for (const auto& c : got) std::printf(" %s", c.c_str());
      std::printf("\n");
    }
  }
  double p = tp ? 1.0 * tp / (tp + fp) : 0, r = tp ? 1.0 * tp / (tp + fn) : 0;
  std::printf("%-7s micro P %.3f  R %.3f  F1 %.3f  categories/paragraph %.2f  (%zu paragraphs)\n", name, p, r,
              p + r > 0 ? 2 * p * r / (p + r) : 0.0, 1.0 * n / static_cast<double>(kExamples.size()), kExamples.size());
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = argc > 1 && std::string(argv[1]) == "-v";
  Report("before", Before, verbose);
  Report("after", After, verbose);
  return 0;
}
