// Stories: articles grouped by clustering, with their copies folded under the originals and a
// brief, as one value per story. The stage a store, a server and the bindings call to turn what
// dedup and clustering found into the stories they show.
//
// Thread-safety: every function here is reentrant; results are values.

#ifndef STORYLINE_STORIES_H_
#define STORYLINE_STORIES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "storyline/article.h"
#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "storyline/status.h"
#include "storyline/summarize.h"

namespace storyline {

// One outlet's part in a story: its original articles and, for each, the copies of it (which may
// come from other outlets).
struct OutletEntry {
  // The outlet (ArticleOutlet); empty for the one entry that holds every original of unknown
  // outlet, which is shown as "(unknown)" and never counts as an outlet.
  std::string source;
  std::vector<uint32_t> originals;            // article indices, in date order
  std::vector<std::vector<uint32_t>> copies;  // copies[k]: the copies of originals[k], by date
  std::vector<std::vector<CopyChanges>> copy_changes;  // copy_changes[k][j]: copies[k][j]'s edits
};

struct Story {
  int32_t id = 0;  // StoryIdOf: 1 + the number of the article that opened it
  std::string headline;
  std::vector<SummarySentence> summary;
  std::vector<StoryEntity> entities;  // key people, organisations, places
  std::vector<TimelineEvent> timeline;
  std::vector<OutletContribution> contributions;  // one per original, in `originals` order
  std::vector<uint32_t> articles;                 // every member, copies included, in date order
  std::vector<uint32_t> originals;                // members that are not copies
  // Known outlets by number of original articles, then name; the unknown-outlet entry last.
  std::vector<OutletEntry> outlets;
  std::optional<int64_t> first_timestamp, last_timestamp;
  std::vector<int32_t> aliases;  // ids of the stories merged into this one

  // Distinct known outlets of the story's originals (the unknown-outlet entry does not count).
  size_t KnownOutlets() const;
};

// A corpus read into stories: the articles (texts as the later stages read them), what dedup and
// clustering found, and the stories. What RunPipeline returns (storyline/pipeline.h) and what
// every output format reads (storyline/format.h).
struct PipelineResult {
  std::vector<Article> articles;
  DedupResult dedup;
  ClusterResult cluster;
  std::vector<Story> stories;  // largest first (originals, then all members), then by id
  // For article i, the id of its story (Story::id).
  std::vector<int32_t> story_id;
};

// Builds one story from its members (indices into `articles`, copies included, any order):
// members and originals in date order, first and last dates, outlets with copies folded under
// the original they copy (with what each copy changed, CompareCopy), the brief of the originals
// (Summarize: headline, summary, entities, timeline) and their outlet contributions.
// `dedup` must describe `articles`. The id and aliases are left for the caller.
// Errors: InvalidArgument for invalid brief options or a member out of range.
Result<Story> BuildStory(std::span<const Article> articles, const DedupResult& dedup,
                         std::span<const uint32_t> members, const BriefOptions& options);

// Every story of a clustering: BuildStory for each story that was not merged away, with its id
// (StoryIdOf) and aliases (the ids merged into it), largest first (originals, then all
// members), ties in id order. `dedup` and `cluster` must describe `articles`.
// Errors: InvalidArgument for invalid brief options or results of another size.
Result<std::vector<Story>> AssembleStories(std::span<const Article> articles,
                                           const DedupResult& dedup, const ClusterResult& cluster,
                                           const BriefOptions& options);

}  // namespace storyline

#endif  // STORYLINE_STORIES_H_
