#include "extract/dates.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

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

bool ValidYmd(int y, int m, int d) {
  if (y < 1990 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return d <= kDays[m - 1];
}

std::string Ymd(int y, int m, int d) {
  char buf[16];
  snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Month from a folded (lower-case) word prefix in several languages; 0 if none.
int MonthFromWord(std::string_view w) {
  struct M {
    std::string_view name;
    int month;
  };
  static constexpr M kMonths[] = {
      {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
      {"july", 7}, {"august", 8}, {"september", 9}, {"sept", 9}, {"october", 10},
      {"november", 11}, {"december", 12},
      {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5},
      {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
      {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
      {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
      {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
      {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
      {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"octubre", 10}, {"noviembre", 11},
      {"diciembre", 12},
      {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
      {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9}, {"października", 10},
      {"listopada", 11}, {"grudnia", 12},
  };
  for (const M& m : kMonths) {
    if (w == m.name) return m.month;
  }
  // English three-letter abbreviations ("Mar", "Sep.").
  static constexpr std::string_view kAbbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() == 3) {
    for (int i = 0; i < 12; ++i) {
      if (w == kAbbr[i]) return i + 1;
    }
  }
  return 0;
}

std::string FromEpoch(int64_t v) {
  if (v > 100000000000LL) v /= 1000;  // milliseconds
  if (v < 631152000 || v > 4102444800LL) return "";  // 1990..2100
  time_t t = static_cast<time_t>(v);
  struct tm tm;
  gmtime_r(&t, &tm);
  return Ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace

std::string NormalizeDate(std::string_view raw) {
  std::string_view s = raw;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  if (s.empty() || s.size() > 200) return "";
  // Pure digits: yyyymmdd or epoch seconds/milliseconds.
  bool all_digits = true;
  for (char c : s) all_digits &= Digit(c);
  if (all_digits) {
    if (s.size() == 8) {
      int y = std::atoi(std::string(s.substr(0, 4)).c_str());
      int m = std::atoi(std::string(s.substr(4, 2)).c_str());
      int d = std::atoi(std::string(s.substr(6, 2)).c_str());
      return ValidYmd(y, m, d) ? Ymd(y, m, d) : "";
    }
    if (s.size() == 10 || s.size() == 13) return FromEpoch(std::atoll(std::string(s).c_str()));
    return "";
  }
  // Scan for the first date-like pattern anywhere in the string.
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
      if (n3 == 0 || !ValidYmd(a, m, d)) continue;
      std::string out = Ymd(a, m, d);
      // Keep an ISO time and zone when present.
      if (sep == '-' && p + 5 < s.size() && (s[p] == 'T' || s[p] == ' ') && Digit(s[p + 1]) &&
          Digit(s[p + 2]) && s[p + 3] == ':') {
        size_t q = p + 1;
        while (q < s.size() && (Digit(s[q]) || s[q] == ':' || s[q] == '.')) ++q;
        std::string time(s.substr(p + 1, q - p - 1));
        size_t dot = time.find('.');
        if (dot != std::string::npos) time.resize(dot);
        if (time.size() == 5) time += ":00";
        if (time.size() != 8) return out;
        out += "T" + time;
        if (q < s.size() && (s[q] == 'Z' || s[q] == 'z')) {
          out += "Z";
        } else if (q + 2 < s.size() && (s[q] == '+' || s[q] == '-') && Digit(s[q + 1])) {
          size_t r = q + 1;
          while (r < s.size() && (Digit(s[r]) || s[r] == ':') && r - q <= 5) ++r;
          std::string zone(s.substr(q, r - q));
          if (zone.size() == 5 && zone[3] != ':') zone.insert(3, ":");
          if (zone.size() == 6) out += zone;
        }
      }
      return out;
    }
    if (n1 <= 2 && (sep == '.' || sep == '/' || sep == '-')) {
      ++p;
      int b = ReadInt(s, &p, 2, &n2);
      if (n2 == 0 || p >= s.size() || s[p] != sep) continue;
      ++p;
      int y = ReadInt(s, &p, 4, &n3);
      if (n3 != 4) continue;
      // Day first (European) unless only month-first is possible.
      if (ValidYmd(y, b, a) && a <= 31 && !(sep == '/' && b > 12)) {
        if (b <= 12) return Ymd(y, b, a);
      }
      if (ValidYmd(y, a, b)) return Ymd(y, a, b);
      continue;
    }
  }
  // Month names: "March 14, 2026", "14 March 2026", "14. März 2026", "Mar. 14 2026". They
  // need a year of four digits, so most texts are turned away before folding.
  bool has_year = false;
  for (size_t i = 0; i + 4 <= s.size() && !has_year; ++i) {
    has_year = (s[i] == '1' || s[i] == '2') && Digit(s[i + 1]) && Digit(s[i + 2]) &&
               Digit(s[i + 3]) && (i == 0 || !Digit(s[i - 1])) &&
               (i + 4 == s.size() || !Digit(s[i + 4]));
  }
  if (!has_year) return "";
  std::string folded = NormalizeText(s);
  std::vector<Token> tokens;
  Tokenize(folded, &tokens);
  for (size_t k = 0; k < tokens.size(); ++k) {
    std::string_view w = std::string_view(folded).substr(tokens[k].begin,
                                                         tokens[k].end - tokens[k].begin);
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    int m = MonthFromWord(w);
    if (m == 0) continue;
    auto num = [&](size_t idx) -> int {
      if (idx >= tokens.size()) return -1;
      std::string_view t = std::string_view(folded).substr(tokens[idx].begin,
                                                           tokens[idx].end - tokens[idx].begin);
      // Ordinal days: "1st", "22nd", "3rd", "7th".
      if (t.size() > 2) {
        std::string_view suffix = t.substr(t.size() - 2);
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
          t.remove_suffix(2);
        }
      }
      if (t.empty() || t.size() > 4) return -1;
      for (char c : t) {
        if (!Digit(c)) return -1;
      }
      return std::atoi(std::string(t).c_str());
    };
    int d = num(k + 1), y = num(k + 2);  // Month D, YYYY
    if (d >= 1 && d <= 31 && ValidYmd(y, m, d)) return Ymd(y, m, d);
    if (k >= 1) {
      d = num(k - 1);
      y = num(k + 1);  // D Month YYYY
      if (ValidYmd(y, m, d)) return Ymd(y, m, d);
    }
  }
  return "";
}

std::string DateFromUrl(std::string_view url) {
  for (size_t i = 0; i + 8 <= url.size(); ++i) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    size_t p = i + 1, n;
    int y = ReadInt(url, &p, 4, &n);
    if (n != 4 || y < 1990 || y > 2099) continue;
    if (p + 4 <= url.size() && (url[p] == '/' || url[p] == '-' || url[p] == '_')) {
      char sep = url[p++];
      size_t n2, n3;
      int m = ReadInt(url, &p, 2, &n2);
      if (n2 == 0 || p >= url.size() || url[p] != sep) continue;
      ++p;
      int d = ReadInt(url, &p, 2, &n3);
      if (n3 == 0 || (p < url.size() && Digit(url[p]))) continue;
      if (ValidYmd(y, m, d)) return Ymd(y, m, d);
    } else if (p + 4 <= url.size() && Digit(url[p])) {
      size_t n2;
      int md = ReadInt(url, &p, 4, &n2);
      if (n2 != 4 || (p < url.size() && Digit(url[p]))) continue;
      if (ValidYmd(y, md / 100, md % 100)) return Ymd(y, md / 100, md % 100);
    }
  }
  return "";
}

}  // namespace storyline::extract
