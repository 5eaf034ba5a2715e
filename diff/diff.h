// Section-level diff of two versions of a document, with a severity per change
// (SPEC.md, "Diff" and "Severity").
//
// Compare() aligns the sections of `from` and `to` (same heading path; a renamed
// heading over similar content; a moved section; split/merged sections; added and
// removed), diffs the words inside each changed section and classifies each change.
// It never fails: any two documents give a Changeset, in time near-linear in their
// size for small edits and bounded for unrelated documents.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "extract/document.h"
#include "config/severity.h"

namespace pw::diff {

// One piece of a word-level diff. Concatenating the kEqual+kDelete texts gives the
// old section text; kEqual+kInsert gives the new one (blocks joined by "\n").
struct Segment {
  enum class Op { kEqual, kInsert, kDelete };
  Op op = Op::kEqual;
  std::string text;
};

// Why a section change has a category: the phrase of the section (its text or
// heading, quoted) that states the practice, e.g. {"third-party-sharing",
// "we share your email address with advertisers"}. Empty phrase: no practice
// stated ("other").
struct CategoryEvidence {
  std::string category;
  std::string phrase;
};

// One section that differs between the versions.
//   status: "added", "removed", "modified" (same place, text changed),
//           "renamed" (heading text changed; the body may also have changed),
//           "moved" (the section changed position or parent; the body may also
//           have changed). Precedence when several apply: renamed > moved > modified.
//   path: heading path in the new version (old version for "removed").
//   old_path: heading path in the old version (empty for "added").
struct SectionChange {
  std::string status;
  std::vector<std::string> path;
  std::vector<std::string> old_path;
  Severity severity = Severity::kNone;
  std::vector<std::string> categories;  // practices the changed text states (diff/README.md)
  std::vector<CategoryEvidence> category_evidence;  // the phrase of each, same order
  std::vector<std::string> reasons;     // why `severity`, quoting the changed words;
                                        // the strongest first (diff/README.md)
  std::vector<Segment> diff;            // word-level diff of the section body
  int words_added = 0;
  int words_removed = 0;
};

// Counts by status, and words over all sections.
struct Summary {
  int sections_added = 0;
  int sections_removed = 0;
  int sections_modified = 0;
  int sections_moved = 0;
  int sections_renamed = 0;
  int words_added = 0;
  int words_removed = 0;
};

struct Changeset {
  Severity severity = Severity::kNone;  // max over sections; kNone when identical
  Summary summary;
  std::vector<SectionChange> sections;  // in new-document order; removed ones at
                                        // their old position
  // When the new version states when it takes effect in a sentence the old
  // version did not have ("These terms take effect on March 1, 2027", "Effective
  // as of 1 May 2018", "effective 30 days after the date above"): the date
  // ("2027-03-01"; empty when the sentence gives none that can be determined)
  // and that sentence. Both empty when the new version states nothing new.
  std::string effective_date;
  std::string notice_text;
};

struct CompareOptions {
  // The day of the comparison, for judging dates the documents state (a "last
  // updated" date far in the future). Unset: today, by the system clock.
  std::optional<std::chrono::sys_days> today;
};

Changeset Compare(const extract::Document& from, const extract::Document& to,
                  const CompareOptions& options = {});

}  // namespace pw::diff
