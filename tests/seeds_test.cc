// End to end on the five real pages in ../shared/seeds: 000 is a wire original, 001 the same
// wire text inside a site's boilerplate, 002–004 other reports (004 a stitched, word-swapped
// content-farm page).

#include <gtest/gtest.h>

#include "storyline/storyline.h"
#include "testing/corpus.h"
#include "testing/shared_data.h"

namespace storyline {
namespace {

class SeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    STORYLINE_REQUIRE_SHARED("seeds");
    auto articles = testing::LoadArticles({testing::SharedDir() + "/seeds"});
    ASSERT_EQ(articles.size(), 5u) << "seeds not found under " << testing::SharedDir();
    auto r = RunPipeline(std::move(articles), PipelineOptions());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    result_ = std::move(*r);
  }
  PipelineResult result_;
};

TEST_F(SeedsTest, RepostIsAContainedCopyOfTheWireOriginal) {
  const DuplicateInfo& d = result_.dedup.articles[1];
  EXPECT_EQ(d.duplicate_of, 0);
  EXPECT_EQ(d.kind, DuplicateKind::kContained);
  EXPECT_GE(d.containment, 0.9);
  EXPECT_EQ(result_.dedup.articles[0].duplicate_of, -1);
}

TEST_F(SeedsTest, NoOtherPairIsADuplicate) {
  for (size_t i = 0; i < 5; ++i) {
    if (i == 1) continue;
    EXPECT_EQ(result_.dedup.articles[i].duplicate_of, -1) << "seed " << i;
  }
  EXPECT_EQ(result_.dedup.stats.copies, 1u);
}

TEST_F(SeedsTest, WireAndRepostShareAStory) { EXPECT_EQ(result_.story_id[0], result_.story_id[1]); }

TEST_F(SeedsTest, BriefRepeatsNothingAndKeepsOutJunk) {
  for (const Story& s : result_.stories) {
    for (size_t i = 0; i < s.summary.size(); ++i) {
      const std::string& t = s.summary[i].text;
      EXPECT_EQ(t.find("Ad-Free"), std::string::npos) << t;
      EXPECT_EQ(t.find("figcaption"), std::string::npos) << t;
      EXPECT_EQ(t.find("LONDON/MOSCOW"), std::string::npos) << t;
      for (size_t j = i + 1; j < s.summary.size(); ++j) EXPECT_NE(t, s.summary[j].text);
    }
  }
  // The wire story's brief lists the repost as a copy of the original.
  const std::string json = [&] {
    for (const Story& s : result_.stories) {
      if (s.id == result_.story_id[0]) return StoryToJson(result_, s);
    }
    return std::string();
  }();
  EXPECT_NE(json.find("\"copies\":[{\"id\":\"001_9a1c10922063956d\""), std::string::npos) << json;
}

// The check: the story holding 000-003 names Kerry, Lavrov, Assad, Russia and Syria among
// its top entities, and its brief takes no sentence of the wire text twice (000 and its repost
// 001 say the same sentences; 001 is a copy, so only 000 may speak).
TEST_F(SeedsTest, WireStoryBriefNamesTheActorsAndTakesTheWireOnce) {
  const Story* story = nullptr;
  for (const Story& s : result_.stories) {
    if (s.id == result_.story_id[0]) story = &s;
  }
  ASSERT_NE(story, nullptr);
  for (int seed : {1, 2, 3}) EXPECT_EQ(result_.story_id[seed], story->id) << "seed " << seed;
  ASSERT_GE(story->entities.size(), 5u);
  auto top_has = [&](std::string_view word) {
    const size_t top = std::min<size_t>(8, story->entities.size());
    for (size_t k = 0; k < top; ++k) {
      const StoryEntity& e = story->entities[k];
      if (e.name.find(word) != std::string::npos) return true;
      for (const std::string& a : e.aliases) {
        if (a.find(word) != std::string::npos) return true;
      }
    }
    return false;
  };
  for (const char* name : {"Kerry", "Lavrov", "Assad", "Russia", "Syria"}) {
    EXPECT_TRUE(top_has(name)) << name << " not among the top entities";
  }
  for (const SummarySentence& s : story->summary) EXPECT_NE(s.article, 1u) << "the copy spoke";
  for (size_t i = 0; i < story->summary.size(); ++i) {
    for (size_t j = i + 1; j < story->summary.size(); ++j) {
      EXPECT_LT(SentenceSimilarity(story->summary[i].text, story->summary[j].text), 0.9)
          << story->summary[i].text << " | " << story->summary[j].text;
    }
  }
  // What each outlet says that the others do not: Press TV's framing of the strikes (003).
  bool framing = false;
  for (const OutletContribution& c : story->contributions) {
    for (const std::string& u : c.unique) {
      if (c.article == 3 && u.find("purportedly against Daesh") != std::string::npos)
        framing = true;
    }
    EXPECT_NE(c.article, 1u) << "a copy has no contribution of its own";
  }
  EXPECT_TRUE(framing);
  // The dateline "LONDON/MOSCOW, July 19" dates the undated wire story's lead.
  ASSERT_FALSE(story->timeline.empty());
  EXPECT_EQ(story->timeline[0].date, "--07-19");
}

}  // namespace
}  // namespace storyline
