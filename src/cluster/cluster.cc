#include "storyline/cluster.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "cluster/term_vector.h"

namespace storyline {
namespace {

struct StoryState {
  double norm2 = 0;  // squared length of the sum of member unit vectors
  std::optional<int64_t> first_ts, last_ts;
  std::unordered_map<uint64_t, uint32_t> posting_of;  // term -> position in index[term]
};

bool WithinWindow(const StoryState& s, const std::optional<int64_t>& ts, int64_t window) {
  if (window <= 0 || !ts || !s.first_ts) return true;
  return *ts >= *s.first_ts - window && *ts <= *s.last_ts + window;
}

}  // namespace

Result<ClusterResult> ClusterArticles(std::span<const Article> articles, const DedupResult& dedup,
                                      const ClusterOptions& options) {
  const size_t n = articles.size();
  if (dedup.articles.size() != n) {
    return Status::InvalidArgument("dedup result does not match the articles");
  }
  if (!(options.join_threshold >= 0 && options.join_threshold <= 1)) {
    return Status::InvalidArgument("join_threshold must be in [0, 1]");
  }
  constexpr int64_t kMaxWindow = int64_t{100} * 366 * 86400;
  if (options.time_window_seconds < 0 || options.time_window_seconds > kMaxWindow) {
    return Status::InvalidArgument("time_window_seconds must be in [0, 100 years]");
  }
  if (!(options.title_weight >= 0 && options.title_weight <= 1000) ||
      !(options.proper_noun_weight >= 0 && options.proper_noun_weight <= 1000)) {
    return Status::InvalidArgument("term weights must be in [0, 1000]");
  }
  if (options.max_terms < 0) return Status::InvalidArgument("max_terms must be >= 0");
  for (const DuplicateInfo& d : dedup.articles) {
    if (d.duplicate_of >= static_cast<int64_t>(n) ||
        (d.duplicate_of >= 0 && dedup.articles[d.duplicate_of].duplicate_of >= 0)) {
      return Status::InvalidArgument("dedup result has a copy that points at no original");
    }
  }
  ClusterResult result;
  result.story_of.assign(n, -1);
  result.score.assign(n, 0.0);

  // Term counts of originals; copies would only repeat their original's terms.
  std::vector<std::unordered_map<uint64_t, float>> counts(n);
  cluster::TermExtractor extractor;
  cluster::DocumentFrequencies df;
  for (size_t i = 0; i < n; ++i) {
    if (dedup.articles[i].duplicate_of >= 0) continue;
    // Titles capitalise every word, so only the body tells names apart.
    extractor.AddText(articles[i].title, static_cast<float>(options.title_weight), &counts[i]);
    extractor.AddText(articles[i].text, 1.0f, &counts[i],
                      static_cast<float>(options.proper_noun_weight));
    df.Add(counts[i]);
  }

  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (dedup.articles[i].duplicate_of < 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return PublishedBefore(articles[a], articles[b]);
  });

  // Inverted index: term -> (story, weight summed over the story's members). The sum of member
  // unit vectors is the centroid direction, so the accumulated dot over postings divided by the
  // centroid length is the cosine.
  std::unordered_map<uint64_t, std::vector<std::pair<int32_t, float>>> index;
  std::vector<StoryState> stories;
  std::vector<double> acc;
  std::vector<int32_t> touched;
  for (uint32_t i : order) {
    cluster::TermVector v = cluster::WeightAndNormalize(counts[i], df, options.max_terms);
    counts[i].clear();
    const auto& ts = articles[i].timestamp;
    touched.clear();
    for (const auto& tw : v) {
      auto it = index.find(tw.term);
      if (it == index.end()) continue;
      for (const auto& [story, w] : it->second) {
        if (acc[story] == 0) touched.push_back(story);
        acc[story] += static_cast<double>(tw.weight) * w;
      }
    }
    int32_t best = -1;
    double best_cos = 0, best_dot = 0;
    for (int32_t s : touched) {
      double dot = acc[s];
      acc[s] = 0;
      if (!WithinWindow(stories[s], ts, options.time_window_seconds)) continue;
      double cos = dot / std::sqrt(stories[s].norm2);
      if (cos > best_cos || (cos == best_cos && best >= 0 && s < best)) {
        best_cos = cos;
        best_dot = dot;
        best = s;
      }
    }
    int32_t story;
    if (best >= 0 && best_cos >= options.join_threshold) {
      story = best;
      result.score[i] = best_cos;
    } else {
      story = static_cast<int32_t>(stories.size());
      stories.emplace_back();
      acc.push_back(0);
      best_dot = 0;
      result.score[i] = 1.0;
    }
    StoryState& st = stories[story];
    st.norm2 += 2 * best_dot + 1.0;
    if (ts) {
      st.first_ts = st.first_ts ? std::min(*st.first_ts, *ts) : *ts;
      st.last_ts = st.last_ts ? std::max(*st.last_ts, *ts) : *ts;
    }
    // Merge the article's weights into the story's postings.
    for (const auto& tw : v) {
      auto& postings = index[tw.term];
      auto [pos, inserted] =
          st.posting_of.try_emplace(tw.term, static_cast<uint32_t>(postings.size()));
      if (inserted) {
        postings.emplace_back(story, tw.weight);
      } else {
        postings[pos->second].second += tw.weight;
      }
    }
    result.story_of[i] = story;
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t orig = dedup.articles[i].duplicate_of;
    if (orig >= 0) {
      result.story_of[i] = result.story_of[orig];
      result.score[i] = result.score[orig];
    }
  }
  result.num_stories = static_cast<int32_t>(stories.size());
  return result;
}

}  // namespace storyline
