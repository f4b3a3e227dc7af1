// Cluster: groups articles into stories, online.
//
// Articles are visited in date order (undated ones last, in input order), each once: it is
// compared only with the stories that share a term with it, found through an inverted index,
// and joins the best of them or opens a new story at once. An article is four TF-IDF
// sub-vectors (all content words with the title and lead counting more; entities: capitalised
// names and name phrases; the title's words; numbers), a story the sums of its members'. For
// every candidate story a small linear model scores the pair on per-field cosines, Gaussian
// time similarities to the story's newest, oldest and mean dates, the gap in days and the
// story's size (ClusterFeatureNames); the article joins the story with
// the highest join probability when that reaches join_threshold. Look-alike events (two
// earthquakes in one week) share common nouns but not names, places and numbers, which have
// fields of their own. A merge pass joins stories that a merge model (same features, its own
// weights), scoring one story's centroid against an older story, puts together: the older id
// survives and the merged one is recorded as its alias. Copies found by dedup join their original's
// story and add nothing to its vectors, so a wire story reposted a hundred times counts once.
// Stories with no member within time_window_seconds before the current article are frozen and leave
// the index.
//
// Thread-safety: ClusterArticles is reentrant.

#ifndef STORYLINE_CLUSTER_H_
#define STORYLINE_CLUSTER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/dedup.h"
#include "storyline/status.h"

namespace storyline {

struct ClusterOptions {
  // Minimum join probability (of the join model) for an article to join its best story.
  // Higher: tighter stories, more singletons.
  double join_threshold = 0.2;
  // Merge pass: a story merges into an older one when the merge model, scoring its centroid
  // against the older story, gives at least this probability. Above 1 disables the pass.
  double merge_threshold = 0.5;
  // Stories with no member within this many seconds before the article being clustered are
  // frozen (never joined again, out of the index). 0 keeps every story live.
  int64_t time_window_seconds = 365 * 86400;
  // Document frequencies. 0: those of every article clustered so far and of the whole batch (a
  // one-shot run looks ahead over its input). N > 0, for streams: the first N originals of the
  // stream are weighted with the frequencies of all of them (or of as many as there are), and
  // each later original with those of the stream up to itself, so that how the stream was cut
  // into batches changes no article's weights (a store: StoreOptions).
  uint64_t idf_warmup = 0;
  // Stories whose all-words cosine with an article is below this are never its candidates.
  double min_similarity = 0.15;
  // An article and a story that both name people, places or organisations but share none of
  // them never join (on the tuning sets 18 % of such pairs were the same story, below any
  // useful join threshold): a fire in one town is not a fire in another.
  bool entity_clash_veto = true;
  // Standard deviation, in days, of the Gaussian time similarities.
  double time_sigma_days = 3.0;
  // How many times the title's words and the first lead_words words of the body count relative
  // to the rest of the body in the all-words field.
  double title_weight = 2.0;
  double lead_weight = 1.5;
  int lead_words = 50;
  // Terms kept per field of an article (the highest-weighted); bounds index size and cost.
  int max_terms = 80;
  // Join model weights, one per feature in the order of ClusterFeatureNames(); empty uses
  // the built-in ones (trained by eval/cluster_train on the tuning sets).
  std::vector<double> model;
  // Merge model weights (same features, scoring a story's centroid against an older story);
  // empty uses the built-in ones.
  std::vector<double> merge_model;
  // Fill ClusterResult::explanations.
  bool explain = false;
  int explain_terms = 5;  // shared entities and words listed per article
};

// Why an article is in its story: the join probability and the entities and words it shares
// with the story (display forms), heaviest first. Empty for the article that opened a story.
struct ClusterExplanation {
  double probability = 0.0;
  std::vector<std::string> entities;
  std::vector<std::string> terms;
};

struct ClusterResult {
  // Story index per article: stories are numbered in order of creation, and a story merged into
  // an older one takes that one's number, so a story's number never changes as it grows.
  std::vector<int32_t> story_of;
  // Join probability when the article joined; 1 for the article that opened its story; copies
  // carry their original's.
  std::vector<double> score;
  int32_t num_stories = 0;  // stories created (merged ones included)
  // Per created story: the older story it was merged into, or -1.
  std::vector<int32_t> merged_into;
  // Per created story: the article (index in the input) that opened it.
  std::vector<uint32_t> opened_by;
  // Per article, when ClusterOptions::explain (copies: their original's).
  std::vector<ClusterExplanation> explanations;
  // Bytes held by the story index at the end (live stories' postings and state).
  size_t index_bytes = 0;
};

// A story's id, as stories.jsonl and a store show it: 1 + the number of the article that opened
// it (its index in the input; in a store, its arrival number). It does not depend on how the
// input was batched, and a story keeps it as it grows; a merge keeps the older story's.
inline int32_t StoryIdOf(const ClusterResult& r, int32_t story) {
  return static_cast<int32_t>(r.opened_by[static_cast<size_t>(story)]) + 1;
}

// InvalidArgument when `options` are out of range; OK otherwise.
Status Validate(const ClusterOptions& options);

// The names of the join and merge models' features, in the order of ClusterOptions::model
// ("bias", "cos_all", ...).
std::vector<std::string_view> ClusterFeatureNames();

// Clusters `articles`; `dedup` must come from Deduplicate over the same articles.
// Errors: InvalidArgument when dedup's size differs from the articles' or options are invalid.
Result<ClusterResult> ClusterArticles(std::span<const Article> articles, const DedupResult& dedup,
                                      const ClusterOptions& options);

}  // namespace storyline

#endif  // STORYLINE_CLUSTER_H_
