// The sentences of a text as strings, checking the spans' invariants (test-only).

#ifndef STORYLINE_TEXT_SENTENCES_TEST_UTIL_H_
#define STORYLINE_TEXT_SENTENCES_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "storyline/text.h"

namespace storyline {

// The sentences SplitSentences finds in `text`; every span must be non-empty, inside the text
// and after the previous one.
inline std::vector<std::string> Sentences(std::string_view text) {
  std::vector<SentenceSpan> spans;
  SplitSentences(text, &spans);
  std::vector<std::string> out;
  size_t previous_end = 0;
  for (const SentenceSpan& s : spans) {
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    EXPECT_LE(previous_end, s.begin);
    previous_end = s.end;
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Strings = std::vector<std::string>;

// True when `s` is one of the sentences.
inline bool Contains(const Strings& sentences, std::string_view s) {
  for (const std::string& x : sentences) {
    if (x == s) return true;
  }
  return false;
}

}  // namespace storyline

#endif  // STORYLINE_TEXT_SENTENCES_TEST_UTIL_H_
