// Calendar dates and periods as documents state them, read from normalised
// words (NormalizedWords with mask_dates off): "March 1, 2027", "1 March 2027",
// "1st of March 2027", "2027-03-01", "01.03.2027", "1er mars 2027", "1. März 2027";
// periods "30 days", "two weeks", "one month", "30 jours", "30 Tage".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pw::diff {

// 1..12 for a month name or abbreviation in English, French or German
// ("march", "mars", "märz", "sept", "déc"); 0 otherwise.
int MonthNumber(std::string_view folded_word);

// The date that starts at words[i], with the number of words it takes. A
// numeric date is read day first ("01.03.2027", "1/3/2027") unless its second
// number cannot be a month; a year alone is not a date. Nothing when no valid
// calendar date (1990..2099) starts there.
struct DateAt {
  std::chrono::year_month_day date;
  size_t length = 0;
};
std::optional<DateAt> ReadDate(const std::vector<std::string>& words, size_t i);

// The period in days that starts at words[i] ("30 days", "two weeks", "one
// month" = 30 days, "a year" = 365), with the number of words it takes.
struct PeriodAt {
  int days = 0;
  size_t length = 0;
};
std::optional<PeriodAt> ReadPeriod(const std::vector<std::string>& words, size_t i);

// Whether `word` (as written, its full stop removed) is a day number that a month
// name follows at text[next] ("15. Januar 2027"): that full stop ends no sentence.
bool DayBeforeMonth(std::string_view word, std::string_view text, size_t next);

// "2027-03-01".
std::string IsoDate(std::chrono::year_month_day date);

}  // namespace pw::diff
