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

}  // namespace
}  // namespace storyline
