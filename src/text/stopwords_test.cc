#include "text/stopwords.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace storyline::text {
namespace {

TEST(IsStopword, CommonFunctionWords) {
  for (const std::string_view w : {"the", "of", "and", "a", "to", "in", "would", "which", "its",
                                   "don't", "it's", "yourselves", "between", "whether"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
}

TEST(IsStopword, ReportingVerbs) {
  for (const std::string_view w : {"said", "says", "say", "told", "added", "according"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
}

TEST(IsStopword, ContentWordsAreNotStopwords) {
  for (const std::string_view w : {"kerry", "syria", "ceasefire", "russia", "minister", "talks",
                                   "u.s.", "2016", "", "thee", "th", "zzz", "aaa"}) {
    EXPECT_FALSE(IsStopword(w)) << w;
  }
}

TEST(IsStopword, ExpectsFoldedInput) {
  EXPECT_FALSE(IsStopword("The"));  // callers fold first, as documented
  EXPECT_FALSE(IsStopword("the "));
  EXPECT_FALSE(IsStopword(std::string(1000, 'a')));
}

}  // namespace
}  // namespace storyline::text
