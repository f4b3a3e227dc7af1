#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/text.h"
#include "text/sentences_test_util.h"

namespace storyline {
namespace {

TEST(SplitSentences, EmptyAndBlankInput) {
  EXPECT_TRUE(Sentences("").empty());
  EXPECT_TRUE(Sentences(" \n\n\t \r\n ").empty());
}

TEST(SplitSentences, AppendsWithoutClearing) {
  std::vector<SentenceSpan> spans = {SentenceSpan{7, 9}};
  SplitSentences("One. Two.", &spans);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].begin, 7u);
  EXPECT_EQ(spans[2].begin, 5u);
  EXPECT_EQ(spans[2].end, 9u);
}

TEST(SplitSentences, SplitsAtTerminalPunctuation) {
  EXPECT_EQ(Sentences("  Kerry spoke. Lavrov listened!  Did it work? Yes  "),
            (Strings{"Kerry spoke.", "Lavrov listened!", "Did it work?", "Yes"}));
}

TEST(SplitSentences, KeepsTitlesAndInitialsWithTheName) {
  EXPECT_EQ(Sentences("Mr. Smith met Dr. Jones and Gen. Votel. Lt. Col. Ann Lee spoke."),
            (Strings{"Mr. Smith met Dr. Jones and Gen. Votel.", "Lt. Col. Ann Lee spoke."}));
  EXPECT_EQ(Sentences("John F. Kennedy was shot. Sen. Ted Cruz, Rep. Ann Kuster and Gov. Jerry "
                      "Brown spoke. Prof. Sgt. Capt. Ms. Mrs. St. Paul."),
            (Strings{"John F. Kennedy was shot.",
                     "Sen. Ted Cruz, Rep. Ann Kuster and Gov. Jerry Brown spoke.",
                     "Prof. Sgt. Capt. Ms. Mrs. St. Paul."}));
}

TEST(SplitSentences, DottedAbbreviationsSplitOnlyBeforeSentenceStarters) {
  EXPECT_EQ(Sentences("U.S. Secretary of State John Kerry said so."),
            (Strings{"U.S. Secretary of State John Kerry said so."}));
  EXPECT_EQ(Sentences("He met the U.N. envoy. He flew to the U.S. The talks failed."),
            (Strings{"He met the U.N. envoy.", "He flew to the U.S.", "The talks failed."}));
  EXPECT_EQ(Sentences("It began at 9 a.m. Tuesday and ended at 5 p.m. It was long."),
            (Strings{"It began at 9 a.m. Tuesday and ended at 5 p.m.", "It was long."}));
  EXPECT_EQ(Sentences("Talks in the U.K. and E.U. ended. Then more."),
            (Strings{"Talks in the U.K. and E.U. ended.", "Then more."}));
}

TEST(SplitSentences, AmbiguousAbbreviations) {
  EXPECT_EQ(Sentences("Acme Inc. The firm grew. Acme Corp. Chairman Bo Li spoke."),
            (Strings{"Acme Inc.", "The firm grew.", "Acme Corp. Chairman Bo Li spoke."}));
  EXPECT_EQ(Sentences("Martin Luther King Jr. Day came. Kerry vs. Lavrov, etc. He left."),
            (Strings{"Martin Luther King Jr. Day came.", "Kerry vs. Lavrov, etc.", "He left."}));
  EXPECT_EQ(Sentences("Ajax Co. and Beta Ltd. agreed. Sr. advisers objected."),
            (Strings{"Ajax Co. and Beta Ltd. agreed.", "Sr. advisers objected."}));
}

