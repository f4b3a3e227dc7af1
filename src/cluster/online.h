// The online pass of ClusterArticles (internal), shared with the trainer (eval/cluster_train).

#ifndef STORYLINE_CLUSTER_ONLINE_H_
#define STORYLINE_CLUSTER_ONLINE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/story_index.h"
#include "storyline/cluster.h"

namespace storyline::cluster {

struct OnlineOptions {
  Weights join{};   // join model (article vs story)
  Weights merge{};  // merge model (a story's centroid vs an older story)
  double join_threshold = 0.5;
  double merge_threshold = 2.0;  // above 1: no merge pass
  bool clash_veto = true;
  int explain_terms = -1;  // < 0: no explanations
};

// Visits `order` (indices into *vectors, date order): each article joins its best candidate
// story in `*index` or opens a new one, with a merge pass every 256 articles and at the end.
// Writes result->story_of / score (and explanations, which must be sized, when explain_terms
// >= 0) for the articles visited, with story numbers before merging; *merged_into gets one entry
// per story created (-1, or the story it was merged into). Frees each vector once it is added.
void RunOnline(std::vector<ArticleVector>* vectors, const std::vector<uint32_t>& order,
               const OnlineOptions& options, const SurfaceMap* surface, StoryIndex* index,
               ClusterResult* result, std::vector<int32_t>* merged_into);

// The originals of `articles` (not `is_copy`) in the order they are clustered: date order,
// undated ones last, input order among equals.
std::vector<uint32_t> StreamOrder(std::span<const Article> articles,
                                  const std::vector<bool>& is_copy);

// The story index options, field weights and online-pass options of `options` (with the join
// and merge models given).
StoryIndexOptions IndexOptions(const ClusterOptions& options);
FieldWeights FieldWeightsOf(const ClusterOptions& options);
OnlineOptions OnlineOptionsOf(const ClusterOptions& options, const Weights& join,
                              const Weights& merge);

// The merge pass's candidates for `story`: older live stories sharing terms with its centroid.
void MergeCandidates(StoryIndex& index, int32_t story, std::vector<Candidate>* out);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_ONLINE_H_
