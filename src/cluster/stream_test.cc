#include "cluster/stream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "testing/corpus.h"

namespace storyline::cluster {
namespace {

struct Stream {
  std::vector<Article> articles;  // date order
  DedupResult dedup;
};

Stream MakeStream(size_t originals) {
  testing::CorpusSpec spec;
  spec.num_originals = originals;
  testing::GeneratedCorpus c = testing::GenerateCorpus(spec);
  Stream s;
  s.articles = std::move(c.articles);
  std::stable_sort(s.articles.begin(), s.articles.end(), PublishedBefore);
  auto dedup = Deduplicate(s.articles, DedupOptions());
  EXPECT_TRUE(dedup.ok());
  s.dedup = std::move(*dedup);
  return s;
}

// The stories of `s` clustered in batches of `batch` articles (copies linked to their original,
// in this batch or an earlier one), optionally through Serialize/Deserialize between batches.
std::vector<int32_t> InBatches(const Stream& s, size_t batch, bool reopen) {
  const ClusterOptions options;
  StoryClusterer c(options);
  std::vector<int32_t> story(s.articles.size(), -1);
  for (size_t begin = 0; begin < s.articles.size(); begin += batch) {
    const size_t end = std::min(s.articles.size(), begin + batch);
    std::vector<StoryClusterer::Link> links(end - begin);
    for (size_t i = begin; i < end; ++i) {
      const int64_t o = s.dedup.articles[i].duplicate_of;
      if (o < 0) continue;
      if (static_cast<size_t>(o) >= begin) {
        links[i - begin].original = static_cast<int32_t>(o - static_cast<int64_t>(begin));
      } else {
        links[i - begin].known_story = story[static_cast<size_t>(o)];
      }
    }
    auto r = c.Add(std::span<const Article>(s.articles).subspan(begin, end - begin), links);
    for (size_t i = begin; i < end; ++i) story[i] = r.story[i - begin];
    for (size_t i = 0; i < begin; ++i) story[i] = c.Root(story[i]);  // merges reach back
    if (reopen) {
      auto again = StoryClusterer::Deserialize(c.Serialize(), options);
      EXPECT_TRUE(again.ok()) << again.status().ToString();
      c = std::move(*again);
    }
  }
  return story;
}

// B-cubed F1 of partition `b` against partition `a`.
double BCubedF1(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  std::map<std::pair<int32_t, int32_t>, double> both;
  std::map<int32_t, double> in_a, in_b;
  for (size_t i = 0; i < a.size(); ++i) {
    ++both[{a[i], b[i]}];
    ++in_a[a[i]];
    ++in_b[b[i]];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double shared = both[{a[i], b[i]}];
    p += shared / in_b[b[i]];
    r += shared / in_a[a[i]];
  }
  p /= static_cast<double>(a.size());
  r /= static_cast<double>(a.size());
  return 2 * p * r / (p + r);
}

TEST(StoryClusterer, OneBatchIsClusterArticles) {
  const Stream s = MakeStream(400);
  auto batch = ClusterArticles(s.articles, s.dedup, ClusterOptions());
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(InBatches(s, s.articles.size(), false), batch->story_of);
}

// A store closes and reopens between batches: the state it keeps must score as the live one.
TEST(StoryClusterer, SerializedStateContinuesExactly) {
  const Stream s = MakeStream(600);
  EXPECT_EQ(InBatches(s, 100, true), InBatches(s, 100, false));
}

// Issue 13: one batch or ten give the same stories (B3-F1 >= 0.99 between the partitions), and
// story numbers are creation order either way.
TEST(StoryClusterer, TenBatchesFindTheStoriesOfOne) {
  const Stream s = MakeStream(600);
  const std::vector<int32_t> one = InBatches(s, s.articles.size(), false);
  const std::vector<int32_t> ten = InBatches(s, (s.articles.size() + 9) / 10, false);
  EXPECT_GE(BCubedF1(one, ten), 0.99);
}

TEST(StoryClusterer, DamagedStateIsCorruption) {
  const Stream s = MakeStream(50);
  StoryClusterer c((ClusterOptions()));
  std::vector<StoryClusterer::Link> links(s.articles.size());
  for (size_t i = 0; i < links.size(); ++i) {
    links[i].original = static_cast<int32_t>(s.dedup.articles[i].duplicate_of);
  }
  c.Add(s.articles, links);
  const std::string bytes = c.Serialize();
  for (size_t cut : {size_t{0}, size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_EQ(StoryClusterer::Deserialize(std::string_view(bytes).substr(0, cut), ClusterOptions())
                  .status()
                  .code(),
              StatusCode::kCorruption)
        << cut;
  }
  std::string flipped = bytes;
  flipped[0] = 9;
  EXPECT_FALSE(StoryClusterer::Deserialize(flipped, ClusterOptions()).ok());
  EXPECT_TRUE(StoryClusterer::Deserialize(bytes, ClusterOptions()).ok());
}

}  // namespace
}  // namespace storyline::cluster