TEST(SplitSentences, NumbersAndMonths) {
  EXPECT_EQ(
      Sentences("It cost 3.5 million. Item No. 3 was sold. The vote was No. It failed."),
      (Strings{"It cost 3.5 million.", "Item No. 3 was sold.", "The vote was No.", "It failed."}));
  EXPECT_EQ(
      Sentences("On Jan. 5 and Sept. 11 and Dec. 3, 2016 they met. Feb. 2 too. Aug. 8 too."),
      (Strings{"On Jan. 5 and Sept. 11 and Dec. 3, 2016 they met.", "Feb. 2 too.", "Aug. 8 too."}));
  EXPECT_EQ(Sentences("The war began in 2011. 16 rebels were killed."),
            (Strings{"The war began in 2011.", "16 rebels were killed."}));
  EXPECT_EQ(Sentences("Oct. Nov. Dec."), (Strings{"Oct. Nov. Dec."}));
}

TEST(SplitSentences, QuotesAndBracketsStayWithTheirSentence) {
  EXPECT_EQ(Sentences("He said \"Stop.\" Then he left."),
            (Strings{"He said \"Stop.\"", "Then he left."}));
  EXPECT_EQ(Sentences("Why now?\" Kerry asked. (It was late!) Lavrov agreed."),
            (Strings{"Why now?\"", "Kerry asked.", "(It was late!)", "Lavrov agreed."}));
  EXPECT_EQ(Sentences("\xE2\x80\x9CWe\xE2\x80\x99re far.\xE2\x80\x9D He left."),
            (Strings{"\xE2\x80\x9CWe\xE2\x80\x99re far.\xE2\x80\x9D", "He left."}));
  EXPECT_EQ(Sentences("\"Is it over?\" he asked."), (Strings{"\"Is it over?\" he asked."}));
  EXPECT_EQ(Sentences("It said \"dire\". \"Stop,\" he said."),
            (Strings{"It said \"dire\".", "\"Stop,\" he said."}));
}

TEST(SplitSentences, Ellipsis) {
  EXPECT_EQ(Sentences("Well... Then it ended. Wait\xE2\x80\xA6 Now. And... so on."),
            (Strings{"Well...", "Then it ended.", "Wait\xE2\x80\xA6", "Now.", "And... so on."}));
}

TEST(SplitSentences, NoSplitInsideTokens) {
  EXPECT_EQ(Sentences("See www.presstv.co.uk for 3.5% of U.S.-led data."),
            (Strings{"See www.presstv.co.uk for 3.5% of U.S.-led data."}));
}

TEST(SplitSentences, LowercaseContinuationDoesNotSplit) {
  EXPECT_EQ(Sentences("It includes oil, gas, etc. and more. Done."),
            (Strings{"It includes oil, gas, etc. and more.", "Done."}));
}

TEST(SplitSentences, CjkFullStops) {
  // 中国。日本！ -> two sentences without spaces.
  EXPECT_EQ(
      Sentences("\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82\xE6\x97\xA5\xE6\x9C\xAC\xEF\xBC\x81"),
      (Strings{"\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82", "\xE6\x97\xA5\xE6\x9C\xAC\xEF\xBC\x81"}));
}

TEST(SplitSentences, CyrillicSentences) {
  // "Лавров сказал. Керри ушёл." -> two sentences: uncased/other-script capitals start one.
  const std::string text =
      "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2 \xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0"
      "\xD0\xBB. \xD0\x9A\xD0\xB5\xD1\x80\xD1\x80\xD0\xB8 \xD1\x83\xD1\x88\xD1\x91\xD0\xBB.";
  EXPECT_EQ(Sentences(text).size(), 2u);
}

TEST(SplitSentences, BlankLinesAlwaysEndSentences) {
  EXPECT_EQ(Sentences("Kerry met Mr.\n\nLavrov in\r\n \r\nGeneva"),
            (Strings{"Kerry met Mr.", "Lavrov in", "Geneva"}));
}

TEST(SplitSentences, ShortLinesWithoutPunctuationAreSentences) {
  EXPECT_EQ(Sentences("Share\nKerry Talks to Russia\nHe said it. Then\nAdvertisement"),
            (Strings{"Share", "Kerry Talks to Russia", "He said it.", "Then", "Advertisement"}));
}

