#include "extract/dates.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "common/civil_date.h"
#include "extract/tuning.h"
#include "storyline/text.h"

namespace storyline::extract {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

int ReadInt(std::string_view s, size_t* pos, size_t max_digits, size_t* ndigits) {
  int v = 0;
  size_t n = 0;
  while (*pos < s.size() && Digit(s[*pos]) && n < max_digits) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  *ndigits = n;
  return v;
}

// A day of the calendar in the years a publication date can plausibly have.
bool PlausibleYmd(int64_t y, int m, int d) {
  return y >= kMinPlausibleYear && y <= kMaxPlausibleYear && IsValidCivilDate(y, m, d);
}

std::string Ymd(int64_t y, int m, int d) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  return buf;
}

std::string FromEpoch(int64_t v) {
  if (v > 100000000000LL) v /= 1000;  // milliseconds: seconds this large are past year 5000
  int64_t y;
  unsigned m, d;
  CivilFromDays(DayOfTime(v), &y, &m, &d);
  return PlausibleYmd(y, static_cast<int>(m), static_cast<int>(d)) ? Ymd(y, m, d) : "";
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Pure digits: yyyymmdd, or epoch seconds or milliseconds.
std::string FromDigits(std::string_view s) {
  if (s.size() == 8) {
    int y = std::atoi(std::string(s.substr(0, 4)).c_str());
    int m = std::atoi(std::string(s.substr(4, 2)).c_str());
    int d = std::atoi(std::string(s.substr(6, 2)).c_str());
    return PlausibleYmd(y, m, d) ? Ymd(y, m, d) : "";
  }
  if (s.size() == 10 || s.size() == 13) return FromEpoch(std::atoll(std::string(s).c_str()));
  return "";
}

// The ISO time and zone after a date ("T09:30:00+01:00" at `p`, the byte after the day) as
// "T09:30:00+01:00", or empty when there is none or it is not hours, minutes and seconds.
std::string IsoTime(std::string_view s, size_t p) {
  if (!(p + 5 < s.size() && (s[p] == 'T' || s[p] == ' ') && Digit(s[p + 1]) && Digit(s[p + 2]) &&
        s[p + 3] == ':')) {
    return "";
  }
  size_t q = p + 1;
  while (q < s.size() && (Digit(s[q]) || s[q] == ':' || s[q] == '.')) ++q;
  std::string time(s.substr(p + 1, q - p - 1));
  size_t dot = time.find('.');
  if (dot != std::string::npos) time.resize(dot);
  if (time.size() == 5) time += ":00";
  if (time.size() != 8) return "";
  std::string out = "T" + time;
  if (q < s.size() && (s[q] == 'Z' || s[q] == 'z')) {
    out += "Z";
  } else if (q + 2 < s.size() && (s[q] == '+' || s[q] == '-') && Digit(s[q + 1])) {
    size_t r = q + 1;
    while (r < s.size() && (Digit(s[r]) || s[r] == ':') && r - q <= 5) ++r;
    std::string zone(s.substr(q, r - q));
    if (zone.size() == 5 && zone[3] != ':') zone = zone.substr(0, 3) + ":" + zone.substr(3);
    if (zone.size() == 6) out += zone;
  }
  return out;
}

// The first numeric date anywhere in `s`: year first ("2026-03-14", with an ISO time when
// dashed; "2026/03/14", "2026.03.14") or year last ("14.03.2026", day first unless impossible).
std::string NumericDate(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!Digit(s[i]) || (i > 0 && Digit(s[i - 1]))) continue;
    size_t p = i, n1, n2, n3;
    int a = ReadInt(s, &p, 4, &n1);
    if (p >= s.size()) break;
    char sep = s[p];
    if (n1 == 4 && (sep == '-' || sep == '/' || sep == '.')) {
      ++p;
      int m = ReadInt(s, &p, 2, &n2);
      if (n2 == 0 || p >= s.size() || s[p] != sep) continue;
      ++p;
      int d = ReadInt(s, &p, 2, &n3);
      if (n3 == 0 || !PlausibleYmd(a, m, d)) continue;
      return Ymd(a, m, d) + (sep == '-' ? IsoTime(s, p) : "");
    }
    if (n1 <= 2 && (sep == '.' || sep == '/' || sep == '-')) {
      ++p;
      int b = ReadInt(s, &p, 2, &n2);
      if (n2 == 0 || p >= s.size() || s[p] != sep) continue;
      ++p;
      int y = ReadInt(s, &p, 4, &n3);
      if (n3 != 4) continue;
      // Day first (European) unless only month-first is possible.
      if (PlausibleYmd(y, b, a) && a <= 31 && !(sep == '/' && b > 12)) {
        if (b <= 12) return Ymd(y, b, a);
      }
      if (PlausibleYmd(y, a, b)) return Ymd(y, a, b);
      continue;
    }
  }
  return "";
}

