// Small UTF-8 helpers shared by the text stage (internal).

#ifndef STORYLINE_TEXT_UTF8_H_
#define STORYLINE_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace storyline::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

struct DecodedChar {
  char32_t code_point = 0;  // kReplacementChar when !valid
  uint32_t length = 1;      // bytes consumed, always >= 1
  bool valid = true;
};

// Decodes the code point that starts at `text[pos]`. REQUIRES: pos < text.size().
// An ill-formed sequence decodes to U+FFFD and consumes its maximal ill-formed subpart (Unicode
// 3.9, "U+FFFD substitution of maximal subparts"), so a truncated character costs one U+FFFD,
// not one per byte.
inline DecodedChar DecodeUtf8(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const size_t avail = text.size() - pos;
  const unsigned char b0 = s[0];
  if (b0 < 0x80) return {b0, 1, true};
  const DecodedChar bad1{kReplacementChar, 1, false};
  // The second byte's range depends on the lead byte; that is how overlongs, surrogates and
  // values above U+10FFFF are rejected (Unicode Table 3-7).
  unsigned char lo = 0x80, hi = 0xBF;
  uint32_t need;
  char32_t cp;
  if (b0 < 0xC2) {
    return bad1;
  } else if (b0 < 0xE0) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 < 0xF5) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return bad1;
  }
  if (avail < 2 || s[1] < lo || s[1] > hi) return bad1;
  cp = (cp << 6) | (s[1] & 0x3F);
  for (uint32_t i = 2; i <= need; ++i) {
    if (avail <= i || (s[i] & 0xC0) != 0x80) return {kReplacementChar, i, false};
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  return {cp, need + 1, true};
}

// Writes the UTF-8 form of `cp` (a valid scalar value) to `out`, returns the byte count (1..4).
inline size_t EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

inline void AppendUtf8(char32_t cp, std::string* out) {
  char buf[4];
  out->append(buf, EncodeUtf8(cp, buf));
}

inline bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The Unicode White_Space property.
inline bool IsUnicodeSpace(char32_t cp) {
  if (cp < 0x80) return IsAsciiSpace(static_cast<unsigned char>(cp));
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// True when `a` and `b` are equal but for the case of ASCII letters.
inline bool EqualsAsciiIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Returns the index of the first byte >= 0x80 in `text`, or text.size() when it is all ASCII.
size_t FindNonAscii(std::string_view text);

// `s` cut to at most `max_bytes` bytes (REQUIRES: max_bytes >= 16) with "…" appended when cut:
// at the last space of the final 32 bytes when there is one, else on a UTF-8 boundary.
std::string TruncateUtf8(std::string_view s, size_t max_bytes);

// Undoes the commonest mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1 and
// encoded again ("â€™" or "â\u0080\u0099" for "’", "Ã©" for "é"). A run of such characters is
// replaced only when its bytes form one well-formed multi-byte UTF-8 character, so genuine
// Latin-1 text ("Ça", "naïve") is left alone. Returns true when something was replaced.
bool RepairMojibake(std::string* text);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_UTF8_H_
