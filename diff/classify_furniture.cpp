// Page furniture judged by its shape, not by a phrase list: a line of two or
// more links and nothing else (a menu), or a short UI label — two to six
// words in sentence case ("Back to top", "Print this page (PDF)", "Click here
// for the previous version"), not a sentence, without a negation, a modal, a
// quantity or a practice term. A whole section of such lines, or of single
// short links under a heading without a practice term, is a menu or a footer.
#include <algorithm>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"
#include "diff/internal/word_diff.h"

namespace pw::diff {
namespace {

constexpr size_t kLabelWords = 6;     // a UI label is at most this long
constexpr size_t kMenuLinkWords = 4;  // a menu entry (one link) is at most this long

// What a line is made of: its links and the visible text outside them.
struct LineShape {
  int links = 0;
  bool only_links = true;  // nothing but links, spaces and separators
  std::string text;        // the visible text, links' text included
};

LineShape Shape(std::string_view line) {
  LineShape s;
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == '[') {
      size_t close = line.find("](", i + 1);
      size_t end = close == std::string_view::npos ? close : line.find(')', close + 2);
      if (end != std::string_view::npos) {
        ++s.links;
        s.text += std::string(line.substr(i + 1, close - i - 1)) + " ";
        i = end + 1;
        continue;
      }
    }
    if (line.compare(i, 3, "\xE2\x80\xA2") == 0 || line.compare(i, 2, "\xC2\xB7") == 0) {
      i += line[i] == '\xE2' ? 3 : 2;  // a bullet or a middle dot between links
      s.text += ' ';
      continue;
    }
    if (std::string_view(" \t|/,;:-*_").find(c) == std::string_view::npos) s.only_links = false;
    s.text += c;
    ++i;
  }
  return s;
}

bool HasMaterialTerm(const std::vector<std::string>& words) {
  auto hits = FindLexiconTerms(words);
  return std::any_of(hits.begin(), hits.end(), [](const LexiconHit& h) { return h.material; });
}

bool HasNegationModalOrQuantity(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) { return IsNegationOrModal(w); }) ||
         !Quantities(words).empty();
}

// The first letters of the visible words: upper case first, lower case later.
bool SentenceCase(std::string_view text) {
  bool first = true, lower_later = false;
  for (std::string_view t : Tokenize(text)) {
    if (!IsWordToken(t)) continue;
    auto c = static_cast<unsigned char>(t[0]);
    if (first && !(c >= 'A' && c <= 'Z')) return false;
    if (!first && c >= 'a' && c <= 'z') lower_later = true;
    first = false;
  }
  return lower_later;
}

bool EndsAsSentence(std::string_view text) {
  size_t e = text.find_last_not_of(" \t");
  return e != std::string_view::npos && (text[e] == '.' || text[e] == '!' || text[e] == '?' || text[e] == ':');
}

// A single link of a few words, nothing else: an entry of a menu list.
bool IsMenuEntry(std::string_view line) {
  LineShape s = Shape(line);
  std::vector<std::string> words = NormalizedWords(s.text);
  return s.links == 1 && s.only_links && !words.empty() && words.size() <= kMenuLinkWords &&
         !HasNegationModalOrQuantity(words);
}

// The lines of body[begin, end), widened to whole lines.
std::string_view WholeLines(std::string_view body, size_t begin, size_t end) {
  while (begin < end && (body[begin] == '\n' || body[begin] == ' ')) ++begin;
  while (end > begin && (body[end - 1] == '\n' || body[end - 1] == ' ')) --end;
  size_t nl = begin == 0 ? std::string_view::npos : body.rfind('\n', begin - 1);
  size_t b = nl == std::string_view::npos ? 0 : nl + 1;
  size_t e = std::min(body.find('\n', end), body.size());
  return body.substr(b, e - b);
}

template <typename F>
bool AllLines(std::string_view text, F&& f) {
  bool any = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, nl - pos);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      if (!f(line)) return false;
      any = true;
    }
    pos = nl + 1;
  }
  return any;
}

}  // namespace

bool LooksLikeFurnitureLine(std::string_view line) {
  LineShape s = Shape(line);
  std::vector<std::string> words = NormalizedWords(s.text);
  if (words.empty() || HasNegationModalOrQuantity(words)) return false;
  if (s.links >= 2 && s.only_links) return true;  // a menu on one line
  return words.size() >= 2 && words.size() <= kLabelWords && SentenceCase(s.text) &&
         !EndsAsSentence(s.text) && !HasMaterialTerm(words);
}

bool LooksLikeFurniture(std::string_view heading, std::string_view body) {
  if (HasMaterialTerm(NormalizedWords(heading))) return false;
  return AllLines(body, [](std::string_view line) { return LooksLikeFurnitureLine(line) || IsMenuEntry(line); });
}

bool ExplainedAsFurniture(const Hunk& h, const HunkWords& w, const SectionView& section,
                          SectionChange* change) {
  if (w.del.empty() == w.ins.empty()) return false;
  bool added = w.del.empty();
  std::string_view body = added ? section.new_body : section.old_body;
  std::string_view lines = added ? WholeLines(body, h.new_begin, h.new_end) : WholeLines(body, h.old_begin, h.old_end);
  size_t changed = (added ? w.ins : w.del).size();
  if (changed * 5 < NormalizedWords(lines).size() * 4 || !AllLines(lines, LooksLikeFurnitureLine)) {
    return false;
  }
  Raise(Severity::kMinor, change);
  AddReason(std::string(added ? "page furniture added: \"" : "page furniture removed: \"") + Quote(lines, 100) +
                "\"",
            change);
  return true;
}

}  // namespace pw::diff
