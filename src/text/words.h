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

// `line` without the blanks at its edges: ASCII whitespace (line breaks included) and no-break
// spaces, which crawled text often carries at line edges.
inline std::string_view TrimLine(std::string_view line) {
  auto blank_at_front = [&] {
    if (line.empty()) return size_t{0};
    const char c = line.front();
    if (c == ' ' || (c >= '\t' && c <= '\r')) return size_t{1};
    return line.starts_with("\xC2\xA0") ? size_t{2} : size_t{0};
  };
  auto blank_at_back = [&] {
    if (line.empty()) return size_t{0};
    const char c = line.back();
    if (c == ' ' || (c >= '\t' && c <= '\r')) return size_t{1};
    return line.ends_with("\xC2\xA0") ? size_t{2} : size_t{0};
  };
  for (size_t n; (n = blank_at_front()) > 0;) line.remove_prefix(n);
  for (size_t n; (n = blank_at_back()) > 0;) line.remove_suffix(n);
  return line;
}

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_WORDS_H_
