// Material hunk rules about who is named: a new party in a sentence about
// sharing, the contracting entity, the place of governing law or of a forum.
#include <algorithm>
#include <cctype>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"
#include "diff/internal/word_diff.h"

namespace pw::diff {
namespace {

// Words starting with a capital letter in `text`, not at a sentence start: names.
std::vector<std::string> CapitalisedWords(std::string_view text, bool first_is_start) {
  std::vector<std::string> out;
  bool start = first_is_start;
  for (std::string_view t : Tokenize(text)) {
    if (IsWordToken(t)) {
      unsigned char c = static_cast<unsigned char>(t[0]);
      if (!start && c >= 'A' && c <= 'Z') {
        size_t e = t.size();
        while (e > 0 && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
        out.emplace_back(t.substr(0, e));
      }
      start = false;
    } else if (t[0] == '.' || t[0] == '!' || t[0] == '?' || t[0] == '\n' || t[0] == ':') {
      start = true;
    }
  }
  return out;
}

// True if text after `before` starts a sentence: `before` is empty or ends
// (spaces aside) with a sentence end or a line break.
bool AtSentenceStart(std::string_view before) {
  size_t e = before.find_last_not_of(" \t");
  if (e == std::string_view::npos) return true;
  char c = before[e];
  return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':';
}

bool IsEntitySuffix(std::string_view w) {
  static const std::vector<std::string_view> kSuffixes = {
      "inc", "llc", "ltd", "limited", "gmbh", "pbc", "corp", "corporation", "plc", "ag",
      "bv", "sarl", "sàrl", "ulc", "llp", "lp", "pte", "pty", "kk", "srl", "spa", "nv"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

// Capitalised words that name the documents' own defined terms, not places.
bool IsDefinedTermWord(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "terms", "term", "agreement", "agreements", "service", "services", "policy", "policies",
      "conditions", "platform", "site", "sites", "website", "websites", "content", "user",
      "users", "account", "accounts", "section", "sections", "product", "products", "privacy",
      "statement", "notice", "app", "apps", "software", "you", "we", "us", "our", "your",
      "party", "parties", "company", "dispute", "disputes", "claim", "claims", "rules",
      "conditions", "bedingungen", "nutzungsbedingungen", "conditions", "contrat", "services"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// A capitalised word of `changed` that is not in `other_sentence` and follows a
// place preposition ("of", "in", "de", "von"...), possibly over "the" and other
// capitalised words: "laws of [the State of New] York". Empty if none.
std::string PlaceName(const std::string& before, const std::string& changed,
                      const std::vector<std::string>& other_sentence) {
  static const std::vector<std::string_view> kPrepositions = {
      "of", "in", "de", "du", "des", "en", "à", "von", "in", "nach", "der"};
  std::vector<std::string_view> words;
  for (std::string_view t : Tokenize(before)) {
    if (IsWordToken(t)) words.push_back(t);
  }
  size_t first_changed = words.size();
  for (std::string_view t : Tokenize(changed)) {
    if (IsWordToken(t)) words.push_back(t);
  }
  auto core = [](std::string_view t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    return t;
  };
  auto capital = [](std::string_view t) {
    auto c = static_cast<unsigned char>(t[0]);
    return (c >= 'A' && c <= 'Z') || c >= 0xC0;
  };
  for (size_t i = first_changed; i < words.size(); ++i) {
    std::string_view w = core(words[i]);
    if (!capital(w)) continue;
    std::string folded = FoldWord(w);
    if (IsNegationOrModal(folded) || IsDefinedTermWord(folded) || IsMonthWord(folded) ||
        std::find(other_sentence.begin(), other_sentence.end(), folded) != other_sentence.end()) {
      continue;
    }
    size_t k = i;
    while (k > 0 && (capital(core(words[k - 1])) || FoldWord(core(words[k - 1])) == "the" ||
                     FoldWord(core(words[k - 1])) == "and")) {
      --k;
    }
    if (k == 0) continue;
    std::string prep = FoldWord(core(words[k - 1]));
    if (std::find(kPrepositions.begin(), kPrepositions.end(), prep) != kPrepositions.end()) {
      return std::string(w);
    }
  }
  return std::string();
}

// Words that make a run of capitalised words a street address, not a party.
bool IsStreetWord(std::string_view folded) {
  static const std::vector<std::string_view> kWords = {
      "rue", "avenue", "ave", "street", "st", "road", "rd", "boulevard", "blvd", "lane", "drive",
      "suite", "floor", "straße", "strasse", "str", "weg", "allee", "platz", "gasse", "chemin",
      "allée", "quai", "impasse", "via", "calle", "plaza", "building", "postbox", "bp", "cedex"};
  return std::find(kWords.begin(), kWords.end(), folded) != kWords.end();
}

// True if the capitalised word `name` of `sentence` stands in a street
// address: a street word or a house number within the run of capitalised and
// linking words around it ("100 N. Main St. Suite 4", "12 rue des Lilas").
bool InStreetAddress(std::string_view sentence, std::string_view name) {
  std::vector<std::string> words;
  for (std::string_view t : Tokenize(sentence)) {
    if (IsWordToken(t)) words.push_back(FoldWord(t.substr(0, t.find_first_of(" \t\n"))));
  }
  std::string folded = FoldWord(name);
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] != folded) continue;
    size_t b = i > 3 ? i - 3 : 0, e = std::min(words.size(), i + 4);
    for (size_t k = b; k < e; ++k) {
      bool number = !words[k].empty() && words[k][0] >= '0' && words[k][0] <= '9';
      if (IsStreetWord(words[k]) || (number && k < i)) return true;
    }
  }
  return false;
}

// True if `folded` is in `words` up to a plural ending ("BCRs" -> "BCR").
bool InWordsUpToPlural(const std::string& folded, const std::vector<std::string>& words) {
  auto has = [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); };
  if (has(folded) || has(folded + "s") || has(folded + "es")) return true;
  return (folded.size() > 2 && folded.back() == 's' && has(folded.substr(0, folded.size() - 1)));
}

bool AboutSharing(const SentencePair& pair) {
  return std::any_of(pair.new_hits.begin(), pair.new_hits.end(),
                     [](const LexiconHit& hit) { return hit.category == "third-party-sharing"; });
}

bool AboutJurisdiction(const SentencePair& pair) {
  auto law = [](const LexiconHit& hit) {
    return hit.category == "governing-law" || hit.category == "arbitration";
  };
  return std::any_of(pair.old_hits.begin(), pair.old_hits.end(), law) ||
         std::any_of(pair.new_hits.begin(), pair.new_hits.end(), law);
}

// True if `text` has a legal-entity suffix ("Inc.", "LLC", "GmbH"...).
bool HasEntitySuffix(const std::string& text) {
  auto w = NormalizedWords(text);
  return std::any_of(w.begin(), w.end(), [](const std::string& x) { return IsEntitySuffix(x); });
}

}  // namespace

bool NamedPartyAdded(const Hunk& h, const SentencePair& pair, SectionChange* change) {
  if (!AboutSharing(pair)) return false;
  for (const std::string& name : CapitalisedWords(WithoutLinks(h.ins), AtSentenceStart(h.before))) {
    std::vector<std::string> folded = {FoldWord(name)};
    if (!FindLexiconTerms(folded).empty() || IsNegationOrModal(folded[0]) || IsMonthWord(folded[0]) ||
        IsDefinedTermWord(folded[0])) {
      continue;
    }
    if (InWordsUpToPlural(folded[0], pair.old_words) || InStreetAddress(pair.new_sentence, name)) continue;
    AddReason("new named party in a sharing context: \"" + name + "\" in \"" +
                  Quote(pair.new_sentence, 100) + "\"",
              change);
    return true;
  }
  return false;
}

// The suffix must be in the changed words or right after them.
bool ContractingEntityChanged(const Hunk& h, const HunkWords& w, SectionChange* change) {
  if (w.del.size() > 4 || w.ins.size() > 4 || !HasEntitySuffix(h.del + " " + h.after) ||
      !HasEntitySuffix(h.ins + " " + h.after)) {
    return false;
  }
  AddReason("contracting entity changed: " + Arrow(h), change);
  return true;
}

// "the laws of England" -> "the laws of Ireland", in a sentence about governing
// law, courts or arbitration.
bool JurisdictionChanged(const Hunk& h, const SentencePair& pair, SectionChange* change) {
  if (!AboutJurisdiction(pair)) return false;
  std::string added = PlaceName(h.before, h.ins, pair.old_words);
  std::string removed = PlaceName(h.before, h.del, pair.new_words);
  if (added.empty() && removed.empty()) return false;
  AddReason("named jurisdiction or forum changed: " + Arrow(h), change);
  return true;
}

}  // namespace pw::diff
