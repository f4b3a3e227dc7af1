#include "text/names.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "common/civil_date.h"

namespace storyline::text {
namespace {

// A sorted word list searched by bisection: no hashing, no allocation, no static
// initialisation order.
template <size_t N>
constexpr std::array<std::string_view, N> Sorted(std::array<std::string_view, N> words) {
  std::sort(words.begin(), words.end());
  return words;
}

template <size_t N>
bool Contains(const std::array<std::string_view, N>& sorted, std::string_view w) {
  return std::binary_search(sorted.begin(), sorted.end(), w);
}

constexpr auto kStopNames = Sorted(std::to_array<std::string_view>(
    {"i",         "the",      "a",        "an",    "and",       "but",
     "or",        "in",       "on",       "at",    "of",        "for",
     "to",        "by",       "with",     "from",  "as",        "it",
     "he",        "she",      "we",       "they",  "you",       "his",
     "her",       "their",    "this",     "that",  "these",     "those",
     "there",     "here",     "if",       "when",  "while",     "after",
     "before",    "since",    "during",   "so",    "yet",       "also",
     "not",       "no",       "all",      "some",  "many",      "most",
     "more",      "other",    "one",      "two",   "three",     "what",
     "who",       "why",      "how",      "where", "which",     "however",
     "meanwhile", "earlier",  "later",    "today", "yesterday", "tomorrow",
     "read",      "update",   "breaking", "photo", "video",     "advertisement",
     "related",   "share",    "tags",     "am",    "pm",        "a.m",
     "p.m",       "mr",       "mrs",      "ms",    "dr",        "said",
     "says",      "according"}));

constexpr auto kPersonTitles = Sorted(std::to_array<std::string_view>({"mr",
                                                                       "mrs",
                                                                       "ms",
                                                                       "miss",
                                                                       "dr",
                                                                       "sir",
                                                                       "dame",
                                                                       "lord",
                                                                       "lady",
                                                                       "president",
                                                                       "vice",
                                                                       "prime",
                                                                       "minister",
                                                                       "secretary",
                                                                       "foreign",
                                                                       "defence",
                                                                       "defense",
                                                                       "interior",
                                                                       "finance",
                                                                       "state",
                                                                       "general",
                                                                       "gen",
                                                                       "lt",
                                                                       "col",
                                                                       "maj",
                                                                       "capt",
                                                                       "sgt",
                                                                       "adm",
                                                                       "admiral",
                                                                       "commander",
                                                                       "chief",
                                                                       "gov",
                                                                       "governor",
                                                                       "sen",
                                                                       "senator",
                                                                       "rep",
                                                                       "representative",
                                                                       "mayor",
                                                                       "judge",
                                                                       "justice",
                                                                       "king",
                                                                       "queen",
                                                                       "prince",
                                                                       "princess",
                                                                       "pope",
                                                                       "rev",
                                                                       "father",
                                                                       "sheikh",
                                                                       "ayatollah",
                                                                       "chancellor",
                                                                       "premier",
                                                                       "ambassador",
                                                                       "envoy",
                                                                       "spokesman",
                                                                       "spokeswoman",
                                                                       "director",
                                                                       "chairman",
                                                                       "chairwoman",
                                                                       "ceo",
                                                                       "leader",
                                                                       "counterpart",
                                                                       "deputy",
                                                                       "acting",
                                                                       "former",
                                                                       "officer",
                                                                       "detective",
                                                                       "inspector",
                                                                       "professor",
                                                                       "prof",
                                                                       "coach",
                                                                       "attorney",
                                                                       "sergeant",
                                                                       "district",
                                                                       "circuit",
                                                                       "supreme",
                                                                       "appeals",
                                                                       "federal",
                                                                       "magistrate",
                                                                       "lieutenant",
                                                                       "colonel",
                                                                       "major",
                                                                       "captain",
                                                                       "emir",
                                                                       "crown"}));

constexpr auto kCommonNameWords = Sorted(std::to_array<std::string_view>(
    {"police",  "fire",  "department", "county", "city",     "university", "news",
     "north",   "south", "east",       "west",   "northern", "southern",   "eastern",
     "western", "new",   "associated", "press",  "reuters",  "afp",        "ap"}));

constexpr auto kNameJoiners = Sorted(
    std::to_array<std::string_view>({"of", "de", "del", "van", "von", "al", "bin", "la", "du"}));

bool IsCapitalCodepoint(int32_t cp) {
  const utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

}  // namespace

bool StartsWithCapital(std::string_view word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                       static_cast<utf8proc_ssize_t>(word.size()), &cp);
  return n > 0 && IsCapitalCodepoint(cp);
}

bool IsNameWord(std::string_view word) {
  if (StartsWithCapital(word)) return true;
  for (std::string_view p : {"al-", "el-", "ad-", "as-", "bin-", "ibn-"}) {
    if (word.size() > p.size() && word.substr(0, p.size()) == p &&
        StartsWithCapital(word.substr(p.size()))) {
      return true;
    }
  }
  return false;
}

bool OpensSentence(std::string_view text, size_t begin) {
  size_t i = std::min(begin, text.size());
  while (i > 0) {
    const auto c = static_cast<unsigned char>(text[i - 1]);
    if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\t' || c == '`') {
      --i;
      continue;
    }
    if (c >= 0x80) {
      // The code point before: punctuation and spaces (curly quotes, dashes, no-break spaces)
      // are looked past; a letter, a mark or a digit of any script is inside a sentence.
      size_t start = i - 1;
      while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      utf8proc_int32_t cp = -1;
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + start),
                       static_cast<utf8proc_ssize_t>(i - start), &cp);
      const utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
      if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) return false;
      i = start;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '-' || c == '_';
  }
  return true;
}

std::string_view StripPossessive(std::string_view word) {
  if (word.size() > 2 && word.substr(word.size() - 2) == "'s") word.remove_suffix(2);
  if (word.size() > 4 && word.substr(word.size() - 4) == "\xE2\x80\x99s") word.remove_suffix(4);
  return word;
}

bool IsNameJoiner(std::string_view folded) { return Contains(kNameJoiners, folded); }
bool IsStopName(std::string_view folded) {
  return IsCalendarName(folded) || Contains(kStopNames, folded);
}
bool IsPersonTitle(std::string_view folded) { return Contains(kPersonTitles, folded); }
bool IsCommonNameWord(std::string_view folded) { return Contains(kCommonNameWords, folded); }

}  // namespace storyline::text
