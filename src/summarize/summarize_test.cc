#include "storyline/summarize.h"

#include <gtest/gtest.h>

#include "storyline/text.h"
#include "summarize/contributions_internal.h"
#include "summarize/dates_in_text.h"
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
  Brief b = *Summarize(v, members, o);
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
  Brief b = *Summarize(v, members, o);
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
  Brief b = *Summarize(v, members, BriefOptions());
  EXPECT_EQ(b.headline, v[0].text);
}

TEST(Summarize, ThousandsOfLeadingQuotesDoNotOverflowTheStack) {
  std::vector<Article> v(1);
  v[0].text = std::string(200000, '"') + "Alpha beta gamma delta epsilon zeta eta.";
  v[0].text += std::string(200000, '(') + " Theta iota kappa lambda mu nu xi omicron.";
  std::vector<uint32_t> members = {0};
  Brief b = *Summarize(v, members, BriefOptions());
  EXPECT_LE(b.sentences.size(), 5u);
}

// Concept coverage: a fact every outlet reports is worth more than one outlet's detail, and
// saying it twice earns nothing.
TEST(Summarize, CoverageCountsAFactOnceAndWeighsItByOutlets) {
  std::vector<Article> v(3);
  const char* sources[] = {"Wire A", "Paper B", "Site C"};
  const char* leads[] = {
      "The harbor bridge closed on Monday after inspectors found cracks in two steel supports.",
      "Inspectors found cracks in two steel supports and the harbor bridge closed on Monday.",
      "The harbor bridge closed on Monday when inspectors found cracks in two steel supports."};
  const char* details[] = {
      "Ferry operators added evening crossings for commuters who used the harbor bridge.",
      "The city engineer said repairs to the steel supports could take six weeks.",
      "A local bakery near the approach road said its morning trade fell sharply."};
  for (int i = 0; i < 3; ++i) {
    v[i].source = sources[i];
    v[i].title = "Harbor bridge closed";
    v[i].text = std::string(leads[i]) + "\n\n" + details[i];
  }
  std::vector<uint32_t> members = {0, 1, 2};
  BriefOptions o;
  o.max_words = 30;  // room for one lead and one detail
  Brief b = *Summarize(v, members, o);
  ASSERT_GE(b.sentences.size(), 1u);
  int leads_picked = 0;
  for (const auto& s : b.sentences) leads_picked += s.text.find("cracks") != std::string::npos;
  EXPECT_EQ(leads_picked, 1) << "the shared fact once, and only once";
}

TEST(Summarize, CentroidBaselineStillBriefs) {
  auto v = Story();
  std::vector<uint32_t> members = {0, 1, 2};
  BriefOptions o;
  o.method = BriefMethod::kCentroid;
  Brief b = *Summarize(v, members, o);
  EXPECT_GE(b.sentences.size(), 2u);
}

TEST(StoryEntities, MergesAliasesAndRanksByOutlets) {
  std::vector<Article> v(3);
  v[0].source = "Wire";
  v[0].text =
      "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov on "
      "Monday. Kerry said the United States wanted a truce. Lavrov said Moscow agreed.";
  v[1].source = "Paper";
  v[1].text =
      "Kerry and Lavrov spoke by phone. The U.S. envoy said Russia would help. "
      "Analysts said the talks in Geneva went well.";
  v[2].source = "Blog";
  v[2].text = "Officials said Kerry and Lavrov would meet again. A spokesman for Kerry said so.";
  std::vector<uint32_t> members = {0, 1, 2};
  auto e = StoryEntities(v, members, 10);
  ASSERT_GE(e.size(), 3u);
  auto find = [&](std::string_view name) -> const StoryEntity* {
    for (const auto& x : e) {
      if (x.name == name) return &x;
    }
    return nullptr;
  };
  const StoryEntity* kerry = find("John Kerry");
  ASSERT_NE(kerry, nullptr) << "Kerry merged into John Kerry";
  EXPECT_EQ(kerry->kind, EntityKind::kPerson);
  EXPECT_EQ(kerry->outlets, 3);
  EXPECT_EQ(find("Kerry"), nullptr);
  const StoryEntity* lavrov = find("Sergei Lavrov");
  ASSERT_NE(lavrov, nullptr);
  EXPECT_EQ(lavrov->outlets, 3);
  const StoryEntity* us = find("United States");
  ASSERT_NE(us, nullptr) << "U.S. merged into United States";
  EXPECT_EQ(us->kind, EntityKind::kPlace);
  const StoryEntity* russia = find("Russia");
  ASSERT_NE(russia, nullptr) << "'Russian' names Russia";
  EXPECT_EQ(russia->outlets, 2);
  // Ranked by outlets: the two men first.
  EXPECT_EQ(e[0].outlets, 3);
  EXPECT_EQ(e[1].outlets, 3);
  // Sentence openers and titles are no names.
  EXPECT_EQ(find("Analysts"), nullptr);
  EXPECT_EQ(find("Officials"), nullptr);
  EXPECT_EQ(find("Secretary"), nullptr);
}

