// Article: the value type every pipeline stage reads.

#ifndef STORYLINE_ARTICLE_H_
#define STORYLINE_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline {

// One news article as ingested. Only `text` is required; every other field may be empty.
struct Article {
  std::string id;      // unique within a run; readers derive one when the input has none
  std::string url;     // canonical address, if known
  std::string source;  // the outlet ("Reuters", "Press TV"), if known
  std::string title;   // headline, if known
  std::string date;    // publication time as given (ISO 8601 or YYYY-MM-DD), if known
  std::string text;    // body, valid UTF-8; paragraphs separated by blank lines
  std::optional<int64_t> timestamp;  // `date` parsed to seconds since the Unix epoch (UTC)
};

// The publication order every stage uses: dated articles before undated ones, earlier dates
// first. A strict weak ordering; equal dates (or both undated) compare equal.
inline bool PublishedBefore(const Article& x, const Article& y) {
  if (x.timestamp.has_value() != y.timestamp.has_value()) return x.timestamp.has_value();
  return x.timestamp && *x.timestamp < *y.timestamp;
}

// Parses an ISO 8601 date or date-time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]" with an
// optional "Z" or "+HH:MM"/"-HH:MM" offset (a space may replace "T"). Returns seconds since the
// Unix epoch in UTC, or InvalidArgument when `s` is not such a date.
Result<int64_t> ParseIsoDate(std::string_view s);

// Formats seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatIsoDate(int64_t seconds);

}  // namespace storyline

#endif  // STORYLINE_ARTICLE_H_
