#include "diff/internal/effective.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "diff/internal/calendar.h"
#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"

namespace pw::diff {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;
using Words = std::vector<std::string>;

// How far from its cue a sentence's date may stand, in words.
constexpr size_t kCueReach = 12;
// A "last updated" date this far after the check is a typo or a trick.
constexpr std::chrono::days kFarFuture{30};

// A sentence of the new or old version, with where it stands.
struct CueSentence {
  std::string text;  // as written, trimmed
  Words words;       // normalised, dates not masked
  const extract::Section* section = nullptr;
};

// True when the cue word at words[i] says "takes effect": "effective", "take(s)
// effect", "come into force", "en vigueur", "prend effet", "in Kraft (treten)",
// "gültig ab", "gilt ab", "wirksam".
bool EffectiveCue(const Words& w, size_t i) {
  const std::string& x = w[i];
  const std::string_view before = i > 0 ? std::string_view(w[i - 1]) : std::string_view();
  const std::string_view after = i + 1 < w.size() ? std::string_view(w[i + 1]) : std::string_view();
  if (x == "effective" || x == "vigueur" || x == "wirksam" || x == "gültig") return true;
  if (x == "effect" || x == "force") {
    return before == "take" || before == "takes" || before == "taking" || before == "into" ||
           before == "took";
  }
  if (x == "effet") return before.starts_with("prend") || before == "prennent";
  if (x == "kraft") return before == "in";
  return x == "gilt" && after == "ab";
}

// True when words[i] says "last updated": "updated", "revised", "last
// modified", "mis(e) à jour", "aktualisiert", "Stand", "zuletzt geändert".
bool UpdatedCue(const Words& w, size_t i) {
  const std::string& x = w[i];
  if (x == "updated" || x == "revised" || x == "aktualisiert" || x == "aktualisierung" ||
      x == "geändert") {
    return true;
  }
  if (x == "modified" || x == "update" || x == "revision") {
    return i > 0 && (w[i - 1] == "last" || w[i - 1] == "of");
  }
  if (x == "jour") return i > 1 && w[i - 1] == "à" && (w[i - 2] == "mis" || w[i - 2] == "mise");
  return x == "stand" && i == 0;
}

// The date nearest after the cue at words[i] (else before it), within reach.
std::optional<year_month_day> DateNear(const Words& w, size_t cue) {
  for (size_t k = cue + 1; k < w.size() && k <= cue + kCueReach; ++k) {
    if (auto d = ReadDate(w, k)) return d->date;
  }
  const size_t first = cue > kCueReach ? cue - kCueReach : 0;
  for (size_t k = first; k < cue; ++k) {
    if (auto d = ReadDate(w, k)) return d->date;
  }
  return std::nullopt;
}

// "30 days after", "30 jours après", "30 Tage nach" following the cue.
std::optional<int> PeriodAfter(const Words& w, size_t cue) {
  for (size_t k = cue + 1; k < w.size() && k <= cue + kCueReach; ++k) {
    auto p = ReadPeriod(w, k);
    if (!p) continue;
    const size_t next = k + p->length;
    if (next < w.size() && (w[next] == "after" || w[next] == "from" || w[next] == "following" ||
                            w[next] == "après" || w[next] == "nach")) {
      return p->days;
    }
  }
  return std::nullopt;
}

template <typename Cue>
std::optional<size_t> FindCue(const Words& w, Cue cue) {
  for (size_t i = 0; i < w.size(); ++i) {
    if (cue(w, i)) return i;
  }
  return std::nullopt;
}

// Cheap test before a sentence is normalised: might it hold a cue?
bool MayHoldCue(std::string_view text) {
  static constexpr std::string_view kStems[] = {
      "ffect", "orce", "igueur", "ffet", "raft", "ültig", "gilt", "irksam",
      "pdate", "evis", "odifi", "jour", "ktualis", "tand", "eändert"};
  return std::any_of(std::begin(kStems), std::end(kStems),
                     [&](std::string_view s) { return text.find(s) != std::string_view::npos; });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// The sentences of `text` that may hold a cue, normalised.
void AddSentences(std::string_view text, const extract::Section* section,
                  std::vector<CueSentence>* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const std::string_view s = Sentence(text, pos, pos);
    const size_t end = static_cast<size_t>(s.data() - text.data()) + s.size();
    const std::string_view trimmed = Trim(s);
    if (!trimmed.empty() && MayHoldCue(trimmed)) {
      out->push_back({std::string(trimmed), NormalizedWords(trimmed, {.mask_dates = false}),
                      section});
    }
    pos = std::max(end, pos + 1);
  }
}

// The heading paths of the changed sections on one side: `to` (every change but
// a removal, at its path) or `from` (every change but an addition, at old_path).
std::set<std::vector<std::string>> ChangedPaths(const Changeset& cs, bool to) {
  std::set<std::vector<std::string>> out;
  for (const auto& change : cs.sections) {
    if (change.status == (to ? "removed" : "added")) continue;
    out.insert(to || change.old_path.empty() ? change.path : change.old_path);
  }
  return out;
}

// The cue sentences of the title and of the changed sections: a notice or a
// "last updated" date that changed is in one of them, and an unchanged section
// has nothing to say about this change.
// With `changed` null, every section's.
std::vector<CueSentence> CueSentences(const extract::Document& doc,
                                      const std::set<std::vector<std::string>>* changed) {
  std::vector<CueSentence> out;
  AddSentences(doc.title, nullptr, &out);
  for (const auto& section : doc.sections) {
    if (changed != nullptr && !changed->count(section.path)) continue;
    AddSentences(section.heading, &section, &out);
    for (const auto& block : section.blocks) AddSentences(block.text, &section, &out);
  }
  return out;
}

// Whether `sentence` is written in `doc` already (a notice moved with its
// section, not a new one). Canonical text is whitespace-normalised.
bool WrittenIn(const extract::Document& doc, std::string_view sentence) {
  if (doc.title.find(sentence) != std::string::npos) return true;
  for (const auto& section : doc.sections) {
    if (section.heading.find(sentence) != std::string::npos) return true;
    for (const auto& block : section.blocks) {
      if (block.text.find(sentence) != std::string::npos) return true;
    }
  }
  return false;
}

// The first "last updated" date and the sentence that states it.
struct Stamp {
  year_month_day date;
  const CueSentence* sentence = nullptr;
};
std::optional<Stamp> UpdatedStamp(const std::vector<CueSentence>& sentences) {
  for (const auto& s : sentences) {
    if (auto cue = FindCue(s.words, UpdatedCue)) {
      if (auto d = DateNear(s.words, *cue)) return Stamp{*d, &s};
    }
  }
  return std::nullopt;
}

// The first new sentence of `to` that says when it takes effect. A period counts
// from `stamp`, else from the "last updated" date of an unchanged section of `to`.
void FindNotice(const extract::Document& from, const extract::Document& to,
                const std::vector<CueSentence>& olds, const std::vector<CueSentence>& news,
                std::optional<Stamp> stamp, Changeset* cs) {
  std::set<Words> old_sentences;
  for (const auto& s : olds) old_sentences.insert(s.words);
  for (const auto& s : news) {
    const auto cue = FindCue(s.words, EffectiveCue);
    if (!cue || old_sentences.count(s.words) || WrittenIn(from, s.text)) continue;
    if (auto d = DateNear(s.words, *cue)) {
      cs->effective_date = IsoDate(*d);
    } else if (auto days = PeriodAfter(s.words, *cue)) {
      std::vector<CueSentence> everywhere;
      if (!stamp) {
        everywhere = CueSentences(to, nullptr);
        stamp = UpdatedStamp(everywhere);
      }
      if (stamp) cs->effective_date = IsoDate(sys_days(stamp->date) + std::chrono::days(*days));
    } else {
      continue;
    }
    cs->notice_text = s.text;
    return;
  }
}

SectionChange* ChangeOf(const extract::Section* section, Changeset* cs) {
  if (section == nullptr) return nullptr;
  for (auto& change : cs->sections) {
    if (change.status != "removed" && change.path == section->path) return &change;
  }
  return nullptr;
}

void Flag(SectionChange* change, std::string reason, Changeset* cs) {
  change->severity = std::max(change->severity, Severity::kMinor);
  change->reasons.insert(change->reasons.begin(), std::move(reason));
  cs->severity = std::max(cs->severity, change->severity);
}

// The reasons for a "last updated" date that moved backwards or far ahead.
void CheckStamps(const std::optional<Stamp>& old_stamp, const std::optional<Stamp>& new_stamp,
                 sys_days today, Changeset* cs) {
  if (!new_stamp) return;
  SectionChange* change = ChangeOf(new_stamp->sentence->section, cs);
  if (change == nullptr) return;
  const std::string date = IsoDate(new_stamp->date);
  if (old_stamp && sys_days(new_stamp->date) < sys_days(old_stamp->date)) {
    Flag(change, "\"last updated\" date moved backwards: \"" + IsoDate(old_stamp->date) +
                     "\" -> \"" + date + "\"", cs);
  } else if ((!old_stamp || old_stamp->date != new_stamp->date) &&
             sys_days(new_stamp->date) > today + kFarFuture) {
    Flag(change, "\"last updated\" date is far in the future: \"" + date + "\" (compared on " +
                     IsoDate(year_month_day(today)) + ")", cs);
  }
}

}  // namespace

void AddEffectiveDate(const extract::Document& from, const extract::Document& to,
                      sys_days today, Changeset* cs) {
  const auto old_paths = ChangedPaths(*cs, false), new_paths = ChangedPaths(*cs, true);
  const std::vector<CueSentence> olds = CueSentences(from, &old_paths);
  const std::vector<CueSentence> news = CueSentences(to, &new_paths);
  const std::optional<Stamp> new_stamp = UpdatedStamp(news);
  FindNotice(from, to, olds, news, new_stamp, cs);
  CheckStamps(UpdatedStamp(olds), new_stamp, today, cs);
}

}  // namespace pw::diff
