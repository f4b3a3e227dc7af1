// The calendar (internal): days since 1970-01-01 to and from proleptic Gregorian dates
// (H. Hinnant's algorithms), valid dates, and month and weekday names. The one place every stage
// does calendar arithmetic (ISO dates, dates on web pages, dates in article text).

#ifndef STORYLINE_COMMON_CIVIL_DATE_H_
#define STORYLINE_COMMON_CIVIL_DATE_H_

#include <cstdint>
#include <string_view>

namespace storyline {

inline constexpr int64_t kSecondsPerDay = 86400;

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d);

// The day (days since 1970-01-01) of a time in seconds since the epoch, rounding down: times
// before 1970 fall on the right day too.
inline int64_t DayOfTime(int64_t seconds) {
  return seconds / kSecondsPerDay - (seconds % kSecondsPerDay < 0 ? 1 : 0);
}

inline bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days in month `m` (1..12) of year `y`.
int DaysInMonth(int64_t y, int m);

// True when y-m-d is a day of the Gregorian calendar (month 1..12, day 1..DaysInMonth).
inline bool IsValidCivilDate(int64_t y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// The month (1..12) a case-folded word names, or 0: English names, the English abbreviations
// ("jan".."dec", "sept"), and with `any_language` also German, French, Spanish and Polish names
// (in English text "mars" and "mai" are words, so text reading English asks without).
int MonthFromName(std::string_view folded, bool any_language = false);

// The weekday a case-folded English name gives (0 = Monday .. 6 = Sunday), or -1.
int WeekdayFromName(std::string_view folded);

// True when a case-folded word is a month or weekday name (English, abbreviations included).
inline bool IsCalendarName(std::string_view folded) {
  return MonthFromName(folded) != 0 || WeekdayFromName(folded) >= 0;
}

}  // namespace storyline

#endif  // STORYLINE_COMMON_CIVIL_DATE_H_
