// Word counts of whitespace-collapsed text (internal).

#ifndef STORYLINE_TEXT_WORDS_H_
#define STORYLINE_TEXT_WORDS_H_

#include <cstddef>
#include <string_view>

namespace storyline::text {

// The number of runs of bytes other than ' ' in `s`: the words of text whose whitespace is
// already one space (NormalizeText, CleanSentence, the extractor's paragraphs). Word budgets and
// length limits count this way.
inline size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_WORDS_H_
