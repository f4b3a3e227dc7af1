#include <gtest/gtest.h>

#include "storyline/summarize.h"

namespace storyline {
namespace {

constexpr const char* kOriginal =
    "The city council approved the budget on Tuesday, raising road spending by 12 percent.";
constexpr const char* kParaphrase =
    "On Tuesday the city council passed a budget that raises road spending by 12 percent.";
constexpr const char* kUnrelated =
    "Heavy rain flooded several villages in the north of the country overnight.";

TEST(SentenceSimilarity, IdenticalSentencesScoreOne) {
  EXPECT_DOUBLE_EQ(SentenceSimilarity(kOriginal, kOriginal), 1.0);
  // Case, typographic quotes and spacing are normalised away.
  EXPECT_DOUBLE_EQ(SentenceSimilarity("The  council\xE2\x80\x99s vote.", "the council's VOTE."),
                   1.0);
}

TEST(SentenceSimilarity, ParaphraseAboveThresholdUnrelatedBelow) {
  const double paraphrase = SentenceSimilarity(kOriginal, kParaphrase);
  const double unrelated = SentenceSimilarity(kOriginal, kUnrelated);
  EXPECT_GE(paraphrase, kParaphraseThreshold);
  EXPECT_LT(paraphrase, 1.0);
  EXPECT_LT(unrelated, kParaphraseThreshold);
  EXPECT_GE(unrelated, 0.0);
}

TEST(SentenceSimilarity, DisagreeingNumberLowersScore) {
  const char* other_figure =
      "On Tuesday the city council passed a budget that raises road spending by 20 percent.";
  EXPECT_LT(SentenceSimilarity(kOriginal, other_figure),
            SentenceSimilarity(kOriginal, kParaphrase));
}

TEST(SentenceSimilarity, Symmetric) {
  for (const char* b : {kParaphrase, kUnrelated, "", "Council."}) {
    EXPECT_EQ(SentenceSimilarity(kOriginal, b), SentenceSimilarity(b, kOriginal)) << b;
  }
}

TEST(SentenceSimilarity, NoWordsScoreZero) {
  EXPECT_EQ(SentenceSimilarity("", kOriginal), 0.0);
  EXPECT_EQ(SentenceSimilarity("...", "!!"), 0.0);
}

}  // namespace
}  // namespace storyline
