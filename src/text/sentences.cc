#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/civil_date.h"
#include "storyline/text.h"
#include "text/utf8.h"

namespace storyline {
namespace {

using text::DecodedChar;
using text::DecodeUtf8;

// ---------------------------------------------------------------------------------------------
// Character helpers.

// Returns the byte length of the whitespace character at `pos`, or 0.
size_t SpaceLength(std::string_view text, size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return text::IsAsciiSpace(c) ? 1 : 0;
  const DecodedChar d = DecodeUtf8(text, pos);
  // U+FEFF is not White_Space, but a stray byte-order mark should not start a sentence.
  return d.valid && (text::IsUnicodeSpace(d.code_point) || d.code_point == 0xFEFF) ? d.length : 0;
}

// Returns the length of the character that ends just before `end` (UTF-8 aware).
size_t PreviousCharLength(std::string_view text, size_t end) {
  size_t len = 1;
  while (len < 4 && len < end && (static_cast<unsigned char>(text[end - len]) & 0xC0) == 0x80) {
    ++len;
  }
  return len;
}

bool IsClosing(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x2019:  // ’
    case 0x201D:  // ”
    case 0x00BB:  // »
    case 0x203A:  // ›
      return true;
    default:
      return false;
  }
}

bool IsOpening(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case 0x2018:
    case 0x201C:
    case 0x00AB:
    case 0x2039:
    case 0x00BF:
    case 0x00A1:
      return true;
    default:
      return false;
  }
}

// Full stops of scripts that do not put a space after them; they always end a sentence.
bool IsCjkTerminal(char32_t cp) { return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F; }

bool IsTerminal(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || IsCjkTerminal(cp);
}

enum class Case : uint8_t { kNone, kLower, kUpper, kDigit };

Case CaseOf(std::string_view text, size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return Case::kLower;
    if (c >= 'A' && c <= 'Z') return Case::kUpper;
    if (c >= '0' && c <= '9') return Case::kDigit;
    return Case::kNone;
  }
  const DecodedChar d = DecodeUtf8(text, pos);
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(d.code_point))) {
    case UTF8PROC_CATEGORY_LL:
      return Case::kLower;
    // Uncased scripts (Arabic, CJK, ...) have no other way to mark a sentence start.
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:
      return Case::kUpper;
    case UTF8PROC_CATEGORY_ND:
      return Case::kDigit;
    default:
      return Case::kNone;
  }
}

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

