#include "diff/internal/calendar.h"

#include <array>
#include <cstdlib>

#include "diff/internal/normalized_words.h"

namespace pw::diff {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

bool IsDigits(std::string_view w) {
  if (w.empty() || w.size() > 4) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A day of the month as written: "1", "01", "1st", "2nd", "23rd", "4th", "1er".
int DayNumber(std::string_view w) {
  size_t n = 0;
  while (n < w.size() && n < 2 && w[n] >= '0' && w[n] <= '9') ++n;
  if (n == 0) return 0;
  const std::string_view rest = w.substr(n);
  if (!(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th" ||
        rest == "er")) {
    return 0;
  }
  const int d = std::atoi(std::string(w.substr(0, n)).c_str());
  return d >= 1 && d <= 31 ? d : 0;
}

int YearNumber(std::string_view w) {
  if (w.size() != 4 || !IsDigits(w)) return 0;
  const int y = std::atoi(std::string(w).c_str());
  return y >= 1990 && y <= 2099 ? y : 0;
}

int SmallNumber(std::string_view w) {
  if (!IsDigits(w) || w.size() > 2) return 0;
  return std::atoi(std::string(w).c_str());
}

std::optional<DateAt> Valid(int y, int m, int d, size_t length) {
  if (y == 0 || m < 1 || m > 12 || d == 0) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(m)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return DateAt{date, length};
}

// "March 1, 2027", "March 1st 2027".
std::optional<DateAt> MonthFirst(const std::vector<std::string>& w, size_t i) {
  if (i + 2 >= w.size() || MonthNumber(w[i]) == 0) return std::nullopt;
  return Valid(YearNumber(w[i + 2]), MonthNumber(w[i]), DayNumber(w[i + 1]), 3);
}

// "1 March 2027", "1st of March 2027", "1er mars 2027", "1. März 2027".
std::optional<DateAt> DayFirst(const std::vector<std::string>& w, size_t i) {
  if (i + 2 >= w.size() || DayNumber(w[i]) == 0) return std::nullopt;
  size_t k = i + 1;
  if (w[k] == "of" && k + 2 < w.size()) ++k;
  if (MonthNumber(w[k]) == 0) return std::nullopt;
  return Valid(YearNumber(w[k + 1]), MonthNumber(w[k]), DayNumber(w[i]), k + 2 - i);
}

// "2027-03-01"; "01.03.2027" and "1/3/2027" day first unless the second number
// cannot be a month ("3/21/2027").
std::optional<DateAt> Numeric(const std::vector<std::string>& w, size_t i) {
  if (i + 2 >= w.size()) return std::nullopt;
  if (YearNumber(w[i]) != 0) {
    return Valid(YearNumber(w[i]), SmallNumber(w[i + 1]), SmallNumber(w[i + 2]), 3);
  }
  const int a = SmallNumber(w[i]), b = SmallNumber(w[i + 1]), y = YearNumber(w[i + 2]);
  if (a == 0 || b == 0 || y == 0) return std::nullopt;
  if (b > 12) return Valid(y, a, b, 3);
  return Valid(y, b, a, 3);
}

int SpelledNumber(std::string_view w) {
  struct Spelled {
    std::string_view word;
    int value;
  };
  static constexpr std::array<Spelled, 27> kSpelled = {{
      {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"six", 6},
      {"seven", 7}, {"ten", 10}, {"fourteen", 14}, {"fifteen", 15}, {"thirty", 30},
      {"sixty", 60}, {"ninety", 90}, {"un", 1}, {"une", 1}, {"deux", 2}, {"quinze", 15},
      {"trente", 30}, {"ein", 1}, {"einen", 1}, {"einem", 1}, {"zwei", 2}, {"vier", 4},
      {"sechs", 6}, {"vierzehn", 14}, {"dreißig", 30},
  }};
  for (const auto& s : kSpelled) {
    if (w == s.word) return s.value;
  }
  return 0;
}

// Days in one unit ("days", "weeks", "mois", "Monate"...); 0 when not a unit.
int UnitDays(std::string_view w) {
  struct Unit {
    std::string_view word;
    int days;
  };
  static constexpr std::array<Unit, 22> kUnits = {{
      {"day", 1}, {"days", 1}, {"week", 7}, {"weeks", 7}, {"month", 30}, {"months", 30},
      {"year", 365}, {"years", 365}, {"jour", 1}, {"jours", 1}, {"semaine", 7},
      {"semaines", 7}, {"mois", 30}, {"an", 365}, {"ans", 365}, {"tag", 1}, {"tage", 1},
      {"tagen", 1}, {"woche", 7}, {"wochen", 7}, {"monat", 30}, {"monaten", 30},
  }};
  for (const auto& u : kUnits) {
    if (w == u.word) return u.days;
  }
  return w == "monate" ? 30 : 0;
}

}  // namespace

int MonthNumber(std::string_view w) {
  if (!IsMonthWord(w)) return 0;
  if (w == "may" || w == "mai") return 5;
  if (w.starts_with("mar") || w.starts_with("mär")) return 3;
  if (w.starts_with("juin") || w == "juni" || w == "june" || w == "jun") return 6;
  if (w.starts_with("juil") || w == "juli" || w == "july" || w == "jul") return 7;
  if (w.starts_with("ao") || w.starts_with("aug")) return 8;
  if (w.starts_with("av") || w.starts_with("apr")) return 4;
  // The rest by their first letters: jan(vier|uar), f(eb|év), sep, o(c|k)t, nov, d(ec|éc|ez).
  static constexpr std::array<std::string_view, 12> kStems = {
      "jan", "f", "", "", "", "", "", "", "sep", "o", "nov", "d"};
  for (size_t m = 0; m < kStems.size(); ++m) {
    if (!kStems[m].empty() && w.starts_with(kStems[m])) return static_cast<int>(m) + 1;
  }
  return 0;
}

std::optional<DateAt> ReadDate(const std::vector<std::string>& words, size_t i) {
  if (auto d = MonthFirst(words, i)) return d;
  if (auto d = DayFirst(words, i)) return d;
  return Numeric(words, i);
}

std::optional<PeriodAt> ReadPeriod(const std::vector<std::string>& words, size_t i) {
  if (i + 1 >= words.size()) return std::nullopt;
  int n = SmallNumber(words[i]);
  if (n == 0 && IsDigits(words[i]) && words[i].size() == 3) {
    n = std::atoi(words[i].c_str());  // "180 days"
  }
  if (n == 0) n = SpelledNumber(words[i]);
  size_t k = i + 1;
  if (k + 1 < words.size() && words[k] == "calendar") ++k;  // "30 calendar days"
  const int unit = UnitDays(words[k]);
  if (n == 0 || unit == 0) return std::nullopt;
  return PeriodAt{n * unit, k + 1 - i};
}

bool DayBeforeMonth(std::string_view word, std::string_view text, size_t next) {
  if (word.empty() || word.size() > 2 || !IsDigits(word)) return false;
  std::string folded;
  for (size_t i = next; i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '.' &&
                        text[i] != '\n';
       ++i) {
    folded += (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] + 32) : text[i];
  }
  return MonthNumber(folded) != 0;
}

std::string IsoDate(std::chrono::year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

}  // namespace pw::diff
