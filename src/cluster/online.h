// The online pass of ClusterArticles (internal), shared with the trainer (eval/cluster_train).

#ifndef STORYLINE_CLUSTER_ONLINE_H_
#define STORYLINE_CLUSTER_ONLINE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "cluster/story_index.h"
#include "storyline/cluster.h"

namespace storyline::cluster {

// The join model (article vs story) and the merge model (a story's centroid vs an older story).
struct Models {
  Weights join{};
  Weights merge{};
};
// The models of `options`: its own weights where given, else the built-in ones (model.h).
// REQUIRES: Validate(options).ok().
Models ModelsOf(const ClusterOptions& options);

// What the online pass carries from one call to the next: the articles since the last merge
// pass and the stories that grew since then.
struct OnlineState {
  size_t since_merge = 0;
  std::vector<int32_t> dirty;
};

// Visits `order` (indices into *vectors, date order): each article joins its best candidate
// story in `*index` or opens a new one, with a merge pass every 256 articles (counted across
// calls through `*state`) and at the end of the call.
// Writes result->story_of / score (and explanations, which must be sized, when options.explain)
// for the articles visited, with story numbers before merging; *merged_into gets one entry
// per story created (-1, or the story it was merged into). Frees each vector once it is added.
// Reads join_threshold, merge_threshold (above 1: no merge pass), entity_clash_veto, explain and
// explain_terms of `options`.
void RunOnline(std::vector<ArticleVector>* vectors, const std::vector<uint32_t>& order,
               const ClusterOptions& options, const Models& models, const SurfaceMap* surface,
               StoryIndex* index, OnlineState* state, ClusterResult* result,
               std::vector<int32_t>* merged_into);

// The originals of `articles` (not `is_copy`) in the order they are clustered: date order,
// undated ones last, input order among equals.
std::vector<uint32_t> StreamOrder(std::span<const Article> articles,
                                  const std::vector<bool>& is_copy);

// The merge pass's candidates for `story`: older live stories sharing terms with its centroid.
void MergeCandidates(StoryIndex& index, int32_t story, std::vector<Candidate>* out);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_ONLINE_H_
