// Any bytes through the text stage: spans stay in bounds and normalisation is idempotent.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "storyline/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string norm = storyline::NormalizeText(in);
  if (!storyline::IsValidUtf8(norm)) std::abort();
  if (storyline::NormalizeText(norm) != norm) std::abort();
  std::vector<storyline::Token> tokens;
  storyline::Tokenize(in, &tokens);
  for (const auto& t : tokens) {
    if (t.begin >= t.end || t.end > in.size()) std::abort();
  }
  std::vector<storyline::SentenceSpan> sentences;
  storyline::SplitSentences(in, &sentences);
  for (const auto& s : sentences) {
    if (s.begin >= s.end || s.end > in.size()) std::abort();
  }
  if (storyline::DatelineLength(in) > in.size()) std::abort();
  return 0;
}
