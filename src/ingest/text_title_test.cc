#include "ingest/text_title.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

TEST(TextTitle, FirstLineHeadline) {
  std::string t = "Storm Closes Schools Across The Valley\n\nSchools closed on Monday after a storm.";
  TitleSplit s = DetectTextTitle(t);
  EXPECT_EQ(s.title, "Storm Closes Schools Across The Valley");
  EXPECT_EQ(s.cut_begin, 0u);
  EXPECT_EQ(t.substr(s.cut_end, 7), "Schools");
}

TEST(TextTitle, SkipsJunkLineBeforeHeadline) {
  std::string t = "Share\n\nLavrov, Kerry Discuss Cooperation in Syria\n\nThe ministers met.";
  TitleSplit s = DetectTextTitle(t);
  EXPECT_EQ(s.title, "Lavrov, Kerry Discuss Cooperation in Syria");
  std::string body = t;
  body.erase(s.cut_begin, s.cut_end - s.cut_begin);
  EXPECT_EQ(body, "Share\n\nThe ministers met.");
}

TEST(TextTitle, HardWrappedBodyHasNoTitle) {
  std::string t = "LONDON, July 19 The minister said on\nTuesday that the talks had been\n"
                  "productive and would resume soon.\n";
  EXPECT_TRUE(DetectTextTitle(t).title.empty());
}

TEST(TextTitle, SentenceIsNotATitle) {
  EXPECT_TRUE(DetectTextTitle("The council voted on the budget late on Tuesday night.\n\nMore.")
                  .title.empty());
  EXPECT_TRUE(DetectTextTitle("").title.empty());
  EXPECT_TRUE(DetectTextTitle("\n\n\n").title.empty());
}

}  // namespace
}  // namespace storyline
