// The cue tables of the categoriser (categorize_cues.cpp), per language.
//
// A cue is a pattern of folded words (NormalizedWords, apostrophes split):
//   word       that word            word*   a word starting with it
//   a|b*|c     one of these words   @set    one of the set's phrases
//   ~N         up to N words of anything (within the sentence)
// Sets are named phrase lists ("@we": "we"; "@tp": "third part*|advertis*|…").
#pragma once

#include <string_view>

namespace pw::diff {

struct CueSet {
  std::string_view name;     // without the '@'
  std::string_view phrases;  // '|'-separated; a phrase is words separated by spaces
};

struct Cue {
  std::string_view category;
  float weight;              // 3 a statement of the practice, 2 a strong term, 1 a mention
  std::string_view pattern;
  bool audience = false;     // counts fully wherever it stands ("if you are a
                             // California resident" names the audience)
};

struct CueTable {
  const CueSet* sets;
  size_t set_count;
  const Cue* body;           // cues of sentences (and headings)
  size_t body_count;
  const Cue* heading;        // cues of headings only ("Your Choices", "Children")
  size_t heading_count;
};

// Tables of English, French, German (by Language's order).
const CueTable& EnglishCues();
const CueTable& FrenchCues();
const CueTable& GermanCues();

}  // namespace pw::diff
