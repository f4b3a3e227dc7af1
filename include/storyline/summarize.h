// Summarize: a headline and a short extractive brief for one story.
//
// Sentences of the story's original articles (copies add nothing new) are cleaned (datelines
// stripped, wrapped lines joined) and filtered (too short or long, unfinished, unbalanced quotes,
// boilerplate cues such as "click", "subscribe", "©"). Each is scored by its TF-IDF cosine to the
// story centroid plus a bonus for appearing early in its article, then picked greedily, skipping
// any sentence whose cosine with an already picked one reaches redundancy_threshold. The picked
// sentences are shown in story order: article date, then position in the article.
//
// Thread-safety: Summarize is reentrant.

#ifndef STORYLINE_SUMMARIZE_H_
#define STORYLINE_SUMMARIZE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "storyline/article.h"

namespace storyline {

struct BriefOptions {
  // Sentences in the brief (fewer only when the story has fewer usable sentences).
  int max_sentences = 5;
  // Word budget for the whole brief; 0 means no budget. The last sentence is never cut.
  int max_words = 0;
  // Cosine between two sentences at or above which the second repeats the first.
  double redundancy_threshold = 0.5;
  // Sentences with fewer or more words are not candidates.
  int min_sentence_words = 6;
  int max_sentence_words = 60;
  // Weight of the lead bonus 1/(1 + position): higher favours article openings.
  double position_weight = 0.15;
};

struct SummarySentence {
  std::string text;     // the cleaned sentence
  uint32_t article;     // index of its article in the input span
  uint32_t position;    // index of the sentence within its article
  double score;         // centrality + lead bonus when picked
};

struct Brief {
  std::string headline;
  std::vector<SummarySentence> sentences;  // in story order
};

// Summarises the articles `members` (indices into `articles`) as one story.
// An empty `members` gives an empty brief.
Brief Summarize(std::span<const Article> articles, std::span<const uint32_t> members,
                const BriefOptions& options);

// Returns `sentence` ready to show: whitespace runs (including wrapped line breaks) collapsed to
// one space, trimmed, a leading dateline removed. Exposed for tests.
std::string CleanSentence(std::string_view sentence);

}  // namespace storyline

#endif  // STORYLINE_SUMMARIZE_H_