TEST(Summarize, TimelineResolvesAbsoluteAndRelativeDates) {
  std::vector<Article> v(2);
  v[0].text =
      "The dam gates were opened on Tuesday as the river kept rising through the valley.\n\n"
      "Engineers first warned of the risk on March 3, 2026, in a report to the council.";
  v[0].timestamp = 1773878400;  // 2026-03-19, a Thursday
  v[1].text =
      "LONDON, July 19 The talks between the two ministers ended without any agreement.\n\n"
      "Both delegations left the building late in the evening after the long session.";
  std::vector<uint32_t> members = {0, 1};
  Brief b = *Summarize(v, members, BriefOptions());
  std::vector<std::string> dates;
  for (const auto& e : b.timeline) dates.push_back(e.date);
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-03-03", "2026-03-17", "--07-19"}));
  ASSERT_EQ(b.timeline.size(), 3u);
  EXPECT_FALSE(b.timeline[0].relative);
  EXPECT_TRUE(b.timeline[1].relative);
  EXPECT_EQ(b.timeline[2].article, 1u);
}

TEST(DiffWords, SwapsInsertionsAndRemovals) {
  auto d = summarize::DiffWords("Russia urged the rebels to stop quickly.",
                                "Russian Federation urged the rebels, purportedly, to stop.");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].from, "Russia");
  EXPECT_EQ(d[0].to, "Russian Federation");
  EXPECT_EQ(d[1].from, "");
  EXPECT_EQ(d[1].to, "purportedly");
  EXPECT_EQ(d[2].from, "quickly");
  EXPECT_EQ(d[2].to, "");
  EXPECT_TRUE(summarize::DiffWords("Same words here.", "same WORDS here").empty());
}

TEST(DiffWords, AHugeSentenceIsOneChangeNotAHugeTable) {
  std::string a, b;
  for (int i = 0; i < 200000; ++i) {
    a += "w" + std::to_string(i) + " ";
    b += "v" + std::to_string(i) + " ";
  }
  auto d = summarize::DiffWords("Start " + a + "end", "Start " + b + "end");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].from.substr(0, 3), "w0 ");
}

TEST(CompareCopy, ListsWordChangesAndAddedAndDroppedSentences) {
  const std::string original =
      "The ministry said the talks on Syria would resume in Geneva next week.\n\n"
      "Both sides agreed to a temporary ceasefire in the northern province.\n\n"
      "Officials did not say how long the ceasefire would last.";
  const std::string copy =
      "The ministry said the talks on Syria would resume in Geneva next month.\n\n"
      "Both sides agreed to a temporary ceasefire in the northern province.\n\n"
      "Subscribers can read our full coverage of the war in the weekend edition.";
  CopyChanges c = CompareCopy(original, copy);
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].from, "week");
  EXPECT_EQ(c.changes[0].to, "month");
  ASSERT_EQ(c.added.size(), 1u);
  EXPECT_NE(c.added[0].find("Subscribers"), std::string::npos);
  ASSERT_EQ(c.dropped.size(), 1u);
  EXPECT_NE(c.dropped[0].find("how long"), std::string::npos);
  EXPECT_TRUE(CompareCopy(original, original).changes.empty());
}

