#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "storyline/text.h"
#include "text/utf8.h"

namespace storyline {
namespace {

enum class CharClass : uint8_t {
  kOther = 0,   // spaces, punctuation, symbols, controls, invalid bytes: never in a token
  kLetter,      // letters, marks, non-decimal numbers
  kDigit,       // decimal digits
  kIsolated,    // Han, Hiragana, Katakana, Thai: one token per character
  kMark,        // combining marks: extend whatever came before
  kApostrophe,  // ' and U+2019
  kHyphen,      // '-', U+2010, U+2011, soft hyphen, ZWNJ/ZWJ: join two runs
  kDot,
  kComma,
};

constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = CharClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = CharClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = CharClass::kDigit;
  table['\''] = CharClass::kApostrophe;
  table['-'] = CharClass::kHyphen;
  table['.'] = CharClass::kDot;
  table[','] = CharClass::kComma;
  return table;
}
constexpr std::array<CharClass, 128> kAsciiClass = MakeAsciiTable();

// Scripts written without spaces between words; without a dictionary the best we can do is
// a token per character, which still gives useful shingles and overlaps.
bool IsIsolatedScript(char32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0E7F) ||  // Thai
         (cp >= 0x3005 && cp <= 0x3007) ||  // 々 〆 〇
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3134F);  // CJK extensions B..G
}

CharClass ClassifyNonAscii(char32_t cp) {
  switch (cp) {
    case 0x2019:
      return CharClass::kApostrophe;
    case 0x2010:
    case 0x2011:
    case 0x00AD:
    case 0x200C:
    case 0x200D:
      return CharClass::kHyphen;
    default:
      break;
  }
  const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return IsIsolatedScript(cp) ? CharClass::kIsolated : CharClass::kLetter;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    default:
      return CharClass::kOther;
  }
}

struct CharInfo {
  CharClass cls = CharClass::kOther;
  uint32_t length = 0;  // 0 at the end of the text
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  CharInfo At(size_t pos) const {
    if (pos >= text_.size()) return {};
    const auto c = static_cast<unsigned char>(text_[pos]);
    if (c < 0x80) return {kAsciiClass[c], 1};
    const text::DecodedChar d = text::DecodeUtf8(text_, pos);
    if (!d.valid) return {CharClass::kOther, d.length};
    return {ClassifyNonAscii(d.code_point), d.length};
  }

 private:
  std::string_view text_;
};

bool IsRunChar(CharClass c) {
  return c == CharClass::kLetter || c == CharClass::kDigit || c == CharClass::kMark;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* out) {
  // Grow geometrically ourselves: reserving exactly on every call would make callers that
  // append many texts to one vector quadratic.
  const size_t want = out->size() + text.size() / 5 + 1;
  if (want > out->capacity()) out->reserve(std::max(want, out->capacity() * 2));

  const Scanner scan(text);
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    const CharInfo first = scan.At(pos);
    if (first.cls == CharClass::kIsolated) {
      size_t end = pos + first.length;
      // Thai vowel signs and kana voicing marks belong to the character they follow.
      for (CharInfo c = scan.At(end); c.cls == CharClass::kMark; c = scan.At(end)) end += c.length;
      out->push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(end), TokenKind::kWord});
      pos = end;
      continue;
    }
    if (!IsRunChar(first.cls)) {
      pos += first.length;
      // Spaces and ASCII punctuation between words, skipped in one go.
      while (pos < n) {
        const auto b = static_cast<unsigned char>(text[pos]);
        if (b >= 0x80 || kAsciiClass[b] == CharClass::kLetter ||
            kAsciiClass[b] == CharClass::kDigit) {
          break;
        }
        ++pos;
      }
      continue;
    }

    const size_t begin = pos;
    const TokenKind kind = first.cls == CharClass::kDigit ? TokenKind::kNumber : TokenKind::kWord;
    // An abbreviation is a chain of single letters joined by dots ("U.S", "a.m"); these track
    // whether the token is still such a chain and how long its current piece is.
    bool abbreviation = first.cls == CharClass::kLetter;
    bool joined_dot = false;
    int piece_letters = 0;
    CharClass last = CharClass::kOther;
    size_t end = pos;
    while (true) {
      // ASCII letters and digits, the bulk of most texts, without the general decoding.
      while (end < n) {
        const auto b = static_cast<unsigned char>(text[end]);
        if (b >= 0x80) break;
        const CharClass cl = kAsciiClass[b];
        if (cl == CharClass::kLetter) {
          ++piece_letters;
        } else if (cl == CharClass::kDigit) {
          abbreviation = false;
        } else {
          break;
        }
        last = cl;
        ++end;
      }
      const CharInfo c = scan.At(end);
      if (IsRunChar(c.cls)) {
        if (c.cls == CharClass::kLetter) {
          ++piece_letters;
        } else if (c.cls == CharClass::kDigit) {
          abbreviation = false;
        }
        if (c.cls != CharClass::kMark) last = c.cls;
        end += c.length;
        continue;
      }
      if (c.cls != CharClass::kApostrophe && c.cls != CharClass::kHyphen &&
          c.cls != CharClass::kDot && c.cls != CharClass::kComma) {
        break;
      }
      const CharInfo next = scan.At(end + c.length);
      bool join = false;
      if (c.cls == CharClass::kApostrophe || c.cls == CharClass::kHyphen) {
        join = next.cls == CharClass::kLetter || next.cls == CharClass::kDigit;
        abbreviation = false;
      } else if (last == CharClass::kDigit && next.cls == CharClass::kDigit) {
        join = true;  // "3.5", "1,000"
        abbreviation = false;
      } else if (c.cls == CharClass::kDot && abbreviation && piece_letters == 1 &&
                 next.cls == CharClass::kLetter) {
        // Join only when the next piece is a single letter too: "U.S" but not "x.com".
        size_t after = end + c.length + next.length;
        CharInfo a = scan.At(after);
        while (a.cls == CharClass::kMark) {
          after += a.length;
          a = scan.At(after);
        }
        join = !IsRunChar(a.cls) && a.cls != CharClass::kIsolated;
        if (join) joined_dot = true;
      }
      if (!join) break;
      if (c.cls == CharClass::kDot) piece_letters = 0;
      end += c.length;
    }
    if (abbreviation && joined_dot && piece_letters == 1 && end < n && text[end] == '.') {
      ++end;  // "U.S." keeps its final dot
    }
    out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end), kind});
    pos = end;
  }
}

}  // namespace storyline
