// Items of lists on revisions of a notice written for these tests (not from
// the corpus): an item dropped from a comma list in a negated sentence, a
// short item of an opt-out or partner list, a new partner named in a section
// about cookies or advertising; and lists without a data practice stay minor.
#include <catch2/catch.hpp>

#include <string>

#include "diff/internal/revision_test_util.h"

namespace pw::diff {
namespace {

using testing::ExpectSeverity;
using testing::Replace;

const std::string kNotice = R"(# Quill Labs Privacy Notice

## Model training

We do not use your prompts, files, voice recordings or account details to train our models.

## Opting out

You can opt out of the sale of your data with each of these partners:

- Corvid Media
- Larkspur Ads
- Tern Analytics

## Advertising cookies

Our pages set cookies of these advertising companies:

| Company | Cookie | Duration |
| --- | --- | --- |
| Corvid Media | cm_id | 13 months |
| Larkspur Ads | lk | 6 months |

## Our offices

- Dublin
- Lisbon
- Toronto

## Team values

We value these things:

- Kindness
- Curiosity
- Craft
)";

TEST_CASE("diff_test: lists: an item dropped from a comma list in a negated sentence is material") {
  ExpectSeverity(kNotice, Replace(kNotice, "files, voice recordings or", "files or"), Severity::kMaterial);
  ExpectSeverity(kNotice, Replace(kNotice, "prompts, files, voice", "prompts, voice"), Severity::kMaterial);
}

TEST_CASE("diff_test: lists: an item added to a comma list in a negated sentence is material") {
  ExpectSeverity(kNotice, Replace(kNotice, "prompts, files,", "prompts, images, files,"),
                 Severity::kMaterial);
}

TEST_CASE("diff_test: lists: a short item removed from an opt-out list is material") {
  ExpectSeverity(kNotice, Replace(kNotice, "- Larkspur Ads\n", ""), Severity::kMaterial, "Larkspur Ads");
}

TEST_CASE("diff_test: lists: a short item added to an opt-out list is material") {
  ExpectSeverity(kNotice, Replace(kNotice, "- Tern Analytics\n", "- Tern Analytics\n- Osprey\n"),
                 Severity::kMaterial, "Osprey");
}

TEST_CASE("diff_test: lists: a new advertising company row is material") {
  ExpectSeverity(kNotice,
                 Replace(kNotice, "| Larkspur Ads | lk | 6 months |",
                         "| Larkspur Ads | lk | 6 months |\n| Heron Exchange | hx | 6 months |"),
                 Severity::kMaterial);
}

TEST_CASE("diff_test: lists: a list in a section without a data practice stays minor") {
  ExpectSeverity(kNotice, Replace(kNotice, "- Lisbon\n", "- Lisbon\n- Oslo\n"), Severity::kMinor);
  ExpectSeverity(kNotice, Replace(kNotice, "- Curiosity\n", ""), Severity::kMinor);
}

TEST_CASE("diff_test: lists: a reordered partner list is not material") {
  std::string to = Replace(kNotice, "- Corvid Media\n- Larkspur Ads\n", "- Larkspur Ads\n- Corvid Media\n");
  Changeset cs = testing::DiffText(kNotice, to);
  INFO(testing::AllReasons(cs));
  CHECK(cs.severity <= Severity::kMinor);
}

}  // namespace
}  // namespace pw::diff
