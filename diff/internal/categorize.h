// The categories of a changed section: the practices its text states (who
// collects or shares what, for what, with which choice), each with the phrase
// that stated it. Rules and lexicons of our own (categorize_cues.cpp), in
// English, French and German; documented in diff/README.md ("Categories").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"

namespace pw::diff {

enum class Language { kEnglish, kFrench, kGerman };

// The language of folded words, by counting each language's stop words
// ("the", "we" / "les", "nous" / "der", "wir"...); English when none is ahead.
Language DetectLanguage(const std::vector<std::string>& folded_words);

constexpr size_t kMaxCategories = 3;

// The practices `text` states, strongest first, at most kMaxCategories; empty
// when it states none. Each cue found counts by where it stands: the innermost
// heading of `heading_path` weighs most, then a main clause; a subordinate
// clause ("if…", "which…") weighs less and an example ("such as…", "(…)")
// least. A category is kept when it is the strongest or close to it.
std::vector<CategoryEvidence> Categorize(std::string_view text,
                                         const std::vector<std::string>& heading_path);

// Replaces change->categories (and category_evidence, in the same order) with
// `evidence`; "other" (no phrase) when it is empty.
void SetCategories(const std::vector<CategoryEvidence>& evidence, SectionChange* change);

// The changed text of a section: sentences of the old and new body added in
// order; overlapping or touching ones are merged. Text() joins the runs with a
// blank line, which ends a sentence.
class ChangedText {
 public:
  void Add(std::string_view body, std::string_view sentence);
  std::string Text() const;

 private:
  struct Run {
    std::string_view body;
    size_t begin, end;  // byte range in body
  };
  std::vector<Run> runs_;
};

}  // namespace pw::diff
