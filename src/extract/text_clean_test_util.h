// Helpers of the text-cleaning tests (test-only).

#ifndef STORYLINE_EXTRACT_TEXT_CLEAN_TEST_UTIL_H_
#define STORYLINE_EXTRACT_TEXT_CLEAN_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "storyline/extract.h"
#include "text/words.h"

namespace storyline {

// The lines of `text` that hold something, trimmed.
inline std::vector<std::string> NonBlankLines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view t = text::TrimLine(line);
    if (!t.empty()) lines.emplace_back(t);
  }
  return lines;
}

// Lines of `in` (trimmed) that are not a line of `out`, in order.
inline std::vector<std::string> RemovedLines(std::string_view in, std::string_view out) {
  const std::vector<std::string> kept = NonBlankLines(out);
  const std::unordered_set<std::string> kept_set(kept.begin(), kept.end());
  std::vector<std::string> removed;
  for (const std::string& line : NonBlankLines(in)) {
    if (!kept_set.contains(line)) removed.push_back(line);
  }
  return removed;
}

// CleanText with the default options and no template model.
inline std::string Clean(std::string_view text) {
  return *CleanText(text, "", nullptr, TextCleanOptions());
}

}  // namespace storyline

#endif  // STORYLINE_EXTRACT_TEXT_CLEAN_TEST_UTIL_H_
