// Cluster: groups articles into stories.
//
// Articles are visited in date order (undated ones last, in input order). Each original article
// is compared with the stories that share at least one of its terms, through an inverted index,
// on the cosine between its TF-IDF vector and the story's centroid; it joins the best story
// when that cosine reaches join_threshold and the story is active within time_window_seconds of
// its date, and opens a new story otherwise. Copies found by dedup join their original's story
// and add nothing to its centroid, so a wire story reposted a hundred times counts once.
//
// Thread-safety: ClusterArticles is reentrant.

#ifndef STORYLINE_CLUSTER_H_
#define STORYLINE_CLUSTER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "storyline/article.h"
#include "storyline/dedup.h"
#include "storyline/status.h"

namespace storyline {

struct ClusterOptions {
  // Minimum cosine between an article and a story centroid for the article to join the story.
  // Higher: tighter stories, more singletons.
  double join_threshold = 0.18;
  // An article may join a story only if its date lies within this many seconds of the story's
  // first..last dates. Ignored when either side has no date. 0 disables the window.
  int64_t time_window_seconds = 4 * 86400;
  // How many times the title's terms count relative to the body's.
  double title_weight = 3.0;
  // How many times a capitalised word inside a sentence (a name) counts relative to other words.
  // Names separate look-alike events (two fires in one week) that share common nouns.
  double proper_noun_weight = 2.0;
  // Terms kept per article (the highest-weighted); bounds index size and comparison cost.
  int max_terms = 80;
};

struct ClusterResult {
  std::vector<int32_t> story_of;  // story index (0-based, in order of creation) per article
  std::vector<double> score;      // cosine with the story when the article joined; 1 for the
                                  // article that opened it; copies carry their original's score
  int32_t num_stories = 0;
};

// Clusters `articles`; `dedup` must come from Deduplicate over the same articles.
// Errors: InvalidArgument when dedup's size differs from the articles' or options are invalid.
Result<ClusterResult> ClusterArticles(std::span<const Article> articles, const DedupResult& dedup,
                                      const ClusterOptions& options);

}  // namespace storyline

#endif  // STORYLINE_CLUSTER_H_
