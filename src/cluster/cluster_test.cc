#include "storyline/cluster.h"

#include <gtest/gtest.h>

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
  DedupResult none;
  none.articles.resize(v.size());
  auto r = ClusterArticles(v, none, ClusterOptions());
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
  DedupResult none;
  none.articles.resize(v.size());
  ClusterOptions month;
  month.time_window_seconds = 30 * 86400;
  auto r = ClusterArticles(v, none, month);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->story_of[0], r->story_of[1]);
  ClusterOptions no_window;
  no_window.time_window_seconds = 0;
  r = ClusterArticles(v, none, no_window);
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
  DedupResult none;
  none.articles.resize(2);
  ClusterOptions o;
  auto with_titles = ClusterArticles(v, none, o);
  o.title_weight = 0;
  auto without = ClusterArticles(v, none, o);
  ASSERT_TRUE(with_titles.ok() && without.ok());
  EXPECT_EQ(with_titles->story_of[0], with_titles->story_of[1]);
  EXPECT_NE(without->story_of[0], without->story_of[1]);
}

}  // namespace
}  // namespace storyline
