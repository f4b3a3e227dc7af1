#include "storyline/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "testing/corpus.h"

namespace storyline {
namespace {

Article Make(std::string title, std::string text, std::string date) {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.date = std::move(date);
  a.timestamp = *ParseIsoDate(a.date);
  return a;
}

// Clusters `v` as articles none of which is a copy.
Result<ClusterResult> ClusterWithoutCopies(const std::vector<Article>& v,
                                           const ClusterOptions& o = ClusterOptions()) {
  DedupResult none;
  none.articles.resize(v.size());
  return ClusterArticles(v, none, o);
}

TEST(ClusterArticles, SameEventJoinsDifferentEventSplits) {
  std::vector<Article> v = {
      Make("Fire destroys Millbrook paper warehouse",
           "A fire destroyed a paper warehouse in Millbrook on Tuesday. Fire chief Dana Ortiz "
           "said forty firefighters fought the blaze at the Kestrel Paper warehouse for six "
           "hours.",
           "2026-03-17"),
      Make("Millbrook warehouse blaze under investigation",
           "Investigators in Millbrook are examining the Kestrel Paper warehouse fire. Chief "
           "Dana Ortiz said the blaze started near a loading dock of the paper warehouse.",
           "2026-03-18"),
      Make("Senate passes groundwater bill",
           "The state Senate voted 21-18 to limit groundwater pumping by farms. Senator Ruth "
           "Alvarez said the aquifer under the valley had dropped for a decade.",
           "2026-03-17"),
  };
  auto r = ClusterWithoutCopies(v);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->story_of[0], r->story_of[1]);
  EXPECT_NE(r->story_of[0], r->story_of[2]);
  EXPECT_EQ(r->num_stories, 2);
  EXPECT_GE(r->score[1], ClusterOptions().join_threshold);
}

TEST(ClusterArticles, TimeWindowSeparatesDistantArticles) {
  std::string text =
      "The Kestrel Paper warehouse in Millbrook burned; chief Dana Ortiz led firefighters.";
  std::vector<Article> v = {Make("Millbrook warehouse fire", text, "2026-03-17"),
                            Make("Millbrook warehouse fire", text + " Again.", "2026-05-17")};
  ClusterOptions month;
  month.time_window_seconds = 30 * 86400;
  auto r = ClusterWithoutCopies(v, month);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->story_of[0], r->story_of[1]);
  ClusterOptions no_window;
  no_window.time_window_seconds = 0;
  r = ClusterWithoutCopies(v, no_window);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->story_of[0], r->story_of[1]);
}

TEST(ClusterArticles, CopiesFollowTheirOriginal) {
  std::vector<Article> v = {
      Make("A", "Completely unrelated words about gardening tomatoes.", "2026-03-01"),
      Make("B", "Another text on quantum computing research labs.", "2026-03-01")};
  DedupResult d;
  d.articles.resize(2);
  d.articles[1].duplicate_of = 0;  // pretend dedup said so
  d.articles[1].kind = DuplicateKind::kExact;
  auto r = ClusterArticles(v, d, ClusterOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->num_stories, 1);
  EXPECT_EQ(r->story_of[1], r->story_of[0]);
}

TEST(ClusterArticles, GeneratedStoriesAreRecovered) {
  testing::CorpusSpec spec;
  spec.num_originals = 400;
  spec.story_size = 4;
  auto corpus = testing::GenerateCorpus(spec);
  auto d = Deduplicate(corpus.articles, DedupOptions());
  ASSERT_TRUE(d.ok());
  auto r = ClusterArticles(corpus.articles, *d, ClusterOptions());
  ASSERT_TRUE(r.ok());
  // Pairwise precision and recall against the planted stories.
  size_t tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < corpus.articles.size(); ++i) {
    for (size_t j = i + 1; j < corpus.articles.size(); ++j) {
      bool same_truth = corpus.story[i] == corpus.story[j];
      bool same_pred = r->story_of[i] == r->story_of[j];
      tp += same_truth && same_pred;
      fp += !same_truth && same_pred;
      fn += same_truth && !same_pred;
    }
  }
  double p = tp / double(tp + fp), rec = tp / double(tp + fn);
  EXPECT_GT(p, 0.95) << "precision";
  EXPECT_GT(rec, 0.9) << "recall";
}