// True when `s` holds a year of four digits (19xx or 2xxx) standing alone.
bool HasYear(std::string_view s) {
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if ((s[i] == '1' || s[i] == '2') && Digit(s[i + 1]) && Digit(s[i + 2]) && Digit(s[i + 3]) &&
        (i == 0 || !Digit(s[i - 1])) && (i + 4 == s.size() || !Digit(s[i + 4]))) {
      return true;
    }
  }
  return false;
}

// The number of a folded token: digits, or an ordinal day ("1st", "22nd", "3rd", "7th"); else -1.
int TokenNumber(std::string_view t) {
  if (t.size() > 2) {
    std::string_view suffix = t.substr(t.size() - 2);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") t.remove_suffix(2);
  }
  if (t.empty() || t.size() > 4) return -1;
  for (char c : t) {
    if (!Digit(c)) return -1;
  }
  return std::atoi(std::string(t).c_str());
}

// A date with a month name: "March 14, 2026", "14 March 2026", "14. März 2026", "Mar. 14 2026".
std::string NamedMonthDate(std::string_view s) {
  // They need a year of four digits, so most texts are turned away before folding.
  if (!HasYear(s)) return "";
  std::string folded = NormalizeText(s);
  std::vector<Token> tokens;
  Tokenize(folded, &tokens);
  auto word = [&](size_t k) {
    return std::string_view(folded).substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  auto num = [&](size_t k) { return k < tokens.size() ? TokenNumber(word(k)) : -1; };
  for (size_t k = 0; k < tokens.size(); ++k) {
    std::string_view w = word(k);
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    const int m = MonthFromName(w, /*any_language=*/true);
    if (m == 0) continue;
    int d = num(k + 1), y = num(k + 2);  // Month D, YYYY
    if (d >= 1 && d <= 31 && PlausibleYmd(y, m, d)) return Ymd(y, m, d);
    if (k >= 1) {
      d = num(k - 1);
      y = num(k + 1);  // D Month YYYY
      if (PlausibleYmd(y, m, d)) return Ymd(y, m, d);
    }
  }
  return "";
}

}  // namespace

std::string NormalizeDate(std::string_view raw) {
  const std::string_view s = TrimSpace(raw);
  if (s.empty() || s.size() > kMaxDateTextBytes) return "";
  bool all_digits = true;
  for (char c : s) all_digits &= Digit(c);
  if (all_digits) return FromDigits(s);
  std::string date = NumericDate(s);
  return date.empty() ? NamedMonthDate(s) : date;
}

std::string DateFromUrl(std::string_view url) {
  for (size_t i = 0; i + 8 <= url.size(); ++i) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    size_t p = i + 1, n;
    int y = ReadInt(url, &p, 4, &n);
    if (n != 4 || y < kMinPlausibleYear || y > kMaxPlausibleYear) continue;
    if (p + 4 <= url.size() && (url[p] == '/' || url[p] == '-' || url[p] == '_')) {
      char sep = url[p++];
      size_t n2, n3;
      int m = ReadInt(url, &p, 2, &n2);
      if (n2 == 0 || p >= url.size() || url[p] != sep) continue;
      ++p;
      int d = ReadInt(url, &p, 2, &n3);
      if (n3 == 0 || (p < url.size() && Digit(url[p]))) continue;
      if (PlausibleYmd(y, m, d)) return Ymd(y, m, d);
    } else if (p + 4 <= url.size() && Digit(url[p])) {
      size_t n2;
      int md = ReadInt(url, &p, 4, &n2);
      if (n2 != 4 || (p < url.size() && Digit(url[p]))) continue;
      if (PlausibleYmd(y, md / 100, md % 100)) return Ymd(y, md / 100, md % 100);
    }
  }
  return "";
}

}  // namespace storyline::extract
