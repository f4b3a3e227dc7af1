// The online story index (internal): stories as per-field sums of their members' unit TF-IDF
// sub-vectors behind one inverted index, and the features of an (article, story) pair that the
// join model scores. Shared by ClusterArticles and the trainer (eval/cluster_train), which
// replays gold streams through the same features.

#ifndef STORYLINE_CLUSTER_STORY_INDEX_H_
#define STORYLINE_CLUSTER_STORY_INDEX_H_

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/article_terms.h"
#include "cluster/tuning.h"
#include "common/flat_map.h"
#include "storyline/article.h"
#include "storyline/cluster.h"

namespace storyline::cluster {

// Features of an (article, story) pair, in this order (kFeatureNames names them).
enum Feature : int {
  kBias = 0,
  kCosAll,          // cosine of the all-words sub-vectors (article vs the story's sum)
  kCosEntity,       // ... of the entity sub-vectors
  kCosTitle,        // ... of the title sub-vectors
  kCosNumber,       // ... of the number sub-vectors
  kAllTimesEntity,  // kCosAll * kCosEntity: the same words *and* the same names
  // Time and size only modulate similarity, so they enter multiplied by kCosAll: a pair that
  // shares no words never joins because it is recent or its story is small.
  kTimeNewest,     // exp(-d^2 / 2 sigma^2) * cos_all, d = days to the story's newest member
                   // (0 undated)
  kTimeOldest,     // ... to its oldest member
  kTimeMean,       // ... to its members' mean date
  kLogGapDays,     // log(1 + days to the nearest of the story's dates) * cos_all (0 undated)
  kLogSize,        // log(1 + originals in the story) * cos_all
  kNoEntities,     // 1 when the article or the story has no entity terms
  kEntityNovel,    // share of the article's entity sub-vector (squared weight) the story lacks
  kNumberNovel,    // ... of its number sub-vector
  kEntityCovered,  // share of the story's entity sum (squared weight) that the article mentions
  kAllCovered,     // ... of its all-words sum
  kEntityClash,    // 1 when both have entities and share none: a look-alike event elsewhere
  kNumFeatures
};
extern const char* const kFeatureNames[kNumFeatures];
using Features = std::array<float, kNumFeatures>;

// A linear model over Features: P(join) = sigmoid(w . f).
using Weights = std::array<float, kNumFeatures>;
double JoinProbability(const Weights& w, const Features& f);

// An article as the index sees it.
struct ArticleVector {
  TermVector terms;  // field-tagged, each field's part of unit length
  std::optional<int64_t> timestamp;
  bool has_field[kNumFields] = {false, false, false, false};
};
ArticleVector MakeArticleVector(TermVector terms, std::optional<int64_t> timestamp);

struct Candidate {
  int32_t story = -1;
  Features features{};
};

// One story of the index as it is kept between runs (the store): its field norms, dates, size
// and summed term weights. A frozen story keeps no terms.
struct StoryState {
  double norm2[kNumFields] = {0, 0, 0, 0};
  std::optional<int64_t> oldest, newest;
  double ts_sum = 0;
  uint32_t dated = 0;
  uint32_t size = 0;
  bool frozen = false;
  TermVector terms;  // summed weights, by term
};

class StoryIndex {
 public:
  // Reads time_sigma_days (time features), time_window_seconds (stories with no member within
  // it before the article are frozen: no candidates, their postings leave the index; 0: never)
  // and min_similarity (stories whose all-words cosine with the article is below it are no
  // candidates: a shared name or two without shared words is not the same story).
  explicit StoryIndex(const ClusterOptions& options) : options_(options) {}

  // The stories sharing a term with `v` (not frozen, all-words cosine at least min_similarity),
  // with their features, in the order v's terms reach them.
  void Candidates(const ArticleVector& v, std::vector<Candidate>* out);

  // Opens a story (returns its number) / adds an article to one that is not frozen. Articles
  // must come in date order (undated last) for freezing to be right.
  int32_t NewStory();
  void Add(int32_t story, const ArticleVector& v);

  // The terms that contributed most to v's similarity with `story`, heaviest first: up to `n`
  // of each of the all-words and entity fields (for explanations).
  std::vector<std::pair<uint64_t, float>> TopShared(const ArticleVector& v, int32_t story,
                                                    int n) const;