TEST(ClusterArticles, RejectsMismatchedDedupAndBadOptions) {
  std::vector<Article> v(2);
  DedupResult d;
  EXPECT_FALSE(ClusterArticles(v, d, ClusterOptions()).ok());
  d.articles.resize(2);
  d.articles[1].duplicate_of = 5;  // out of range
  EXPECT_FALSE(ClusterArticles(v, d, ClusterOptions()).ok());
  d.articles[1].duplicate_of = -1;
  ClusterOptions o;
  o.time_window_seconds = -1;
  EXPECT_FALSE(ClusterArticles(v, d, o).ok());
  o = ClusterOptions();
  o.title_weight = -2;
  EXPECT_FALSE(ClusterArticles(v, d, o).ok());
}

// Review finding: a title weight of 0 removes title-only terms instead of acting like 1.
TEST(ClusterArticles, ZeroTitleWeightIgnoresTitles) {
  std::vector<Article> v = {
      Make("Zebra quokka narwhal", "Budget vote in the council chamber tonight.", "2026-03-01"),
      Make("Zebra quokka narwhal", "Harbor dredging starts next spring, engineers say.",
           "2026-03-01")};
  ClusterOptions o;
  auto with_titles = ClusterWithoutCopies(v, o);
  o.title_weight = 0;
  auto without = ClusterWithoutCopies(v, o);
  ASSERT_TRUE(with_titles.ok() && without.ok());
  EXPECT_EQ(with_titles->story_of[0], with_titles->story_of[1]);
  EXPECT_NE(without->story_of[0], without->story_of[1]);
}

// Two warehouse fires in one week share their vocabulary but no names: they stay apart, while
// two reports of one fire (different words, the same names) join.
TEST(ClusterArticles, LookAlikeEventsStayApart) {
  std::vector<Article> v = {
      Make("Fire destroys Millbrook paper warehouse",
           "A four-alarm fire destroyed the Kestrel Paper warehouse in Millbrook overnight. "
           "Fire Chief Dana Ortiz said flames spread through the warehouse roof within minutes "
           "and firefighters battled the blaze for six hours.",
           "2026-03-17"),
      Make("Fire levels furniture warehouse in Carver Junction",
           "A four-alarm fire leveled the Brandt Furniture warehouse in Carver Junction "
           "overnight. Fire Chief Marcus Reyes said flames spread through the warehouse roof "
           "within minutes and firefighters battled the blaze for five hours.",
           "2026-03-19"),
      Make("Millbrook workers wait after Kestrel Paper fire",
           "Employees of Kestrel Paper gathered in Millbrook on Wednesday, a day after the "
           "blaze, as Dana Ortiz and investigators searched the ruins for the cause.",
           "2026-03-18"),
  };
  auto r = ClusterWithoutCopies(v);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->story_of[0], r->story_of[2]);
  EXPECT_NE(r->story_of[0], r->story_of[1]);
  // Without the veto the shared vocabulary and dates are enough to join them.
  ClusterOptions no_veto;
  no_veto.entity_clash_veto = false;
  no_veto.join_threshold = 0.05;
  r = ClusterWithoutCopies(v, no_veto);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->story_of[0], r->story_of[1]);
}

// Two reports of one warehouse fire (different words, the same names), a day apart.
std::vector<Article> MillbrookReports() {
  return {Make("Millbrook warehouse fire",
               "The Kestrel Paper warehouse in Millbrook burned; chief "
               "Dana Ortiz led forty firefighters against the blaze.",
               "2026-03-17"),
          Make("Millbrook warehouse fire investigated",
               "Investigators say the Kestrel Paper "
               "warehouse fire in Millbrook began at a loading dock, chief Dana Ortiz said.",
               "2026-03-18")};
}

// An explanation names what the article shares with its story; the opener has none.
TEST(ClusterArticles, ExplanationsNameSharedEntitiesAndWords) {
  std::vector<Article> v = MillbrookReports();
  ClusterOptions o;
  o.explain = true;
  auto r = ClusterWithoutCopies(v, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->story_of[0], r->story_of[1]);
  ASSERT_EQ(r->explanations.size(), 2u);
  EXPECT_TRUE(r->explanations[0].entities.empty());
  const ClusterExplanation& e = r->explanations[1];
  EXPECT_DOUBLE_EQ(e.probability, r->score[1]);
  EXPECT_GE(e.probability, o.join_threshold);
  auto has = [](const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
  };
  EXPECT_TRUE(has(e.entities, "Millbrook") || has(e.entities, "Kestrel Paper")) << e.entities[0];
  EXPECT_TRUE(has(e.terms, "warehouse") || has(e.terms, "millbrook"));
  EXPECT_FALSE(ClusterWithoutCopies(v).value().explanations.size());
}

