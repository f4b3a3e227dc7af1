#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/text_clean_internal.h"
#include "extract/text_clean_test_util.h"
#include "storyline/extract.h"
#include "storyline/text.h"

namespace storyline {
namespace {

using extract::ClassifyUnit;
using extract::UnitKind;

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

UnitKind Classify(std::string_view raw) {
  std::vector<Token> scratch;
  return ClassifyUnit(NormalizeText(raw), &scratch);
}

// ---- The unit classifier ---------------------------------------------------------------------

TEST(ClassifyUnit, KeepsNewsSentencesThatMentionCueWords) {
  for (const char* sentence : {
           "The city council approved the new budget on Tuesday after a long debate.",
           "Share prices fell 3 percent on Monday after the report.",
           "Comments by the minister angered officials in Kiev.",
           "Two responses to the crisis emerged on Friday.",
           "Rep. John Smith (R) said the bill would pass easily.",
           "Netflix said its ad-free tier grew by 5 million subscribers.",
           "Sponsored by Russia, the resolution failed in the council.",
           "Fighting in Baghdad free of curfews resumed at dawn.",
           "Follow-up talks are due in May, the ministry told reporters.",
           "Details were posted at www.un.org on Monday, the spokesman said.",
           "Kerry Lavrov Discuss Syria Truce",
           "Storm Batters Coastal Towns as Thousands Flee",
           "Our reporters will follow the story as it develops.",
           "The law requires (a) a permit, (b) a fee and (c) an inspection.",
           "The virus first appeared on an internet bulletin board last week.",
           "By continuing to use coal, the country will miss its climate targets.",
           "He refused to continue reading the statement.",
           "That could change too.",
           "California Adopts Groundbreaking Stem Cell Research Measure Despite Federal Limits",
           "Copyright Law Overhaul Stalls in Congress",
           "Lawmakers may cut jail time for inmates who donate organs",
           "The ninth image takes on the Gulf War. It shows a wall of names.",
           "Still, senior executives say the image shows the network is weak.",
           "The photo shows the bear on crinkled paper, experts said.",
           "Suggested dose: 3 grams a day of EPA/DHA from fish oil.",
       }) {
    EXPECT_EQ(Classify(sentence), UnitKind::kContent) << sentence;
  }
}

TEST(ClassifyUnit, FlagsWidgetsCallsToActionAndLinks) {
  for (const char* line : {
           "Share",
           "SHARE THIS ARTICLE",
           "Tweet",
           "Follow us on Twitter",
           "Advertisement",
           "Read more",
           "Related stories",
           "Subscribe to our newsletter!",
           "Back the Herald - go ad-free today!",
           "Tags: Syria, Russia, Kerry",
           "Tags: , , , ,",
           ", , , ,",
           "www.example.com",
           "https://example.com/a http://example.org/b",
           "Home | World | Middle East | Syria",
           "News > World > Europe",
           "Sports \xE2\x80\xA2 Weather \xE2\x80\xA2 Traffic",
           "<img src=\"storm.jpg\">",
           "<figcaption>Flooded streets in Reno.</figcaption>",
           "Loading comments for %s",
           "We use cookies to improve your experience.",
           "Your email address will not be published. Required fields are marked *",
           "Email (required)",
           "Website",
           "Cancel",
           "Instagram picture",
           "Copyright 2019 Valley Courier",
           "This article was originally published on Example News.",
           "Syria, Russia, Kerry, Lavrov, Assad, Aleppo, Geneva",
       }) {
    EXPECT_EQ(Classify(line), UnitKind::kJunk) << line;
  }
}

TEST(ClassifyUnit, FlagsCaptionsAndPhotoCredits) {
  for (const char* line : {
           "Mayor Jane Doe (R) greets residents at the county fair in Springfield, May 3, 2019.",
           "Firefighters (2nd L) battle the blaze near Reno on Sunday.",
           "A picture taken on May 3 shows smoke rising over the city.",
           "\xC2\xA9 Jane Doe | The old bridge at dusk",
           "Rescue workers search the rubble on Sunday. (Photo by John Roe)",
           "Photo: Jane Doe/Reuters",
           "A view of the harbour at night. REUTERS/Jane Doe",
           "File photo of the plant in 2012.",
       }) {
    EXPECT_EQ(Classify(line), UnitKind::kJunk) << line;
  }
}

TEST(ClassifyUnit, RecognisesCommentSectionHeaders) {
  for (const char* line : {"Leave a Reply", "3 Comments", "Comments (12)",
                           "Two thoughts on \u201cStorm hits coast\u201d", "Join the discussion",
                           "One Response to \"Storm hits coast\""}) {
    EXPECT_EQ(Classify(line), UnitKind::kCommentStart) << line;
  }
}

// ---- CleanText on invented articles ----------------------------------------------------------

TEST(CleanText, KeepsCleanArticleVerbatim) {
  const std::string text = Join(
      {"Storm Batters Coastal Towns",
       "A powerful storm swept through the coast on Sunday, flooding streets and cutting power "
       "to thousands of homes.",
       "\"We have never seen water this high,\" said Mayor Jane Doe, who urged residents to stay "
       "indoors.",
       "Forecasters expect the rain to ease by Tuesday."},
      "\n\n");
  EXPECT_EQ(Clean(text), text);
}

TEST(CleanText, KeepsEveryWordOfHardWrappedParagraph) {
  // Wrapped at ~60 columns; some lines are short sentence tails or start with a capital.
  const std::string text =
      "RENO, Nev., May 3 Firefighters battled a wildfire that\n"
      "forced the evacuation of two towns on Sunday, officials\n"
      "said.\n"
      "The fire, which started near Highway 50, spread quickly in\n"
      "dry conditions and strong winds, according to the U.S.\n"
      "Forest Service. Crews from three states joined the effort.\n"
      "Share prices of the local utility, which owns the power\n"
      "lines, fell 4 percent.\n"
      "\"We are doing everything we can,\" the county sheriff told\n"
      "Reuters.";
  EXPECT_EQ(Clean(text), text);
}

TEST(CleanText, DropsJunkLineInsideHardWrappedParagraph) {
  const std::string text =
      "Firefighters battled a wildfire that forced the evacuation\n"
      "of two towns on Sunday, officials said.\n"
      "Advertisement\n"
      "The fire spread quickly in dry conditions and strong winds\n"
      "across the valley.";
  EXPECT_EQ(Clean(text),
            "Firefighters battled a wildfire that forced the evacuation\n"
            "of two towns on Sunday, officials said.\n"
            "The fire spread quickly in dry conditions and strong winds\n"
            "across the valley.");
}

TEST(CleanText, DropsShareBarsAndAdverts) {
  const std::string text = Join({"Share", "Tweet", "Bridge Reopens After Repairs",
                                 "The old river bridge reopened on Friday after two years of "
                                 "repairs, the transport department said.",
                                 "Advertisement", "Drivers welcomed the shorter commute.",
                                 "Follow us on Twitter", "Read more"},
                                "\n\n");
  EXPECT_EQ(Clean(text), Join({"Bridge Reopens After Repairs",
                               "The old river bridge reopened on Friday after two years of "
                               "repairs, the transport department said.",
                               "Drivers welcomed the shorter commute."},
                              "\n\n"));
}

TEST(CleanText, DropsCommentSectionToTheEnd) {
  const std::string text = Join(
      {"The council voted to close the library on Mondays.", "The change takes effect in June.",
       "4 Comments", "jsmith99 wrote:", "This is a terrible decision by the council.",
       "I agree, the library is the heart of our town.", "Leave a Reply", "Logged in as a guest",
       "Post"},
      "\n\n");
  EXPECT_EQ(Clean(text), Join({"The council voted to close the library on Mondays.",
                               "The change takes effect in June."},
                              "\n\n"));
}

TEST(CleanText, CommentHeaderBeforeTheArticleDoesNotWipeIt) {
  const std::string text = "Comments\n\nThe council voted to close the library on Mondays.";
  EXPECT_EQ(Clean(text), "The council voted to close the library on Mondays.");
}

TEST(CleanText, DropsCaptionsButKeepsPartyLabels) {
  const std::string text =
      Join({"Senator Jane Doe (R) shakes hands with voters in Concord, New Hampshire, May 2, 2019.",
            "Senator Jane Doe (R) said on Thursday she would run for governor.",
            "A picture taken on May 2 shows supporters waving flags outside the hall.",
            "Doe has served two terms in the Senate."},
           "\n\n");
  EXPECT_EQ(Clean(text), Join({"Senator Jane Doe (R) said on Thursday she would run for governor.",
                               "Doe has served two terms in the Senate."},
                              "\n\n"));
}

TEST(CleanText, DropsLinkListWithItsLeadIn) {
  const std::string text =
      Join({"Prices rose 2 percent in March, the statistics office said.",
            "Our site is also available at these mirrors:", "www.example-news.org",
            "example-news.net/mirror"},
           "\n\n");
  EXPECT_EQ(Clean(text), "Prices rose 2 percent in March, the statistics office said.");
}

TEST(CleanText, KeepsQuoteLeadIn) {
  const std::string text = Join({"The minister told parliament:",
                                 "\"We will not raise taxes this year, whatever the deficit.\""},
                                "\n\n");
  EXPECT_EQ(Clean(text), text);
}

TEST(CleanText, KeepsHeadlineAfterJunkAndDropsShortTailAfterJunk) {
  const std::string text = Join({"Support the Courier - go ad-free!", "Dam Repairs Begin",
                                 "Work on the Elm Creek dam began on Monday, officials said.",
                                 "Share this story", "Courier Mobile App"},
                                "\n\n");
  EXPECT_EQ(Clean(text), Join({"Dam Repairs Begin",
                               "Work on the Elm Creek dam began on Monday, officials said."},
                              "\n\n"));
}

TEST(CleanText, KeepsShortLineAfterArticleWhenNotNextToJunk) {
  const std::string text = Join({"Work on the Elm Creek dam began on Monday, officials said.",
                                 "Dam Repairs to Last Two Years"},
                                "\n\n");
  EXPECT_EQ(Clean(text), text);
}

TEST(CleanText, NormalisesParagraphSeparatorsAndKeepsLineBreaks) {
  const std::string text =
      "  Title Line  \r\n\r\n\r\n\nFirst line of a list:\r\n- apples\r\n- pears\r\n\n\n"
      "Last paragraph here.\n\n";
  EXPECT_EQ(Clean(text),
            "Title Line\n\nFirst line of a list:\n- apples\n- pears\n\n"
            "Last paragraph here.");
}

TEST(CleanText, RemovedParagraphLeavesOneSeparator) {
  EXPECT_EQ(Clean("First paragraph here.\n\nAdvertisement\n\nSecond paragraph here."),
            "First paragraph here.\n\nSecond paragraph here.");
}

TEST(CleanText, EmptyAndAllJunkGiveEmpty) {
  EXPECT_EQ(Clean(""), "");
  EXPECT_EQ(Clean("\n \n\t\n"), "");
  EXPECT_EQ(Clean("Share\n\nAdvertisement\n\nwww.example.com"), "");
}

TEST(CleanText, DropJunkLinesOffKeepsJunk) {
  TextCleanOptions options;
  options.drop_junk_lines = false;
  const std::string text = "Share\n\nThe river rose two metres overnight.\n\nAdvertisement";
  EXPECT_EQ(*CleanText(text, "", nullptr, options), text);
}

// ---- Per-source template learning ------------------------------------------------------------

constexpr std::string_view kFooter1 =
    "The Valley Courier has served the San Luis Valley since 1926.";
constexpr std::string_view kFooter2 = "Printed with pride in Alamosa, Colorado.";

std::string CourierBody(int i) {
  const std::string n = std::to_string(i);
  return "Story " + n + ": the county commission met on day " + n +
         " to discuss water rights.\n\nFarmers asked for " + n +
         " more wells, the commission chair said.";
}

std::string CourierArticle(int i) {
  return CourierBody(i) + "\n\n" + std::string(kFooter1) + "\n\n" + std::string(kFooter2);
}

TEST(TemplateModel, RemovesRecurringFootersKeepsBodies) {
  TemplateModel model;
  for (int i = 0; i < 10; ++i) model.Observe("Valley Courier", CourierArticle(i));
  EXPECT_EQ(model.Articles("Valley Courier"), 10u);
  const TextCleanOptions options;
  EXPECT_TRUE(model.IsTemplate("Valley Courier", kFooter1, options));
  EXPECT_TRUE(model.IsTemplate("Valley Courier", kFooter2, options));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(*CleanText(CourierArticle(i), "Valley Courier", &model, options), CourierBody(i));
    // The footers are ordinary sentences: only the outlet's history marks them.
    EXPECT_EQ(*CleanText(CourierArticle(i), "Valley Courier", nullptr, options), CourierArticle(i));
  }
}

TEST(TemplateModel, OtherOutletKeepsTheSameSentence) {
  TemplateModel model;
  for (int i = 0; i < 10; ++i) model.Observe("Valley Courier", CourierArticle(i));
  const std::string other =
      "The mill reopened on Monday after a fire, its owner said.\n\n" + std::string(kFooter2);
  model.Observe("Mountain Mail", other);
  EXPECT_FALSE(model.IsTemplate("Mountain Mail", kFooter2, TextCleanOptions()));
  EXPECT_EQ(*CleanText(other, "Mountain Mail", &model, TextCleanOptions()), other);
  EXPECT_EQ(*CleanText(other, "Unseen Outlet", &model, TextCleanOptions()), other);
}

TEST(TemplateModel, TwoArticlesTeachNothing) {
  TemplateModel model;
  model.Observe("Tiny Times", CourierArticle(1));
  model.Observe("Tiny Times", CourierArticle(2));
  EXPECT_EQ(model.Articles("Tiny Times"), 2u);
  EXPECT_FALSE(model.IsTemplate("Tiny Times", kFooter1, TextCleanOptions()));
  EXPECT_EQ(*CleanText(CourierArticle(1), "Tiny Times", &model, TextCleanOptions()),
            CourierArticle(1));
}

TEST(TemplateModel, AppliesMinShare) {
  TemplateModel model;
  for (int i = 0; i < 20; ++i) {
    std::string text = CourierBody(i);
    if (i < 3) text += "\n\nRare line seen in three articles.";
    if (i < 5) text += "\n\nLine seen in five articles.";
    model.Observe("Courier", text);
  }
  TextCleanOptions options;  // 3 articles and 20 percent of 20 = 4 articles
  EXPECT_FALSE(model.IsTemplate("Courier", "Rare line seen in three articles.", options));
  EXPECT_TRUE(model.IsTemplate("Courier", "Line seen in five articles.", options));
  options.template_min_share = 0.1;
  EXPECT_TRUE(model.IsTemplate("Courier", "Rare line seen in three articles.", options));
  options.template_min_articles = 6;
  EXPECT_FALSE(model.IsTemplate("Courier", "Line seen in five articles.", options));
}

TEST(TemplateModel, ComparesNormalisedLines) {
  TemplateModel model;
  for (int i = 0; i < 5; ++i) model.Observe("Courier", CourierBody(i) + "\n  PRINTED  with pride ");
  EXPECT_TRUE(model.IsTemplate("Courier", "printed with Pride", TextCleanOptions()));
  EXPECT_FALSE(model.IsTemplate("Courier", "", TextCleanOptions()));
  EXPECT_FALSE(model.IsTemplate("courier", "printed with pride", TextCleanOptions()));
}

TEST(TemplateModel, CountsALineOncePerArticle) {
  TemplateModel model;
  model.Observe("Courier", "Same line.\nSame line.\nSame line.");
  model.Observe("Courier", "Other text.");
  TextCleanOptions options;
  options.template_min_articles = 2;
  options.template_min_share = 0.0;
  EXPECT_FALSE(model.IsTemplate("Courier", "Same line.", options));
}

// Issue 12: an unknown outlet is no outlet, so texts without one teach no template (before, all
// of them were pooled as one outlet and each other's recurring lines were dropped).
TEST(TemplateModel, UnknownOutletLearnsNothing) {
  TemplateModel model;
  for (int i = 0; i < 3; ++i) model.Observe("", CourierArticle(i));
  EXPECT_EQ(model.Articles(""), 0u);
  EXPECT_EQ(model.Articles("Valley Courier"), 0u);
  EXPECT_FALSE(model.IsTemplate("", kFooter2, TextCleanOptions()));
  EXPECT_FALSE(model.IsTemplate("Valley Courier", kFooter2, TextCleanOptions()));
}

// Review finding: a line never seen is never template, whatever the options say.
TEST(TemplateModel, UnseenLineIsNeverTemplate) {
  TemplateModel model;
  for (int i = 0; i < 5; ++i) model.Observe("Courier", CourierArticle(i));
  TextCleanOptions anything;
  anything.template_min_articles = 0;
  anything.template_min_share = 0;
  EXPECT_FALSE(model.IsTemplate("Courier", "A line nobody printed.", anything));
  EXPECT_TRUE(model.IsTemplate("Courier", kFooter1, anything));
}

TEST(TemplateModel, RecurringWrappedFragmentStaysInsideNewSentence) {
  // Every article's wrapped paragraph ends in the same short tail line.
  auto article = [](int i) {
    return "Officials from " + std::to_string(i) +
           " countries met on Monday to discuss the war in\n"
           "Syria.\n\nDelegates number " +
           std::to_string(i) + " agreed to meet again next month in Geneva.";
  };
  TemplateModel model;
  for (int i = 0; i < 10; ++i) model.Observe("Wire", article(i));
  EXPECT_TRUE(model.IsTemplate("Wire", "Syria.", TextCleanOptions()));
  EXPECT_EQ(*CleanText(article(3), "Wire", &model, TextCleanOptions()), article(3));
}

TEST(TemplateModel, MoveKeepsWhatWasLearned) {
  TemplateModel model;
  for (int i = 0; i < 5; ++i) model.Observe("Courier", CourierArticle(i));
  TemplateModel moved(std::move(model));
  EXPECT_EQ(moved.Articles("Courier"), 5u);
  TemplateModel assigned;
  assigned = std::move(moved);
  EXPECT_TRUE(assigned.IsTemplate("Courier", kFooter1, TextCleanOptions()));
}

TEST(CleanText, RejectsInvalidOptions) {
  TextCleanOptions o;
  o.template_min_share = 1.5;
  EXPECT_EQ(CleanText("text", "", nullptr, o).status().code(), StatusCode::kInvalidArgument);
  o.template_min_share = 0.2;
  o.template_min_articles = 0;
  EXPECT_EQ(CleanText("text", "", nullptr, o).status().code(), StatusCode::kInvalidArgument);
}

// Issue 12: articles of unknown outlet share no template (an unknown outlet is no outlet); a
// source and the same name as a URL host are one outlet.
TEST(CleanTexts, LearnsPerOutletAndNothingForUnknownOutlets) {
  std::vector<Article> v;
  for (int i = 0; i < 6; ++i) {
    Article a;
    a.text = CourierArticle(i);
    if (i % 2 == 0) {
      a.source = "valley-courier.example";
    } else {
      a.url = "https://www.valley-courier.example/story/" + std::to_string(i);
    }
    v.push_back(a);
    Article unknown;
    unknown.text = CourierArticle(i);
    v.push_back(unknown);
  }
  TextCleanOptions o;
  o.drop_junk_lines = false;  // template lines only
  auto cleaned = CleanTexts(v, o);
  ASSERT_TRUE(cleaned.ok());
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ((*cleaned)[2 * i], CourierBody(i)) << i;
    EXPECT_EQ((*cleaned)[2 * i + 1], CourierArticle(i)) << i;
  }
}

}  // namespace
}  // namespace storyline
