// Format: what Storyline writes for people and programs — JSON Lines records, the terminal
// report and the self-contained HTML report — over the values the stages return. Every function
// here renders; none computes anything a stage did not.
//
// JSON output is UTF-8 with '<', '>' and '&' escaped (safe to embed in HTML); one record per
// call, no trailing newline unless said. HTML output escapes every text that came from the input.
//
// Thread-safety: every function here is reentrant.

#ifndef STORYLINE_FORMAT_H_
#define STORYLINE_FORMAT_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "storyline/article.h"
#include "storyline/dedup.h"
#include "storyline/extract.h"
#include "storyline/status.h"
#include "storyline/stories.h"

namespace storyline {

// How every output names an outlet: the outlet itself, or "(unknown)" for the empty (unknown)
// outlet (ArticleOutlet). An unknown outlet is never counted as an outlet.
std::string_view OutletDisplayName(std::string_view outlet);

// `s` as a JSON string literal (quoted, escaped as every output here is), for a caller that
// assembles JSON around the objects these functions return.
std::string JsonString(std::string_view s);

// One JSON object for article `i`: id, url, source, title, date, story, duplicate_of (an id or
// null), duplicate_kind, similarity, jaccard, containment, story_score, reused_from, and
// story_explain ({probability, entities, terms}: why the article joined its story) when the
// clustering was run with ClusterOptions::explain.
std::string ArticleToJson(const PipelineResult& result, size_t i);

// One JSON object for a story: story, aliases (ids merged into it), headline, summary (list of
// sentences), summary_sources (article id per sentence), entities ([{name, kind, outlets,
// mentions, aliases}]), timeline ([{date, text, article (id), relative}]), contributions
// ([{article, source, unique: [sentence], rewrites: [{text, other, other_article, changes:
// [{from, to}]}]}]), size, originals, articles (ids), outlets ([{source, articles:[{id, title,
// copies:[{id, source, kind, similarity, changes: {words: [{from, to}], added, dropped}}]}]}];
// source "(unknown)" for the originals of unknown outlet), first_date, last_date.
std::string StoryToJson(const PipelineResult& result, const Story& story);

// A human-readable report of the stories, for a terminal: at most `max_stories` stories
// (0 for all), each with its headline, brief and outlets with copies folded under originals.
std::string FormatReport(const PipelineResult& result, size_t max_stories);

// A self-contained HTML page of the stories (inline CSS, no script, no external resource; all
// input text escaped): a story list, and for each of at most `max_stories` stories (0 for all)
// its headline, brief, entities, timeline, and outlets with copies folded under their originals
// (with what each copy changed) and each article's sentences no other outlet carries.
std::string FormatHtmlReport(const PipelineResult& result, size_t max_stories);

// The copy groups of `result` as JSON Lines, one line per article that has copies or whose
// passages were reused, in input order:
//   {"original": id, "index": i, "source": outlet, "date": date, "title": title,
//    "copies": [{"id", "index", "kind": "exact"|"near"|"contained"|"partial", "score",
//                "jaccard", "containment", "source", "date",
//                "spans": [{"begin", "end", "source_begin", "source_end", "words"}]  (partial)}]}
// Copies are listed by kind, then by score (highest first). For "partial" the score is the share
// of the copy's words inside the spans; spans are byte offsets into the copy's and the
// original's text. `articles` must be the input of the Deduplicate call that made `result`.
std::string DedupGroupsToJsonLines(std::span<const Article> articles, const DedupResult& result);

// The LSH match probability curve of `options` as a text table (J, P(candidate)), with the bands
// and rows used, for `storyline dedup --print-curve`. Errors: InvalidArgument for invalid options.
Result<std::string> FormatLshCurve(const DedupOptions& options);

// One JSON object for the page read from `input`: input, title, date, author, site, url, lang,
// charset, text — or input and error when `page` holds an error.
std::string PageToJson(std::string_view input, const Result<ExtractedPage>& page);

}  // namespace storyline

#endif  // STORYLINE_FORMAT_H_
