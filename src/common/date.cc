// ISO 8601 parsing and formatting for Article dates.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <algorithm>

#include "common/civil_date.h"
#include "storyline/article.h"

namespace storyline {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

namespace {

bool ReadDigits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

}  // namespace

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

int MonthFromName(std::string_view w, bool any_language) {
  struct Name {
    std::string_view name;
    int month;
  };
  static constexpr Name kEnglish[] = {
      {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
      {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
      {"november", 11}, {"december", 12}, {"jan", 1},    {"feb", 2},       {"mar", 3},
      {"apr", 4},       {"jun", 6},       {"jul", 7},    {"aug", 8},       {"sep", 9},
      {"sept", 9},      {"oct", 10},      {"nov", 11},   {"dec", 12}};
  static constexpr Name kOther[] = {
      {"januar", 1},     {"jänner", 1},        {"februar", 2},    {"märz", 3},
      {"maerz", 3},      {"mai", 5},           {"juni", 6},       {"juli", 7},
      {"oktober", 10},   {"dezember", 12},     {"janvier", 1},    {"février", 2},
      {"fevrier", 2},    {"mars", 3},          {"avril", 4},      {"juin", 6},
      {"juillet", 7},    {"août", 8},          {"aout", 8},       {"septembre", 9},
      {"octobre", 10},   {"novembre", 11},     {"décembre", 12},  {"decembre", 12},
      {"enero", 1},      {"febrero", 2},       {"marzo", 3},      {"abril", 4},
      {"mayo", 5},       {"junio", 6},         {"julio", 7},      {"agosto", 8},
      {"septiembre", 9}, {"octubre", 10},      {"noviembre", 11}, {"diciembre", 12},
      {"stycznia", 1},   {"lutego", 2},        {"marca", 3},      {"kwietnia", 4},
      {"maja", 5},       {"czerwca", 6},       {"lipca", 7},      {"sierpnia", 8},
      {"września", 9},   {"października", 10}, {"listopada", 11}, {"grudnia", 12}};
  // Called for every word of every usable sentence (timelines, names): words that cannot be an
  // English name are turned away by length and first letter before any comparison.
  static constexpr std::string_view kFirsts = "jfmasond";
  if (w.size() >= 3 && w.size() <= 9 && kFirsts.find(w[0]) != std::string_view::npos) {
    for (const Name& n : kEnglish) {
      if (n.name[0] == w[0] && w == n.name) return n.month;
    }
  }
  if (any_language) {
    for (const Name& n : kOther) {
      if (w == n.name) return n.month;
    }
  }
  return 0;
}

int WeekdayFromName(std::string_view w) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  if (w.size() < 6 || w.size() > 9 || w.substr(w.size() - 3) != "day") return -1;
  for (int d = 0; d < 7; ++d) {
    if (w == kDays[d]) return d;
  }
  return -1;
}

namespace {

// ParseIsoDate before the range check.
Result<int64_t> ParseIsoDateFields(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto bad = [&]() {
    return Status::InvalidArgument("not an ISO 8601 date: \"" + std::string(s.substr(0, 40)) +
                                   "\"");
  };
  size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(s, &pos, 4, &year) || pos >= s.size() || s[pos++] != '-' ||
      !ReadDigits(s, &pos, 2, &month) || pos >= s.size() || s[pos++] != '-' ||
      !ReadDigits(s, &pos, 2, &day)) {
    return bad();
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return bad();
  int64_t seconds = DaysFromCivil(year, month, day) * kSecondsPerDay;
  if (pos == s.size()) return seconds;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return bad();
  ++pos;
  int hour, minute, second = 0;
  if (!ReadDigits(s, &pos, 2, &hour) || pos >= s.size() || s[pos++] != ':' ||
      !ReadDigits(s, &pos, 2, &minute)) {
    return bad();
  }
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, &pos, 2, &second)) return bad();
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return bad();
    }
  }
  // 24:00:00 is the end of the day; 60 seconds allows a leap second.
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second))) return bad();
  seconds += hour * 3600 + minute * 60 + second;
  if (pos == s.size()) return seconds;  // no offset: taken as UTC
  if (s[pos] == 'Z' || s[pos] == 'z') {
    return pos + 1 == s.size() ? Result<int64_t>(seconds) : Result<int64_t>(bad());
  }
  if (s[pos] != '+' && s[pos] != '-') return bad();
  int sign = s[pos++] == '+' ? 1 : -1;
  int oh, om = 0;
  if (!ReadDigits(s, &pos, 2, &oh)) return bad();
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!ReadDigits(s, &pos, 2, &om)) return bad();
  }
  if (pos != s.size() || oh > 23 || om > 59) return bad();
  return seconds - sign * (oh * 3600 + om * 60);
}

}  // namespace

Result<int64_t> ParseIsoDate(std::string_view s) {
  Result<int64_t> t = ParseIsoDateFields(s);
  if (!t.ok()) return t;
  // Years 0001-9999 in UTC, after the offset: every date written back is then four digits.
  static const int64_t kFirst = DaysFromCivil(1, 1, 1) * kSecondsPerDay;
  static const int64_t kLast = DaysFromCivil(9999, 12, 31) * kSecondsPerDay + kSecondsPerDay - 1;
  if (*t < kFirst || *t > kLast) {
    return Status::InvalidArgument("date outside years 0001-9999 (UTC): \"" +
                                   std::string(s.substr(0, 40)) + "\"");
  }
  return t;
}

namespace {

// -62135596800 is 0001-01-01T00:00:00Z, 253402300799 is 9999-12-31T23:59:59Z.
int64_t ClampToIsoYears(int64_t seconds) {
  return std::clamp<int64_t>(seconds, -62135596800, 253402300799);
}

}  // namespace

std::string FormatIsoDay(int64_t seconds) { return FormatIsoDate(seconds).substr(0, 10); }

std::string FormatIsoDate(int64_t seconds) {
  seconds = ClampToIsoYears(seconds);
  const int64_t days = DayOfTime(seconds);
  const int64_t rem = seconds - days * kSecondsPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[40];
  snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m, d,
           static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
           static_cast<int>(rem % 60));
  return buf;
}

}  // namespace storyline
