#include "storyline/stories.h"

#include <gtest/gtest.h>

#include "storyline/cluster.h"
#include "storyline/dedup.h"

namespace storyline {
namespace {

Article Make(std::string id, std::string source, std::string url, int64_t ts, std::string text) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.url = std::move(url);
  a.timestamp = ts;
  a.text = std::move(text);
  return a;
}

const char* kWire =
    "The council voted on Tuesday to close the old Harbor Bridge for repairs after engineers "
    "found cracks in two of its steel supports during a routine inspection last week, officials "
    "said. The work is expected to take six weeks and to cost about two million dollars, and "
    "ferries will carry commuters across the bay while the bridge is closed to all traffic.";

// Story assembly as a stage of its own: members, outlets, copies folded under originals.
TEST(BuildStory, FoldsCopiesUnderTheirOriginalAndGroupsOutlets) {
  std::vector<Article> v = {
      Make("w", "Wire", "", 100, kWire),
      Make("c", "Copycat", "", 300, std::string("Home | News | Sport\n\n") + kWire),
      Make("o", "", "https://www.daily.example/bridge", 200,
           "Engineers found cracks in two steel supports of the old Harbor Bridge, and the "
           "council voted on Tuesday to close it for six weeks of repairs."),
      Make("u", "", "", 250,
           "Harbor Bridge will close for six weeks after the council vote on Tuesday, following "
           "the discovery of cracks in its steel supports.")};
  auto dedup = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(dedup.ok());
  ASSERT_EQ(dedup->articles[1].duplicate_of, 0);
  const std::vector<uint32_t> members = {3, 1, 0, 2};
  auto s = BuildStory(v, *dedup, members, BriefOptions());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->articles, (std::vector<uint32_t>{0, 2, 3, 1}));  // date order
  EXPECT_EQ(s->originals, (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(*s->first_timestamp, 100);
  EXPECT_EQ(*s->last_timestamp, 300);
  ASSERT_EQ(s->outlets.size(), 3u);
  EXPECT_EQ(s->outlets[0].source, "Wire");  // named outlets by name among equals
  EXPECT_EQ(s->outlets[0].copies[0], (std::vector<uint32_t>{1}));
  EXPECT_EQ(s->outlets[0].copy_changes[0].size(), 1u);
  EXPECT_EQ(s->outlets[1].source, "daily.example");  // the URL's host, without www.
  EXPECT_EQ(s->outlets[2].source, "");               // unknown, last
  EXPECT_EQ(s->KnownOutlets(), 2u);
  EXPECT_EQ(s->contributions.size(), 3u);
  EXPECT_FALSE(s->headline.empty());
}

TEST(BuildStory, RejectsMembersOutOfRangeAndBadOptions) {
  std::vector<Article> v = {Make("a", "", "", 1, kWire)};
  auto dedup = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(dedup.ok());
  const std::vector<uint32_t> bad = {1};
  EXPECT_EQ(BuildStory(v, *dedup, bad, BriefOptions()).status().code(),
            StatusCode::kInvalidArgument);
  BriefOptions o;
  o.max_sentences = -1;
  const std::vector<uint32_t> ok = {0};
  EXPECT_EQ(BuildStory(v, *dedup, ok, o).status().code(), StatusCode::kInvalidArgument);
}

// Ids are story numbers + 1; a story merged away is gone and its id is an alias of the other.
TEST(AssembleStories, KeepsIdsAndAliasesOfMergedStories) {
  std::vector<Article> v = {Make("a", "A", "", 1, kWire), Make("b", "B", "", 2, kWire),
                            Make("z", "Z", "", 3, "A quite different short report about rain.")};
  DedupResult dedup;
  dedup.articles.resize(3);
  ClusterResult cluster;
  cluster.story_of = {0, 0, 2};
  cluster.score = {1, 1, 1};
  cluster.num_stories = 3;
  cluster.merged_into = {-1, 0, -1};  // story 1 was merged into story 0
  auto stories = AssembleStories(v, dedup, cluster, BriefOptions());
  ASSERT_TRUE(stories.ok());
  ASSERT_EQ(stories->size(), 2u);
  EXPECT_EQ((*stories)[0].id, 1);
  EXPECT_EQ((*stories)[0].aliases, (std::vector<int32_t>{2}));
  EXPECT_EQ((*stories)[1].id, 3);
  cluster.story_of = {0, 0, 7};
  EXPECT_EQ(AssembleStories(v, dedup, cluster, BriefOptions()).status().code(),
            StatusCode::kInvalidArgument);
}

// Review findings: a hand-made clustering cannot make AssembleStories allocate for stories that
// hold no article, list a story as its own alias, or lose the aliases of a chain of merges.
TEST(AssembleStories, ToleratesHandMadeClusterings) {
  std::vector<Article> v = {Make("a", "A", "", 1, kWire), Make("b", "B", "", 2, kWire)};
  DedupResult dedup;
  dedup.articles.resize(2);
  ClusterResult cluster;
  cluster.story_of = {0, 0};
  cluster.score = {1, 1};
  cluster.num_stories = 20000000;  // overstated
  cluster.merged_into = {0, 0, 1};  // 0 into itself; 2 into 1 into 0
  auto stories = AssembleStories(v, dedup, cluster, BriefOptions());
  ASSERT_TRUE(stories.ok()) << stories.status().ToString();
  ASSERT_EQ(stories->size(), 1u);
  EXPECT_EQ((*stories)[0].aliases, (std::vector<int32_t>{2, 3}));
}

TEST(BuildStory, RepeatedMembersCountOnceAndOrphanCopiesStand) {
  std::vector<Article> v = {Make("w", "Wire", "", 100, kWire),
                            Make("c", "Copycat", "", 300, std::string("Home\n\n") + kWire)};
  auto dedup = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(dedup.ok());
  ASSERT_EQ(dedup->articles[1].duplicate_of, 0);
  const std::vector<uint32_t> twice = {0, 0, 1};
  auto s = BuildStory(v, *dedup, twice, BriefOptions());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->articles.size(), 2u);
  EXPECT_EQ(s->originals.size(), 1u);
  const std::vector<uint32_t> orphan = {1};  // a copy without its original
  auto o = BuildStory(v, *dedup, orphan, BriefOptions());
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->originals, (std::vector<uint32_t>{1}));
  EXPECT_FALSE(o->headline.empty());
  EXPECT_EQ(o->KnownOutlets(), 1u);
}

}  // namespace
}  // namespace storyline
