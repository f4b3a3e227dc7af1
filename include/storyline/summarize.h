// Summarize: a headline and a short extractive brief for one story.
//
// Sentences of the story's original articles (copies add nothing new) are cleaned (datelines
// stripped, wrapped lines joined) and filtered (too short or long, unfinished, unbalanced quotes,
// boilerplate cues such as "click", "subscribe", "©").
//
// The default method is concept coverage (Gillick & Favre's ICSI summariser): concepts are the
// stemmed word bigrams of the sentences (not both stop words), each weighted by its support — the
// distinct outlets that carry it (an outlet is the article's source, else its URL's host, else the
// article itself) blended with the articles that do (article_share; copies are folded before the
// brief and never count) — plus a bonus for the outlets that carry it in their opening sentences;
// concepts below the support floor weigh almost nothing. The brief is the set of sentences within
// the word budget that covers the most concept weight, each concept counted once, so a repeated
// fact earns nothing twice: found greedily by gain per word and improved by swaps until no swap
// helps. The centroid method (TF-IDF cosine to the story centroid plus a lead bonus, greedy with a
// cosine redundancy cut) is kept as a baseline. The picked sentences are shown in story order:
// article date, then position in the article.
//
// Thread-safety: Summarize is reentrant.

#ifndef STORYLINE_SUMMARIZE_H_
#define STORYLINE_SUMMARIZE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline {

enum class BriefMethod {
  kConcepts,  // outlet-weighted bigram coverage (default)
  kCentroid,  // centroid cosine + lead bonus (baseline)
};

struct BriefOptions {
  BriefMethod method = BriefMethod::kConcepts;
  // Sentences in the brief (fewer only when the story has fewer usable sentences).
  int max_sentences = 5;
  // Word budget for the whole brief (words are runs of non-spaces of the cleaned sentences);
  // 0 means no budget. Sentences are never cut.
  int max_words = 0;
  // Cosine between two sentences at or above which the second repeats the first.
  double redundancy_threshold = 0.5;
  // Sentences with fewer or more words are not candidates.
  int min_sentence_words = 6;
  int max_sentence_words = 60;
  // Centroid method: weight of the lead bonus 1/(1 + position).
  double position_weight = 0.15;
  // Concept method: a concept carried by fewer outlets than this weighs nothing (lowered to the
  // number of outlets when the story has fewer, and to 2 sentences for a single outlet).
  int min_concept_outlets = 2;
  // Concept method: weight of a concept below that floor, per outlet carrying it.
  double rare_concept_weight = 0.05;
  // Concept method: extra weight per outlet that carries the concept in its first
  // `lead_sentences` sentences.
  double lead_concept_weight = 1.0;
  int lead_sentences = 3;
  // Entities in the brief (StoryEntities).
  int max_entities = 12;
  // Timeline: at most this many days, each with its most central sentence. Dates are found in
  // the usable sentences: absolute ("July 19, 2016", "19 July", "2016-07-19"; a month and day
  // without a year take the year that puts them within nine months before to three months after
  // publication) and, for dated articles, relative
  // ("on Tuesday": the latest Tuesday on or before publication; "yesterday", "next Friday");
  // an undated article's dateline ("LONDON, July 19") dates its first sentence.
  int max_timeline = 8;
  // Outlet contributions (OutletContributions): unique sentences listed per article, and the
  // longest sentence compared (contributions look at longer sentences than briefs: a fact only
  // one outlet reports often comes in a long one).
  int max_contributions = 3;
  int max_contribution_sentence_words = 80;
  // Concept method: a concept's support is (1 - article_share) * outlets carrying it +
  // article_share * articles carrying it (0: outlets only; copies never count, they are folded
  // before the brief).
  double article_share = 0.5;
  // Concept method: unigram concepts (content words) count with this factor (0: bigrams only).
  double unigram_weight = 0.0;
  // Sentences holding a quotation are not candidates (quotes rarely make a brief).
  bool skip_quotes = false;
  // Concept method: the greedy step ranks sentences by gain / words^length_exponent.
  double length_exponent = 0.75;
};

struct SummarySentence {
  std::string text;   // the cleaned sentence
  uint32_t article;   // index of its article in the input span
  uint32_t position;  // index of the sentence within its article
  double score;       // concept weight it covered when picked (centroid: its score)
};

enum class EntityKind { kPerson, kOrganization, kPlace, kOther };
const char* EntityKindName(EntityKind kind);  // "person", "organization", "place", "other"

// A person, organisation or place a story names, with the other forms merged into it.
struct StoryEntity {
  std::string name;  // its most frequent written form
  EntityKind kind = EntityKind::kOther;
  int outlets = 0;                   // distinct outlets mentioning it
  int mentions = 0;                  // across the story's original articles
  std::vector<std::string> aliases;  // other forms merged in ("Kerry", "U.S.")
};

// A dated moment of the story: a day a sentence mentions, anchored to that sentence.
struct TimelineEvent {
  std::string date;       // YYYY-MM-DD, or --MM-DD for a month-day in an undated article
  std::string text;       // the sentence
  uint32_t article = 0;   // index of its article in the input span
  bool relative = false;  // resolved from "on Tuesday", "yesterday"... against the publication
};

