// Helpers of the text-cleaning tests (test-only).

#ifndef STORYLINE_EXTRACT_TEXT_CLEAN_TEST_UTIL_H_
#define STORYLINE_EXTRACT_TEXT_CLEAN_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "storyline/extract.h"

namespace storyline {

// `s` without surrounding ASCII blanks and no-break spaces.
inline std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xC2\xA0")) {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// The lines of `text` that hold something, trimmed.
inline std::vector<std::string> NonBlankLines(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view t = Trim(line);
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
