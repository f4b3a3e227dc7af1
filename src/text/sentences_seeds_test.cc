// SplitSentences on the five seed pages (../shared/seeds; label `data`, skipped without them).

#include <gtest/gtest.h>

#include <string>

#include "storyline/text.h"
#include "testing/shared_data.h"
#include "text/sentences_test_util.h"

namespace storyline {
namespace {

TEST(SplitSentences, Seed000HardWrappedWire) {
  STORYLINE_REQUIRE_SHARED("seeds");
  const std::string text = testing::ReadSeed("000_");
  const Strings s = Sentences(text);
  ASSERT_GE(s.size(), 20u);
  // The dateline, "U.S." and the wrapped newlines all stay inside the first sentence.
  EXPECT_EQ(s[0].substr(0, 37), "LONDON/MOSCOW, July 19 U.S. Secretary");
  EXPECT_EQ(s[0].substr(s[0].size() - 9), "in\nSyria.");
  EXPECT_EQ(s[1].substr(0, 14), "He also urged ");
  EXPECT_EQ(s[1].substr(s[1].size() - 10), "civilians.");
  for (const std::string& sentence : s) {
    // Every sentence of this article ends with punctuation, optionally before a quote.
    const char last = sentence.back();
    EXPECT_TRUE(last == '.' || last == '"') << sentence;
    EXPECT_NE(sentence.substr(0, 8), "Secretar") << sentence;
  }
  EXPECT_TRUE(Contains(s, "\"I spoke to Foreign Minister Lavrov again today,\" he said."));
  // "the U.S. Anti-Doping\nagency" must not be cut.
  EXPECT_NE(s.back().find("U.S. Anti-Doping\nagency"), std::string::npos);
  // Two sentences on one wrapped stretch are separated.
  size_t fighters = 0;
  for (const std::string& sentence : s)
    fighters += sentence.find("rebel fighters.") != std::string::npos;
  EXPECT_EQ(fighters, 1u);
  EXPECT_TRUE(Contains(s,
                       "Russia backs Assad and is giving military help to his\ncampaign "
                       "against rebel fighters."));
}

TEST(SplitSentences, Seed001HeadingsAndJunkLinesAreSentences) {
  STORYLINE_REQUIRE_SHARED("seeds");
  const Strings s = Sentences(testing::ReadSeed("001_"));
  ASSERT_GE(s.size(), 20u);
  EXPECT_EQ(s[0], "Support Russia Insider - Go Ad-Free!");
  EXPECT_EQ(s[1].substr(0, 22), "Kerry Talks to Russia ");
  EXPECT_EQ(s[2].substr(0, 15), "U.S. Secretary ");
  EXPECT_EQ(s[2].substr(s[2].size() - 9), "in Syria.");
  EXPECT_EQ(s.back(), "Full statement from the Editor, Charles Bausman.");
}

TEST(SplitSentences, Seed002AgencyDateline) {
  STORYLINE_REQUIRE_SHARED("seeds");
  const Strings s = Sentences(testing::ReadSeed("002_"));
  ASSERT_GE(s.size(), 10u);
  bool found = false;
  for (const std::string& sentence : s) {
    if (sentence.rfind("MOSCOW (AFP)", 0) == 0) {
      found = true;
      EXPECT_EQ(sentence.back(), '.');
      EXPECT_GT(DatelineLength(sentence), 0u);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Contains(s, "Leave a Reply"));
}

TEST(SplitSentences, Seed003And004OneSentencePerShortLine) {
  STORYLINE_REQUIRE_SHARED("seeds");
  const Strings s3 = Sentences(testing::ReadSeed("003_"));
  EXPECT_EQ(s3[0], "Kerry to Lavrov: Russia must stop Assad strikes");
  EXPECT_TRUE(Contains(s3, "SHARE THIS ARTICLE"));
  const Strings s4 = Sentences(testing::ReadSeed("004_"));
  ASSERT_GE(s4.size(), 10u);
  EXPECT_EQ(s4[0], "Share");
  EXPECT_EQ(s4[3], "Advertisement");
  // A short sentence with numbers stands alone (checked by its ends, not copied whole).
  bool casualty_sentence = false;
  for (const std::string& sentence : s4) {
    casualty_sentence |= sentence.rfind("Some 16 ", 0) == 0 && sentence.size() < 60 &&
                         sentence.ends_with(" 27 wounded.");
  }
  EXPECT_TRUE(casualty_sentence);
  // "U.S Navy" (missing final dot) must not end a sentence.
  size_t navy = 0;
  for (const std::string& sentence : s4)
    navy += sentence.find("U.S Navy reconnaissance") != std::string::npos;
  EXPECT_EQ(navy, 1u);
}

}  // namespace
}  // namespace storyline
