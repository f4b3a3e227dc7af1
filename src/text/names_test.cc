#include "text/names.h"

#include <gtest/gtest.h>

namespace storyline::text {
namespace {

// Issue 12: one definition of a capital for clustering and entities, in every script.
TEST(StartsWithCapital, IsUnicodeUpperOrTitleCase) {
  for (const char* w : {"Kerry", "Łódź", "Łukasz", "Élysée", "Ústí", "Żywiec", "Ǆemal", "Москва",
                        "Αθήνα", "Ōsaka"}) {
    EXPECT_TRUE(StartsWithCapital(w)) << w;
  }
  for (const char* w : {"kerry", "łódź", "ĸ", "×", "москва", "9am", "", "\xC5", "東京"}) {
    EXPECT_FALSE(StartsWithCapital(w)) << w;
  }
}

TEST(IsNameWord, TakesGluedArabicArticles) {
  EXPECT_TRUE(IsNameWord("al-Assad"));
  EXPECT_TRUE(IsNameWord("el-Sisi"));
  EXPECT_TRUE(IsNameWord("Assad"));
  EXPECT_FALSE(IsNameWord("al-"));
  EXPECT_FALSE(IsNameWord("al-qaeda"));
}

TEST(OpensSentence, LooksPastQuotesAndBrackets) {
  const std::string_view t = "He left. \"Kerry said (Moscow) — Lavrov _Ok: Yes";
  EXPECT_TRUE(OpensSentence(t, 0));
  EXPECT_TRUE(OpensSentence(t, t.find("Kerry")));
  EXPECT_FALSE(OpensSentence(t, t.find("said")));
  EXPECT_FALSE(OpensSentence(t, t.find("Moscow")));
  EXPECT_FALSE(OpensSentence(t, t.find("Lavrov")));  // after an em dash: a multi-byte symbol
  EXPECT_TRUE(OpensSentence(t, t.find("Ok")));       // after '_'
  EXPECT_TRUE(OpensSentence(t, t.find("Yes")));
}

// Review finding: a letter of another script before a capital is inside a sentence, and looking
// back stops there (it used to skip whole runs of non-ASCII words: quadratic in Cyrillic text).
TEST(OpensSentence, StopsAtLettersOfAnyScript) {
  const std::string_view t = "Вчера Путин сказал. Москва";
  EXPECT_FALSE(OpensSentence(t, t.find("Путин")));
  EXPECT_TRUE(OpensSentence(t, t.find("Москва")));
  EXPECT_FALSE(OpensSentence("Αθήνα Παρίσι", std::string_view("Αθήνα Παρίσι").find("Παρίσι")));
  EXPECT_TRUE(OpensSentence("\xC2\xAB Kerry", 3));  // after a guillemet and a space
}

TEST(StripPossessive, StraightAndCurlyApostrophes) {
  EXPECT_EQ(StripPossessive("Kerry's"), "Kerry");
  EXPECT_EQ(StripPossessive("Kerry\xE2\x80\x99s"), "Kerry");
  EXPECT_EQ(StripPossessive("'s"), "'s");
  EXPECT_EQ(StripPossessive("bus"), "bus");
}

TEST(NameLists, KnowTheirWords) {
  EXPECT_TRUE(IsStopName("monday"));
  EXPECT_TRUE(IsStopName("however"));
  EXPECT_FALSE(IsStopName("kerry"));
  EXPECT_TRUE(IsPersonTitle("secretary"));
  EXPECT_TRUE(IsPersonTitle("gen"));
  EXPECT_FALSE(IsPersonTitle("russian"));  // demonyms are places' business (entities)
  EXPECT_TRUE(IsCommonNameWord("police"));
  EXPECT_TRUE(IsCommonNameWord("reuters"));
  EXPECT_TRUE(IsNameJoiner("van"));
  EXPECT_FALSE(IsNameJoiner("and"));
}

}  // namespace
}  // namespace storyline::text
