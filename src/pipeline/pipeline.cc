#include "storyline/pipeline.h"

#include <string>
#include <unordered_map>

#include "common/status_macros.h"

namespace storyline {
namespace {

// Renames the second and later holders of an id to "<id>~2", "<id>~3", ..., skipping every id
// the input already uses, so no article loses the id it was given uniquely.
void MakeIdsUnique(std::vector<Article>* articles) {
  std::unordered_map<std::string, int> count;
  count.reserve(articles->size());
  for (const Article& a : *articles) ++count[a.id];
  std::unordered_map<std::string, int> next_suffix;
  std::unordered_map<std::string, bool> first_seen;
  for (Article& a : *articles) {
    if (count[a.id] == 1) continue;
    if (!first_seen[a.id]) {
      first_seen[a.id] = true;
      continue;
    }
    int& suffix = next_suffix.try_emplace(a.id, 2).first->second;
    std::string id;
    do {
      id = a.id + "~" + std::to_string(suffix++);
    } while (count.count(id));
    count[id] = 1;
    a.id = std::move(id);
  }
}

// The first stages shared by RunPipeline and SummarizeStory: unique ids, one date per article,
// cleaned texts and dedup (dedup reads the texts as published, the later stages the cleaned ones).
Status CleanAndDedup(std::vector<Article> articles, const PipelineOptions& options,
                     PipelineResult* r) {
  MakeIdsUnique(&articles);
  for (Article& a : articles) {
    if (!a.timestamp && !a.date.empty()) SetArticleDate(&a, a.date);
  }
  r->articles = std::move(articles);
  const size_t n = r->articles.size();
  std::vector<std::string> cleaned;
  if (options.clean_text) {
    if (options.on_stage) options.on_stage("clean", n);
    ASSIGN_OR_RETURN(cleaned, CleanTexts(r->articles, options.text_clean));
  }
  if (options.on_stage) options.on_stage("dedup", n);
  ASSIGN_OR_RETURN(r->dedup, Deduplicate(r->articles, options.dedup));
  // Cleaned texts are swapped in only after dedup: dedup compares pages as published, so a wire
  // story inside another site's header and comment box is reported as contained in it.
  for (size_t i = 0; i < cleaned.size(); ++i) {
    if (cleaned[i].find_first_not_of(" \n\t") != std::string::npos) {
      r->articles[i].text = std::move(cleaned[i]);
    }
  }
  return Status::OK();
}

}  // namespace

Status Validate(const PipelineOptions& options) {
  RETURN_IF_ERROR(Validate(options.text_clean));
  RETURN_IF_ERROR(Validate(options.dedup));
  RETURN_IF_ERROR(Validate(options.cluster));
  return Validate(options.brief);
}

Result<Brief> SummarizeStory(std::vector<Article> articles, const PipelineOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  PipelineResult r;
  RETURN_IF_ERROR(CleanAndDedup(std::move(articles), options, &r));
  std::vector<uint32_t> originals;
  for (uint32_t i = 0; i < r.articles.size(); ++i) {
    if (r.dedup.articles[i].duplicate_of < 0) originals.push_back(i);
  }
  if (options.on_stage) options.on_stage("summarize", r.articles.size());
  return Summarize(r.articles, originals, options.brief);
}

Result<PipelineResult> RunPipeline(std::vector<Article> articles, const PipelineOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  PipelineResult r;
  RETURN_IF_ERROR(CleanAndDedup(std::move(articles), options, &r));
  const size_t n = r.articles.size();
  if (options.on_stage) options.on_stage("cluster", n);
  ASSIGN_OR_RETURN(r.cluster, ClusterArticles(r.articles, r.dedup, options.cluster));
  if (options.on_stage) options.on_stage("summarize", n);
  ASSIGN_OR_RETURN(r.stories, AssembleStories(r.articles, r.dedup, r.cluster, options.brief));
  r.story_id.resize(n);
  for (uint32_t i = 0; i < n; ++i) r.story_id[i] = StoryIdOf(r.cluster, r.cluster.story_of[i]);
  return r;
}

}  // namespace storyline
