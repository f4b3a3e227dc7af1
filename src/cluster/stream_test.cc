#include "cluster/stream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>

#include "common/bytes.h"
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
// in this batch or an earlier one), optionally closed and restored between batches as a store
// does it: the head and the stories changed by each batch are saved, every saved story restored.
std::vector<int32_t> InBatches(const Stream& s, size_t batch, bool reopen) {
  const ClusterOptions options;
  StoryClusterer c(options);
  std::vector<int32_t> story(s.articles.size(), -1);
  std::map<int32_t, StoryClusterer::SavedStory> saved;
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
      for (StoryClusterer::SavedStory& st : c.TakeChanged()) saved[st.story] = std::move(st);
      std::vector<StoryClusterer::SavedStory> live;
      for (const auto& [id, st] : saved) live.push_back(st);
      auto again = StoryClusterer::Restore(c.SerializeHead(), live, options);
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

// A clusterer that took the whole stream as one batch, copies linked to their originals.
StoryClusterer OneBatch(const Stream& s) {
  StoryClusterer c((ClusterOptions()));
  std::vector<StoryClusterer::Link> links(s.articles.size());
  for (size_t i = 0; i < links.size(); ++i) {
    links[i].original = static_cast<int32_t>(s.dedup.articles[i].duplicate_of);
  }
  c.Add(s.articles, links);
  return c;
}

// The fields of a head (SerializeHead's bytes).
struct Head {
  uint64_t version = 0;
  text::DocumentFrequencies df;
  uint64_t since_merge = 0;
  std::vector<uint64_t> dirty;
  std::vector<int64_t> into;
};
bool ParseHead(std::string_view bytes, Head* h) {
  ByteReader r(bytes);
  h->version = r.Varint();
  if (!h->df.Load(&r)) return false;
  h->since_merge = r.Varint();
  h->dirty.resize(r.Varint());
  for (uint64_t& d : h->dirty) d = r.Varint();
  h->into.resize(r.Varint());
  for (int64_t& i : h->into) i = r.SignedVarint();
  return r.ok() && r.done();
}
// The head's fields as bytes of `version`; version 1 put each story's state (`story(k)`) after
// its merged_into entry.
std::string WriteHead(const Head& h, uint64_t version,
                      const std::function<std::string(size_t)>& story = nullptr) {
  std::string out;
  ByteWriter w(&out);
  w.Varint(version);
  h.df.Save(&w);
  w.Varint(h.since_merge);
  w.Varint(h.dirty.size());
  for (uint64_t d : h.dirty) w.Varint(d);
  w.Varint(h.into.size());
  for (size_t k = 0; k < h.into.size(); ++k) {
    w.SignedVarint(h.into[k]);
    if (story) out += story(k);
  }
  return out;
}

TEST(StoryClusterer, DamagedStateIsCorruption) {
  const Stream s = MakeStream(50);
  StoryClusterer c = OneBatch(s);
  const std::string bytes = c.SerializeHead();
  const std::vector<StoryClusterer::SavedStory> all = c.SaveAll();
  ASSERT_FALSE(all.empty());
  for (size_t cut : {size_t{0}, size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_EQ(StoryClusterer::Restore(std::string_view(bytes).substr(0, cut), all, ClusterOptions())
                  .status()
                  .code(),
              StatusCode::kCorruption)
        << cut;
  }
  std::string flipped = bytes;
  flipped[0] = 9;
  EXPECT_FALSE(StoryClusterer::Restore(flipped, all, ClusterOptions()).ok());
  std::vector<StoryClusterer::SavedStory> cut_story = all;
  cut_story[0].bytes.resize(cut_story[0].bytes.size() / 2);
  EXPECT_EQ(StoryClusterer::Restore(bytes, cut_story, ClusterOptions()).status().code(),
            StatusCode::kCorruption);
  std::vector<StoryClusterer::SavedStory> unsorted = all;
  std::reverse(unsorted.begin(), unsorted.end());
  if (unsorted.size() > 1) {
    EXPECT_EQ(StoryClusterer::Restore(bytes, unsorted, ClusterOptions()).status().code(),
              StatusCode::kCorruption);
  }
  EXPECT_TRUE(StoryClusterer::Restore(bytes, all, ClusterOptions()).ok());
}

// A version-1 store's blob (the head with each story's state after its merged_into entry) splits
// into the head and stories that version 2 writes.
TEST(StoryClusterer, SplitsTheVersionOneState) {
  const Stream s = MakeStream(80);
  StoryClusterer c = OneBatch(s);
  const std::string head = c.SerializeHead();
  const std::vector<StoryClusterer::SavedStory> all = c.SaveAll();
  Head h;
  ASSERT_TRUE(ParseHead(head, &h));
  ASSERT_EQ(h.version, 2u);
  ASSERT_EQ(h.into.size(), all.size());
  const std::string v1 = WriteHead(h, 1, [&](size_t k) { return all[k].bytes; });
  std::string split_head;
  std::vector<StoryClusterer::SavedStory> split;
  ASSERT_TRUE(StoryClusterer::SplitVersion1(v1, &split_head, &split).ok());
  EXPECT_EQ(split_head, head);
  ASSERT_EQ(split.size(), all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(split[k].bytes, all[k].bytes);
    EXPECT_EQ(split[k].newest, all[k].newest);
  }
  EXPECT_EQ(StoryClusterer::SplitVersion1(v1.substr(0, v1.size() - 3), &split_head, &split).code(),
            StatusCode::kCorruption);
}

// Undated stories restored after dated ones stay undated; a head whose merges loop is refused.
TEST(StoryClusterer, RestoreKeepsEachStoryAsSaved) {
  Stream s = MakeStream(60);
  for (size_t i = s.articles.size() - 15; i < s.articles.size(); ++i) {  // the last stories
    s.articles[i].timestamp.reset();
    s.articles[i].date.clear();
  }
  StoryClusterer c = OneBatch(s);
  const std::string head = c.SerializeHead();
  const std::vector<StoryClusterer::SavedStory> all = c.SaveAll();
  size_t undated = 0;
  for (const auto& st : all) undated += !st.newest.has_value();
  ASSERT_GT(undated, 0u);
  auto back = StoryClusterer::Restore(head, all, ClusterOptions());
  ASSERT_TRUE(back.ok());
  const std::vector<StoryClusterer::SavedStory> again = back->SaveAll();
  ASSERT_EQ(again.size(), all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(again[k].newest, all[k].newest) << k;
    EXPECT_EQ(again[k].bytes, all[k].bytes) << k;
  }
  // The head with its last story merged into itself.
  Head h;
  ASSERT_TRUE(ParseHead(head, &h));
  h.into.back() = static_cast<int64_t>(h.into.size()) - 1;
  const std::string looped = WriteHead(h, h.version);
  EXPECT_EQ(StoryClusterer::Restore(looped, all, ClusterOptions()).status().code(),
            StatusCode::kCorruption);
}

}  // namespace
}  // namespace storyline::cluster
