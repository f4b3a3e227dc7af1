// The summarize stage's tuning numbers (internal), in one place. The user-facing ones are
// BriefOptions (storyline/summarize.h); the paraphrase threshold is kParaphraseThreshold there.

#ifndef STORYLINE_SUMMARIZE_TUNING_H_
#define STORYLINE_SUMMARIZE_TUNING_H_

#include <cstddef>

namespace storyline::summarize {

// Briefs: the swap phase of the coverage selection stops after this many rounds or when no swap
// gains more than kMinSwapGain. More rounds: a better objective on large stories, slower.
inline constexpr int kMaxSwapRounds = 50;
inline constexpr double kMinSwapGain = 1e-9;
// The concept support floor never drops below this many witnesses (BriefOptions::
// min_concept_outlets may ask for more).
inline constexpr double kMinConceptFloor = 2.0;
// A sentence ending in "!" shorter than this is a call to action ("Go Ad-Free!"), not news.
inline constexpr int kMinExclamationWords = 10;

// The paraphrase test's weights (similarity.cc; chosen on MSRP train, see there).
inline constexpr double kContentWeight = 1.0;
inline constexpr double kFunctionWordWeight = 0.7;
inline constexpr double kNumberWeight = 2.0;

// Contributions and copy changes (contributions.cc).
inline constexpr size_t kMaxListed = 20;      // sentences listed per kind
inline constexpr int kMaxRewriteChanges = 4;  // a rewrite changes a few words, not the sentence
inline constexpr double kNearCopy = 0.75;     // similarity of a sentence rewritten in a few words
inline constexpr double kCarriedContent =
    0.6;                                    // share of a sentence's content words another carries
inline constexpr size_t kMaxPosting = 256;  // sentences a proposing word may occur in
// Word-diff tables above this many cells make the sentence one change (~8 MB of uint16).
inline constexpr size_t kMaxDiffCells = size_t{1} << 22;
// Copies whose unmatched sentences would make more pairs than this are listed, not aligned.
inline constexpr size_t kMaxAlignPairs = size_t{1} << 20;

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_TUNING_H_
