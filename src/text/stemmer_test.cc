#include "text/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace storyline::text {
namespace {

TEST(Stemmer, StemsEnglishWords) {
  Stemmer stemmer;
  EXPECT_EQ(stemmer.Stem("running"), "run");
  EXPECT_EQ(stemmer.Stem("agencies"), "agenc");
  EXPECT_EQ(stemmer.Stem("agency"), "agenc");
  EXPECT_EQ(stemmer.Stem("ceasefires"), "ceasefir");
  EXPECT_EQ(stemmer.Stem("talks"), "talk");
  EXPECT_EQ(stemmer.Stem("syria"), "syria");
}

TEST(Stemmer, LeavesDigitsLongWordsAndEmptyAlone) {
  Stemmer stemmer;
  EXPECT_EQ(stemmer.Stem(""), "");
  EXPECT_EQ(stemmer.Stem("covid-19s"), "covid-19s");
  EXPECT_EQ(stemmer.Stem("1990s"), "1990s");
  const std::string long_word(65, 'a');
  EXPECT_EQ(stemmer.Stem(long_word), long_word);
}

TEST(Stemmer, AcceptsNonAsciiUtf8) {
  Stemmer stemmer;
  // Cyrillic is outside the English rules and comes back unchanged.
  EXPECT_EQ(stemmer.Stem("\xD0\xBB\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2"),
            "\xD0\xBB\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2");
  EXPECT_EQ(stemmer.Stem("caf\xC3\xA9s"), "caf\xC3\xA9");
}

TEST(Stemmer, ResultIsStableUntilNextCall) {
  Stemmer stemmer;
  const std::string first(stemmer.Stem("negotiations"));
  EXPECT_EQ(first, "negoti");
  EXPECT_EQ(stemmer.Stem("hostilities"), "hostil");
  Stemmer other;  // independent instances do not share state
  EXPECT_EQ(other.Stem("running"), "run");
  EXPECT_EQ(stemmer.Stem("running"), "run");
}

}  // namespace
}  // namespace storyline::text
