// Online story clustering over a growing collection, batch after batch (internal): the form of
// ClusterArticles that a store keeps between runs. ClusterArticles is one batch of it.
//
// Each batch: its originals' term counts join the document frequencies, then they are weighted
// and visited in date order through the story index (join or open a story; a merge pass every
// 256 articles across batches and at the end of each batch); copies take their original's story.
// Story numbers count the stories created over the whole stream; a story merged into an older one
// records it (merged_into), and Root() follows the records.
//
// Thread-safety: none; one clusterer per writer.

#ifndef STORYLINE_CLUSTER_STREAM_H_
#define STORYLINE_CLUSTER_STREAM_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/online.h"
#include "cluster/story_index.h"
#include "storyline/cluster.h"
#include "storyline/status.h"
#include "text/term_vector.h"

namespace storyline::cluster {

class StoryClusterer {
 public:
  // REQUIRES: Validate(options).ok().
  explicit StoryClusterer(const ClusterOptions& options);

  // What dedup says of a batch article: an original (original = -1, known_story = -1), a copy of
  // another article of the batch (original = its index in the batch), or a copy of an article
  // clustered before (known_story = that article's story).
  struct Link {
    int32_t original = -1;
    int32_t known_story = -1;
  };
  struct BatchResult {
    std::vector<int32_t> story;  // per article: its story (a root: after this batch's merges)
    std::vector<double> score;   // join probability; 1 for an article that opened its story
    std::vector<ClusterExplanation> explanations;  // when options.explain
    // Per story created by this batch (numbered on from the stories before it): the batch
    // article that opened it.
    std::vector<uint32_t> opened_by;
  };
  // Clusters `batch`. REQUIRES: links.size() == batch.size(); a copy's original is an original
  // of the batch or known_story is a story of this clusterer.
  BatchResult Add(std::span<const Article> batch, std::span<const Link> links);

  // Per story created: the story it was merged into, or -1.
  const std::vector<int32_t>& merged_into() const { return merged_into_; }
  // The story `story` lives on in (itself unless merged away).
  int32_t Root(int32_t story) const;
  size_t num_stories() const { return merged_into_.size(); }
  // Originals clustered so far (the stream position ClusterOptions::idf_warmup counts).
  uint64_t num_originals() const { return df_.num_docs(); }
  // Bytes held by the story index (live stories' postings and state).
  size_t IndexBytes() const { return index_.MemoryBytes(); }

  // The state kept between runs, in pieces: a head (document frequencies, merge bookkeeping,
  // which story went into which) and one piece per story, saved when the story changes.
  struct SavedStory {
    int32_t story = 0;
    std::optional<int64_t> newest;  // its newest member's date
    bool frozen = false;            // it takes no members any more
    std::string bytes;
  };
  std::string SerializeHead() const;
  // The stories changed (opened, joined, merged) since the last call, ascending by story.
  std::vector<SavedStory> TakeChanged();
  // Every story's state.
  std::vector<SavedStory> SaveAll() const;
  // A clusterer rebuilt with `options` (the ones it was made with) from a head and the saved
  // states of the stories that may still take members (ascending); every other story is
  // restored frozen. Errors: Corruption when the bytes are not such a state.
  static Result<StoryClusterer> Restore(std::string_view head, std::span<const SavedStory> live,
                                        const ClusterOptions& options);
  // A version-1 state (one blob: the head with every story inside) as a head and stories.
  static Status SplitVersion1(std::string_view bytes, std::string* head,
                              std::vector<SavedStory>* stories);

 private:
  ClusterOptions options_;
  Models models_;
  StoryIndex index_;
  text::DocumentFrequencies df_;
  OnlineState online_;
  std::vector<int32_t> merged_into_;
  std::vector<int32_t> changed_;  // stories changed since TakeChanged (unsorted, repeats)
  SavedStory SaveStoryState(int32_t story) const;
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_STREAM_H_