// MarkCopy places CompareCopy's findings on the texts: the swapped word in both, the added
// sentence in the copy, the dropped one in the original; multi-byte text keeps its boundaries.
TEST(MarkCopy, PlacesSwapsAddedAndDroppedSentencesOnTheTexts) {
  const std::string original =
      "The ministry said the talks on Syria would resume in Genève next week.\n\n"
      "Both sides agreed to a temporary ceasefire in the northern province.\n\n"
      "Officials did not say how long the ceasefire would last.";
  const std::string copy =
      "The ministry said the talks on Syria would resume in Genève next month.\n\n"
      "Both sides agreed to a temporary ceasefire in the northern province.\n\n"
      "Subscribers can read our full coverage of the war in the weekend edition.";
  const CopyMarks m = MarkCopy(original, copy);
  auto text = [](const std::string& s, const TextMark& k) { return s.substr(k.begin, k.end - k.begin); };
  ASSERT_EQ(m.original.size(), 2u);
  EXPECT_EQ(text(original, m.original[0]), "week");
  EXPECT_EQ(m.original[0].kind, TextMark::Kind::kChanged);
  EXPECT_EQ(text(original, m.original[1]).find("Officials did not say"), 0u);
  EXPECT_EQ(m.original[1].kind, TextMark::Kind::kDropped);
  ASSERT_EQ(m.copy.size(), 2u);
  EXPECT_EQ(text(copy, m.copy[0]), "month");
  EXPECT_EQ(m.copy[1].kind, TextMark::Kind::kAdded);
  EXPECT_EQ(text(copy, m.copy[1]).find("Subscribers"), 0u);
  EXPECT_EQ(TextMarkKindName(m.copy[1].kind), "added");
  EXPECT_TRUE(MarkCopy(original, original).copy.empty());
  // A run of several words is one mark from its first word to its last.
  const CopyMarks run = MarkCopy("The jury found the former chief guilty of fraud on Monday.",
                                 "The panel found the ex-chief guilty of fraud on Monday.");
  ASSERT_EQ(run.copy.size(), 2u);
  EXPECT_EQ(text("The panel found the ex-chief guilty of fraud on Monday.", run.copy[1]), "ex-chief");
  ASSERT_EQ(run.original.size(), 2u);
  EXPECT_EQ(text("The jury found the former chief guilty of fraud on Monday.", run.original[1]),
            "former chief");
  // The two sides of a run share its number.
  EXPECT_EQ(run.original[0].run, 0);
  EXPECT_EQ(run.copy[0].run, 0);
  EXPECT_EQ(run.original[1].run, 1);
  EXPECT_EQ(run.copy[1].run, 1);
  EXPECT_EQ(m.copy[1].run, -1);
}

// Review findings: "may" the verb, "next Tuesday" on a Tuesday, past events a year back.
TEST(FirstDateIn, ResolvesTheHardCases) {
  const int64_t tue = 20529;  // 2026-03-17, a Tuesday
  EXPECT_FALSE(summarize::FirstDateIn(NormalizeText("Up to 20 may have died."), tue));
  EXPECT_FALSE(summarize::FirstDateIn(NormalizeText("All 3 may face charges."), tue));
  auto may = summarize::FirstDateIn(NormalizeText("The vote is on May 3."), tue);
  ASSERT_TRUE(may);
  EXPECT_EQ(FormatIsoDate(may->day * 86400).substr(0, 10), "2026-05-03");  // scheduled
  auto next = summarize::FirstDateIn(NormalizeText("They meet again next Tuesday."), tue);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->day, tue + 7);
  auto same = summarize::FirstDateIn(NormalizeText("They met on Tuesday."), tue);
  ASSERT_TRUE(same);
  EXPECT_EQ(same->day, tue);
  // Published 2017-01-20: "July 19" happened in 2016.
  auto past = summarize::FirstDateIn(NormalizeText("It happened on July 19."), 17186);
  ASSERT_TRUE(past);
  EXPECT_EQ(FormatIsoDate(past->day * 86400).substr(0, 10), "2016-07-19");
  EXPECT_FALSE(summarize::FirstDateIn(NormalizeText("On Tuesday."), std::nullopt));
  EXPECT_FALSE(summarize::FirstDateIn(NormalizeText("On Tuesday."), INT64_MIN / 86400));
}

TEST(Summarize, EmptyStory) {
  std::vector<Article> v;
  Brief b = *Summarize(v, {}, BriefOptions());
  EXPECT_TRUE(b.headline.empty());
  EXPECT_TRUE(b.sentences.empty());
}

}  // namespace
}  // namespace storyline
