#include "text/utf8.h"

#include <cstring>

#include "storyline/text.h"

namespace storyline {
namespace text {

std::string TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes - 3;  // room for the ellipsis
  // Never split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  const size_t space = s.rfind(' ', cut);
  if (space != std::string_view::npos && space + 32 >= cut && space > 0) cut = space;
  return std::string(s.substr(0, cut)) + "…";
}

size_t FindNonAscii(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  size_t i = 0;
  // News text is mostly ASCII; testing eight bytes per step keeps validation and the
  // normaliser's ASCII check far below the cost of everything that follows them.
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return i;
  }
  return n;
}

namespace {

// The byte that Windows-1252 (or, for U+0080..U+00FF, Latin-1) maps to `cp`, or -1.
int Cp1252Byte(char32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  static constexpr char32_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  if (cp < 0x152 || cp > 0x2122) return -1;
  for (int i = 0; i < 32; ++i) {
    if (kHigh[i] == cp) return 0x80 + i;
  }
  return -1;
}

}  // namespace

bool RepairMojibake(std::string* text) {
  size_t first = FindNonAscii(*text);
  if (first == text->size()) return false;
  std::string out;
  bool changed = false;
  size_t copied = 0;  // bytes of *text already in `out`
  size_t pos = first;
  const std::string_view s(*text);
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    // A lead byte written as a character: U+00C2..U+00F4 ("Â".."ô").
    DecodedChar lead = DecodeUtf8(s, pos);
    uint32_t need = lead.code_point >= 0xC2 && lead.code_point < 0xE0    ? 1
                    : lead.code_point >= 0xE0 && lead.code_point < 0xF0  ? 2
                    : lead.code_point >= 0xF0 && lead.code_point <= 0xF4 ? 3
                                                                         : 0;
    if (!lead.valid || need == 0) {
      pos += lead.length;
      continue;
    }
    char bytes[4] = {static_cast<char>(lead.code_point)};
    size_t end = pos + lead.length;
    bool ok = true;
    for (uint32_t k = 1; k <= need && ok; ++k) {
      if (end >= s.size()) {
        ok = false;
        break;
      }
      DecodedChar c = DecodeUtf8(s, end);
      int b = c.valid ? Cp1252Byte(c.code_point) : -1;
      if (b < 0x80 || b > 0xBF) {
        ok = false;
        break;
      }
      bytes[k] = static_cast<char>(b);
      end += c.length;
    }
    DecodedChar fixed = ok ? DecodeUtf8(std::string_view(bytes, need + 1), 0)
                           : DecodedChar{kReplacementChar, 1, false};
    if (!fixed.valid || fixed.length != need + 1) {
      pos += lead.length;
      continue;
    }
    out.append(s.substr(copied, pos - copied));
    out.append(bytes, need + 1);
    copied = pos = end;
    changed = true;
  }
  if (changed) {
    out.append(s.substr(copied));
    *text = std::move(out);
  }
  return changed;
}

}  // namespace text

bool IsValidUtf8(std::string_view text, size_t* error_offset) {
  size_t pos = 0;
  while (true) {
    pos += text::FindNonAscii(text.substr(pos));
    if (pos >= text.size()) return true;
    // Decode the whole non-ASCII run here so FindNonAscii is not restarted after every
    // accented letter.
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) >= 0x80) {
      const text::DecodedChar d = text::DecodeUtf8(text, pos);
      if (!d.valid) {
        if (error_offset != nullptr) *error_offset = pos;
        return false;
      }
      pos += d.length;
    }
  }
}

}  // namespace storyline