template <size_t N>
bool InList(std::string_view word, const std::string_view (&list)[N]) {
  for (const std::string_view entry : list) {
    if (text::EqualsAsciiIgnoreCase(word, entry)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Abbreviations.

// Titles come before a name, so a capitalised word after them never starts a sentence.
constexpr std::string_view kTitles[] = {
    "mr",  "mrs", "ms",   "messrs", "dr",   "gen",  "gens", "sen",  "sens", "rep",  "reps",
    "gov", "lt",  "col",  "sgt",    "capt", "prof", "rev",  "maj",  "adm",  "cmdr", "cdr",
    "cpl", "pvt", "pres", "hon",    "supt", "det",  "insp", "brig", "mt",   "ft",   "atty"};

// Abbreviations that can also end a sentence: split after them only before a typical
// sentence starter.
constexpr std::string_view kAmbiguous[] = {
    "st",   "jr",  "sr",  "inc",  "corp", "ltd",  "co",   "bros", "vs", "etc", "approx",
    "dept", "est", "ave", "blvd", "rd",   "univ", "assn", "cf",   "al", "fig", "nos"};

// Months and "No." usually come before a number ("Jan. 5", "No. 3").
constexpr std::string_view kBeforeNumbers[] = {"jan", "feb",  "mar", "apr", "jun", "jul", "aug",
                                               "sep", "sept", "oct", "nov", "dec", "no"};

// Words that typically open a news sentence; after an ambiguous abbreviation ("U.S.", "a.m.",
// "Jr.", an initial) they tip the balance towards a sentence break.
constexpr std::string_view kStarters[] = {
    "the",    "he",      "she",    "it",      "they",      "we",    "i",     "you",
    "but",    "in",      "a",      "an",      "this",      "that",  "these", "those",
    "there",  "his",     "her",    "its",     "their",     "our",   "and",   "or",
    "so",     "yet",     "as",     "at",      "on",        "for",   "if",    "when",
    "while",  "after",   "before", "however", "meanwhile", "still", "also",  "then",
    "now",    "some",    "many",   "most",    "other",     "both",  "since", "although",
    "though", "because", "during", "last",    "earlier",   "later", "today", "according",
    "what",   "why",     "how",    "no"};

enum class WordKind : uint8_t {
  kOrdinary,      // an ordinary word: the dot ends the sentence
  kTitle,         // "Mr.", "Gen.": never ends a sentence before a capital
  kBeforeNumber,  // "Jan.", "No.": no break before a number, ambiguous before a capital
  kAmbiguous,     // "U.S.", "a.m.", "Jr.", "F.": break only before a sentence starter
};

// Classifies the word that ends at the dot at `dot`.
WordKind ClassifyWordBefore(std::string_view text, size_t dot) {
  size_t begin = dot;
  while (begin > 0 && (IsAsciiAlpha(text[begin - 1]) || text[begin - 1] == '.')) --begin;
  // Part of a longer word ("Müller", "Kerry's", "2016"): not an abbreviation.
  if (begin > 0) {
    const auto prev = static_cast<unsigned char>(text[begin - 1]);
    if (prev >= 0x80 || prev == '\'' || (prev >= '0' && prev <= '9')) return WordKind::kOrdinary;
  }
  std::string_view word = text.substr(begin, dot - begin);
  while (!word.empty() && word.front() == '.') word.remove_prefix(1);
  if (word.empty()) return WordKind::kOrdinary;
  if (word.find('.') != std::string_view::npos) {
    // Dotted abbreviations are made of short pieces ("U.S", "a.m", "Ph.D"); "example.com" is not.
    size_t piece = 0;
    for (const char c : word) {
      piece = c == '.' ? 0 : piece + 1;
      if (piece > 2) return WordKind::kOrdinary;
    }
    return WordKind::kAmbiguous;
  }
  if (word.size() == 1)
    return word[0] >= 'A' && word[0] <= 'Z' ? WordKind::kAmbiguous : WordKind::kOrdinary;
  if (InList(word, kTitles)) return WordKind::kTitle;
  if (InList(word, kBeforeNumbers)) return WordKind::kBeforeNumber;
  if (InList(word, kAmbiguous)) return WordKind::kAmbiguous;
  return WordKind::kOrdinary;
}

bool IsSentenceStarter(std::string_view text, size_t pos, size_t end) {
  size_t stop = pos;
  while (stop < end && IsAsciiAlpha(text[stop])) ++stop;
  if (stop < end && static_cast<unsigned char>(text[stop]) >= 0x80) {
    // The word continues with a non-ASCII letter, so it is none of the listed words.
    const DecodedChar d = DecodeUtf8(text, stop);
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(d.code_point));
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return false;
  }
  return InList(text.substr(pos, stop - pos), kStarters);
}

// ---------------------------------------------------------------------------------------------
// Splitting one stretch of text in which line breaks are plain spaces.

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<SentenceSpan>* out) : text_(text), out_(out) {}

  // Splits [begin, end) at sentence-final punctuation and emits the pieces.
  void SplitStretch(size_t begin, size_t end) {
    size_t start = begin;
    size_t pos = begin;
    while (pos < end) {
      const auto c = static_cast<unsigned char>(text_[pos]);
      if (c != '.' && c != '!' && c != '?' && c < 0x80) {
        ++pos;
        continue;
      }
      const DecodedChar d = DecodeUtf8(text_, pos);
      if (!IsTerminal(d.code_point)) {
        pos += d.length;
        continue;
      }
      // The punctuation run: "?", "?!", "...", "…".
      const size_t punct_begin = pos;
      bool cjk = false, strong = false;
      int dots = 0;
      while (pos < end) {
        const DecodedChar t = DecodeUtf8(text_, pos);
        if (!IsTerminal(t.code_point)) break;
        cjk |= IsCjkTerminal(t.code_point);
        strong |= t.code_point != '.';  // '!', '?', '…'
        dots += t.code_point == '.';
        pos += t.length;
      }
      const bool ellipsis = dots >= 2;
      // Closing quotes and brackets stay with the sentence they close.
      while (pos < end) {
        const DecodedChar t = DecodeUtf8(text_, pos);
        if (!IsClosing(t.code_point)) break;
        pos += t.length;
      }
      const size_t sentence_end = pos;
      if (sentence_end >= end) break;
      if (!cjk && SpaceLength(text_, pos) == 0) continue;  // "3.5", "U.S.", "example.com"
      size_t next = pos;
      while (next < end) {
        const size_t len = SpaceLength(text_, next);
        if (len == 0) break;
        next += len;
      }
      // Skip opening quotes to find the first letter of the next sentence.
      size_t word = next;
      while (word < end) {
        const DecodedChar t = DecodeUtf8(text_, word);
        if (!IsOpening(t.code_point)) break;
        word += t.length;
      }
      if (next >= end) break;
      if (BreaksBefore(punct_begin, strong || ellipsis || cjk, word, end)) {
        Emit(start, sentence_end);
        start = next;
      }
      pos = next;
    }
    Emit(start, end);
  }

  // Emits [begin, end) trimmed of whitespace, if anything is left.
  void Emit(size_t begin, size_t end) {
    while (begin < end) {
      const size_t len = SpaceLength(text_, begin);
      if (len == 0) break;
      begin += len;
    }
    while (end > begin) {
      const size_t len = PreviousCharLength(text_, end);
      if (SpaceLength(text_, end - len) != len) break;
      end -= len;
    }
    if (begin < end) {
      out_->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
    }
  }

 private:
  // Decides whether the punctuation starting at `punct` ends a sentence, given that the next
  // word starts at `word`.
  bool BreaksBefore(size_t punct, bool unambiguous, size_t word, size_t end) const {
    if (word >= end) return true;
    const Case next = CaseOf(text_, word);
    if (next == Case::kLower) return false;  // "etc. and", "U.S. and", "he asked? no"
    if (unambiguous) return true;
    switch (ClassifyWordBefore(text_, punct)) {
      case WordKind::kOrdinary:
        return true;
      case WordKind::kTitle:
        return next != Case::kUpper && next != Case::kDigit;
      case WordKind::kBeforeNumber:
        if (next == Case::kDigit) return false;
        return next != Case::kUpper || IsSentenceStarter(text_, word, end);
      case WordKind::kAmbiguous:
        if (next == Case::kDigit) return false;
        return IsSentenceStarter(text_, word, end);
    }
    return true;
  }

  std::string_view text_;
  std::vector<SentenceSpan>* out_;
};