// The merge pass joins a story split early (here forced by a join threshold no pair reaches)
// into the older one: the older number survives and the younger is recorded as merged into it.
TEST(ClusterArticles, MergePassKeepsTheOlderStoryNumber) {
  std::vector<Article> v = MillbrookReports();
  v.insert(v.begin() + 1, Make("Senate passes groundwater bill",
                               "The state Senate voted 21-18 to limit groundwater pumping by "
                               "farms, Senator Ruth Alvarez said.",
                               "2026-03-17"));
  ClusterOptions o;
  o.join_threshold = 1.0;  // nothing joins online
  o.merge_threshold = 2.0;
  auto split = ClusterWithoutCopies(v, o);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->num_stories, 3);
  o.merge_threshold = 0.5;
  auto merged = ClusterWithoutCopies(v, o);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->story_of[0], 0);
  EXPECT_EQ(merged->story_of[2], 0);
  EXPECT_EQ(merged->story_of[1], 1);
  ASSERT_EQ(merged->merged_into.size(), 3u);
  EXPECT_EQ(merged->merged_into[2], 0);
  EXPECT_EQ(merged->merged_into[0], -1);
  EXPECT_EQ(merged->merged_into[1], -1);
}

// A story with no member within the window is frozen: a late article opens a new story, and the
// index holds less once old stories leave it.
TEST(ClusterArticles, FrozenStoriesLeaveTheIndex) {
  std::vector<Article> v;
  for (int day = 0; day < 60; ++day) {
    const std::string d = std::to_string(day);
    v.push_back(
        Make("Report " + d,
             "Words of this report: zeta" + d + " omicron" + d + " lambda" + d + " sigma" + d + ".",
             FormatIsoDate(1767225600 + int64_t{day} * 86400 * 10)));
  }
  ClusterOptions forever;
  forever.time_window_seconds = 0;
  ClusterOptions month;
  month.time_window_seconds = 30 * 86400;
  auto a = ClusterWithoutCopies(v, forever);
  auto b = ClusterWithoutCopies(v, month);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->num_stories, 60);
  EXPECT_EQ(b->num_stories, 60);
  EXPECT_LT(b->index_bytes, a->index_bytes);
}

// A name carried by very many stories proposes none of them but still counts for the stories
// other terms propose: a report repeating one of those stories joins it (no clash veto).
TEST(ClusterArticles, PopularNamesStillCountTowardsSimilarity) {
  std::vector<Article> v;
  for (int k = 0; k < 80; ++k) {
    const std::string d = std::to_string(k);
    v.push_back(Make("Report " + d,
                     "In Halvorsen the council of Halvorsen met; words alpha" + d + " beta" + d +
                         " gamma" + d + " delta" + d + " epsilon" + d + ".",
                     "2026-03-01"));
  }
  v.push_back(v.back());
  v.back().title = "Report 79 again";
  auto r = ClusterWithoutCopies(v);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->story_of[80], r->story_of[79]);
}

// A story idle for longer than the window is no candidate, even between freezing steps.
TEST(ClusterArticles, IdleStoriesBeyondTheWindowAreNoCandidates) {
  std::string text =
      "The Kestrel Paper warehouse in Millbrook burned; chief Dana Ortiz led firefighters.";
  std::vector<Article> v = {Make("Millbrook warehouse fire", text, "2026-01-01"),
                            Make("Millbrook warehouse fire", text + " Again.", "2026-04-16")};
  ClusterOptions o;
  o.time_window_seconds = 100 * 86400;  // the second article comes 105 days later
  auto r = ClusterWithoutCopies(v, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->story_of[0], r->story_of[1]);
}

TEST(ClusterFeatureNames, NameEveryModelWeight) {
  const std::vector<std::string_view> names = ClusterFeatureNames();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], "bias");
  ClusterOptions o;
  o.model.assign(names.size(), 0.0);
  EXPECT_TRUE(Validate(o).ok());
  o.model.push_back(0.0);
  EXPECT_FALSE(Validate(o).ok());
}

}  // namespace
}  // namespace storyline