  // The story's sum vector with each field scaled to unit length, dated at its members' mean
  // date: the story as an article, for the merge pass.
  ArticleVector StoryVector(int32_t story) const;
  // Moves story `from` into `into` (its postings, dates and size); `from` is never a candidate
  // again.
  void Merge(int32_t into, int32_t from);
  size_t size(int32_t story) const { return stories_[static_cast<size_t>(story)].size; }
  // True once the story was frozen (or merged away): it takes no more members.
  bool frozen(int32_t story) const { return stories_[static_cast<size_t>(story)].frozen; }
  size_t num_stories() const { return stories_.size(); }
  size_t MemoryBytes() const;

  // The state of `story` / a new story (numbered next) restored from one: Restore(Export(s)) in
  // story order rebuilds an index that scores like the original (posting lists may list stories
  // in another order, which can only change the order of equal candidates).
  StoryState Export(int32_t story) const;
  int32_t Restore(const StoryState& state);

 private:
  struct Story {
    double norm2[kNumFields] = {0, 0, 0, 0};  // squared length of each field's sum
    std::optional<int64_t> oldest, newest;
    double ts_sum = 0;  // for the mean date, in days
    uint32_t dated = 0;
    uint32_t size = 0;
    bool frozen = false;
    FlatMap<uint32_t, 75> posting_of;  // term -> position in index_[term] (looked up when held)
  };
  void Freeze(int64_t now);

  ClusterOptions options_;
  std::vector<Story> stories_;
  // term -> (story, summed weight of the story's members)
  using Postings = std::vector<std::pair<int32_t, float>>;
  FlatMap<Postings> index_;
  // Per surviving story, while an article's candidates are gathered: per-field dot product, the
  // article's squared weight the story has, the story's squared weight the article has.
  struct Acc {
    float dot[kNumFields] = {0, 0, 0, 0};
    float matched[kNumFields] = {0, 0, 0, 0};
    float covered[kNumFields] = {0, 0, 0, 0};
    // A term both share: weight `a` in the article, `s` summed in the story.
    void Add(int field, float a, float s) {
      dot[field] += a * s;
      matched[field] += a * a;
      covered[field] += s * s;
    }
  };
  // The features of article `v` against story `st`, from their accumulated overlaps.
  Features FeaturesOf(const ArticleVector& v, const Story& st, const Acc& a) const;
  // Adds `weight` to story's posting for `term` (appending one if it has none); returns the
  // weight it had (0 when new).
  float AddWeight(int32_t story, uint64_t term, float weight);
  // Per story: the all-words dot product with the article being matched (valid when `epoch` is
  // the current one) and its slot among the survivors (-1: rejected).
  struct Mark {
    uint32_t epoch = 0;
    float dot = 0;
    int32_t slot = -1;
  };
  // Sets gate_[story]: the all-words dot product a candidate needs (kClosed when frozen/empty).
  void UpdateGate(int32_t story);
  static constexpr float kClosed = std::numeric_limits<float>::infinity();
  std::vector<Mark> marks_;
  std::vector<float> gate_;
  uint32_t epoch_ = 0;
  std::vector<Acc> acc_;            // scratch: per survivor
  std::vector<int32_t> survivors_;  // scratch: stories past the gate, in touched order
  std::vector<std::pair<const TermWeight*, const Postings*>> popular_;  // scratch: long lists
  std::vector<std::pair<const TermWeight*, const Postings*>> walked_;   // scratch: short lists
  std::vector<int32_t> touched_;
  int64_t last_freeze_ = INT64_MIN;
  std::vector<int32_t> live_;  // stories not frozen at the last freeze step
  size_t total_postings_ = 0, frozen_postings_ = 0;
  static constexpr size_t kMaxPostings = kMaxPostingsPerTerm;
  std::optional<int64_t> newest_seen_;
};

// The vectors of `articles` for clustering: field-tagged TF-IDF (document frequencies over all
// of them and what `df` held before), each field of unit length, at most options.max_terms terms
// per field (fields weighted by options.title_weight, lead_weight, lead_words); empty for the
// indices in `skip` (copies). An article without a title has its first sentence as the title
// field. With `surface`, display forms of the terms.
// `df` gains the counted articles (a stream passes the same `df` batch after batch): all of them
// before any is weighted, or, with options.idf_warmup, as ClusterOptions says, in `order` (the
// stream order of the batch).
std::vector<ArticleVector> BuildArticleVectors(std::span<const Article> articles,
                                               const std::vector<bool>& skip,
                                               std::span<const uint32_t> order,
                                               const ClusterOptions& options, SurfaceMap* surface,
                                               text::DocumentFrequencies* df);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_STORY_INDEX_H_
