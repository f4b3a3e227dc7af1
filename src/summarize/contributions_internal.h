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

// DiffWords' runs as byte ranges: those of `from` are returned, those of `to` appended to
// `*to_spans` (each [begin, end) from a run's first word to its last; a pure insertion or
// removal has a range on one side only).
std::vector<std::pair<size_t, size_t>> DiffSpans(std::string_view from, std::string_view to,
                                                 std::vector<std::pair<size_t, size_t>>* to_spans);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_CONTRIBUTIONS_INTERNAL_H_
