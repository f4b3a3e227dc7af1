// Small text helpers shared by the terminal and HTML reports (internal to format).

#ifndef STORYLINE_FORMAT_TEXT_UTIL_H_
#define STORYLINE_FORMAT_TEXT_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storyline/stories.h"

namespace storyline::format {

// "1 article", "3 articles" ("copy" -> "copies").
std::string Count(size_t n, std::string_view singular);

// The story's outlets as counted for people: "5 outlets", "1 outlet", "2 outlets + unknown",
// "unknown outlet" (originals of unknown outlet never count as an outlet).
std::string OutletCount(const Story& s);

// The reports list at most this many originals per story and copies per original; the rest are
// folded into "… and N more" (a wire story copied 50,000 times is one line, not 50,000).
inline constexpr size_t kMaxListedOriginals = 50;
inline constexpr size_t kMaxListedCopies = 10;

// The day of a timestamp ("2026-03-27"), or empty.
std::string Day(const std::optional<int64_t>& ts);

}  // namespace storyline::format

#endif  // STORYLINE_FORMAT_TEXT_UTIL_H_