// ---------------------------------------------------------------------------------------------
// Lines, paragraphs and hard-wrap detection.

struct Line {
  size_t begin = 0;
  size_t end = 0;         // excludes the line break and trailing whitespace
  size_t chars = 0;       // code points in [begin, end)
  bool terminal = false;  // ends with sentence punctuation, possibly before closing quotes
};

bool EndsWithTerminal(std::string_view text, size_t begin, size_t end) {
  while (end > begin) {
    const size_t len = PreviousCharLength(text, end);
    const DecodedChar d = DecodeUtf8(text, end - len);
    if (IsClosing(d.code_point)) {
      end -= len;
      continue;
    }
    return IsTerminal(d.code_point) || d.code_point == ':';
  }
  return false;
}

size_t CountChars(std::string_view text, size_t begin, size_t end) {
  size_t n = 0;
  for (size_t i = begin; i < end; ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  }
  return n;
}

// A paragraph is hard-wrapped when its lines were broken at a fixed width: the lines that end
// mid-sentence are nearly as long as the longest line, and no line is longer than a terminal.
// Headings, captions and lists fail this: their lines are short and ragged or very long.
bool IsHardWrapped(const std::vector<Line>& lines, size_t first, size_t last, size_t* width) {
  const size_t count = last - first;
  size_t longest = 0;
  for (size_t i = first; i < last; ++i) longest = std::max(longest, lines[i].chars);
  *width = longest;
  if (count < 3 || longest > 100 || longest < 20) return false;
  size_t candidates = 0, long_ones = 0;
  for (size_t i = first; i + 1 < last; ++i) {
    if (lines[i].terminal) continue;
    ++candidates;
    long_ones += lines[i].chars * 10 >= longest * 6;
  }
  return candidates >= 2 && long_ones * 4 >= candidates * 3;
}

}  // namespace

