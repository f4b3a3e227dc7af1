#include "storyline/summarize.h"

#include <gtest/gtest.h>

#include "storyline/text.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

TEST(CleanSentence, JoinsWrappedLinesAndDropsDateline) {
  EXPECT_EQ(CleanSentence("LONDON/MOSCOW, July 19 U.S. Secretary of State\nJohn Kerry said."),
            "U.S. Secretary of State John Kerry said.");
  EXPECT_EQ(CleanSentence("  MOSCOW (AFP) \xE2\x80\x93 Russia and the United States met.  "),
            "Russia and the United States met.");
  EXPECT_EQ(CleanSentence("Plain   sentence."), "Plain sentence.");
}

std::vector<Article> Story() {
  std::vector<Article> v(3);
  v[0].title = "Council passes budget";
  v[0].text =
      "CAPITAL CITY, May 2 (Wire) - The city council passed a budget on Tuesday that raises "
      "road spending by 12 percent.\n\nThe vote was seven to two after a long debate.\n\n"
      "Share this article on Facebook and X today.\n\nSubscribe to our newsletter for more "
      "news every morning.";
  v[1].title = "Budget approved after late debate";
  v[1].text =
      "The city council approved the budget on Tuesday, raising road spending by 12 percent.\n\n"
      "Council member Ana Ruiz said the plan left too little money in reserve.\n\n"
      "Go Ad-Free Now!";
  v[2].title = "Road money rises in new budget";
  v[2].text =
      "Road repairs will get 12 percent more money under the budget the council passed on "
      "Tuesday.\n\nCrews will repave forty miles of streets this summer, the public works "
      "director said.";
  for (Article& a : v) a.timestamp = 1000;
  return v;
}

TEST(Summarize, PicksNonRedundantCleanSentences) {
  auto v = Story();
  std::vector<uint32_t> members = {0, 1, 2};
  BriefOptions o;
  o.max_sentences = 4;
  Brief b = Summarize(v, members, o);
  ASSERT_GE(b.sentences.size(), 3u);
  EXPECT_LE(b.sentences.size(), 4u);
  for (const auto& s : b.sentences) {
    EXPECT_EQ(s.text.find("Share"), std::string::npos);
    EXPECT_EQ(s.text.find("Subscribe"), std::string::npos);
    EXPECT_EQ(s.text.find("Ad-Free"), std::string::npos);
    EXPECT_EQ(s.text.find("CAPITAL CITY"), std::string::npos) << "dateline kept";
  }
  // The three leads all say the same thing: at most two of them may appear.
  int leads = 0;
  for (const auto& s : b.sentences) leads += s.text.find("12 percent") != std::string::npos;
  EXPECT_LE(leads, 2);
  // Story order: by article, then position.
  for (size_t i = 1; i < b.sentences.size(); ++i) {
    EXPECT_TRUE(b.sentences[i - 1].article < b.sentences[i].article ||
                (b.sentences[i - 1].article == b.sentences[i].article &&
                 b.sentences[i - 1].position < b.sentences[i].position));
  }
  EXPECT_FALSE(b.headline.empty());
}

TEST(Summarize, WordBudgetIsRespected) {
  auto v = Story();
  std::vector<uint32_t> members = {0, 1, 2};
  BriefOptions o;
  o.max_words = 30;
  Brief b = Summarize(v, members, o);
  int words = 0;
  for (const auto& s : b.sentences) {
    std::vector<Token> t;
    words += static_cast<int>(std::count(s.text.begin(), s.text.end(), ' ') + 1);
  }
  EXPECT_LE(words, 30);
  EXPECT_GE(b.sentences.size(), 1u);
}

TEST(Summarize, HeadlineFallsBackToLeadSentence) {
  std::vector<Article> v(1);
  v[0].text = "The harbor reopened on Monday after a week of storms closed it to all ships.";
  std::vector<uint32_t> members = {0};
  Brief b = Summarize(v, members, BriefOptions());
  EXPECT_EQ(b.headline, v[0].text);
}

TEST(Summarize, ThousandsOfLeadingQuotesDoNotOverflowTheStack) {
  std::vector<Article> v(1);
  v[0].text = std::string(200000, '"') + "Alpha beta gamma delta epsilon zeta eta.";
  v[0].text += std::string(200000, '(') + " Theta iota kappa lambda mu nu xi omicron.";
  std::vector<uint32_t> members = {0};
  Brief b = Summarize(v, members, BriefOptions());
  EXPECT_LE(b.sentences.size(), 5u);
}

TEST(Summarize, EmptyStory) {
  std::vector<Article> v;
  Brief b = Summarize(v, {}, BriefOptions());
  EXPECT_TRUE(b.headline.empty());
  EXPECT_TRUE(b.sentences.empty());
}

}  // namespace
}  // namespace storyline
