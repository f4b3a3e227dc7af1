// The built-in join model (internal): weights over the features of story_index.h.
// Written by eval/cluster_train (do not edit by hand) from ecb-train.jsonl, ecb-dev.jsonl,
// tac2009.jsonl, window 365 days; the thresholds it chose (ClusterOptions defaults): join_threshold
// 0.2, merge_threshold 0.5.

#ifndef STORYLINE_CLUSTER_MODEL_H_
#define STORYLINE_CLUSTER_MODEL_H_

#include "cluster/story_index.h"

namespace storyline::cluster {

inline constexpr Weights kDefaultModel = {
    -2.049054f,   // bias
    +7.850283f,   // cos_all
    +1.071447f,   // cos_entity
    -0.379325f,   // cos_title
    +5.609789f,   // cos_number
    +8.534251f,   // all_x_entity
    +17.914515f,  // time_newest
    +1.052537f,   // time_oldest
    +2.217536f,   // time_mean
    +3.940056f,   // log_gap_days
    -3.139311f,   // log_size
    +0.669096f,   // no_entities
    -1.454568f,   // entity_novel
    -1.422382f,   // number_novel
    -0.177240f,   // entity_covered
    +1.576777f,   // all_covered
    +1.622678f,   // entity_clash
};

// The merge pass's model: a story's centroid scored against an older story.
inline constexpr Weights kDefaultMergeModel = {
    +0.318791f,   // bias
    +12.123069f,  // cos_all
    +5.656517f,   // cos_entity
    -0.742755f,   // cos_title
    -3.954659f,   // cos_number
    -0.414437f,   // all_x_entity
    -0.017696f,   // time_newest
    -0.000000f,   // time_oldest
    +7.005811f,   // time_mean
    -0.285556f,   // log_gap_days
    -8.231691f,   // log_size
    +0.000000f,   // no_entities
    -0.133063f,   // entity_novel
    -0.975967f,   // number_novel
    -1.587059f,   // entity_covered
    +3.569278f,   // all_covered
    +1.598891f,   // entity_clash
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_MODEL_H_
