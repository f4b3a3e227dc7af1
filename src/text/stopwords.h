// English stop words for term weighting and entity chunking (internal).

#ifndef STORYLINE_TEXT_STOPWORDS_H_
#define STORYLINE_TEXT_STOPWORDS_H_

#include <string_view>

namespace storyline::text {

// Returns true when `folded_word` (already case-folded by NormalizeText) is an English function
// word ("the", "of", "said", "would", ...). Thread-safe, allocation-free.
bool IsStopword(std::string_view folded_word);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_STOPWORDS_H_
