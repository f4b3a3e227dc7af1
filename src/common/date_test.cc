#include <gtest/gtest.h>

#include "storyline/article.h"

namespace storyline {
namespace {

TEST(ParseIsoDate, DateOnly) {
  auto r = ParseIsoDate("2016-07-19");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1468886400);
}

TEST(ParseIsoDate, DateTimeWithZoneAndFraction) {
  EXPECT_EQ(*ParseIsoDate("2016-07-19T10:30:00Z"), 1468886400 + 37800);
  EXPECT_EQ(*ParseIsoDate("2016-07-19T12:30:00+02:00"), 1468886400 + 37800);
  EXPECT_EQ(*ParseIsoDate("2016-07-19 10:30:00.123Z"), 1468886400 + 37800);
  EXPECT_EQ(*ParseIsoDate("2016-07-19T05:30-0500"), 1468886400 + 37800);
  EXPECT_EQ(*ParseIsoDate("1969-12-31T23:59:59Z"), -1);
}

TEST(ParseIsoDate, RejectsMalformed) {
  for (const char* s : {"", "2016", "2016-13-01", "2016-02-30", "19/07/2016", "2016-07-19T25:00",
                        "2016-07-19Tnoon", "2016-07-19T10:30Zjunk", "2015-02-29",
                        "2016-07-19T24:59", "2016-07-19T10:30+05:", "2016-07-19T10:30+5"}) {
    EXPECT_FALSE(ParseIsoDate(s).ok()) << s;
  }
  EXPECT_TRUE(ParseIsoDate("2016-02-29").ok());
  EXPECT_EQ(*ParseIsoDate("2016-07-19T24:00"), *ParseIsoDate("2016-07-20"));
}

TEST(FormatIsoDate, RoundTrips) {
  for (int64_t t : {int64_t{0}, int64_t{1468923800}, int64_t{-86401}, int64_t{4102444799}}) {
    auto back = ParseIsoDate(FormatIsoDate(t));
    ASSERT_TRUE(back.ok()) << FormatIsoDate(t);
    EXPECT_EQ(*back, t);
  }
  EXPECT_EQ(FormatIsoDate(1468923800), "2016-07-19T10:23:20Z");
}

// Issue 14: dates whose UTC instant leaves years 0001-9999 are no dates (the article stays
// undated) rather than written back as "-001-12-31".
TEST(ParseIsoDate, YearsOutsideOneToNineThousandNineHundredNinetyNineAreRejected) {
  EXPECT_FALSE(ParseIsoDate("0000-06-01").ok());
  EXPECT_FALSE(ParseIsoDate("0001-01-01T00:00:00+00:01").ok()) << "year 0 once the offset applies";
  EXPECT_FALSE(ParseIsoDate("9999-12-31T23:59:00-00:01").ok()) << "year 10000 in UTC";
  ASSERT_TRUE(ParseIsoDate("0001-01-01T00:00:00Z").ok());
  ASSERT_TRUE(ParseIsoDate("9999-12-31T23:59:59Z").ok());
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("0001-01-01")), "0001-01-01T00:00:00Z");
  EXPECT_FALSE(ParseIsoDate("9999-99-99").ok());
  EXPECT_FALSE(ParseIsoDate("2020-01-01T00:00+25:00").ok());
}

}  // namespace
}  // namespace storyline
