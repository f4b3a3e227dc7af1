#include "text/utf8.h"

#include <cstring>

#include "storyline/text.h"

namespace storyline {
namespace text {

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