// Words one text has where another has others: {"Russia", "Russian Federation"}; an empty
// `from` is an insertion, an empty `to` a removal.
struct WordChange {
  std::string from, to;
};

// A sentence that another outlet carries in nearly the same words.
struct SentenceRewrite {
  std::string text;                 // this article's sentence
  std::string other;                // the other outlet's sentence
  uint32_t other_article = 0;       // its article
  std::vector<WordChange> changes;  // other -> text
};

// One article's part in its story, against the other outlets' articles.
struct OutletContribution {
  uint32_t article = 0;
  // Its prose sentences no other outlet carries, even in other words (the paraphrase test) or
  // inside a longer sentence (60 % of its content words in one sentence), in article order.
  std::vector<std::string> unique;
  // Its sentences another outlet carries with a few words changed (at most 4 runs): swaps a
  // content farm makes, framing words an outlet adds.
  std::vector<SentenceRewrite> rewrites;
};

// What a copy changed against its original: word runs inside the sentences they share, the
// copy's sentences the original lacks, and the original's the copy lacks.
struct CopyChanges {
  std::vector<WordChange> changes;
  std::vector<std::string> added;
  std::vector<std::string> dropped;
};
CopyChanges CompareCopy(std::string_view original, std::string_view copy);

// A byte range of a text that a copy view highlights.
struct TextMark {
  enum class Kind : uint8_t {
    kChanged,  // words that stand where the other text has other words (or none)
    kAdded,    // a sentence of the copy its original lacks
    kDropped,  // a sentence of the original the copy lacks
  };
  uint32_t begin = 0, end = 0;  // [begin, end) bytes of the text, on UTF-8 character boundaries
  Kind kind = Kind::kChanged;
  // For kChanged: the number of the run of changed words (0, 1, ... in copy order); a run's
  // marks in the two texts share it (one side is missing for a pure insertion or removal).
  // -1 for sentences.
  int32_t run = -1;
};
// CompareCopy's findings placed on the two texts, for showing a copy beside its original: marks
// of `original` (changed, dropped) and of `copy` (changed, added), each sorted and disjoint.
struct CopyMarks {
  std::vector<TextMark> original, copy;
};
CopyMarks MarkCopy(std::string_view original, std::string_view copy);
// "changed", "added" or "dropped".
std::string_view TextMarkKindName(TextMark::Kind kind);

// The contributions of the articles `members` (articles of one outlet, ArticleOutlet, are not
// compared with each other; articles of unknown outlet are compared with every other): prose
// sentences of min_sentence_words to max_contribution_sentence_words words, at most
// max_contributions unique sentences each. Errors: InvalidArgument for invalid options or a
// member out of range.
Result<std::vector<OutletContribution>> OutletContributions(std::span<const Article> articles,
                                                            std::span<const uint32_t> members,
                                                            const BriefOptions& options);

struct Brief {
  std::string headline;
  std::vector<SummarySentence> sentences;  // in story order
  std::vector<StoryEntity> entities;       // by outlets, then mentions
  std::vector<TimelineEvent> timeline;     // by date
};

// InvalidArgument when `options` are out of range (negative counts or budgets, thresholds
// outside [0, 1] where they are shares, non-finite weights); OK otherwise.
Status Validate(const BriefOptions& options);

// Summarises the articles `members` (indices into `articles`) as one story.
// An empty `members` gives an empty brief. Errors: InvalidArgument for invalid options or a
// member out of range.
Result<Brief> Summarize(std::span<const Article> articles, std::span<const uint32_t> members,
                        const BriefOptions& options);

// The paraphrase test that aligns one outlet's sentences with another's (outlet contributions)
// and tells repeats apart: a similarity in [0, 1], the weighted Dice overlap of the two
// sentences' distinct stemmed tokens (content words 1, function words 0.7, numbers 2). Identical
// token sets score 1, no shared token 0; symmetric, deterministic, thread-safe. At or above
// kParaphraseThreshold (the best accuracy on the MSRP train split) they say the same thing.
// Measured on MSRP by eval/msrp_eval: test accuracy 73.4 %, F1 81.6 (majority baseline 66.5 %).
double SentenceSimilarity(std::string_view a, std::string_view b);
inline constexpr double kParaphraseThreshold = 0.5404;

// The key people, organisations and places of the articles `members`, without a trained model:
// capitalised phrases (titles such as "Secretary of State" and opening function words dropped; a
// capital that opens a sentence counts only for a name also seen inside sentences), demonyms
// mapped to their country ("Russian" -> Russia), acronyms merged into the phrase they spell
// ("U.S." -> United States) and a surname into the one longer name ending with it ("Kerry" ->
// John Kerry). Kinds from small word lists (countries and world capitals, organisation words)
// and person evidence (a title before, "said" after, two or more words). Ranked by the number of
// distinct outlets (source, else URL host, else the article) that mention each, then mentions;
// names mentioned once in a story of several outlets are dropped. At most `max_entities`.
std::vector<StoryEntity> StoryEntities(std::span<const Article> articles,
                                       std::span<const uint32_t> members, size_t max_entities);

// Returns `sentence` ready to show: whitespace runs (including wrapped line breaks) collapsed to
// one space, trimmed, a leading dateline removed. Exposed for tests.
std::string CleanSentence(std::string_view sentence);

}  // namespace storyline

#endif  // STORYLINE_SUMMARIZE_H_
