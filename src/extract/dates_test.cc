#include "extract/dates.h"

#include <gtest/gtest.h>

namespace storyline::extract {
namespace {

TEST(NormalizeDate, IsoForms) {
  EXPECT_EQ(NormalizeDate("2026-03-14"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("2026-03-14T09:30:00+01:00"), "2026-03-14T09:30:00+01:00");
  EXPECT_EQ(NormalizeDate("2026-03-14T09:30:00.000Z"), "2026-03-14T09:30:00Z");
  EXPECT_EQ(NormalizeDate("2026-03-14 09:30"), "2026-03-14T09:30:00");
  EXPECT_EQ(NormalizeDate("  2026/03/14 "), "2026-03-14");
  EXPECT_EQ(NormalizeDate("20260314"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("2026-03-14T09:30:00+0100"), "2026-03-14T09:30:00+01:00");
}

TEST(NormalizeDate, DayFirstAndMonthNames) {
  EXPECT_EQ(NormalizeDate("14.03.2026"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("03/25/2026"), "2026-03-25");  // only month-first is possible
  EXPECT_EQ(NormalizeDate("March 14, 2026"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("Published: Mar. 14, 2026 at 9am"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("14 March 2026"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("September 1st, 2023"), "2023-09-01");
  EXPECT_EQ(NormalizeDate("the 22nd of May 2024"), "");  // "of" between day and month
  EXPECT_EQ(NormalizeDate("Last updated: Dec 12, 2025"), "2025-12-12");
  EXPECT_EQ(NormalizeDate("14. März 2026"), "2026-03-14");
  EXPECT_EQ(NormalizeDate("3 października 2025"), "2025-10-03");
  EXPECT_EQ(NormalizeDate("1773446400"), "2026-03-14");
}

TEST(NormalizeDate, RejectsNonDates) {
  for (const char* s :
       {"", "yesterday", "2026-13-01", "1850-01-01", "12345", "March 40, 2026", "page 3 of 10"}) {
    EXPECT_EQ(NormalizeDate(s), "") << s;
  }
}

// Issue 12: February 29 passed in every year ("2025-02-29" was accepted as a page date, then
// failed to parse downstream). Dates are now checked against the one calendar.
TEST(NormalizeDate, Issue12_Feb29OnlyInLeapYears) {
  EXPECT_EQ(NormalizeDate("2025-02-29"), "");
  EXPECT_EQ(NormalizeDate("29.02.2025"), "");
  EXPECT_EQ(NormalizeDate("February 29, 2025"), "");
  EXPECT_EQ(NormalizeDate("20250229"), "");
  EXPECT_EQ(NormalizeDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("29.02.2024"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("February 29, 2024"), "2024-02-29");
  EXPECT_EQ(NormalizeDate("2000-02-29"), "2000-02-29");  // divisible by 400
  EXPECT_EQ(DateFromUrl("https://x.example/2025/02/29/storm"), "");
  EXPECT_EQ(DateFromUrl("https://x.example/2024/02/29/storm"), "2024-02-29");
}

TEST(NormalizeDate, EpochsInThePlausibleYears) {
  EXPECT_EQ(NormalizeDate("1773446400000"), "2026-03-14");  // milliseconds
  EXPECT_EQ(NormalizeDate("0631152000"), "1990-01-01");
  EXPECT_EQ(NormalizeDate("0631151999"), "");  // 1989-12-31T23:59:59
  EXPECT_EQ(NormalizeDate("4102444800"), "");  // 2100-01-01
}

TEST(DateFromUrl, FindsPathDates) {
  EXPECT_EQ(DateFromUrl("https://x.example/2026/03/14/storm-hits"), "2026-03-14");
  EXPECT_EQ(DateFromUrl("https://x.example/news/2026-03-14-storm"), "2026-03-14");
  EXPECT_EQ(DateFromUrl("https://x.example/a/20260314/storm"), "2026-03-14");
  EXPECT_EQ(DateFromUrl("https://x.example/article/123456789"), "");
  EXPECT_EQ(DateFromUrl("https://x.example/2026/storm"), "");
}

}  // namespace
}  // namespace storyline::extract
