// The clustering stage's tuning numbers (internal), in one place. The user-facing ones are
// ClusterOptions (storyline/cluster.h); the join and merge models are in model.h.

#ifndef STORYLINE_CLUSTER_TUNING_H_
#define STORYLINE_CLUSTER_TUNING_H_

#include <cstddef>
#include <cstdint>

namespace storyline::cluster {

// The merge pass runs every this many articles (and at the end of each batch) over the stories
// that grew since. More often: early splits repaired sooner, more centroid comparisons.
inline constexpr size_t kMergeEvery = 256;

// A term carried by more live stories than this proposes no candidate (it says little about
// which story an article belongs to, and would cost a pass over most of them); it still counts
// towards the similarity with the stories other terms propose. Higher: more candidates, slower.
inline constexpr size_t kMaxPostingsPerTerm = 64;

// The longest time window ClusterOptions accepts (a bound that keeps time arithmetic in range).
inline constexpr int64_t kMaxWindowSeconds = int64_t{100} * 366 * 86400;

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_TUNING_H_
