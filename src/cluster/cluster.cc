#include "storyline/cluster.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cluster/model.h"
#include "cluster/online.h"
#include "cluster/story_index.h"
#include "cluster/stream.h"
#include "cluster/tuning.h"
#include "common/status_macros.h"

namespace storyline {

Status Validate(const ClusterOptions& o) {
  if (!(o.join_threshold >= 0 && o.join_threshold <= 1)) {
    return Status::InvalidArgument("join_threshold must be in [0, 1]");
  }
  if (!(o.merge_threshold >= 0)) return Status::InvalidArgument("merge_threshold must be >= 0");
  if (!(o.min_similarity >= 0 && o.min_similarity <= 1)) {
    return Status::InvalidArgument("min_similarity must be in [0, 1]");
  }
  if (o.time_window_seconds < 0 || o.time_window_seconds > cluster::kMaxWindowSeconds) {
    return Status::InvalidArgument("time_window_seconds must be in [0, 100 years]");
  }
  if (!(o.time_sigma_days > 0 && o.time_sigma_days <= 36600)) {
    return Status::InvalidArgument("time_sigma_days must be in (0, 36600]");
  }
  if (!(o.title_weight >= 0 && o.title_weight <= 1000) ||
      !(o.lead_weight >= 0 && o.lead_weight <= 1000)) {
    return Status::InvalidArgument("term weights must be in [0, 1000]");
  }
  if (o.max_terms < 0 || o.lead_words < 0 || o.explain_terms < 0) {
    return Status::InvalidArgument("max_terms, lead_words and explain_terms must be >= 0");
  }
  for (const std::vector<double>* m : {&o.model, &o.merge_model}) {
    if (!m->empty() && m->size() != cluster::kNumFeatures) {
      return Status::InvalidArgument("model and merge_model must have " +
                                     std::to_string(cluster::kNumFeatures) + " weights");
    }
    for (double w : *m) {
      if (!std::isfinite(w)) return Status::InvalidArgument("model weights must be finite");
    }
  }
  return Status::OK();
}

std::vector<std::string_view> ClusterFeatureNames() {
  return std::vector<std::string_view>(std::begin(cluster::kFeatureNames),
                                       std::end(cluster::kFeatureNames));
}

namespace {

// The best candidate by probability (the first in candidate order on ties), or -1.
int32_t Best(const std::vector<cluster::Candidate>& candidates, const cluster::Weights& w,
             int32_t exclude, bool clash_veto, double* probability) {
  int32_t best = -1;
  *probability = 0;
  for (const cluster::Candidate& c : candidates) {
    if (c.story == exclude) continue;
    if (clash_veto && c.features[cluster::kEntityClash] > 0) continue;
    const double p = cluster::JoinProbability(w, c.features);
    if (best < 0 || p > *probability) {
      best = c.story;
      *probability = p;
    }
  }
  return best;
}

}  // namespace

namespace cluster {

void RunOnline(std::vector<ArticleVector>* vectors, const std::vector<uint32_t>& order,
               const ClusterOptions& o, const Models& models, const SurfaceMap* surface,
               StoryIndex* index_ptr, OnlineState* state, ClusterResult* result,
               std::vector<int32_t>* merged_into_ptr) {
  StoryIndex& index = *index_ptr;
  std::vector<int32_t>& merged_into = *merged_into_ptr;
  std::vector<Candidate> candidates;
  // Merge pass, every kMergeEvery articles over the stories that grew since the last one,
  // youngest first: a story whose centroid the merge model joins to an older live story merges
  // into it (the older number survives). Early splits of one story are repaired while both
  // parts are live.
  size_t& since_merge = state->since_merge;
  std::vector<int32_t>& dirty = state->dirty;
  auto merge_pass = [&] {
    if (o.merge_threshold > 1) return;
    std::sort(dirty.begin(), dirty.end(), std::greater<int32_t>());
    dirty.erase(std::unique(dirty.begin(), dirty.end()), dirty.end());
    for (int32_t s : dirty) {
      if (merged_into[static_cast<size_t>(s)] >= 0) continue;
      MergeCandidates(index, s, &candidates);
      double p = 0;
      const int32_t best = Best(candidates, models.merge, s, o.entity_clash_veto, &p);
      if (best >= 0 && p >= o.merge_threshold) {
        index.Merge(best, s);
        merged_into[static_cast<size_t>(s)] = best;
      }
    }
    dirty.clear();
  };
  for (uint32_t i : order) {
    const ArticleVector& v = (*vectors)[i];
    index.Candidates(v, &candidates);
    double p = 0;
    const int32_t best = Best(candidates, models.join, -1, o.entity_clash_veto, &p);
    int32_t story;
    if (best >= 0 && p >= o.join_threshold) {
      story = best;
      result->score[i] = p;
      if (o.explain) {
        ClusterExplanation& e = result->explanations[i];
        e.probability = p;
        for (const auto& [term, c] : index.TopShared(v, story, o.explain_terms)) {
          auto it = surface->find(term);
          if (it == surface->end()) continue;
          (FieldOf(term) == kEntityField ? e.entities : e.terms).push_back(it->second);
        }
      }
    } else {
      story = index.NewStory();
      merged_into.push_back(-1);
      result->score[i] = 1.0;
    }
    index.Add(story, v);
    result->story_of[i] = story;
    TermVector().swap((*vectors)[i].terms);
    dirty.push_back(story);
    if (++since_merge == kMergeEvery) {
      merge_pass();
      since_merge = 0;
    }
  }
  merge_pass();
}

std::vector<uint32_t> StreamOrder(std::span<const Article> articles,
                                  const std::vector<bool>& is_copy) {
  std::vector<uint32_t> order;
  order.reserve(articles.size());
  for (uint32_t i = 0; i < articles.size(); ++i) {
    if (!is_copy[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return PublishedBefore(articles[a], articles[b]);
  });
  return order;
}

Models ModelsOf(const ClusterOptions& options) {
  Models m{kDefaultModel, kDefaultMergeModel};
  for (size_t k = 0; k < options.model.size(); ++k)
    m.join[k] = static_cast<float>(options.model[k]);
  for (size_t k = 0; k < options.merge_model.size(); ++k) {
    m.merge[k] = static_cast<float>(options.merge_model[k]);
  }
  return m;
}

void MergeCandidates(StoryIndex& index, int32_t story, std::vector<Candidate>* out) {
  const ArticleVector v = index.StoryVector(story);
  index.Candidates(v, out);
  out->erase(std::remove_if(out->begin(), out->end(),
                            [&](const Candidate& c) { return c.story >= story; }),
             out->end());
}

}  // namespace cluster

Result<ClusterResult> ClusterArticles(std::span<const Article> articles, const DedupResult& dedup,
                                      const ClusterOptions& options) {
  const size_t n = articles.size();
  if (dedup.articles.size() != n) {
    return Status::InvalidArgument("dedup result does not match the articles");
  }
  RETURN_IF_ERROR(Validate(options));
  std::vector<cluster::StoryClusterer::Link> links(n);
  for (size_t i = 0; i < n; ++i) {
    const DuplicateInfo& d = dedup.articles[i];
    if (d.duplicate_of >= static_cast<int64_t>(n) ||
        (d.duplicate_of >= 0 && dedup.articles[d.duplicate_of].duplicate_of >= 0)) {
      return Status::InvalidArgument("dedup result has a copy that points at no original");
    }
    links[i].original = static_cast<int32_t>(d.duplicate_of);
  }
  cluster::StoryClusterer clusterer(options);
  cluster::StoryClusterer::BatchResult batch = clusterer.Add(articles, links);
  ClusterResult result;
  result.story_of = std::move(batch.story);
  result.score = std::move(batch.score);
  result.explanations = std::move(batch.explanations);
  result.num_stories = static_cast<int32_t>(clusterer.num_stories());
  result.index_bytes = clusterer.IndexBytes();
  result.opened_by.assign(batch.opened_by.begin(), batch.opened_by.end());
  result.merged_into.resize(clusterer.num_stories());
  for (size_t k = 0; k < result.merged_into.size(); ++k) {
    const int32_t into = clusterer.merged_into()[k];
    result.merged_into[k] = into >= 0 ? clusterer.Root(into) : -1;
  }
  return result;
}

}  // namespace storyline
