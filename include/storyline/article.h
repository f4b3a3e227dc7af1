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
  // The publication date: seconds since the Unix epoch (UTC), or none. The one date every stage
  // reads (dedup's originals, clustering's time features, timelines).
  std::optional<int64_t> timestamp;
  // The date as the input wrote it, kept only to be written back out (articles.jsonl); no stage
  // reads it. SetArticleDate sets both; RunPipeline derives `timestamp` for articles that carry
  // only this string.
  std::string date;
  std::string text;  // body, valid UTF-8; paragraphs separated by blank lines
};

// Sets a->date to `date` and a->timestamp to ParseIsoDate(date), or to none when `date` is empty
// or no ISO 8601 date.
void SetArticleDate(Article* a, std::string_view date);

// The outlet an article is credited to: its source, else its URL's host without "www.", else
// empty (unknown). Every stage that groups or counts outlets uses this one identity; a view into
// `a`'s strings.
std::string_view ArticleOutlet(const Article& a);

// The publication order every stage uses: dated articles before undated ones, earlier dates
// first. A strict weak ordering; equal dates (or both undated) compare equal.
inline bool PublishedBefore(const Article& x, const Article& y) {
  if (x.timestamp.has_value() != y.timestamp.has_value()) return x.timestamp.has_value();
  return x.timestamp && *x.timestamp < *y.timestamp;
}

// Parses an ISO 8601 date or date-time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.frac]]" with an
// optional "Z" or "+HH:MM"/"-HH:MM" offset (a space may replace "T"). Returns seconds since the
// Unix epoch in UTC, or InvalidArgument when `s` is not such a date or falls outside years
// 0001-9999 once its offset is applied.
Result<int64_t> ParseIsoDate(std::string_view s);

// Formats seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ". Instants outside years 0001-9999
// (which ParseIsoDate never returns) are clamped to the range's ends, so the text is always
// ISO 8601.
std::string FormatIsoDate(int64_t seconds);
// The UTC day of seconds since the epoch, "YYYY-MM-DD", clamped as FormatIsoDate.
std::string FormatIsoDay(int64_t seconds);

// Titles are cut to this many bytes (at a word, with "…") by the readers and the extractor: a
// headline is a line, and an unclosed <h1> or a title field of a whole page is not one.
inline constexpr size_t kMaxTitleBytes = 512;

}  // namespace storyline

#endif  // STORYLINE_ARTICLE_H_
