#include "extract/boilerplate_cues.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "storyline/text.h"

namespace storyline::extract {
namespace {

bool Cue(std::string_view raw) { return HasBoilerplateCue(NormalizeText(raw)); }

// Review finding: credits inside a sentence are often prose; they are boilerplate where captions
// put them (first word, or the sentence's tail).
TEST(BoilerplateCues, CreditsCountOnlyWhereCaptionsPutThem) {
  for (const char* s : {"A Reuters/Ipsos poll released on Tuesday showed support for the plan falling.",
                        "Moody's said the bank's credit: rating would stay under review.",
                        "The AFP/Getty report was later corrected by the agency.",
                        "Police released a file photo of the suspect on Monday."}) {
    EXPECT_FALSE(Cue(s)) << s;
  }
  for (const char* s : {"Rescue workers search the rubble on Monday. (AP Photo/Evan Vucci)",
                        "Photo: John Smith for the Gazette.", "Protesters in Berlin. Foto: dpa"}) {
    EXPECT_TRUE(Cue(s)) << s;
  }
}

TEST(BoilerplateCues, EveryPhraseIsInNormalizedForm) {
  for (const BoilerplateCue& cue : BoilerplateCues()) {
    EXPECT_EQ(NormalizeText(cue.phrase), cue.phrase) << "cannot match: " << cue.phrase;
  }
}

// The cues summarize's brief filter had of its own (LooksLikeBoilerplate), each in a sentence:
// HasBoilerplateCue must flag every one, so the filter can call it instead of a list.
TEST(BoilerplateCues, CoversTheSummaryFiltersCues) {
  for (const char* s : {
           "Click here to read the full report.",
           "Subscribe to get the latest updates.",
           "Sign up today.",
           "Get our daily newsletter.",
           "We value your cookie choices.",
           "All rights reserved.",
           "Leave a reply below.",
           "Leave a comment below.",
           "Share this with your friends.",
           "Follow us for more.",
           "Advertisement content follows.",
           "See http://example.com for details.",
           "See https://example.com for details.",
           "Visit www.example.com for details.",
           "© 2024 Example Media.",
           "(c) 2019 Example Media.",
           "Required fields are marked with an asterisk.",
           "Your email address will not be shared.",
           "The report can also be accessed online.",
           "Read more about the storm here.",
           "Related: storm hits coast.",
           "Photo: John Smith for the Gazette.",
           "Image: handout from the ministry.",
           "The scene on Monday. Getty Images.",
           "You are commenting using your account.",
           "Log in to continue.",
           "John Kerry (L) and Sergei Lavrov shake hands.",
           "Kerry (R) and Lavrov met.",
           "The minister (left) and her deputy.",
           "The minister (right) and her deputy.",
           "The minister (pictured) arrived late.",
       }) {
    EXPECT_TRUE(Cue(s)) << s;
  }
}

TEST(BoilerplateCues, KeepsNewsSentences) {
  for (const char* s : {
           "The city council approved the new budget on Tuesday.",
           "Netflix gained 5 million subscribers in the quarter.",
           "The law requires (a) a permit, (b) a fee and (c) an inspection.",
           "Fighting in Baghdad free of curfews resumed at dawn.",
           "Comments by the minister angered officials.",
           "The board sponsored a study published by the WHO.",
           "Netflix said its ad-free tier grew by 5 million members.",
           "He refused to continue reading the statement.",
           "Protesters held a sign in the window of the embassy.",
           "Pour en savoir plus, le ministre a réuni les experts.",
           "Wie bewerten Sie die Lage in der Ukraine?",
       }) {
    EXPECT_FALSE(Cue(s)) << s;
  }
}

TEST(BoilerplateCues, MatchesOnWordBoundaries) {
  EXPECT_NE(FindCues("subscribe now", kActionCue), 0);
  EXPECT_EQ(FindCues("two million subscribers", kActionCue), 0);
  EXPECT_EQ(FindCues("movie poster design in photoshop", kActionCue), 0);  // not "sign in"
  EXPECT_NE(FindCues("we use cookies here", kActionCue), 0);               // a stem: "cookie"
  EXPECT_NE(FindCues("(c) 2019 reuters", kCreditCue), 0);                  // a stem: "(c) 20"
  EXPECT_NE(FindCues("smith/afp", kCreditCue), 0);              // a symbol edge needs no boundary
  EXPECT_NE(FindCues("12 leserkommentare", kPageLabelCue), 0);  // a compound both ways
  EXPECT_EQ(FindCues("messübungen an bauteilen", kPageLabelCue), 0);  // not "teilen"
}

TEST(BoilerplateCues, KindsFromAndPositions) {
  EXPECT_EQ(FindCues("subscribe now", kCreditCue), 0);  // only the kinds asked for
  EXPECT_EQ(FindCues("subscribe to our newsletter", kStrongCue | kActionCue),
            kStrongCue | kActionCue);
  EXPECT_EQ(FindCues("click here for more", kStrongCue, 5), 0);  // cues before `from` are not seen
  EXPECT_NE(FindCues("a caption. foto: dpa", kCaptionCreditCue, 11), 0);
  EXPECT_EQ(LeadingCues("tags: storm, coast", kLabelCue), kLabelCue);
  EXPECT_EQ(LeadingCues("the tags: storm, coast", kLabelCue), 0);
  EXPECT_EQ(LeadingCues("related articles", kLeadCue), kLeadCue);
  EXPECT_EQ(WholeCues("share", kWholeLabelCue), kWholeLabelCue);
  EXPECT_EQ(WholeCues("share this", kWholeLabelCue), 0);
  EXPECT_EQ(WholeCues("", kWholeLabelCue), 0);
  EXPECT_TRUE(StartsWithWords("copyright 2019 reuters", "copyright"));
  EXPECT_FALSE(StartsWithWords("copyrighted work", "copyright"));
}

}  // namespace
}  // namespace storyline::extract
