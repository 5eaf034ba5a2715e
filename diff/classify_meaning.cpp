// Material hunk rules about what a sentence says: a negation or modal flipped,
// a number or duration changed, a material lexicon term added or removed.
#include <algorithm>
#include <iterator>

#include "diff/internal/classify_rules.h"

namespace pw::diff {
namespace {

std::string Join(const std::multiset<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::multiset<std::string> Minus(const std::multiset<std::string>& a,
                                 const std::multiset<std::string>& b) {
  std::multiset<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace

bool IsNegationWord(const std::string& w) {
  return w == "not" || w == "no" || w == "never" || w == "cannot" || w == "nicht" ||
         w == "kein" || w == "keine" || w == "pas" || w == "jamais" || w == "ne" ||
         w.ends_with("nt");
}

bool NegationOrModalChanged(const Hunk& h, const SentencePair& pair, SectionChange* change) {
  const std::set<std::string>& old_set = pair.old_modals;
  const std::set<std::string>& new_set = pair.new_modals;
  if (old_set == new_set) return false;
  bool neg_old = std::any_of(old_set.begin(), old_set.end(), IsNegationWord);
  bool neg_new = std::any_of(new_set.begin(), new_set.end(), IsNegationWord);
  std::string kind = neg_old && !neg_new   ? "negation removed"
                     : !neg_old && neg_new ? "negation added"
                                           : "modal changed";
  AddReason(kind + ": " + Arrow(h), change);
  return true;
}

bool QuantityChanged(const SentencePair& pair, SectionChange* change) {
  const auto& old_q = pair.old_quantities;
  const auto& new_q = pair.new_quantities;
  if (old_q == new_q) return false;
  auto gone = Minus(old_q, new_q), came = Minus(new_q, old_q);
  AddReason("number changed: \"" + (gone.empty() ? std::string("(none)") : Join(gone)) +
                "\" -> \"" + (came.empty() ? std::string("(none)") : Join(came)) + "\"",
            change);
  return true;
}

bool MaterialTermChanged(const Hunk& h, const SentencePair& pair, SectionChange* change) {
  bool material = false;
  for (const TermChange& tc : pair.changed_terms) {
    if (!tc.hit.material) continue;
    material = true;
    if (tc.hit.recipient) {
      AddReason(std::string(tc.added ? "new recipient: \"" : "recipient removed: \"") + tc.quote +
                    "\"",
                change);
    } else {
      AddReason(std::string(tc.hit.category) + " wording " +
                    (tc.added ? "added" : "removed") + " (\"" + tc.quote + "\"): " + Arrow(h),
                change);
    }
  }
  return material;
}

}  // namespace pw::diff
