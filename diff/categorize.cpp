// The categoriser: the practices a text states, weighed by where their words
// stand (heading, main clause, subordinate clause, example). Cues per language
// in categorize_cues.cpp; the rules in diff/README.md ("Categories").
#include "diff/internal/categorize.h"

#include "diff/internal/calendar.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

#include "diff/internal/calendar.h"
#include "diff/internal/categorize_cues.h"
#include "diff/internal/classify.h"
#include "diff/internal/normalized_words.h"

namespace pw::diff {
namespace {

constexpr size_t kMaxWords = 3000;       // a longer text is judged by its first words
constexpr float kOwnHeading = 2.0f;      // the section's own heading
constexpr float kParentHeading = 0.5f;   // the headings above it
constexpr float kSubordinate = 0.5f;     // "if…", "when…", ", which…"
constexpr float kExample = 0.3f;         // "such as…", "(…)"
constexpr float kExampleSentence = 0.6f; // a sentence that starts "For example,"
constexpr float kRelative = 0.3f;        // an actor inside a relative: "the data we collect"
constexpr float kMinScore = 1.5f;        // a category needs this much
constexpr float kCloseToTop = 0.6f;      // a further category needs this share of the top
constexpr float kStrongCue = 1.5f;       // … and one cue at least this strong

// ---- Patterns ----

struct Slot {
  int gap = -1;                               // ~N: skip up to N words
  std::vector<std::vector<std::string>> alts; // else one of these word sequences
};

struct Pattern {
  const Cue* cue;
  std::vector<Slot> slots;
  bool actor = false;  // starts with @we, @you or @tp
};

struct Compiled {
  std::vector<Pattern> patterns;  // body cues, then heading cues
  size_t body_count = 0;
  // Patterns by a first word that can start them: exact words and prefixes.
  std::unordered_map<std::string, std::vector<uint32_t>> by_word, by_prefix;
};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    size_t at = s.find(sep);
    if (!s.substr(0, at).empty()) out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

std::vector<std::string> Words(std::string_view phrase) {
  std::vector<std::string> out;
  for (std::string_view w : Split(phrase, ' ')) out.emplace_back(w);
  return out;
}

void AddAlternative(std::string_view alt, const CueTable& t, Slot* slot) {
  if (alt.front() != '@') {
    slot->alts.push_back(Words(alt));
    return;
  }
  for (size_t i = 0; i < t.set_count; ++i) {
    if (t.sets[i].name != alt.substr(1)) continue;
    for (std::string_view phrase : Split(t.sets[i].phrases, '|')) slot->alts.push_back(Words(phrase));
  }
}

// "a b|c d" (no '~', no '@'): phrases. Otherwise slots separated by spaces,
// each '|'-separated single words or @sets, or a gap ~N.
Pattern Parse(const Cue& cue, const CueTable& t) {
  Pattern p{&cue, {}, false};
  std::string_view text = cue.pattern;
  if (text.find('~') == std::string_view::npos && text.find('@') == std::string_view::npos) {
    Slot s;
    for (std::string_view phrase : Split(text, '|')) s.alts.push_back(Words(phrase));
    p.slots.push_back(std::move(s));
    return p;
  }
  for (std::string_view token : Split(text, ' ')) {
    Slot s;
    if (token.front() == '~') {
      s.gap = std::stoi(std::string(token.substr(1)));
    } else {
      for (std::string_view alt : Split(token, '|')) AddAlternative(alt, t, &s);
    }
    p.slots.push_back(std::move(s));
  }
  std::string_view first = Split(text, ' ').front();
  p.actor = first == "@we" || first == "@you" || first == "@tp";
  return p;
}

void Index(Compiled* c) {
  for (uint32_t i = 0; i < c->patterns.size(); ++i) {
    for (const auto& alt : c->patterns[i].slots.front().alts) {
      const std::string& w = alt.front();
      auto& list = w.back() == '*' ? c->by_prefix[w.substr(0, w.size() - 1)] : c->by_word[w];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
}

const Compiled& CompiledFor(Language lang) {
  static const std::unique_ptr<Compiled>* all = [] {
    auto* out = new std::unique_ptr<Compiled>[3];
    const CueTable* tables[3] = {&EnglishCues(), &FrenchCues(), &GermanCues()};
    for (int k = 0; k < 3; ++k) {
      const CueTable& t = *tables[k];
      auto c = std::make_unique<Compiled>();
      for (size_t i = 0; i < t.body_count; ++i) c->patterns.push_back(Parse(t.body[i], t));
      c->body_count = c->patterns.size();
      for (size_t i = 0; i < t.heading_count; ++i) c->patterns.push_back(Parse(t.heading[i], t));
      Index(c.get());
      out[k] = std::move(c);
    }
    return out;
  }();
  return *all[static_cast<int>(lang)];
}

bool WordMatches(const std::string& pattern, const std::string& word) {
  if (pattern.back() == '*') return word.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == word;
}

// ---- Text as tokens ----

struct Token {
  std::string word;    // folded
  size_t begin, end;   // bytes of its whitespace-separated chunk in the text
  int sentence, clause;
  bool in_parens;
  float weight = 1;
};

bool IsAbbreviation(std::string_view chunk) {
  static const std::vector<std::string_view> kAbbrev = {
      "e.g.", "i.e.", "etc.", "inc.", "ltd.", "co.", "corp.", "z.b.", "bzw.", "d.h.", "u.a.",
      "ca.", "vs.", "no.", "nr.", "mr.", "mrs.", "dr.", "st.", "s.a.", "e.v.", "art.", "abs."};
  std::string lower;
  for (char c : chunk) {
    if (c != '(') lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (lower.size() == 2 && lower[1] == '.') return true;  // "A." of "U.S.A." or an initial
  return std::find(kAbbrev.begin(), kAbbrev.end(), lower) != kAbbrev.end();
}

bool IsApostrophe(std::string_view s, size_t i, size_t* len) {
  if (s[i] == '\'') {
    *len = 1;
    return true;
  }
  // U+2019 and U+2018 (E2 80 99 / E2 80 98), U+02BC (CA BC)
  if (i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
    *len = 3;
    return true;
  }
  if (i + 1 < s.size() && s[i] == '\xCA' && s[i + 1] == '\xBC') {
    *len = 2;
    return true;
  }
  return false;
}

// The words of `text` (markup stripped) with sentence, clause and parenthesis
// marks. Apostrophes split words ("l'enfant" is "l enfant").
std::vector<Token> Tokenize(const std::string& text) {
  std::string t = text;
  for (size_t i = 0, len = 0; i < t.size(); ++i) {
    if (IsApostrophe(t, i, &len)) std::fill(t.begin() + static_cast<long>(i), t.begin() + static_cast<long>(i + len), ' ');
  }
  NormalizeOptions no_mask;
  no_mask.mask_dates = false;
  std::vector<Token> out;
  int sentence = 0, clause = 0, parens = 0;
  bool sentence_break = false, clause_break = false;
  size_t i = 0;
  while (i < t.size() && out.size() < kMaxWords) {
    size_t b = i;
    while (b < t.size() && std::isspace(static_cast<unsigned char>(t[b]))) {
      if (t[b] == '\n') sentence_break = true;
      ++b;
    }
    if (b == t.size()) break;
    size_t e = b;
    while (e < t.size() && !std::isspace(static_cast<unsigned char>(t[e]))) ++e;
    i = e;
    std::string_view chunk(t.data() + b, e - b);
    if (sentence_break) {
      ++sentence;
      ++clause;
    } else if (clause_break) {
      ++clause;
    }
    sentence_break = clause_break = false;
    if (chunk.front() == '(' || chunk.front() == '[') {
      ++parens;
      ++clause;
    }
    for (std::string& w : NormalizedWords(chunk, no_mask)) {
      out.push_back({std::move(w), b, e, sentence, clause, parens > 0});
    }
    std::string_view tail = chunk;
    while (!tail.empty() && (tail.back() == '"' || tail.back() == '*' || tail.back() == '\'')) tail.remove_suffix(1);
    if (tail.empty()) continue;
    char last = tail.back();
    if (last == ')' || last == ']') {
      parens = std::max(0, parens - 1);
      clause_break = true;
      if (tail.size() > 1) last = tail[tail.size() - 2];
    }
    if (last == ',' || last == ';' || last == ':' || chunk == "-" || chunk == "\xE2\x80\x94" ||
        chunk == "\xE2\x80\x93") {
      clause_break = true;
    } else if ((last == '.' || last == '!' || last == '?') && !IsAbbreviation(tail) &&
               !(last == '.' && DayBeforeMonth(tail.substr(0, tail.size() - 1), t, e + 1))) {
      sentence_break = true;
    }
  }
  return out;
}

bool IsIn(const std::string& w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool Subordinator(Language lang, const std::string& w, bool first_clause) {
  switch (lang) {
    case Language::kEnglish:
      return IsIn(w, {"if", "when", "whenever", "where", "unless", "although", "though", "while",
                      "because", "since", "once", "whether", "as", "after", "before", "until"}) ||
             (!first_clause && IsIn(w, {"which", "who", "whom", "whose"}));
    case Language::kFrench:
      return IsIn(w, {"si", "lorsque", "lorsqu", "quand", "bien", "afin", "sauf", "puisque", "car"}) ||
             (!first_clause && IsIn(w, {"qui", "que", "qu", "dont", "où", "lesquels", "lesquelles"}));
    case Language::kGerman:
      return IsIn(w, {"wenn", "falls", "sofern", "soweit", "weil", "obwohl", "sobald", "nachdem"}) ||
             (!first_clause && IsIn(w, {"der", "die", "das", "dem", "den", "deren", "dessen", "welche",
                                        "welcher", "welches", "da"}));
  }
  return false;
}

// Words that start an example, as one or two words.
bool ExampleMarker(Language lang, const std::vector<Token>& tk, size_t i, size_t end) {
  const std::string& a = tk[i].word;
  const std::string& b = i + 1 < end ? tk[i + 1].word : std::string();
  switch (lang) {
    case Language::kEnglish:
      return (a == "such" && b == "as") || a == "including" || (a == "for" && (b == "example" || b == "instance")) ||
             (a == "e" && b == "g") || a == "eg";
    case Language::kFrench:
      return (IsIn(a, {"tel", "tels", "telle", "telles"}) && b == "que") || a == "notamment" ||
             (a == "par" && b == "exemple");
    case Language::kGerman:
      return (a == "z" && b == "b") || a == "zb" || (a == "zum" && b == "beispiel") ||
             a == "beispielsweise" || a == "insbesondere";
  }
  return false;
}

// Each token's weight: subordinate clauses, examples and parentheses weigh less.
void Weigh(Language lang, std::vector<Token>* tokens) {
  std::vector<Token>& tk = *tokens;
  size_t s = 0;
  while (s < tk.size()) {
    size_t e = s;
    while (e < tk.size() && tk[e].sentence == tk[s].sentence) ++e;
    float clause_w = 1, sentence_w = 1;
    bool example = false;
    for (size_t i = s; i < e; ++i) {
      if (i == s || tk[i].clause != tk[i - 1].clause) {
        clause_w = Subordinator(lang, tk[i].word, tk[i].clause == tk[s].clause) ? kSubordinate : 1;
      }
      if (!example && ExampleMarker(lang, tk, i, e)) {
        if (i == s) {
          sentence_w = kExampleSentence;
        } else {
          example = true;
        }
      }
      float w = std::min(clause_w, sentence_w);
      if (example || tk[i].in_parens) w = std::min(w, kExample);
      tk[i].weight = w;
    }
    s = e;
  }
}

// ---- Matching ----

// Matches slots[k..] at tokens[pos..end); the end of the match in *out.
bool MatchFrom(const std::vector<Slot>& slots, size_t k, const std::vector<Token>& tk, size_t pos,
               size_t end, size_t* out) {
  if (k == slots.size()) {
    *out = pos;
    return true;
  }
  const Slot& s = slots[k];
  if (s.gap >= 0) {
    for (int skip = 0; skip <= s.gap && pos + static_cast<size_t>(skip) <= end; ++skip) {
      if (MatchFrom(slots, k + 1, tk, pos + static_cast<size_t>(skip), end, out)) return true;
    }
    return false;
  }
  for (const auto& alt : s.alts) {
    if (pos + alt.size() > end) continue;
    bool ok = true;
    for (size_t j = 0; j < alt.size() && ok; ++j) ok = WordMatches(alt[j], tk[pos + j].word);
    if (ok && MatchFrom(slots, k + 1, tk, pos + alt.size(), end, out)) return true;
  }
  return false;
}

// The patterns whose first slot can match `word`.
void Candidates(const Compiled& c, const std::string& word, std::vector<uint32_t>* out) {
  out->clear();
  if (auto it = c.by_word.find(word); it != c.by_word.end()) out->insert(out->end(), it->second.begin(), it->second.end());
  std::string prefix;
  for (char ch : word) {
    prefix += ch;
    if (auto it = c.by_prefix.find(prefix); it != c.by_prefix.end()) {
      out->insert(out->end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

// "the information we collect", "how we use": the actor is inside a relative.
bool InRelative(const std::vector<Token>& tk, size_t i, size_t sentence_start) {
  auto noun = [](const std::string& w) {
    return IsIn(w, {"information", "data", "details", "info", "content", "everything", "anything",
                    "what", "how", "which", "whom", "cookies", "technologies", "données",
                    "informations", "comment", "daten", "informationen", "wie"});
  };
  if (i == sentence_start) return false;
  if (noun(tk[i - 1].word)) return true;
  return i >= sentence_start + 2 && IsIn(tk[i - 1].word, {"that", "que", "qu", "die"}) && noun(tk[i - 2].word);
}

struct Score {
  float total = 0;
  float best = 0;
  std::string phrase;
};

// The text of the hit's clause, or a window of words around it in a long clause.
std::string Phrase(const std::string& text, const std::vector<Token>& tk, size_t i, size_t j) {
  size_t b = i, e = j;
  while (b > 0 && tk[b - 1].clause == tk[i].clause) --b;
  while (e < tk.size() && tk[e].clause == tk[i].clause) ++e;
  if (tk[e - 1].end - tk[b].begin > 160) {
    b = std::max(b, i >= 6 ? i - 6 : 0);
    e = std::min(e, j + 6);
  }
  std::string_view raw(text.data() + tk[b].begin, tk[e - 1].end - tk[b].begin);
  while (!raw.empty() && std::string_view("([\"*").find(raw.front()) != std::string_view::npos) raw.remove_prefix(1);
  while (!raw.empty() && std::string_view(",;:.)]\"*").find(raw.back()) != std::string_view::npos) raw.remove_suffix(1);
  return Quote(raw, 200);
}

void Credit(std::string_view category, float score, const std::string& phrase,
            std::map<std::string_view, Score>* scores) {
  Score& s = (*scores)[category];
  s.total += score;
  if (score > s.best) {
    s.best = score;
    s.phrase = phrase;
  }
}

// Cues in the sentences of the text; per category and starting word only the
// strongest counts.
void ScoreBody(const Compiled& c, const std::string& text, const std::vector<Token>& tk,
               std::map<std::string_view, Score>* scores) {
  std::vector<uint32_t> cands;
  size_t s = 0;
  while (s < tk.size()) {
    size_t e = s;
    while (e < tk.size() && tk[e].sentence == tk[s].sentence) ++e;
    for (size_t i = s; i < e; ++i) {
      Candidates(c, tk[i].word, &cands);
      std::map<std::string_view, std::pair<float, size_t>> here;  // category -> score, end
      for (uint32_t pi : cands) {
        if (pi >= c.body_count) continue;
        const Pattern& p = c.patterns[pi];
        size_t end = 0;
        if (!MatchFrom(p.slots, 0, tk, i, e, &end)) continue;
        float w = p.cue->weight * (p.cue->audience ? 1.0f : tk[i].weight);
        if (p.actor && InRelative(tk, i, s)) w *= kRelative;
        auto& h = here[p.cue->category];
        if (w > h.first) h = {w, end};
      }
      for (const auto& [cat, h] : here) Credit(cat, h.first, Phrase(text, tk, i, h.second), scores);
    }
    s = e;
  }
}

// Cues in the headings: per category the strongest cue of each heading.
void ScoreHeadings(const Compiled& c, const std::vector<std::string>& path,
                   std::map<std::string_view, Score>* scores) {
  std::vector<uint32_t> cands;
  for (size_t k = 0; k < path.size(); ++k) {
    const float factor = k + 1 == path.size() ? kOwnHeading : kParentHeading;
    std::string heading = StripMarkup(path[k]);
    std::vector<Token> tk = Tokenize(heading);
    std::map<std::string_view, float> best;
    for (size_t i = 0; i < tk.size(); ++i) {
      Candidates(c, tk[i].word, &cands);
      for (uint32_t pi : cands) {
        size_t end = 0;
        if (!MatchFrom(c.patterns[pi].slots, 0, tk, i, tk.size(), &end)) continue;
        best[c.patterns[pi].cue->category] = std::max(best[c.patterns[pi].cue->category], c.patterns[pi].cue->weight);
      }
    }
    for (const auto& [cat, w] : best) Credit(cat, w * factor, Quote(heading, 200), scores);
  }
}

// The strongest category, and those close to it, at most kMaxCategories;
// "other" only alone (nothing else stated as strongly).
std::vector<CategoryEvidence> Choose(const std::map<std::string_view, Score>& scores) {
  std::vector<std::pair<std::string_view, const Score*>> ranked;
  const Score* other = nullptr;
  for (const auto& [cat, s] : scores) {
    if (cat == "other") {
      other = &s;
    } else if (s.total >= kMinScore) {
      ranked.push_back({cat, &s});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second->total > b.second->total; });
  std::vector<CategoryEvidence> out;
  if (other != nullptr && other->total >= kMinScore &&
      (ranked.empty() || other->total > ranked.front().second->total)) {
    return {{"other", other->phrase}};
  }
  for (const auto& [cat, s] : ranked) {
    if (out.size() == kMaxCategories) break;
    if (!out.empty() && (s->total < kCloseToTop * ranked.front().second->total || s->best < kStrongCue)) continue;
    out.push_back({std::string(cat), s->phrase});
  }
  if (out.empty() && other != nullptr) out.push_back({"other", other->phrase});
  return out;
}

}  // namespace

Language DetectLanguage(const std::vector<std::string>& words) {
  int en = 0, fr = 0, de = 0;
  for (const std::string& w : words) {
    en += IsIn(w, {"the", "and", "of", "to", "we", "you", "your", "is", "are", "with", "for", "this",
                   "that", "our", "not", "or", "by", "on", "be"});
    fr += IsIn(w, {"le", "la", "les", "des", "et", "nous", "vous", "vos", "votre", "est", "une", "du",
                   "pour", "avec", "dans", "que", "qui", "pas", "sur", "au", "aux"});
    de += IsIn(w, {"der", "die", "das", "und", "wir", "sie", "ihre", "ist", "nicht", "mit", "für",
                   "von", "zu", "den", "dem", "eine", "ein", "auf", "auch", "werden", "unsere", "oder"});
  }
  if (fr > en && fr >= de) return Language::kFrench;
  if (de > en && de > fr) return Language::kGerman;
  return Language::kEnglish;
}

std::vector<CategoryEvidence> Categorize(std::string_view text, const std::vector<std::string>& heading_path) {
  std::string stripped = StripMarkup(text);
  std::vector<Token> tokens = Tokenize(stripped);
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.push_back(t.word);
  for (const std::string& h : heading_path) {
    for (std::string& w : NormalizedWords(h)) words.push_back(std::move(w));
  }
  const Language lang = DetectLanguage(words);
  Weigh(lang, &tokens);
  const Compiled& c = CompiledFor(lang);
  std::map<std::string_view, Score> scores;
  ScoreBody(c, stripped, tokens, &scores);
  ScoreHeadings(c, heading_path, &scores);
  return Choose(scores);
}

void SetCategories(const std::vector<CategoryEvidence>& evidence, SectionChange* change) {
  change->categories.clear();
  change->category_evidence.clear();
  for (const CategoryEvidence& e : evidence) {
    change->categories.push_back(e.category);
    change->category_evidence.push_back(e);
  }
  if (change->categories.empty()) AddCategory("other", change);
}

void ChangedText::Add(std::string_view body, std::string_view sentence) {
  size_t b = static_cast<size_t>(sentence.data() - body.data());
  size_t e = b + sentence.size();
  // Old and new sentences come in turns: merge with the last run of the same body.
  for (auto r = runs_.rbegin(); r != runs_.rend(); ++r) {
    if (r->body.data() != body.data()) continue;
    if (b > r->end || e < r->begin) break;
    r->begin = std::min(r->begin, b);
    r->end = std::max(r->end, e);
    return;
  }
  runs_.push_back({body, b, e});
}

std::string ChangedText::Text() const {
  std::string out;
  for (const Run& r : runs_) {
    if (!out.empty()) out += "\n\n";
    out += r.body.substr(r.begin, r.end - r.begin);
  }
  return out;
}

}  // namespace pw::diff
