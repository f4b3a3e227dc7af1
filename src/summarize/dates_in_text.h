// Dates that sentences mention (internal to summarize): absolute ("July 19, 2016", "19 July",
// "2016-07-19", "Sept. 24") and relative to the publication date ("on Tuesday", "yesterday").

#ifndef STORYLINE_SUMMARIZE_DATES_IN_TEXT_H_
#define STORYLINE_SUMMARIZE_DATES_IN_TEXT_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace storyline::summarize {

struct TextDate {
  int64_t day = 0;         // days since 1970-01-01 (in the year 2000 when the year is unknown)
  bool relative = false;   // resolved against the publication date
  bool year_known = true;  // false: a month and day in an undated article
};

// The first date `normalized` (a sentence as NormalizeText gives it) mentions, resolved against
// `published_day` (days since the epoch; absent for undated articles, which then get no relative
// dates and month-days without a year). A month and day without a year take the year that puts
// them between nine months before and three months after publication (else the nearest); a
// weekday is the latest such day on or before it ("next Tuesday": the one after).
std::optional<TextDate> FirstDateIn(std::string_view normalized,
                                    std::optional<int64_t> published_day);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_DATES_IN_TEXT_H_
