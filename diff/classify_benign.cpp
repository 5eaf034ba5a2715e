// Hunk rules that explain a change as cosmetic or minor: text moved, update
// banners, links, typos, date stamps, references to other pages, copyright years.
#include <algorithm>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"
#include "util/edit_distance.h"

namespace pw::diff {
namespace {

constexpr size_t kMovedTextWords = 8;  // a hunk this long may be text moved elsewhere

bool LooksLikeUrl(std::string_view text) {
  size_t b = text.find_first_not_of(" \n\t(<");
  size_t e = text.find_last_not_of(" \n\t)>.,;");
  if (b == std::string_view::npos) return false;
  std::string_view t = text.substr(b, e - b + 1);
  return (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) &&
         t.find(' ') == std::string_view::npos;
}

// One word for one, spelled almost alike: a typo fix or a plural.
bool IsSpellingFix(const std::vector<std::string>& del, const std::vector<std::string>& ins) {
  if (del.size() != 1 || ins.size() != 1) return false;
  const std::string& a = del[0];
  const std::string& b = ins[0];
  if (a.size() < 5 || b.size() < 5 || IsNegationOrModal(a) || IsNegationOrModal(b)) return false;
  if (a.find_first_of("0123456789") != std::string::npos ||
      b.find_first_of("0123456789") != std::string::npos) {
    return false;
  }
  return EditDistance(a, b) <= 2;
}

// True if `text` is one whole sentence: it starts with a capital letter (after
// spaces), ends with a sentence end (after spaces) and has no sentence end or
// ';' inside.
bool IsOneSentence(std::string_view text) {
  size_t b = text.find_first_not_of(" \n\t");
  size_t e = text.find_last_not_of(" \n\t");
  if (b == std::string_view::npos) return false;
  for (size_t k = b; k < e; ++k) {
    char c = text[k];
    if (c == ';' || c == '\n' ||
        ((c == '.' || c == '!' || c == '?') && k + 1 < e && text[k + 1] == ' ')) {
      return false;
    }
  }
  auto first = static_cast<unsigned char>(text[b]);
  bool capital = (first >= 'A' && first <= 'Z') || first >= 0xC0;
  char last = text[e];
  return capital && (last == '.' || last == '!' || last == '?' || last == ')' || last == ':');
}

// A year of a copyright notice: 19xx or 20xx.
bool IsCopyrightYear(const std::string& w) {
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A copyright notice whose years changed ("© 2023 Acme" -> "Copyright © 2021-2025
// Acme"): the same words once years and "copyright"/"all rights reserved" are
// set aside, and a "©" or "copyright" in the sentence.
bool IsCopyrightYearChange(std::string_view old_sentence, const std::vector<std::string>& old_words,
                           std::string_view new_sentence, const std::vector<std::string>& new_words) {
  auto is_notice = [](std::string_view s) {
    return s.find("\xC2\xA9") != std::string_view::npos || s.find("opyright") != std::string_view::npos ||
           s.find("(c)") != std::string_view::npos || s.find("(C)") != std::string_view::npos;
  };
  if (!is_notice(old_sentence) || !is_notice(new_sentence)) return false;
  auto core = [](const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const std::string& w : words) {
      if (IsCopyrightYear(w) || w == "copyright" || w == "c" || w == "all" || w == "rights" || w == "reserved") continue;
      out.push_back(w);
    }
    return out;
  };
  return core(old_words) == core(new_words);
}

// Words of a date stamp: "<date>" and words such as "last updated", "effective",
// "dernière mise à jour", "Stand", "gültig ab", at most 12 words.
bool IsDateStamp(const std::vector<std::string>& words) {
  static const std::vector<std::string_view> kStampWords = {
      "last", "updated", "update", "revised", "revision", "modified", "effective", "date",
      "dated", "as", "of", "on", "from", "this", "these", "the", "policy", "privacy", "notice",
      "section", "page", "document",
      "statement", "terms", "was", "were", "is", "are", "version", "in", "force", "since",
      "dernière", "derniere", "mise", "à", "jour", "le", "la", "en", "vigueur", "depuis",
      "du", "version", "modifiée", "stand", "zuletzt", "aktualisiert", "geändert", "gültig",
      "ab", "seit", "datum", "vom", "am", "diese", "datenschutzerklärung", "fassung"};
  if (words.size() > 12) return false;
  bool date = false;
  for (const std::string& w : words) {
    if (w == "<date>") {
      date = true;
    } else if (std::find(kStampWords.begin(), kStampWords.end(), w) == kStampWords.end()) {
      return false;
    }
  }
  return date;
}

// Text that is still (or already) in the document, elsewhere: a move.
bool MovedText(const Hunk& h, const HunkWords& w, const DocumentContext& doc,
               SectionChange* change) {
  bool moved_out = w.ins.empty() && w.del.size() >= kMovedTextWords && doc.FoundInNew(h.del) >= 0.9;
  bool moved_in = w.del.empty() && w.ins.size() >= kMovedTextWords && doc.FoundInOld(h.ins) >= 0.9;
  if (!moved_out && !moved_in) return false;
  Raise(Severity::kMinor, change);
  AddReason(std::string(moved_out ? "text moved to another section: \"" : "text moved from another section: \"") +
                Quote(moved_out ? h.del : h.ins, 80) + "\"",
            change);
  return true;
}

// An "we're updating our terms" banner added or removed.
bool UpdateBanner(const Hunk& h, const HunkWords& w, const DocumentContext&,
                  SectionChange* change) {
  bool ins_bigger = w.ins.size() >= w.del.size();
  const std::vector<std::string>& changed = ins_bigger ? w.ins : w.del;
  size_t other = ins_bigger ? w.del.size() : w.ins.size();
  bool banner = other <= 6 && LooksLikeUpdateNotice(changed) &&
                (std::find(changed.begin(), changed.end(), "<date>") != changed.end() ||
                 std::find(changed.begin(), changed.end(), "today") != changed.end());
  if (!banner) return false;
  Raise(Severity::kMinor, change);
  AddReason(std::string(ins_bigger ? "update notice added: \"" : "update notice removed: \"") +
                Quote(ins_bigger ? h.ins : h.del, 100) + "\"",
            change);
  return true;
}

// A link shown as its URL now shown by its title (or back).
bool LinkReference(const Hunk& h, const HunkWords& w, const DocumentContext&,
                   SectionChange* change) {
  if (!(LooksLikeUrl(h.del) && !w.ins.empty()) && !(LooksLikeUrl(h.ins) && !w.del.empty())) return false;
  Raise(Severity::kMinor, change);
  AddReason("link reference changed: " + Arrow(h), change);
  return true;
}

// A typo fixed.
bool SpellingFix(const Hunk& h, const HunkWords& w, const DocumentContext&,
                 SectionChange* change) {
  if (!IsSpellingFix(w.del, w.ins)) return false;
  Raise(Severity::kMinor, change);
  AddReason("spelling changed: " + Arrow(h), change);
  return true;
}

// A date stamp added or removed ("This policy was last updated on <date>").
bool DateStampLine(const Hunk& h, const HunkWords& w, const DocumentContext&,
                   SectionChange* change) {
  if (w.del.empty() == w.ins.empty() || !IsDateStamp(w.del.empty() ? w.ins : w.del)) return false;
  Raise(Severity::kCosmetic, change);
  AddReason(std::string(w.del.empty() ? "date stamp added: \"" : "date stamp removed: \"") +
                Quote(w.del.empty() ? h.ins : h.del, 100) + "\"",
            change);
  return true;
}

// A sentence that only points to another page ("For more information, see
// our Cookie Policy") added or removed: the practices are stated elsewhere.
bool ReferenceElsewhere(const Hunk& h, const HunkWords& w, const DocumentContext&,
                        SectionChange* change) {
  const auto& changed_words = w.del.empty() ? w.ins : w.del;
  const std::string& changed_text = w.del.empty() ? h.ins : h.del;
  bool one_side = w.del.empty() != w.ins.empty();
  bool link = changed_text.find("](") != std::string::npos ||
              changed_text.find("http") != std::string::npos;
  if (!one_side || changed_words.size() > 40 || !Quantities(changed_words).empty() ||
      !IsOneSentence(changed_text) || !LooksLikeReference(changed_words, link)) {
    return false;
  }
  Raise(Severity::kMinor, change);
  AddReason(std::string(w.del.empty() ? "reference to other information added: \""
                                      : "reference to other information removed: \"") +
                Quote(changed_text, 100) + "\"",
            change);
  return true;
}

// One benign rule: true when it explains the hunk (severity and reason added).
using BenignRule = bool (*)(const Hunk&, const HunkWords&, const DocumentContext&, SectionChange*);

// The benign rules in the order the classifier tries them; the first that
// explains the hunk ends the walk.
constexpr BenignRule kBenignRules[] = {MovedText,   UpdateBanner,  LinkReference,
                                       SpellingFix, DateStampLine, ReferenceElsewhere};

}  // namespace

bool ExplainedAsBenign(const Hunk& h, const HunkWords& w, const DocumentContext& doc,
                       SectionChange* change) {
  for (BenignRule rule : kBenignRules) {
    if (rule(h, w, doc, change)) return true;
  }
  return false;
}

bool ExplainedAsCopyrightYears(const Hunk& h, const SentencePair& pair, SectionChange* change) {
  if (!IsCopyrightYearChange(pair.old_sentence, pair.old_words, pair.new_sentence, pair.new_words)) {
    return false;
  }
  Raise(Severity::kCosmetic, change);
  AddReason("copyright notice years changed: " + Arrow(h), change);
  return true;
}

}  // namespace pw::diff
