// Which sentences are prose a reader may be shown (internal to summarize).

#ifndef STORYLINE_SUMMARIZE_PROSE_H_
#define STORYLINE_SUMMARIZE_PROSE_H_

#include <string_view>

namespace storyline::summarize {

// True when the cleaned sentence `s` (`folded`: NormalizeText(s)) has min_words..max_words
// words, starts and ends like a sentence, has balanced quotes (no fragment of a split
// quotation), carries no boilerplate cue ("subscribe", "click here", "©", markup) and is no
// short exclamation.
bool IsProse(std::string_view s, std::string_view folded, int min_words, int max_words);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_PROSE_H_
