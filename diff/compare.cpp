// Compare(): section alignment, then classification of each change.
#include <algorithm>
#include <unordered_map>

#include "diff/internal/classify.h"
#include "diff/diff.h"
#include "diff/internal/effective.h"
#include "diff/internal/reason_rank.h"
#include "diff/internal/normalized_words.h"
#include "diff/internal/word_diff.h"
#include "extract/canonical.h"

namespace pw::diff {
namespace {

constexpr double kSimilarEnough = 0.5;  // share of the smaller section's shingles
constexpr size_t kMaxPostings = 16;     // shingles shared by more sections are ignored

struct Prepared {
  const extract::Section* section;
  std::string_view body;              // blocks joined by "\n": the one block's text,
  std::string joined;                 // or `joined` (set once the vector is built)
  std::string path_key, heading_key;  // normalised, without enumerators
  mutable std::vector<std::string> words;  // normalised body words, see Words()
  mutable bool has_words = false;
  mutable std::vector<std::string> heading_words;  // see HeadingWords()
  mutable bool has_heading_words = false;
  const std::vector<std::string>& Words() const {
    if (!has_words) {
      words = NormalizedWords(body);
      has_words = true;
    }
    return words;
  }
  const std::vector<std::string>& HeadingWords() const {
    if (!has_heading_words) {
      heading_words = NormalizedWords(section->heading);
      has_heading_words = true;
    }
    return heading_words;
  }
};

std::string Key(std::string_view text) {
  NormalizeOptions opt;
  opt.strip_enumerators = true;
  std::string key;
  for (const std::string& w : NormalizedWords(text, opt)) key += w + " ";
  return key;
}

std::vector<Prepared> Prepare(const extract::Document& doc) {
  std::vector<Prepared> out;
  out.reserve(doc.sections.size());
  std::unordered_map<std::string_view, std::string> keys;  // heading -> Key()
  auto key = [&](const std::string& heading) -> const std::string& {
    auto [it, inserted] = keys.try_emplace(heading);
    if (inserted) it->second = Key(heading);
    return it->second;
  };
  for (const extract::Section& s : doc.sections) {
    Prepared p{&s, {}, {}, "", key(s.heading), {}, false, {}, false};
    if (s.blocks.size() > 1) {
      size_t size = s.blocks.size();
      for (const extract::Block& b : s.blocks) size += b.text.size();
      p.joined.reserve(size);
      for (size_t i = 0; i < s.blocks.size(); ++i) {
        if (i > 0) p.joined += '\n';
        p.joined += s.blocks[i].text;
      }
    }
    for (const std::string& h : s.path) p.path_key += key(h) + "/";
    out.push_back(std::move(p));
  }
  // Views only now that the Prepared are in place (a move could relocate a
  // short string's characters).
  for (Prepared& p : out) {
    const auto& blocks = p.section->blocks;
    p.body = blocks.size() == 1 ? std::string_view(blocks[0].text) : std::string_view(p.joined);
  }
  return out;
}

// Matches unmatched new sections to unmatched old ones with the same key, in order.
void MatchByKey(const std::vector<Prepared>& olds, const std::vector<Prepared>& news,
                std::string Prepared::*key, std::vector<int>* old_match,
                std::vector<int>* new_match) {
  std::unordered_map<std::string, std::vector<int>> queue;
  for (int i = static_cast<int>(olds.size()) - 1; i >= 0; --i) {
    if ((*old_match)[i] < 0) queue[olds[i].*key].push_back(i);
  }
  for (size_t j = 0; j < news.size(); ++j) {
    if ((*new_match)[j] >= 0) continue;
    auto it = queue.find(news[j].*key);
    if (it == queue.end() || it->second.empty()) continue;
    int i = it->second.back();
    it->second.pop_back();
    (*old_match)[i] = static_cast<int>(j);
    (*new_match)[j] = i;
  }
}

// The distinct 3-word shingle hashes of a section's words, sorted.
std::vector<uint64_t> UniqueShingles(const std::vector<std::string>& words) {
  std::vector<uint64_t> out;
  if (words.size() >= 3) out.reserve(words.size() - 2);
  for (size_t k = 0; k + 3 <= words.size(); ++k) out.push_back(ShingleHash(words, k));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Matches the rest by content: shared 3-word shingles over the smaller section.
void MatchByContent(const std::vector<Prepared>& olds, const std::vector<Prepared>& news,
                    std::vector<int>* old_match, std::vector<int>* new_match) {
  // Postings as one sorted array of (shingle, old section): no node per entry.
  std::vector<std::pair<uint64_t, int>> postings;
  std::vector<size_t> old_size(olds.size(), 0);
  for (size_t i = 0; i < olds.size(); ++i) {
    if ((*old_match)[i] >= 0) continue;
    std::vector<uint64_t> shingles = UniqueShingles(olds[i].Words());
    old_size[i] = shingles.size();
    for (uint64_t h : shingles) postings.emplace_back(h, static_cast<int>(i));
  }
  if (postings.empty()) return;
  std::sort(postings.begin(), postings.end());
  // bucket[b] = first posting whose hash's top bits are >= b (about one bucket
  // per posting): a lookup searches one small bucket.
  int bits = 4;
  while (bits < 20 && (size_t{1} << bits) < postings.size()) ++bits;
  const int shift = 64 - bits;
  std::vector<uint32_t> bucket((size_t{1} << bits) + 1, 0);
  for (const auto& p : postings) ++bucket[(p.first >> shift) + 1];
  for (size_t b = 1; b < bucket.size(); ++b) bucket[b] += bucket[b - 1];
  struct Candidate {
    double score;
    int old_index, new_index;
  };
  std::vector<Candidate> candidates;
  std::vector<size_t> overlap(olds.size(), 0);
  std::vector<int> touched;
  for (size_t j = 0; j < news.size(); ++j) {
    if ((*new_match)[j] >= 0) continue;
    std::vector<uint64_t> shingles = UniqueShingles(news[j].Words());
    for (uint64_t h : shingles) {
      auto lo = std::lower_bound(postings.begin() + bucket[h >> shift],
                                 postings.begin() + bucket[(h >> shift) + 1], std::make_pair(h, -1));
      auto hi = lo;
      while (hi != postings.end() && hi->first == h &&
             static_cast<size_t>(hi - lo) <= kMaxPostings) {
        ++hi;
      }
      if (static_cast<size_t>(hi - lo) > kMaxPostings) continue;  // too common
      for (auto it = lo; it != hi; ++it) {
        if (overlap[it->second]++ == 0) touched.push_back(it->second);
      }
    }
    for (int i : touched) {
      size_t n = overlap[i];
      overlap[i] = 0;
      size_t smaller = std::min(old_size[i], shingles.size());
      double score = static_cast<double>(n) / static_cast<double>(std::max<size_t>(smaller, 1));
      if (score >= kSimilarEnough && n >= 2) candidates.push_back({score, i, static_cast<int>(j)});
    }
    touched.clear();
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.new_index != b.new_index) return a.new_index < b.new_index;
    return a.old_index < b.old_index;
  });
  for (const Candidate& c : candidates) {
    if ((*old_match)[c.old_index] >= 0 || (*new_match)[c.new_index] >= 0) continue;
    (*old_match)[c.old_index] = c.new_index;
    (*new_match)[c.new_index] = c.old_index;
  }
}

// For sections matched in new order, marks those whose old index is not on the
// longest increasing subsequence: they moved.
std::vector<bool> FindMoved(const std::vector<int>& new_match) {
  std::vector<int> js, keys;
  for (size_t j = 0; j < new_match.size(); ++j) {
    if (new_match[j] >= 0) {
      js.push_back(static_cast<int>(j));
      keys.push_back(new_match[j]);
    }
  }
  std::vector<bool> moved(new_match.size(), false);
  if (keys.empty()) return moved;
  std::vector<int> tails, tails_idx, prev(keys.size(), -1);
  for (size_t i = 0; i < keys.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), keys[i]);
    size_t pos = it - tails.begin();
    if (pos == tails.size()) {
      tails.push_back(keys[i]);
      tails_idx.push_back(static_cast<int>(i));
    } else {
      *it = keys[i];
      tails_idx[pos] = static_cast<int>(i);
    }
    prev[i] = pos > 0 ? tails_idx[pos - 1] : -1;
  }
  std::vector<bool> on_lis(keys.size(), false);
  for (int i = tails_idx.back(); i >= 0; i = prev[i]) on_lis[i] = true;
  for (size_t i = 0; i < keys.size(); ++i) moved[js[i]] = !on_lis[i];
  return moved;
}

