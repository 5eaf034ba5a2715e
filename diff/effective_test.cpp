// When a change takes effect: the date and sentence a new version states, and
// "last updated" dates that move backwards or far ahead. Our own texts.
#include <catch2/catch.hpp>

#include "diff/changeset_render.h"
#include "diff/diff.h"
#include "diff/internal/calendar.h"
#include "diff/internal/test_util.h"

namespace pw::diff {
namespace {

using namespace std::chrono;
using testing::AnyReasonContains;
using testing::Doc;
using testing::Find;
using testing::S;

const sys_days kToday = sys_days(year{2026} / December / 4);

Changeset CompareOn(const std::vector<S>& a, const std::vector<S>& b) {
  return Compare(Doc(a), Doc(b), {.today = kToday});
}

const std::vector<S> kOld = {
    {"", {"Last updated: March 3, 2026", "This policy explains how Example Ltd handles data."}},
    {"Sharing", {"We do not sell your personal information."}},
};

std::vector<S> Edited(std::string preamble_first, std::string sharing) {
  std::vector<S> out = kOld;
  out[0].blocks[0] = std::move(preamble_first);
  out[1].blocks[0] = std::move(sharing);
  return out;
}

std::string DateOf(const std::vector<std::string>& words) {
  auto d = ReadDate(words, 0);
  return d ? IsoDate(d->date) : "";
}

}  // namespace

TEST_CASE("diff_test: dates are read in the forms policies write them") {
  CHECK(DateOf({"march", "1", "2027"}) == "2027-03-01");
  CHECK(DateOf({"1st", "of", "march", "2027"}) == "2027-03-01");
  CHECK(DateOf({"1", "may", "2018"}) == "2018-05-01");
  CHECK(DateOf({"2027", "03", "01"}) == "2027-03-01");
  CHECK(DateOf({"01", "03", "2027"}) == "2027-03-01");   // day first
  CHECK(DateOf({"3", "21", "2027"}) == "2027-03-21");    // cannot be day first
  CHECK(DateOf({"1er", "mars", "2027"}) == "2027-03-01");
  CHECK(DateOf({"1", "märz", "2027"}) == "2027-03-01");
  CHECK(DateOf({"15", "août", "2026"}) == "2026-08-15");
  CHECK(DateOf({"31", "february", "2027"}).empty());     // no such day
  CHECK(DateOf({"march", "2027"}).empty());              // no day
  CHECK(DateOf({"30", "days"}).empty());
  auto p = ReadPeriod({"30", "calendar", "days", "after"}, 0);
  REQUIRE(p);
  CHECK(p->days == 30);
  CHECK(p->length == 3);
  CHECK(ReadPeriod({"two", "weeks"}, 0)->days == 14);
  CHECK(ReadPeriod({"30", "jours"}, 0)->days == 30);
  CHECK_FALSE(ReadPeriod({"30", "partners"}, 0));
}

TEST_CASE("diff_test: a new 'take effect on <date>' sentence gives the effective date and the "
          "notice") {
  auto next = kOld;
  next[1].blocks.push_back("These changes take effect on March 1, 2027.");
  next[1].blocks[0] = "We may sell your personal information.";
  const Changeset cs = CompareOn(kOld, next);
  CHECK(cs.effective_date == "2027-03-01");
  CHECK(cs.notice_text == "These changes take effect on March 1, 2027.");
  CHECK(EffectiveLine(cs) ==
        "Takes effect 2027-03-01: \"These changes take effect on March 1, 2027.\"");
  const auto j = ToJson(cs);
  CHECK(j["effective_date"] == "2027-03-01");
  Changeset back;
  REQUIRE(FromJson(j, &back));
  CHECK(back.effective_date == "2027-03-01");
  CHECK(back.notice_text == cs.notice_text);
}

TEST_CASE("diff_test: effective dates in French and German and in an 'Effective date:' line") {
  auto fr = kOld;
  fr[1].blocks.push_back("La présente politique entre en vigueur le 1er avril 2027.");
  CHECK(CompareOn(kOld, fr).effective_date == "2027-04-01");
  auto de = kOld;
  de[1].blocks.push_back("Diese Bedingungen treten am 15. Januar 2027 in Kraft.");
  CHECK(CompareOn(kOld, de).effective_date == "2027-01-15");
  auto line = kOld;
  line[0].blocks.insert(line[0].blocks.begin(), "Effective date: 2018-05-25");
  const Changeset cs = CompareOn(kOld, line);
  CHECK(cs.effective_date == "2018-05-25");
  CHECK(cs.notice_text == "Effective date: 2018-05-25");
}

TEST_CASE("diff_test: a period after the stated 'last updated' date gives a date: without "
          "one, only the notice") {
  auto next = Edited("Last updated: November 20, 2026",
                     "We do not sell your personal information. This policy is effective 30 days "
                     "after the date above.");
  Changeset cs = CompareOn(kOld, next);
  CHECK(cs.effective_date == "2026-12-20");
  CHECK(cs.notice_text == "This policy is effective 30 days after the date above.");

  auto no_date = kOld;
  no_date[0].blocks[0] = "This policy explains things.";
  auto no_date_next = no_date;
  no_date_next[1].blocks.push_back("This policy is effective 30 days after we notify you.");
  cs = CompareOn(no_date, no_date_next);
  CHECK(cs.effective_date.empty());
  CHECK(cs.notice_text == "This policy is effective 30 days after we notify you.");
  CHECK(EffectiveLine(cs) == "Takes effect: \"This policy is effective 30 days after we notify you.\"");
}

TEST_CASE("diff_test: an effective sentence both versions have says nothing about this change") {
  auto old = kOld;
  old[1].blocks.push_back("This policy took effect on 1 May 2018.");
  auto next = old;
  next[1].blocks[0] = "We may sell your personal information.";
  const Changeset cs = CompareOn(old, next);
  CHECK(cs.severity == Severity::kMaterial);
  CHECK(cs.effective_date.empty());
  CHECK(cs.notice_text.empty());
  CHECK(ToJson(cs).contains("effective_date") == false);
}

TEST_CASE("diff_test: words that only look like cues are not notices") {
  auto next = kOld;
  next[1].blocks.push_back("We use effective safeguards such as encryption.");
  next[1].blocks.push_back("Our offices were refurbished on 3 May 2026 for greater effect.");
  const Changeset cs = CompareOn(kOld, next);
  CHECK(cs.effective_date.empty());
  CHECK(cs.notice_text.empty());
}

TEST_CASE("diff_test: a 'last updated' date that moves backwards is minor with a reason") {
  const Changeset cs = CompareOn(kOld, Edited("Last updated: January 5, 2025",
                                              "We do not sell your personal information."));
  CHECK(cs.severity == Severity::kMinor);
  REQUIRE(cs.sections.size() == 1);
  CHECK(cs.sections[0].reasons.front() ==
        "\"last updated\" date moved backwards: \"2026-03-03\" -> \"2025-01-05\"");
}

TEST_CASE("diff_test: a 'last updated' date far in the future is minor with a reason: a "
          "date moving forward is cosmetic") {
  Changeset cs = CompareOn(kOld, Edited("Last updated: March 3, 2029",
                                        "We do not sell your personal information."));
  CHECK(cs.severity == Severity::kMinor);
  REQUIRE_FALSE(cs.sections.empty());
  CHECK(AnyReasonContains(cs.sections[0], "\"last updated\" date is far in the future: "
                                          "\"2029-03-03\""));
  cs = CompareOn(kOld, Edited("Last updated: November 30, 2026",
                              "We do not sell your personal information."));
  CHECK(cs.severity == Severity::kCosmetic);
}

TEST_CASE("diff_test: hostile text near cues never throws") {
  auto next = kOld;
  next[1].blocks.push_back("effective effective 99 99 9999 take effect 31 31 2027 in Kraft . . .");
  next[1].blocks.push_back(std::string(5000, '.') + " takes effect " + std::string(300, '9'));
  next[1].blocks.push_back("effective 999999999999999999999 days after");
  CHECK_NOTHROW(CompareOn(kOld, next));
}

}  // namespace pw::diff