TEST(SplitSentences, HardWrappedParagraphJoinsLines) {
  const std::string text =
      "The first sentence of this hard-wrapped paragraph runs over\n"
      "several lines that all have a similar width, as a wire\n"
      "service would send it. The second sentence starts inside the\n"
      "third line and ends on a short line.\n"
      "A third one follows on the same kind of wrapped line, and\n"
      "ends here.\n";
  const Strings s = Sentences(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].substr(0, 15), "The first sente");
  EXPECT_EQ(s[0].substr(s[0].size() - 14), "would send it.");
  EXPECT_NE(s[1].find("inside the\nthird line"), std::string::npos);
  EXPECT_EQ(s[2], "A third one follows on the same kind of wrapped line, and\nends here.");
}

TEST(SplitSentences, HeadingInsideWrappedParagraph) {
  const std::string text =
      "The first sentence of this hard-wrapped paragraph runs over\n"
      "several lines that all have a similar width, as a wire\n"
      "service would send it.\n"
      "Advertisement\n"
      "The second sentence starts on a new line and it is also\n"
      "wrapped at the same width.\n";
  const Strings s = Sentences(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "Advertisement");
}

TEST(SplitSentences, LongUnwrappedLinesAreSeparate) {
  const std::string line(150, 'x');
  const std::string text = "Heading one\nHeading two\n" + line + " y\n" + line;
  EXPECT_EQ(Sentences(text).size(), 4u);
}

TEST(SplitSentences, InvalidUtf8AndHugeInput) {
  EXPECT_EQ(Sentences("Bad \xFF byte. Next \xE2\x80 one.").size(), 2u);
  std::string big;
  while (big.size() < (1u << 20)) big += "Mr. Kerry met U.S. officials.\nHe left \xFF.\n\n";
  std::vector<SentenceSpan> spans;
  SplitSentences(big, &spans);
  EXPECT_GT(spans.size(), 20000u);
  std::string one_line(1u << 20, 'a');  // no boundaries at all
  spans.clear();
  SplitSentences(one_line, &spans);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].end, one_line.size());
}

TEST(DatelineLength, RecognisesCommonForms) {
  const std::string_view cases[][2] = {
      {"LONDON/MOSCOW, July 19 U.S. Secretary", "LONDON/MOSCOW, July 19 "},
      {"MOSCOW (AFP) \xE2\x80\x93 Russia and", "MOSCOW (AFP) \xE2\x80\x93 "},
      {"WASHINGTON (Reuters) - The", "WASHINGTON (Reuters) - "},
      {"BEIRUT, Lebanon (AP) \xE2\x80\x94 Syrian", "BEIRUT, Lebanon (AP) \xE2\x80\x94 "},
      {"PORT ELLIS, March 14 (Meridian Wire) - The", "PORT ELLIS, March 14 (Meridian Wire) - "},
      {"NEW YORK \xE2\x80\x94 The", "NEW YORK \xE2\x80\x94 "},
      {"LONDON, Sept. 4, 2016 (Reuters) -- Britain", "LONDON, Sept. 4, 2016 (Reuters) -- "},
      {"ST. LOUIS, Mo. (AP) - A", "ST. LOUIS, Mo. (AP) - "},
      {"Z\xC3\x9CRICH (Reuters) - Swiss", "Z\xC3\x9CRICH (Reuters) - "},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DatelineLength(c[0]), c[1].size()) << c[0];
  }
}

TEST(DatelineLength, RejectsOrdinarySentences) {
  for (const std::string_view text :
       {"U.S. Secretary of State John Kerry said", "The minister said", "Share", "",
        "MOSCOW-based analysts said", "NATO said on Tuesday", "BREAKING", "A - B",
        "LONDON, Britain's capital", "ISIL, which is Nusra", "Kerry (L) speaks"}) {
    EXPECT_EQ(DatelineLength(text), 0u) << text;
  }
}

}  // namespace
}  // namespace storyline
