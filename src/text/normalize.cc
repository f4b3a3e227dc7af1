#include <utf8proc.h>

#include <string>
#include <string_view>
#include <vector>

#include "storyline/text.h"
#include "text/utf8.h"

namespace storyline {
namespace {

using text::DecodedChar;
using text::DecodeUtf8;
using text::IsAsciiSpace;
using text::IsUnicodeSpace;

// NFKC_Casefold as Unicode defines it also drops default-ignorable code points (soft hyphen,
// zero-width space, BOM), which would otherwise hide word matches.
constexpr utf8proc_option_t kFoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

// Typographic punctuation that NFKC leaves alone (or, for U+2033 and U+2036, expands into
// several primes) but that we want to match its ASCII form.
char32_t MapPunctuation(char32_t cp) {
  switch (cp) {
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0x2035:  // ‵
      return '\'';
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″
    case 0x2036:  // ‶
    case 0x00AB:  // «
    case 0x00BB:  // »
      return '"';
    case 0x2212:  // minus sign
      return '-';
    default:
      if (cp >= 0x2010 && cp <= 0x2015) return '-';
      return cp;
  }
}

utf8proc_int32_t MapPunctuationCallback(utf8proc_int32_t cp, void* /*data*/) {
  return static_cast<utf8proc_int32_t>(MapPunctuation(static_cast<char32_t>(cp)));
}

// Appends code points while collapsing whitespace runs into one ' ' and dropping leading and
// trailing whitespace. A space is only written once a non-space follows it, which trims the end.
class Collapser {
 public:
  explicit Collapser(std::string* out) : out_(out) {}

  void PutAscii(unsigned char c) {
    if (IsAsciiSpace(c)) {
      pending_space_ = !out_->empty();
      return;
    }
    FlushSpace();
    out_->push_back(static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c | 0x20 : c));
  }

  void Put(char32_t cp) {
    if (cp < 0x80) return PutAscii(static_cast<unsigned char>(cp));
    if (IsUnicodeSpace(cp)) {
      pending_space_ = !out_->empty();
      return;
    }
    cp = MapPunctuation(cp);
    FlushSpace();
    text::AppendUtf8(cp, out_);
  }

 private:
  void FlushSpace() {
    if (pending_space_) out_->push_back(' ');
    pending_space_ = false;
  }

  std::string* out_;
  bool pending_space_ = false;
};

std::string NormalizeAscii(std::string_view in) {
  std::string out(in.size(), '\0');
  char* dst = out.data();
  char* const begin = dst;
  bool pending_space = false;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsAsciiSpace(c)) {
      pending_space = dst != begin;
      continue;
    }
    if (pending_space) {
      *dst++ = ' ';
      pending_space = false;
    }
    *dst++ = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c | 0x20 : c);
  }
  out.resize(static_cast<size_t>(dst - begin));
  return out;
}

// Replaces ill-formed sequences with U+FFFD, because utf8proc rejects the whole input otherwise.
std::string Sanitize(std::string_view in) {
  std::string out;
  out.reserve(in.size() + 16);
  size_t pos = 0;
  while (pos < in.size()) {
    const DecodedChar d = DecodeUtf8(in, pos);
    if (d.valid) {
      out.append(in.substr(pos, d.length));
    } else {
      text::AppendUtf8(text::kReplacementChar, &out);
    }
    pos += d.length;
  }
  return out;
}

// Appends the NFKC_Casefold form of `segment` (valid UTF-8) to `sink`.
void FoldSegment(std::string_view segment, std::vector<utf8proc_int32_t>* buffer, Collapser* sink) {
  if (buffer->size() < segment.size() + 32) buffer->resize(segment.size() + 32);
  const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(segment.data());
  const auto src_len = static_cast<utf8proc_ssize_t>(segment.size());
  utf8proc_ssize_t n = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    n = utf8proc_decompose_custom(src, src_len, buffer->data(),
                                  static_cast<utf8proc_ssize_t>(buffer->size()), kFoldOptions,
                                  MapPunctuationCallback, nullptr);
    if (n < 0 || static_cast<size_t>(n) <= buffer->size()) break;
    buffer->resize(static_cast<size_t>(n));
  }
  if (n >= 0) n = utf8proc_normalize_utf32(buffer->data(), n, kFoldOptions);
  if (n < 0) {
    // Cannot happen on valid input; keep the text readable rather than drop it.
    for (size_t pos = 0; pos < segment.size();) {
      const DecodedChar d = DecodeUtf8(segment, pos);
      sink->Put(d.code_point);
      pos += d.length;
    }
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) sink->Put(static_cast<char32_t>((*buffer)[i]));
}

// Folds ASCII stretches inline and hands only the non-ASCII stretches to utf8proc: a typical
// article is ASCII apart from a few curly quotes and names, and utf8proc costs far more per
// character. Splitting is exact because no ASCII character composes with, reorders around or
// changes case depending on its neighbours, except that a combining mark can compose with the
// character before it; so each non-ASCII stretch is folded together with one preceding byte.
std::string NormalizeMixed(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 8);
  Collapser sink(&out);
  std::vector<utf8proc_int32_t> buffer;
  std::string sanitized;
  size_t pos = 0;
  while (pos < in.size()) {
    const size_t non_ascii = pos + text::FindNonAscii(in.substr(pos));
    if (non_ascii == in.size()) {
      for (; pos < in.size(); ++pos) sink.PutAscii(static_cast<unsigned char>(in[pos]));
      break;
    }
    const size_t seg_begin = non_ascii > pos ? non_ascii - 1 : non_ascii;
    for (; pos < seg_begin; ++pos) sink.PutAscii(static_cast<unsigned char>(in[pos]));
    size_t seg_end = non_ascii;
    while (seg_end < in.size() && static_cast<unsigned char>(in[seg_end]) >= 0x80) ++seg_end;
    std::string_view segment = in.substr(seg_begin, seg_end - seg_begin);
    if (!IsValidUtf8(segment)) {
      sanitized = Sanitize(segment);
      segment = sanitized;
    }
    FoldSegment(segment, &buffer, &sink);
    pos = seg_end;
  }
  return out;
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  if (text::FindNonAscii(text) == text.size()) return NormalizeAscii(text);
  return NormalizeMixed(text);
}

}  // namespace storyline
