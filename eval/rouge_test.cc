#include "rouge.h"

#include <gtest/gtest.h>

namespace storyline::eval {
namespace {

TEST(RougePorterStem, ClassicPorterSteps) {
  EXPECT_EQ(RougePorterStem("caresses"), "caress");
  EXPECT_EQ(RougePorterStem("ponies"), "poni");
  EXPECT_EQ(RougePorterStem("cats"), "cat");
  EXPECT_EQ(RougePorterStem("agreed"), "agre");
  EXPECT_EQ(RougePorterStem("hopping"), "hop");
  EXPECT_EQ(RougePorterStem("hoping"), "hope");
  EXPECT_EQ(RougePorterStem("filing"), "file");
  EXPECT_EQ(RougePorterStem("happy"), "happi");
  EXPECT_EQ(RougePorterStem("relational"), "relat");
  EXPECT_EQ(RougePorterStem("generalization"), "gener");
  EXPECT_EQ(RougePorterStem("probate"), "probat");
  EXPECT_EQ(RougePorterStem("controlling"), "control");
  EXPECT_EQ(RougePorterStem("yelling"), "yell");
}

TEST(RougePorterStem, RougeVariants) {
  EXPECT_EQ(RougePorterStem("sensibli"), "sensibl");        // bli -> ble, then e dropped (m > 1)
  EXPECT_EQ(RougePorterStem("archaeology"), "archaeolog");  // logi -> log
  EXPECT_EQ(RougePorterStem("departmental"), "depart");     // step 4 chains al, ment
}

TEST(RougeTokens, LowersSplitsAndStemsLongTokensOnly) {
  RougeOptions o;
  auto t = RougeTokens({"The U.S.-led talks were well-known; $5.5 billion."}, o);
  std::vector<std::string> want = {"the",  "u",     "s", "led", "talk",   "were",
                                   "well", "known", "5", "5",   "billion"};
  EXPECT_EQ(t, want);
}

TEST(RougeTokens, WordLimitCountsRawWordsAndCutsTheLastSentence) {
  RougeOptions o;
  o.word_limit = 5;
  // "U.S.-led" is one raw word though it gives three tokens.
  auto t = RougeTokens({"U.S.-led forces", "moved on the city today.", "Never seen."}, o);
  std::vector<std::string> want = {"u", "s", "led", "forc", "move", "on", "the"};
  EXPECT_EQ(t, want);
}

TEST(RougeTokens, WordNetExceptionsComeBeforeStemming) {
  RougeExceptions ex = {{"went", "go"}, {"children", "child"}};
  RougeOptions o;
  o.exceptions = &ex;
  std::vector<std::string> want = {"thei", "go", "with", "child"};  // "they": Porter step 1c
  EXPECT_EQ(RougeTokens({"They went with children"}, o), want);
}

TEST(RougeN, PoolsModelsAndClipsCounts) {
  std::vector<std::string> peer = {"a", "b", "a", "b"};
  std::vector<std::vector<std::string>> models = {{"a", "b", "c"}, {"a", "b", "a", "b"}};
  // Bigrams: peer {ab:2, ba:1}; model 1 {ab:1, bc:1} -> 1 hit; model 2 {ab:2, ba:1} -> 3 hits.
  RougeScore s = RougeN(peer, models, 2);
  EXPECT_DOUBLE_EQ(s.recall, 0.8);         // 4 / 5
  EXPECT_DOUBLE_EQ(s.precision, 0.66667);  // 4 / (2 * 3), rounded
  EXPECT_NEAR(s.f, 2 * 0.8 * 0.66667 / (0.8 + 0.66667), 1e-5);
}

TEST(RougeBootstrapMean, IsCloseToTheMean) {
  std::vector<double> v;
  for (int i = 0; i < 50; ++i) v.push_back(0.1 + 0.004 * i);
  double mean = 0;
  for (double x : v) mean += x / 50;
  EXPECT_NEAR(RougeBootstrapMean(v), mean, 0.002);
  EXPECT_NE(RougeBootstrapMean(v), mean);
}

}  // namespace
}  // namespace storyline::eval
