// Pipeline: articles in, stories out — text cleaning, dedup, clustering and story assembly wired
// together. Each stage has its own header and can be called without the pipeline; the outputs
// are rendered by storyline/format.h.
//
// Thread-safety: RunPipeline and SummarizeStory are reentrant; a PipelineResult is an immutable
// value once returned.

#ifndef STORYLINE_PIPELINE_H_
#define STORYLINE_PIPELINE_H_

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "storyline/extract.h"
#include "storyline/status.h"
#include "storyline/stories.h"
#include "storyline/summarize.h"

namespace storyline {

struct PipelineOptions {
  // Remove boilerplate lines from every article's text: lines the line classifier calls junk,
  // and lines that recur across an outlet's articles (storyline/extract.h). Dedup still compares
  // the texts as ingested (a repost inside site boilerplate is "contained" in it); clustering,
  // briefs and PipelineResult::articles get the cleaned text. An article whose text would
  // vanish keeps its original.
  bool clean_text = true;
  TextCleanOptions text_clean;
  DedupOptions dedup;
  ClusterOptions cluster;
  BriefOptions brief;
  // Called between stages with the stage name ("clean", "dedup", "cluster", "summarize") and the
  // number of articles; for progress display. May be empty. Runs on the calling thread.
  std::function<void(std::string_view stage, size_t articles)> on_stage;
};

// InvalidArgument when any stage's options are invalid (each stage's Validate); OK otherwise.
Status Validate(const PipelineOptions& options);

// Runs cleaning, dedup, clustering and story assembly over `articles` (consumed). Article ids
// must be unique; duplicates are renamed "<id>~2", "<id>~3"... An article with a `date` but no
// `timestamp` gets the timestamp its date parses to. Errors: InvalidArgument for invalid options
// (checked before any work).
Result<PipelineResult> RunPipeline(std::vector<Article> articles, const PipelineOptions& options);

// Treats `articles` (consumed) as one story: cleans the texts and finds copies as RunPipeline
// does, then briefs the originals (copies add nothing). Errors: InvalidArgument for invalid
// options.
Result<Brief> SummarizeStory(std::vector<Article> articles, const PipelineOptions& options);

}  // namespace storyline

#endif  // STORYLINE_PIPELINE_H_
