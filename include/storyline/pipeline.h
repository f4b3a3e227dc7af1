// Pipeline: articles in, stories out — dedup, clustering and briefs wired together, plus the
// JSON Lines and text renderings the CLI writes.
//
// Thread-safety: RunPipeline is reentrant; a PipelineResult is an immutable value once returned.

#ifndef STORYLINE_PIPELINE_H_
#define STORYLINE_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "storyline/extract.h"
#include "storyline/status.h"
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

// One outlet's part in a story: its original articles and, for each, the copies of it (which may
// come from other outlets).
struct OutletEntry {
  std::string source;                         // outlet name, or the URL's host, or "(unknown)"
  std::vector<uint32_t> originals;            // article indices, in date order
  std::vector<std::vector<uint32_t>> copies;  // copies[k]: the copies of originals[k], by date
  std::vector<std::vector<CopyChanges>> copy_changes;  // copy_changes[k][j]: copies[k][j]'s edits
};

struct Story {
  int32_t id = 0;  // 1-based, stable for a given input and options
  std::string headline;
  std::vector<SummarySentence> summary;
  std::vector<StoryEntity> entities;  // key people, organisations, places
  std::vector<TimelineEvent> timeline;
  std::vector<OutletContribution> contributions;  // one per original, in `originals` order
  std::vector<uint32_t> articles;                 // every member, copies included, in date order
  std::vector<uint32_t> originals;                // members that are not copies
  std::vector<OutletEntry> outlets;               // by number of original articles, then name
  std::optional<int64_t> first_timestamp, last_timestamp;
  std::vector<int32_t> aliases;  // ids of the stories merged into this one
};

struct PipelineResult {
  std::vector<Article> articles;
  DedupResult dedup;
  ClusterResult cluster;
  std::vector<Story> stories;  // largest first (originals, then all members), then by id
  // For article i, the id of its story (Story::id).
  std::vector<int32_t> story_id;
};

// Runs dedup, clustering and briefs over `articles` (consumed). Article ids must be unique;
// duplicates are renamed "<id>~2", "<id>~3"... Errors: InvalidArgument for invalid options.
Result<PipelineResult> RunPipeline(std::vector<Article> articles, const PipelineOptions& options);

// Treats `articles` (consumed) as one story: cleans the texts and finds copies as RunPipeline
// does, then briefs the originals (copies add nothing). Errors: InvalidArgument for invalid
// options.
Result<Brief> SummarizeStory(std::vector<Article> articles, const PipelineOptions& options);

// One JSON object (no newline) for article `i`: id, url, source, title, date, story,
// duplicate_of (an id or null), duplicate_kind, similarity, jaccard, containment, story_score,
// reused_from, and story_explain ({probability, entities, terms}: why the article joined its
// story) when the clustering was run with ClusterOptions::explain.
std::string ArticleToJson(const PipelineResult& result, size_t i);

// One JSON object (no newline) for a story: story, aliases (ids merged into it), headline,
// summary (list of sentences), summary_sources (article id per sentence), entities ([{name,
// kind, outlets, mentions, aliases}]), timeline ([{date, text, article (id), relative}]),
// contributions ([{article, source, unique: [sentence], rewrites: [{text, other, other_article,
// changes: [{from, to}]}]}]),
// size, originals, articles (ids), outlets ([{source, articles:[{id, copies:[{id, source,
// kind, similarity, changes: {words: [{from, to}], added, dropped}}]}]}]), first_date,
// last_date.
std::string StoryToJson(const PipelineResult& result, const Story& story);

// A self-contained HTML page of the stories (inline CSS, no script, no external resource; all
// input text escaped): a story list, and for each of at most `max_stories` stories (0 for all)
// its headline, brief, entities, timeline, and outlets with copies folded under their originals
// (with what each copy changed) and each article's sentences no other outlet carries.
std::string FormatHtmlReport(const PipelineResult& result, size_t max_stories);

// A human-readable report of the stories, for a terminal: at most `max_stories` stories
// (0 for all), each with its headline, brief and outlets with copies folded under originals.
std::string FormatReport(const PipelineResult& result, size_t max_stories);

}  // namespace storyline

#endif  // STORYLINE_PIPELINE_H_
