// Date recognition for metadata (internal).

#ifndef STORYLINE_EXTRACT_DATES_H_
#define STORYLINE_EXTRACT_DATES_H_

#include <string>
#include <string_view>

namespace storyline::extract {

// Normalises a date as found in page metadata or text to ISO 8601: "YYYY-MM-DD", or
// "YYYY-MM-DDTHH:MM:SS" plus the zone when the input is an ISO date-time. Accepts ISO forms
// ("2026-03-14", "2026-03-14T09:30:00+01:00", "2026-03-14 09:30"), "2026/03/14", "20260314",
// "14.03.2026", "14/03/2026" (day first unless impossible), "March 14, 2026", "14 March 2026",
// "Mar. 14, 2026", German/French/Polish/Spanish month names, and Unix epoch seconds or
// milliseconds. Returns empty when `s` holds no plausible date (years 1990..2099).
std::string NormalizeDate(std::string_view s);

// Finds a date in a URL path ("/2026/03/14/", "/2026-03-14-", "/20260314/"), or empty.
std::string DateFromUrl(std::string_view url);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_DATES_H_