// The normalised words (heading, then body) of the sections selected by
// `involved`, in document order, as pointers into the sections' caches.
std::vector<const std::string*> ChangedWords(const std::vector<Prepared>& sections,
                                             const std::vector<bool>& involved) {
  std::vector<const std::string*> out;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (!involved[i]) continue;
    for (const std::string& w : sections[i].HeadingWords()) out.push_back(&w);
    for (const std::string& w : sections[i].Words()) out.push_back(&w);
  }
  return out;
}

bool SameWords(const std::vector<const std::string*>& a, const std::vector<const std::string*>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const std::string* x, const std::string* y) { return *x == *y; });
}

// The same with leading enumerators of headings and blocks dropped.
std::vector<std::string> ChangedWordsWithoutNumbers(const std::vector<Prepared>& sections,
                                                    const std::vector<bool>& involved) {
  NormalizeOptions opt;
  opt.strip_enumerators = true;
  std::vector<std::string> out;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (!involved[i]) continue;
    for (auto& w : NormalizedWords(sections[i].section->heading, opt)) out.push_back(std::move(w));
    for (const extract::Block& b : sections[i].section->blocks) {
      for (auto& w : NormalizedWords(b.text, opt)) out.push_back(std::move(w));
    }
  }
  return out;
}

// Which old section each new one is (-1: none) and back, and which matched new
// sections moved.
struct Alignment {
  std::vector<int> old_match, new_match;
  std::vector<bool> moved;  // by new index
};

