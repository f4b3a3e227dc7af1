#include "summarize/dates_in_text.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "common/civil_date.h"
#include "storyline/text.h"
#include "text/names.h"

namespace storyline::summarize {
namespace {

int YearOfDay(int64_t z) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(z, &y, &m, &d);
  return static_cast<int>(y);
}

// A day of the month: "19", "19th", "1st".
int DayOf(std::string_view w) {
  size_t n = 0;
  while (n < w.size() && w[n] >= '0' && w[n] <= '9') ++n;
  if (n == 0 || n > 2) return 0;
  const std::string_view rest = w.substr(n);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  const int d = std::stoi(std::string(w.substr(0, n)));
  return d >= 1 && d <= 31 ? d : 0;
}

int YearOf(std::string_view w) {
  if (w.size() != 4) return 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
  }
  const int y = std::stoi(std::string(w));
  return y >= 1800 && y <= 2200 ? y : 0;
}

// Days since 1970-01-01 of 0001-01-01 and 9999-12-31: the years an ISO 8601 date can write.
constexpr int64_t kFirstIsoDay = -719162, kLastIsoDay = 2932896;

std::optional<TextDate> FirstDateInAnyYear(std::string_view norm,
                                           std::optional<int64_t> published_day) {
  std::vector<Token> tokens;
  Tokenize(norm, &tokens);
  std::vector<std::string_view> w;
  w.reserve(tokens.size());
  for (const Token& t : tokens) {
    std::string_view x = std::string_view(norm).substr(t.begin, t.end - t.begin);
    if (!x.empty() && x.back() == '.') x.remove_suffix(1);  // "Sept." -> "sept"
    x = text::StripPossessive(x);
    w.push_back(x);
  }
  // Month and day without a year: the year nearest the publication date.
  auto resolve = [&](int y, int m, int d) -> std::optional<TextDate> {
    if (y != 0) {
      if (!IsValidCivilDate(y, m, d)) return std::nullopt;
      return TextDate{DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)), false};
    }
    if (!published_day) {
      if (!IsValidCivilDate(2000, m, d)) return std::nullopt;
      return TextDate{DaysFromCivil(2000, static_cast<unsigned>(m), static_cast<unsigned>(d)),
                      false, false};
    }
    // The year that puts the day within three months ahead of publication or nine months
    // back (news reports what happened and what is scheduled); else the nearest.
    const int py = YearOfDay(*published_day);
    std::optional<TextDate> best, nearest;
    for (int cy : {py + 1, py, py - 1}) {
      if (!IsValidCivilDate(cy, m, d)) continue;
      const int64_t day = DaysFromCivil(cy, static_cast<unsigned>(m), static_cast<unsigned>(d));
      if (!best && day <= *published_day + 92 && day >= *published_day - 275) {
        best = TextDate{day, false};
      }
      if (!nearest ||
          std::llabs(day - *published_day) < std::llabs(nearest->day - *published_day)) {
        nearest = TextDate{day, false};
      }
    }
    if (!best) best = nearest;
    return best;
  };
  for (size_t k = 0; k < w.size(); ++k) {
    // "2016-07-19" (one token or three).
    if (w[k].size() == 10 && w[k][4] == '-' && w[k][7] == '-') {
      const int y = YearOf(w[k].substr(0, 4));
      const int m = DayOf(w[k].substr(5, 2)), d = DayOf(w[k].substr(8, 2));
      if (y != 0 && m >= 1 && m <= 12 && d >= 1) {
        if (auto r = resolve(y, m, d)) return r;
      }
    } else if (const int y = YearOf(w[k]); y != 0 && k + 2 < w.size() &&
                                           tokens[k].end < norm.size() &&
                                           norm[tokens[k].end] == '-') {
      const int m = DayOf(w[k + 1]), d = DayOf(w[k + 2]);
      if (w[k + 1].size() == 2 && w[k + 2].size() == 2 && m >= 1 && m <= 12 && d >= 1) {
        if (auto r = resolve(y, m, d)) return r;
      }
    }
    if (const int m = MonthFromName(w[k]); m != 0) {
      // "July 19[, 2016]"
      if (k + 1 < w.size()) {
        if (const int d = DayOf(w[k + 1]); d != 0) {
          const int y = k + 2 < w.size() ? YearOf(w[k + 2]) : 0;
          if (auto r = resolve(y, m, d)) return r;
        }
      }
      // "19 July[ 2016]" (never for "may": "20 may have died")
      if (k > 0 && w[k] != "may") {
        if (const int d = DayOf(w[k - 1]); d != 0) {
          const int y = k + 1 < w.size() ? YearOf(w[k + 1]) : 0;
          if (auto r = resolve(y, m, d)) return r;
        }
      }
      continue;
    }
    if (!published_day) continue;
    if (w[k] == "yesterday") return TextDate{*published_day - 1, true};
    if (w[k] == "today") return TextDate{*published_day, true};
    if (w[k] == "tomorrow") return TextDate{*published_day + 1, true};
    if (const int wd = WeekdayFromName(w[k]); wd >= 0) {
      // 1970-01-01 was a Thursday (3 with Monday = 0).
      const int64_t pub_wd = ((*published_day % 7) + 7 + 3) % 7;
      const int64_t back = (pub_wd - wd + 7) % 7;
      // "next Tuesday" looks ahead.
      if (k > 0 && w[k - 1] == "next") return TextDate{*published_day + 7 - back, true};
      return TextDate{*published_day - back, true};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<TextDate> FirstDateIn(std::string_view norm, std::optional<int64_t> published_day) {
  // Publication days beyond years 0001-9999 (only the API can set them) count as undated.
  if (published_day && (*published_day < kFirstIsoDay || *published_day > kLastIsoDay)) {
    published_day.reset();
  }
  std::optional<TextDate> date = FirstDateInAnyYear(norm, published_day);
  // "Tomorrow" in an article of 9999-12-31, "year 0": no day a timeline can write.
  if (date && (date->day < kFirstIsoDay || date->day > kLastIsoDay)) return std::nullopt;
  return date;
}

}  // namespace storyline::summarize
