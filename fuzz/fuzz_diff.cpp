// fuzz_diff: the diff and severity of two documents. The input is split at its
// first "\n%%\n" (else in two halves); each part is sectioned by ParseText.
// Checked: a document against itself has no change; the changeset's severity is
// the maximum of its sections', its summary counts its sections and words; each
// section's word diff reassembles into valid UTF-8; the JSON form round-trips;
// the renderers give valid UTF-8.
#include <algorithm>
#include <string>

#include "diff/diff.h"
#include "diff/changeset_render.h"
#include "extract/text.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Check;
using pw::diff::Changeset;

void CheckSummary(const Changeset& cs) {
  pw::diff::Summary sum;
  pw::Severity max = pw::Severity::kNone;
  for (const pw::diff::SectionChange& c : cs.sections) {
    max = std::max(max, c.severity);
    sum.sections_added += c.status == "added";
    sum.sections_removed += c.status == "removed";
    sum.sections_modified += c.status == "modified";
    sum.sections_moved += c.status == "moved";
    sum.sections_renamed += c.status == "renamed";
    sum.words_added += c.words_added;
    sum.words_removed += c.words_removed;
    std::string old_text, new_text;
    for (const pw::diff::Segment& s : c.diff) {
      if (s.op != pw::diff::Segment::Op::kInsert) old_text += s.text;
      if (s.op != pw::diff::Segment::Op::kDelete) new_text += s.text;
    }
    Check(pw::fuzz::ValidUtf8(old_text) && pw::fuzz::ValidUtf8(new_text),
          "a word diff splits a UTF-8 sequence");
  }
  Check(cs.severity == max, "changeset severity is not the maximum of its sections'");
  const pw::diff::Summary& s = cs.summary;
  Check(s.sections_added == sum.sections_added && s.sections_removed == sum.sections_removed &&
            s.sections_modified == sum.sections_modified && s.sections_moved == sum.sections_moved &&
            s.sections_renamed == sum.sections_renamed,
        "summary section counts differ from the sections' statuses");
  Check(s.words_added == sum.words_added && s.words_removed == sum.words_removed,
        "summary word counts differ from the sections' sums");
}

void CheckRenderers(const Changeset& cs) {
  const nlohmann::json json = pw::diff::ToJson(cs);
  Changeset back;
  std::string error;
  Check(pw::diff::FromJson(json, &back, &error), "diff::FromJson refused ToJson's output");
  Check(pw::diff::ToJson(back) == json, "changeset JSON does not round-trip");
  Check(pw::fuzz::ValidUtf8(pw::diff::RenderText(cs, true)), "RenderText gave invalid UTF-8");
  Check(pw::fuzz::ValidUtf8(pw::diff::RenderMarkdown(cs)), "RenderMarkdown gave invalid UTF-8");
  Check(pw::fuzz::ValidUtf8(pw::diff::RenderHtml(cs)), "RenderHtml gave invalid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [first, second] = pw::fuzz::SplitInput(input);
  const pw::extract::Document a = pw::extract::ParseText(first);
  const pw::extract::Document b = pw::extract::ParseText(second);
  const Changeset same = pw::diff::Compare(a, a);
  Check(same.severity == pw::Severity::kNone && same.sections.empty(),
        "a document compared with itself has changes");
  const Changeset cs = pw::diff::Compare(a, b);
  CheckSummary(cs);
  CheckRenderers(cs);
  return 0;
}
