// The severity walk: a modified section hunk by hunk (rules in classify_*.cpp),
// an added or removed section, a heading change.
#include "diff/internal/classify.h"

#include <algorithm>

#include "diff/internal/categorize.h"
#include "diff/internal/classify_rules.h"
#include "diff/internal/lexicon.h"
#include "diff/internal/normalized_words.h"

namespace pw::diff {
namespace {

using Op = Segment::Op;

constexpr size_t kMaxHunks = 200;  // more changed places: a rewrite, judged whole

std::string Concat(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

// The words changed by a single split or join ("handlesPersonal"): equal once
// word breaks are ignored.
bool SameWordsIgnoringBreaks(const std::vector<std::string>& a,
                             const std::vector<std::string>& b) {
  return a == b || Concat(a) == Concat(b);
}

void CountChangedWords(SectionChange* change) {
  for (const Segment& s : change->diff) {
    if (s.op == Op::kInsert) change->words_added += CountWords(s.text);
    if (s.op == Op::kDelete) change->words_removed += CountWords(s.text);
  }
}

// The whole body equal under the cosmetic normalisation: only dates,
// formatting changed, or link targets (each named).
void JudgeCosmeticBody(const SectionView& section, SectionChange* change) {
  Raise(Severity::kCosmetic, change);
  NormalizeOptions no_mask;
  no_mask.mask_dates = false;
  bool dates = NormalizedWords(section.old_body, no_mask) != NormalizedWords(section.new_body, no_mask);
  bool explained = false;
  for (const Hunk& h : FindHunks(change->diff)) {
    if (dates && NormalizedWords(h.del, no_mask) != NormalizedWords(h.ins, no_mask)) {
      AddReason("date stamp changed: " + Arrow(h), change);
      explained = true;
    } else if (ExplainedAsLinkChange(h, section, change)) {
      explained = true;
    }
  }
  if (!explained) AddReason("formatting only (whitespace, markup, quotes, case or punctuation)", change);
}

// Rewritten rather than edited: judge the new text as a whole.
void JudgeRewrite(size_t hunk_count, std::string_view new_body, SectionChange* change) {
  Raise(Severity::kMaterial, change);
  AddReason("section rewritten: " + std::to_string(change->words_removed) + " words removed, " +
                std::to_string(change->words_added) + " added in " + std::to_string(hunk_count) +
                " places",
            change);
  SetCategories(Categorize(new_body, change->path), change);
}

// What a material rule sees of one hunk: the hunk, its words, the sentences
// around it, the section, and whether it holds contact details.
struct HunkFacts {
  const Hunk& h;
  const HunkWords& w;
  const SentencePair& pair;
  const SectionView& section;
  bool contact_details;  // HasContactDetails(h)
};

// One material rule (classify_meaning/parties/extent.cpp): true when it found a
// material change, its reason and categories added.
struct MaterialRule {
  bool (*found)(const HunkFacts&, SectionChange*);
  bool runs_after_a_finding;   // also when an earlier rule found one (reasons add up)
  bool skips_contact_details;  // not for a hunk with an email address or a link
};

// The material rules in the order the classifier walks them.
constexpr MaterialRule kMaterialRules[] = {
    {[](const HunkFacts& f, SectionChange* c) { return NegationOrModalChanged(f.h, f.pair, c); },
     true, false},
    {[](const HunkFacts& f, SectionChange* c) { return QuantityChanged(f.pair, c); }, true, false},
    {[](const HunkFacts& f, SectionChange* c) { return MaterialTermChanged(f.h, f.pair, c); },
     true, false},
    {[](const HunkFacts& f, SectionChange* c) { return NamedPartyAdded(f.h, f.pair, c); },
     true, false},
    {[](const HunkFacts& f, SectionChange* c) { return ContractingEntityChanged(f.h, f.w, c); },
     false, false},
    {[](const HunkFacts& f, SectionChange* c) { return JurisdictionChanged(f.h, f.pair, c); },
     false, false},
    {[](const HunkFacts& f, SectionChange* c) { return ScopeChanged(f.h, f.w, f.pair, c); },
     false, true},
    {[](const HunkFacts& f, SectionChange* c) { return ItemAddedOrRemoved(f.h, f.w, f.section, c); },
     false, true},
    {[](const HunkFacts& f, SectionChange* c) { return ShortListItemChanged(f.h, f.w, f.section, c); },
     false, true},
    {[](const HunkFacts& f, SectionChange* c) { return LongTextChanged(f.h, f.w, f.section.doc, c); },
     false, false},
};

// Walks the material rules; a rule not marked runs_after_a_finding runs only
// while no earlier rule found a material change.
bool FindMaterialChange(const Hunk& h, const HunkWords& w, const SentencePair& pair,
                        const SectionView& section, SectionChange* change) {
  const HunkFacts facts{h, w, pair, section, HasContactDetails(h)};
  bool material = false;
  for (const MaterialRule& rule : kMaterialRules) {
    if (material && !rule.runs_after_a_finding) continue;
    if (rule.skips_contact_details && facts.contact_details) continue;
    material = rule.found(facts, change) || material;
  }
  return material;
}

// Judges one hunk: cosmetic, a benign explanation, else material or minor by
// comparing the sentences around it. `pair` holds the previous hunk's sentences.
void ClassifyHunk(const Hunk& h, const SectionView& section, SentencePair* pair,
                  SectionChange* change) {
  if (ExplainedAsLinkChange(h, section, change)) return;
  HunkWords w{NormalizedWords(h.del), NormalizedWords(h.ins)};
  if (SameWordsIgnoringBreaks(w.del, w.ins)) {
    Raise(Severity::kCosmetic, change);  // e.g. "handlesPersonal" -> "handles Personal"
    return;
  }
  if (ExplainedAsBenign(h, w, section.doc, change) || ExplainedAsFurniture(h, w, section, change)) return;
  auto [old_sentence, new_sentence] = SentencesAround(h, section.old_body, section.new_body);
  pair->Load(old_sentence, new_sentence);
  if (pair->old_words == pair->new_words) {
    // The same words once links are set aside: "September 1, 2021" ->
    // "September 1st, 2021" (cosmetic), or an address added or changed (minor).
    if (NormalizedWords(pair->old_sentence) == NormalizedWords(pair->new_sentence)) {
      Raise(Severity::kCosmetic, change);
    } else {
      Raise(Severity::kMinor, change);
      AddReason("link changed: " + Arrow(h), change);
    }
    return;
  }
  if (ExplainedAsCopyrightYears(h, *pair, change)) return;
  if (FindMaterialChange(h, w, *pair, section, change)) {
    Raise(Severity::kMaterial, change);
  } else {
    Raise(Severity::kMinor, change);
    AddReason("wording changed: " + Arrow(h), change);
  }
}

// Judges the hunks; the sentences around them, the text the categories are
// drawn from, go to `changed`.
void ClassifyHunks(const std::vector<Hunk>& hunks, const SectionView& section, SectionChange* change,
                   ChangedText* changed) {
  SentencePair pair;  // the sentences of the previous hunk, often shared
  for (const Hunk& h : hunks) {
    changed->Add(section.old_body, Sentence(section.old_body, h.old_begin, h.old_end));
    changed->Add(section.new_body, Sentence(section.new_body, h.new_begin, h.new_end));
    // Material with its reasons: nothing left to raise, no room for reasons.
    if (change->severity == Severity::kMaterial && change->reasons.size() > kMaxReasons) continue;
    ClassifyHunk(h, section, &pair, change);
  }
}

}  // namespace

bool SectionView::AboutPractice(bool in_new) const {
  int& p = practice_[in_new ? 1 : 0];
  if (p < 0) {
    auto hits = FindLexiconTerms(in_new ? new_norm : old_norm);
    p = std::any_of(hits.begin(), hits.end(), [](const LexiconHit& x) { return x.material; }) ? 1 : 0;
  }
  return p == 1;
}

void ClassifyModified(std::string_view old_body, std::string_view new_body,
                      const DocumentContext& doc, SectionChange* change,
                      const std::vector<std::string>* old_normalized,
                      const std::vector<std::string>* new_normalized) {
  CountChangedWords(change);
  if (old_body == new_body) return;
  std::vector<std::string> old_own, new_own;
  if (old_normalized == nullptr) old_own = NormalizedWords(old_body);
  if (new_normalized == nullptr) new_own = NormalizedWords(new_body);
  const std::vector<std::string>& old_norm = old_normalized ? *old_normalized : old_own;
  const std::vector<std::string>& new_norm = new_normalized ? *new_normalized : new_own;
  const SectionView section(old_body, new_body, old_norm, new_norm, doc);
  if (SameWordsIgnoringBreaks(old_norm, new_norm)) {
    JudgeCosmeticBody(section, change);
    return;
  }
  std::vector<Hunk> hunks = FindHunks(change->diff);
  if (hunks.size() > kMaxHunks) {
    JudgeRewrite(hunks.size(), new_body, change);
    return;
  }
  ChangedText changed;
  ClassifyHunks(hunks, section, change, &changed);
  if (change->severity >= Severity::kMinor) SetCategories(Categorize(changed.Text(), change->path), change);
}

void ClassifyAddedOrRemoved(bool added, std::string_view heading, std::string_view body,
                            const DocumentContext& doc, SectionChange* change,
                            const std::vector<std::string>* normalized) {
  int words = CountWords(body);
  (added ? change->words_added : change->words_removed) = words;
  std::vector<std::string> own;
  if (normalized == nullptr) own = NormalizedWords(body);
  const std::vector<std::string>& norm = normalized ? *normalized : own;
  std::string what = std::string(added ? "section added" : "section removed") + ": \"" +
                     Quote(heading.empty() ? std::string_view("(untitled)") : heading, 80) +
                     "\" (" + std::to_string(words) + " words)";
  std::vector<LexiconHit> hits = FindLexiconTerms(norm);
  SetCategories(Categorize(body, change->path), change);
  bool has_material_term =
      std::any_of(hits.begin(), hits.end(), [](const LexiconHit& h) { return h.material; });
  double found = added ? doc.FoundInOld(body) : doc.FoundInNew(body);
  if (norm.empty()) {
    change->severity = Severity::kCosmetic;
    change->reasons.push_back(what + ", no text");
  } else if (norm.size() >= 6 && found >= 0.8 &&
             (1.0 - found) * static_cast<double>(norm.size() - 2) < 15.0) {
    change->severity = Severity::kMinor;
    change->reasons.push_back(what + "; its text was " +
                              (added ? "already in the document elsewhere" : "kept elsewhere"));
  } else if (LooksLikeUpdateNotice(norm) && words < 80) {
    change->severity = Severity::kMinor;
    AddCategory("policy-change", change, Quote(body, 100));
    change->reasons.push_back(what + "; an update notice");
  } else if (LooksLikeFurniture(heading, body)) {
    change->severity = Severity::kMinor;
    change->reasons.push_back(what + "; page furniture (links or short labels, no sentence)");
  } else if (words >= kRealContentWords || has_material_term) {
    change->severity = Severity::kMaterial;
    change->reasons.push_back(what);
  } else {
    change->severity = Severity::kMinor;
    change->reasons.push_back(what + "; little text, no data practice or obligation");
  }
  if (change->categories.empty()) AddCategory("other", change);
}

void ClassifyHeadingChange(std::string_view old_heading, std::string_view new_heading,
                           SectionChange* change) {
  if (old_heading == new_heading) return;
  std::string arrow = "\"" + Quote(old_heading, 80) + "\" -> \"" + Quote(new_heading, 80) + "\"";
  if (NormalizedWords(old_heading) == NormalizedWords(new_heading)) {
    Raise(Severity::kCosmetic, change);
    AddReason("heading formatting changed: " + arrow, change);
    return;
  }
  NormalizeOptions strip;
  strip.strip_enumerators = true;
  Raise(Severity::kMinor, change);
  if (NormalizedWords(old_heading, strip) == NormalizedWords(new_heading, strip)) {
    AddReason("heading renumbered: " + arrow, change);
  } else {
    AddReason("heading renamed: " + arrow, change);
  }
  if (change->categories.empty()) AddCategory("other", change);
}

}  // namespace pw::diff
