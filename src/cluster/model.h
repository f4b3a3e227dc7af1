// The built-in join model (internal): weights over the features of story_index.h.
// Written by eval/cluster_train (do not edit by hand) from ecb-train.jsonl, ecb-dev.jsonl,
// tac2009.jsonl, window 365 days; the thresholds it chose (ClusterOptions defaults): join_threshold
// 0.2, merge_threshold 2.

#ifndef STORYLINE_CLUSTER_MODEL_H_
#define STORYLINE_CLUSTER_MODEL_H_

#include "cluster/story_index.h"

namespace storyline::cluster {

inline constexpr Weights kDefaultModel = {
    -2.047091f,   // bias
    +7.849257f,   // cos_all
    +1.070607f,   // cos_entity
    -0.379723f,   // cos_title
    +5.609542f,   // cos_number
    +8.532855f,   // all_x_entity
    +17.914240f,  // time_newest
    +1.052568f,   // time_oldest
    +2.217634f,   // time_mean
    +3.940916f,   // log_gap_days
    -3.139604f,   // log_size
    +0.667675f,   // no_entities
    -1.456344f,   // entity_novel
    -1.422844f,   // number_novel
    -0.177052f,   // entity_covered
    +1.577768f,   // all_covered
    +1.622886f,   // entity_clash
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_MODEL_H_