void SplitSentences(std::string_view text, std::vector<SentenceSpan>* out) {
  std::vector<Line> lines;
  lines.reserve(text.size() / 40 + 4);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    Line line;
    line.begin = pos;
    line.end = nl;
    while (line.begin < line.end) {
      const size_t len = SpaceLength(text, line.begin);
      if (len == 0) break;
      line.begin += len;
    }
    while (line.end > line.begin) {
      const size_t len = PreviousCharLength(text, line.end);
      if (SpaceLength(text, line.end - len) != len) break;
      line.end -= len;
    }
    line.chars = CountChars(text, line.begin, line.end);
    line.terminal = EndsWithTerminal(text, line.begin, line.end);
    lines.push_back(line);
    pos = nl + 1;
  }

  // Paragraphs are runs of non-blank lines: [first, last) in `lines`.
  struct Paragraph {
    size_t first;
    size_t last;
    bool wrapped;
    size_t width;
  };
  std::vector<Paragraph> paragraphs;
  size_t document_width = 0;
  for (size_t i = 0; i < lines.size();) {
    if (lines[i].chars == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lines.size() && lines[j].chars != 0) ++j;
    Paragraph p{i, j, false, 0};
    p.wrapped = IsHardWrapped(lines, i, j, &p.width);
    if (p.wrapped) document_width = std::max(document_width, p.width);
    paragraphs.push_back(p);
    i = j;
  }
  // A two-line paragraph is too short to show wrapping by itself; trust the rest of the
  // document when its first line runs out at about the same width without punctuation.
  if (document_width > 0) {
    for (Paragraph& p : paragraphs) {
      if (p.wrapped || p.last - p.first != 2) continue;
      const Line& l = lines[p.first];
      p.wrapped = !l.terminal && l.chars * 10 >= document_width * 6 &&
                  l.chars <= document_width + document_width / 10;
    }
  }

  const size_t expected = out->size() + text.size() / 80 + 1;
  if (expected > out->capacity()) out->reserve(std::max(expected, out->capacity() * 2));
  Splitter splitter(text, out);
  for (const Paragraph& p : paragraphs) {
    if (!p.wrapped) {
      for (size_t i = p.first; i < p.last; ++i) splitter.SplitStretch(lines[i].begin, lines[i].end);
      continue;
    }
    // Inside a wrapped paragraph a line break is a space, except after a short line without
    // final punctuation: that is a heading or a stray line ("Advertisement") set in the text.
    size_t start = lines[p.first].begin;
    for (size_t i = p.first; i < p.last; ++i) {
      const Line& l = lines[i];
      const bool last = i + 1 == p.last;
      if (last || (!l.terminal && l.chars * 2 < p.width)) {
        splitter.SplitStretch(start, l.end);
        if (!last) start = lines[i + 1].begin;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Datelines.

namespace {

bool IsUpperAt(std::string_view text, size_t pos, size_t* len) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  *len = 1;
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  const DecodedChar d = DecodeUtf8(text, pos);
  *len = d.length;
  return utf8proc_category(static_cast<utf8proc_int32_t>(d.code_point)) == UTF8PROC_CATEGORY_LU;
}

bool IsLetterAt(std::string_view text, size_t pos, size_t* len) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  *len = 1;
  if (c < 0x80) return IsAsciiAlpha(static_cast<char>(c));
  const DecodedChar d = DecodeUtf8(text, pos);
  *len = d.length;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(d.code_point));
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

// Parses one all-capitals word ("LONDON", "U.S.", "ST.", "LONDON/MOSCOW", "AL-ARISH") at `pos`.
// Returns its end, or `pos` when there is none; `*upper` counts its capitals.
size_t ParseCapsWord(std::string_view text, size_t pos, size_t* upper) {
  size_t len = 0;
  if (!IsUpperAt(text, pos, &len)) return pos;
  size_t p = pos;
  size_t count = 0;
  while (p < text.size()) {
    if (IsUpperAt(text, p, &len)) {
      ++count;
      p += len;
      continue;
    }
    const char c = text[p];
    if ((c == '/' || c == '-' || c == '\'') && IsUpperAt(text, p + 1, &len)) {
      ++p;
      continue;
    }
    if (c == '.') {
      ++p;
      continue;
    }
    break;
  }
  // "MOSCOW-based", "LONDONers": a capitalised word, not a city.
  if (IsLetterAt(text, p, &len)) return pos;
  *upper = count;
  return p;
}

// Parses "Lebanon", "Calif.", "New Mexico" at `pos`: capitalised words joined by single spaces.
size_t ParseRegion(std::string_view text, size_t pos) {
  size_t p = pos;
  for (int words = 0; words < 3; ++words) {
    size_t len = 0;
    if (!IsUpperAt(text, p, &len)) break;
    size_t q = p + len;
    while (q < text.size() && (IsLetterAt(text, q, &len) || text[q] == '.'))
      q += text[q] == '.' ? 1 : len;
    p = q;
    if (p + 1 < text.size() && text[p] == ' ' && IsUpperAt(text, p + 1, &len)) {
      ++p;
      continue;
    }
    break;
  }
  return p;
}

// The end of a month name at `pos` as datelines write it — capitalised, in full ("July") or
// abbreviated with a dot ("Sept.", "Jan.") — or `pos`.
size_t ParseMonth(std::string_view text, size_t pos) {
  if (pos >= text.size() || text[pos] < 'A' || text[pos] > 'Z') return pos;
  size_t p = pos + 1;
  while (p < text.size() && text[p] >= 'a' && text[p] <= 'z') ++p;
  std::string folded(text.substr(pos, p - pos));
  folded[0] = static_cast<char>(folded[0] - 'A' + 'a');
  if (MonthFromName(folded) == 0) return pos;
  // Full names stand without a dot; abbreviations ("Jan", "Sept") need one.
  const bool full = folded.size() > 4 || folded == "may" || folded == "june" || folded == "july";
  const bool dotted = p < text.size() && text[p] == '.';
  if (full == dotted) return pos;
  return dotted ? p + 1 : p;
}

bool IsDigit(std::string_view text, size_t pos) {
  return pos < text.size() && text[pos] >= '0' && text[pos] <= '9';
}

// Parses "July 19", "Sept. 4", "March 14, 2016" at `pos`. Returns its end or `pos`.
size_t ParseDate(std::string_view text, size_t pos) {
  size_t p = ParseMonth(text, pos);
  if (p == pos || p >= text.size() || text[p] != ' ' || !IsDigit(text, p + 1)) return pos;
  p += 1;
  const size_t digits = p;
  while (IsDigit(text, p)) ++p;
  if (p - digits > 2) return pos;
  if (text.substr(p, 2) == ", " && IsDigit(text, p + 2) && IsDigit(text, p + 5) &&
      !IsDigit(text, p + 6)) {
    p += 6;
  }
  return p;
}

size_t SkipBlanks(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  return pos;
}

size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    const size_t len = SpaceLength(text, pos);
    if (len == 0) break;
    pos += len;
  }
  return pos;
}

