// Word-level differences (internal to summarize; exposed for tests).

#ifndef STORYLINE_SUMMARIZE_CONTRIBUTIONS_INTERNAL_H_
#define STORYLINE_SUMMARIZE_CONTRIBUTIONS_INTERNAL_H_

#include <string_view>
#include <utility>
#include <vector>

#include "storyline/summarize.h"

namespace storyline::summarize {

// The runs of words (compared case-folded) that turn `from` into `to`, by longest common
// subsequence: {"Russia", "Russian Federation"} a swap, {"", "purportedly"} an insertion,
// {"quickly", ""} a removal. Meant for sentences: past the common head and tail, a middle of
// more than ~4M word pairs is reported as one change.
std::vector<WordChange> DiffWords(std::string_view from, std::string_view to);

// DiffWords' runs as byte ranges: [from_begin, from_end) of `from` stands where [to_begin,
// to_end) of `to` does, each from the run's first word to its last (an empty range for the side
// of an insertion or a removal).
struct ByteRun {
  size_t from_begin = 0, from_end = 0, to_begin = 0, to_end = 0;
};
std::vector<ByteRun> DiffSpans(std::string_view from, std::string_view to);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_CONTRIBUTIONS_INTERNAL_H_
