// Material hunk rules about how much is covered or said: an item added to or
// dropped from an obligation, a whole paragraph or list item, a long run of text.
#include <algorithm>
#include <optional>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"
#include "diff/internal/word_diff.h"

namespace pw::diff {
namespace {

constexpr size_t kItemWords = 5;  // a paragraph or list item this long has content

bool IsConjunction(std::string_view w) {
  return w == "or" || w == "and" || w == "ou" || w == "et" || w == "oder" || w == "und";
}

bool HasConjunction(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) { return IsConjunction(w); });
}

// The line of `body` holding the first word of `text`, which starts at `at`.
std::string_view LineOfFirstWord(std::string_view body, const std::string& text, size_t at) {
  size_t first = 0;
  while (first < text.size() && !ContainsWord(std::string_view(text).substr(first, 1)) &&
         static_cast<unsigned char>(text[first]) < 0x80) {
    ++first;
  }
  at += first;
  size_t nl = at == 0 ? std::string_view::npos : body.rfind('\n', at - 1);
  size_t line_begin = nl == std::string_view::npos ? 0 : nl + 1;
  size_t line_end = std::min(body.find('\n', at), body.size());
  return body.substr(line_begin, line_end - line_begin);
}

// The words of the hunk form one item of a comma list in a negated sentence:
// one side only, a few words, a comma in or right beside the changed text.
bool CommaListItem(const Hunk& h, const HunkWords& w, const std::set<std::string>& modals) {
  if (w.del.empty() == w.ins.empty() || std::max(w.del.size(), w.ins.size()) > 4 ||
      std::none_of(modals.begin(), modals.end(), IsNegationWord)) {
    return false;
  }
  const std::string& text = w.del.empty() ? h.ins : h.del;
  size_t b = h.before.find_last_not_of(" \n");
  size_t a = h.after.find_first_not_of(" \n");
  return text.find(',') != std::string::npos || (b != std::string::npos && h.before[b] == ',') ||
         (a != std::string::npos && h.after[a] == ',');
}

// A lexicon term that names a recipient, a user's choice or tracking.
bool IsPartnerOrChoiceTerm(const LexiconHit& hit) {
  return hit.recipient || hit.category == "user-choice" || hit.category == "do-not-track";
}

// True if some line of `body` has exactly these normalised words.
bool HasLineWithWords(std::string_view body, const std::vector<std::string>& words) {
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t nl = std::min(body.find('\n', pos), body.size());
    if (nl - pos < 400 && NormalizedWords(body.substr(pos, nl - pos)) == words) return true;
    pos = nl + 1;
  }
  return false;
}

// A hunk that only adds (or only removes) words: the line of its first word, in
// the body it is on, and its changed words.
struct OneSided {
  bool added = false;
  std::string_view line;
  const std::vector<std::string>* changed_words = nullptr;
};
std::optional<OneSided> OneSidedLine(const Hunk& h, const HunkWords& w, const SectionView& section) {
  if (w.del.empty() == w.ins.empty()) return std::nullopt;
  const bool added = w.del.empty();
  std::string_view body = added ? section.new_body : section.old_body;
  return OneSided{added, LineOfFirstWord(body, added ? h.ins : h.del, added ? h.new_begin : h.old_begin),
                  added ? &w.ins : &w.del};
}

}  // namespace

bool HasContactDetails(const Hunk& h) {
  return h.del.find('@') != std::string::npos || h.ins.find('@') != std::string::npos ||
         h.del.find("http") != std::string::npos || h.ins.find("http") != std::string::npos;
}

// An item added to or dropped from what an obligation or prohibition covers:
// the changed words hold "or"/"and", or, in a negated sentence, a few words
// are added to or dropped from a comma list ("A, B, C or D" -> "A, B or D").
bool ScopeChanged(const Hunk& h, const HunkWords& w, const SentencePair& pair, SectionChange* change) {
  const std::set<std::string>& modals = pair.new_modals.empty() ? pair.old_modals : pair.new_modals;
  if (w.del.size() > 6 || w.ins.size() > 6 || modals.empty()) return false;
  if (!HasConjunction(w.del) && !HasConjunction(w.ins) && !CommaListItem(h, w, modals)) return false;
  AddReason("scope changed in a sentence with \"" + *modals.begin() + "\": " + Arrow(h), change);
  return true;
}

bool SectionView::AboutPartnersOrChoices(bool in_new) const {
  int& p = partners_[in_new ? 1 : 0];
  if (p < 0) {
    auto hits = FindLexiconTerms(in_new ? new_norm : old_norm);
    p = std::any_of(hits.begin(), hits.end(), [](const LexiconHit& x) { return IsPartnerOrChoiceTerm(x); }) ? 1 : 0;
  }
  return p == 1;
}

bool ShortListItemChanged(const Hunk& h, const HunkWords& w, const SectionView& section,
                          SectionChange* change) {
  const std::optional<OneSided> one = OneSidedLine(h, w, section);
  if (!one) return false;
  const bool added = one->added;
  const std::string_view line = one->line;
  std::vector<std::string> line_words = NormalizedWords(line);
  if (line_words.empty() || line_words.size() >= kItemWords ||
      one->changed_words->size() * 5 < line_words.size() * 4 ||
      !section.AboutPartnersOrChoices(added) || LooksLikeFurnitureLine(line) ||
      HasLineWithWords(added ? section.old_body : section.new_body, line_words)) {
    return false;
  }
  AddReason(std::string(added ? "list item added: \"" : "list item removed: \"") + Quote(line, 100) + "\"",
            change);
  return true;
}

// A whole paragraph or list item added to (removed from) a section about a data
// practice or an obligation: a new item of collected data, a purpose dropped.
// Not an item that only moved (a reordered list).
bool ItemAddedOrRemoved(const Hunk& h, const HunkWords& w, const SectionView& section,
                        SectionChange* change) {
  const std::optional<OneSided> one = OneSidedLine(h, w, section);
  if (!one) return false;
  const bool added = one->added;
  const std::string_view line = one->line;
  size_t line_words = NormalizedWords(line).size();
  bool whole_line = line_words >= kItemWords && one->changed_words->size() * 5 >= line_words * 4;
  if (!whole_line || !section.AboutPractice(added) ||
      (added ? section.doc.FoundInOld(line) : section.doc.FoundInNew(line)) >= 0.9) {
    return false;
  }
  AddReason(std::string(added ? "paragraph or list item added: \"" : "paragraph or list item removed: \"") +
                Quote(line, 100) + "\"",
            change);
  return true;
}

// A long run of new (or dropped) text, not found elsewhere in the document.
bool LongTextChanged(const Hunk& h, const HunkWords& w, const DocumentContext& doc,
                     SectionChange* change) {
  bool long_ins = w.ins.size() >= kRealContentWords && doc.FoundInOld(h.ins) < 0.5;
  bool long_del = w.del.size() >= kRealContentWords && doc.FoundInNew(h.del) < 0.5;
  if (!long_ins && !long_del) return false;
  AddReason(std::string(long_ins ? "text added (" : "text removed (") +
                std::to_string(long_ins ? w.ins.size() : w.del.size()) +
                " words): \"" + Quote(long_ins ? h.ins : h.del, 100) + "\"",
            change);
  return true;
}

}  // namespace pw::diff