Alignment Align(const std::vector<Prepared>& olds, const std::vector<Prepared>& news) {
  Alignment a{std::vector<int>(olds.size(), -1), std::vector<int>(news.size(), -1), {}};
  MatchByKey(olds, news, &Prepared::path_key, &a.old_match, &a.new_match);
  MatchByKey(olds, news, &Prepared::heading_key, &a.old_match, &a.new_match);
  MatchByContent(olds, news, &a.old_match, &a.new_match);
  a.moved = FindMoved(a.new_match);
  return a;
}

// The highest severity the changes can have: a change of structure or markup
// only (a heading became bold text, levels changed) is cosmetic as a whole;
// renumbering only is minor as a whole. Sections that take part in a change:
// unmatched, moved, or with other text.
Severity SeverityCap(const std::vector<Prepared>& olds, const std::vector<Prepared>& news,
                     const Alignment& a) {
  std::vector<bool> old_involved(olds.size(), false), new_involved(news.size(), false);
  for (size_t j = 0; j < news.size(); ++j) {
    int i = a.new_match[j];
    bool same = i >= 0 && !a.moved[j] && olds[i].body == news[j].body &&
                olds[i].section->heading == news[j].section->heading;
    new_involved[j] = !same;
    if (i >= 0) old_involved[i] = !same;
  }
  for (size_t i = 0; i < olds.size(); ++i) {
    if (a.old_match[i] < 0) old_involved[i] = true;
  }
  std::vector<const std::string*> old_changed = ChangedWords(olds, old_involved);
  std::vector<const std::string*> new_changed = ChangedWords(news, new_involved);
  if (SameWords(old_changed, new_changed)) return Severity::kCosmetic;
  if (old_changed.size() == new_changed.size() &&
      ChangedWordsWithoutNumbers(olds, old_involved) ==
          ChangedWordsWithoutNumbers(news, new_involved)) {
    return Severity::kMinor;
  }
  return Severity::kMaterial;
}

// A document as the classifier's context sees it: heading, body, heading, ...
std::vector<std::string_view> Pieces(const std::vector<Prepared>& sections) {
  std::vector<std::string_view> out;
  out.reserve(2 * sections.size());
  for (const Prepared& p : sections) {
    out.push_back(p.section->heading);
    out.push_back(p.body);
  }
  return out;
}

// The same heading level and kinds of blocks: what ToMarkdown shows besides
// the heading and the text.
bool SameLayout(const extract::Section& a, const extract::Section& b) {
  if (a.level != b.level || a.blocks.size() != b.blocks.size()) return false;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    if (a.blocks[i].kind != b.blocks[i].kind) return false;
  }
  return true;
}

SectionChange RemovedSection(const Prepared& o, const DocumentContext& doc) {
  SectionChange c;
  c.status = "removed";
  c.path = o.section->path;
  c.old_path = o.section->path;
  if (!o.body.empty()) c.diff.push_back({Segment::Op::kDelete, std::string(o.body)});
  ClassifyAddedOrRemoved(false, o.section->heading, o.body, doc, &c, &o.Words());
  return c;
}

SectionChange AddedSection(const Prepared& n, const DocumentContext& doc) {
  SectionChange c;
  c.path = n.section->path;
  c.status = "added";
  if (!n.body.empty()) c.diff.push_back({Segment::Op::kInsert, std::string(n.body)});
  ClassifyAddedOrRemoved(true, n.section->heading, n.body, doc, &c, &n.Words());
  return c;
}