// Returns the length of a dash ("-", "--", "–", "—", "―") at `pos`, or 0.
size_t DashLength(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '-') return pos + 1 < text.size() && text[pos + 1] == '-' ? 2 : 1;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return 0;
  const DecodedChar d = DecodeUtf8(text, pos);
  return d.code_point >= 0x2013 && d.code_point <= 0x2015 ? d.length : 0;
}

}  // namespace

size_t DatelineLength(std::string_view text) {
  size_t p = SkipBlanks(text, 0);
  // The place: all-capitals words, "LONDON/MOSCOW", "PORT ELLIS", "NEW YORK".
  size_t upper = 0;
  size_t end = ParseCapsWord(text, p, &upper);
  if (end == p) return 0;
  p = end;
  while (p + 1 < text.size() && text[p] == ' ') {
    size_t more = 0;
    end = ParseCapsWord(text, p + 1, &more);
    if (end == p + 1) break;
    upper += more;
    p = end;
  }
  if (upper < 2) return 0;

  // Then a region and/or a date after commas: ", Lebanon", ", July 19".
  bool has_date = false;
  while (!has_date && p < text.size() && text[p] == ',') {
    const size_t q = SkipBlanks(text, p + 1);
    end = ParseDate(text, q);
    if (end != q) {
      has_date = true;
      p = end;
      break;
    }
    end = ParseRegion(text, q);
    if (end == q) return 0;
    p = end;
  }

  // Then the agency: "(AFP)", "(Meridian Wire)".
  bool has_agency = false;
  size_t q = SkipBlanks(text, p);
  size_t len = 0;
  if (q < text.size() && text[q] == '(' && IsUpperAt(text, q + 1, &len)) {
    const size_t close = text.find(')', q);
    if (close != std::string_view::npos && close - q <= 40 &&
        text.substr(q, close - q).find('\n') == std::string_view::npos) {
      has_agency = true;
      p = close + 1;
      q = SkipBlanks(text, p);
    }
  }

  // Then a dash, which ends the dateline, or (after a date or agency) just the next sentence.
  if (const size_t dash = DashLength(text, q); dash > 0) {
    const size_t after = q + dash;
    const size_t next = SkipSpace(text, after);
    if (next > after || IsUpperAt(text, after, &len)) return next;
    return 0;
  }
  if (!has_date && !has_agency) return 0;
  const size_t next = SkipSpace(text, p);
  if (next == p && next < text.size()) return 0;
  return next;
}

}  // namespace storyline