// The change of old section `o` matched to new section `n`: renamed, moved or
// modified. `previous` is the heading before `o` in the old document ("(start)").
SectionChange MatchedSection(const Prepared& o, const Prepared& n, bool moved,
                             const std::string& previous, const DocumentContext& doc) {
  SectionChange c;
  c.path = n.section->path;
  bool heading_changed = o.section->heading != n.section->heading;
  bool body_changed = o.body != n.body;
  c.old_path = o.section->path;
  c.status = heading_changed ? "renamed" : moved ? "moved" : "modified";
  c.diff = body_changed ? WordDiff(o.body, n.body)
                        : std::vector<Segment>{{Segment::Op::kEqual, std::string(n.body)}};
  if (c.diff.size() == 1 && c.diff[0].text.empty()) c.diff.clear();
  if (body_changed) {
    ClassifyModified(o.body, n.body, doc, &c, &o.Words(), &n.Words());
  } else {
    ClassifyModified(o.body, n.body, doc, &c);
  }
  ClassifyHeadingChange(o.section->heading, n.section->heading, &c);
  if (c.severity == Severity::kNone && !SameLayout(*o.section, *n.section)) {
    c.severity = Severity::kCosmetic;
    c.reasons.push_back("formatting only (heading level, or paragraphs, list items and table rows)");
  }
  if (moved) {
    c.severity = std::max(c.severity, Severity::kMinor);
    c.reasons.push_back("section moved: it was after \"" + previous + "\"");
    if (c.categories.empty()) AddCategory("other", &c);
  }
  return c;
}

// The section changes in new-document order, each removed section at its old
// position (before the first new section matched to a later old one).
std::vector<SectionChange> SectionChanges(const std::vector<Prepared>& olds,
                                          const std::vector<Prepared>& news, const Alignment& a,
                                          const DocumentContext& doc) {
  std::vector<SectionChange> out;
  size_t next_old = 0;
  auto removed_before = [&](size_t end) {
    for (; next_old < end; ++next_old) {
      if (a.old_match[next_old] < 0) out.push_back(RemovedSection(olds[next_old], doc));
    }
  };
  for (size_t j = 0; j < news.size(); ++j) {
    int i = a.new_match[j];
    if (i >= 0 && !a.moved[j]) removed_before(static_cast<size_t>(i));
    if (i < 0) {
      out.push_back(AddedSection(news[j], doc));
      continue;
    }
    const Prepared& o = olds[i];
    const Prepared& n = news[j];
    if (o.section->heading == n.section->heading && o.body == n.body && !a.moved[j] &&
        SameLayout(*o.section, *n.section)) {
      continue;
    }
    const std::string previous = i > 0 ? olds[i - 1].section->heading : std::string("(start)");
    out.push_back(MatchedSection(o, n, a.moved[j], previous, doc));
  }
  removed_before(olds.size());
  return out;
}

// Caps every section change at `cap` (saying why), and sums the changeset.
void CapAndSummarize(Severity cap, Changeset* cs) {
  for (SectionChange& c : cs->sections) {
    if (c.severity > cap) {
      c.severity = cap;
      c.reasons.push_back(cap == Severity::kCosmetic
                              ? "the document's words are unchanged (structure or markup only)"
                              : "the document's words are unchanged apart from numbering");
    }
    cs->severity = std::max(cs->severity, c.severity);
    Summary& s = cs->summary;
    if (c.status == "added") ++s.sections_added;
    if (c.status == "removed") ++s.sections_removed;
    if (c.status == "modified") ++s.sections_modified;
    if (c.status == "moved") ++s.sections_moved;
    if (c.status == "renamed") ++s.sections_renamed;
    s.words_added += c.words_added;
    s.words_removed += c.words_removed;
  }
  if (!cs->sections.empty() && cs->severity == Severity::kNone) cs->severity = Severity::kCosmetic;
}

std::chrono::sys_days Today(const CompareOptions& options) {
  if (options.today) return *options.today;
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

}  // namespace

Changeset Compare(const extract::Document& from, const extract::Document& to,
                  const CompareOptions& options) {
  // One rule for "identical", the one `check` stores versions by: the same
  // canonical Markdown is `none`; any other difference is at least cosmetic.
  if (extract::ToMarkdown(from) == extract::ToMarkdown(to)) return Changeset{};
  std::vector<Prepared> olds = Prepare(from), news = Prepare(to);
  const Alignment alignment = Align(olds, news);
  const Severity cap = SeverityCap(olds, news, alignment);
  const DocumentContext doc(Pieces(olds), Pieces(news));
  Changeset cs;
  cs.sections = SectionChanges(olds, news, alignment, doc);
  CapAndSummarize(cap, &cs);
  if (cs.severity == Severity::kNone) cs.severity = Severity::kCosmetic;  // e.g. the title's markup
  if (!cs.sections.empty()) AddEffectiveDate(from, to, Today(options), &cs);
  for (auto& section : cs.sections) RankReasons(&section);
  return cs;
}

}  // namespace pw::diff
