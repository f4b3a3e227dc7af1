#include "text/charset.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "storyline/text.h"

namespace storyline::text {
namespace {

// The WHATWG Encoding Standard's label table (encodings.json): each encoding's canonical name in
// lower case, then its labels separated by spaces.
struct Encoding {
  std::string_view name;
  std::string_view labels;
};
// clang-format off
constexpr Encoding kEncodings[] = {
    {"utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {"ibm866", "866 cp866 csibm866 ibm866"},
    {"iso-8859-2",
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 "
     "latin2"},
    {"iso-8859-3",
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 "
     "latin3"},
    {"iso-8859-4",
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 "
     "latin4"},
    {"iso-8859-5",
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
     "iso_8859-5:1988"},
    {"iso-8859-6",
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
     "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7",
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
     "iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8",
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 "
     "iso88598 iso_8859-8 iso_8859-8:1988 visual"},
    {"iso-8859-8-i", "csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"iso-8859-16", "iso-8859-16"},
    {"koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "koi8-ru koi8-u"},
    {"macintosh", "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "cp1251 windows-1251 x-cp1251"},
    {"windows-1252",
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
     "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"},
    {"windows-1253", "cp1253 windows-1253 x-cp1253"},
    {"windows-1254",
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 "
     "l5 latin5 windows-1254 x-cp1254"},
    {"windows-1255", "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    {"gb18030", "gb18030"},
    {"big5", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "csiso2022jp iso-2022-jp"},
    {"shift_jis", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {"euc-kr",
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
     "ksc_5601 windows-949"},
    {"replacement", "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement"},
    {"utf-16be", "unicodefffe utf-16be"},
    {"utf-16le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
    {"x-user-defined", "x-user-defined"},
};
// clang-format on

// uchardet names that are not WHATWG labels but name a WHATWG encoding.
struct Label {
  std::string_view label;
  std::string_view name;
};
constexpr Label kUchardetAliases[] = {
    {"mac-cyrillic", "x-mac-cyrillic"},
    {"uhc", "euc-kr"},
    {"cp949", "euc-kr"},
};

bool IsHtmlSpace(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// True when `lower` (lower case) occurs at `s[pos]`, comparing ASCII case-insensitively.
bool HasAt(std::string_view s, size_t pos, std::string_view lower) {
  return pos <= s.size() && s.size() - pos >= lower.size() &&
         EqualsIgnoreCase(s.substr(pos, lower.size()), lower);
}

size_t FindIgnoreCase(std::string_view s, std::string_view lower, size_t from) {
  for (size_t i = from; i + lower.size() <= s.size(); ++i) {
    if (HasAt(s, i, lower)) return i;
  }
  return std::string_view::npos;
}

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  // Eight bytes at a time: page bodies are mostly ASCII markup.
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ull) return false;
    p += 8;
    n -= 8;
  }
  for (; n > 0; --n, ++p) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

// An attribute cut off by the end of the prescan window is no attribute, and nothing after it is
// scanned.
bool Cutoff(std::string_view s, size_t* pos) {
  *pos = s.size();
  return false;
}

// WHATWG "get an attribute" (HTML 13.2.3.2). `name` gets the lower-cased name; `value` is a view of
// the raw value. Returns false when there is no further attribute, or when the attribute is cut
// off by the end of the prescan window.
bool GetAttribute(std::string_view s, size_t* pos, std::string* name, std::string_view* value) {
  size_t p = *pos;
  while (p < s.size() && (IsHtmlSpace(s[p]) || s[p] == '/')) ++p;
  if (p >= s.size() || s[p] == '>') {
    *pos = p;
    return false;
  }
  name->clear();
  *value = {};
  // The first byte always belongs to the name, even when it is '='.
  name->push_back(AsciiLower(s[p++]));
  while (true) {
    if (p >= s.size()) return Cutoff(s, pos);
    const char c = s[p];
    if (c == '=') break;
    if (IsHtmlSpace(c)) {
      while (p < s.size() && IsHtmlSpace(s[p])) ++p;
      if (p >= s.size()) return Cutoff(s, pos);
      if (s[p] != '=') {
        *pos = p;
        return true;
      }
      break;
    }
    if (c == '/' || c == '>') {
      *pos = p;
      return true;
    }
    name->push_back(AsciiLower(c));
    ++p;
  }
  ++p;  // past '='
  while (p < s.size() && IsHtmlSpace(s[p])) ++p;
  if (p >= s.size()) return Cutoff(s, pos);
  if (s[p] == '"' || s[p] == '\'') {
    const size_t close = s.find(s[p], p + 1);
    if (close == std::string_view::npos) return Cutoff(s, pos);
    *value = s.substr(p + 1, close - p - 1);
    *pos = close + 1;
    return true;
  }
  if (s[p] == '>') {
    *pos = p;
    return true;
  }
  const size_t begin = p;
  while (p < s.size() && !IsHtmlSpace(s[p]) && s[p] != '>') ++p;
  if (p >= s.size()) return Cutoff(s, pos);
  *value = s.substr(begin, p - begin);
  *pos = p;
  return true;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Every undecodable sequence becomes one U+FFFD. ICU's default substitutes U+001A for a bad
// single byte in some legacy converters (Shift_JIS 0xA0), which would pass as a control char.
void ToUnicodeReplace(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                      UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// The ICU converter that implements the WHATWG decoder of `charset` as closely as ICU can.
const char* IcuName(const std::string& charset) {
  if (charset == "big5") return "Big5-HKSCS";     // WHATWG big5 is Big5 with the HKSCS extension
  if (charset == "euc-kr") return "windows-949";  // WHATWG euc-kr is Microsoft's UHC
  if (charset == "shift_jis") return "windows-31j";
  if (charset == "gbk") return "gb18030";  // WHATWG decodes gbk with the gb18030 decoder
  return charset.c_str();
}

ConverterPtr OpenConverter(const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(IcuName(charset), &err));
  if (U_FAILURE(err)) return nullptr;
  ucnv_setToUCallBack(cnv.get(), ToUnicodeReplace, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return nullptr;
  return cnv;
}

// Encodings whose ASCII bytes do not all stand for themselves.
bool AsciiCompatible(std::string_view charset) {
  return !(charset.starts_with("utf-16") || charset.starts_with("utf-32") ||
           charset.starts_with("iso-2022") || charset.starts_with("hz-") ||
           charset.starts_with("x-iso-10646"));
}

// True when `body` can be decoded as `charset`.
bool Usable(const std::string& charset, bool body_is_ascii) {
  if (charset.empty() || charset == "replacement") return false;
  if (charset == "utf-8") return true;
  if (body_is_ascii && AsciiCompatible(charset)) return true;
  return OpenConverter(charset) != nullptr;
}

// Converts with ICU; returns false when no converter exists for `charset`.
bool IcuToUtf8(std::string_view body, const std::string& charset, std::string* out) {
  ConverterPtr src = OpenConverter(charset);
  if (src == nullptr) return false;
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr utf8(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err)) return false;
  out->resize(body.size() + body.size() / 2 + 16);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = body.data();
  const char* const source_limit = body.data() + body.size();
  char* target = out->data();
  bool reset = true;
  while (true) {
    err = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), src.get(), &target, out->data() + out->size(), &source, source_limit,
                   pivot, &pivot_source, &pivot_target, pivot + 4096, reset,
                   /*flush=*/true, &err);
    reset = false;
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
    const size_t used = static_cast<size_t>(target - out->data());
    out->resize(out->size() * 2);
    target = out->data() + used;
  }
  out->resize(static_cast<size_t>(target - out->data()));
  return true;
}

// Last line of defence for the "always valid UTF-8" contract: each byte that starts an invalid
// sequence becomes U+FFFD.
void ForceValidUtf8(std::string* s) {
  size_t bad = 0;
  if (IsValidUtf8(*s, &bad)) return;
  std::string fixed;
  fixed.reserve(s->size() + 16);
  std::string_view rest(*s);
  while (!IsValidUtf8(rest, &bad)) {
    fixed.append(rest.substr(0, bad));
    fixed.append("\xEF\xBF\xBD");
    rest.remove_prefix(bad + 1);
  }
  fixed.append(rest);
  *s = std::move(fixed);
}

std::string Sniff(std::string_view body) {
  uchardet_t ud = uchardet_new();
  if (ud == nullptr) return {};
  std::string name;
  if (uchardet_handle_data(ud, body.data(), body.size()) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs != nullptr) name = cs;
  }
  uchardet_delete(ud);
  for (char& c : name) c = AsciiLower(c);
  return name;
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  while (!label.empty() && IsHtmlSpace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsHtmlSpace(label.back())) label.remove_suffix(1);
  if (label.empty()) return {};
  for (const Encoding& e : kEncodings) {
    std::string_view rest = e.labels;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      if (EqualsIgnoreCase(label, rest.substr(0, space))) return std::string(e.name);
      if (space == std::string_view::npos) break;
      rest.remove_prefix(space + 1);
    }
  }
  return {};
}

std::string_view CharsetFromContentType(std::string_view s) {
  size_t pos = 0;
  while (true) {
    const size_t at = FindIgnoreCase(s, "charset", pos);
    if (at == std::string_view::npos) return {};
    size_t p = at + 7;
    while (p < s.size() && IsHtmlSpace(s[p])) ++p;
    if (p >= s.size() || s[p] != '=') {
      pos = p;
      continue;
    }
    ++p;
    while (p < s.size() && IsHtmlSpace(s[p])) ++p;
    if (p >= s.size()) return {};
    if (s[p] == '"' || s[p] == '\'') {
      const size_t close = s.find(s[p], p + 1);
      if (close == std::string_view::npos) return {};
      return s.substr(p + 1, close - p - 1);
    }
    size_t end = p;
    while (end < s.size() && !IsHtmlSpace(s[end]) && s[end] != ';') ++end;
    return s.substr(p, end - p);
  }
}

std::string_view PrescanMetaCharset(std::string_view bytes) {
  const std::string_view s = bytes.substr(0, 1024);
  std::string name;
  std::string_view value;
  std::vector<std::string> seen;
  size_t pos = 0;
  for (; pos < s.size(); ++pos) {
    if (s[pos] != '<') continue;
    if (HasAt(s, pos, "<!--")) {
      // "<!-->" closes itself: the dashes of the opener count.
      const size_t end = s.find("-->", pos + 2);
      if (end == std::string_view::npos) return {};
      pos = end + 2;
      continue;
    }
    if (HasAt(s, pos, "<meta") && pos + 5 < s.size() &&
        (IsHtmlSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      pos += 6;
      seen.clear();
      bool got_pragma = false;
      int need_pragma = -1;  // -1: null, 0: false, 1: true
      bool have_charset = false;
      std::string_view charset;
      while (GetAttribute(s, &pos, &name, &value)) {
        bool dup = false;
        for (const std::string& n : seen) dup = dup || n == name;
        if (dup) continue;
        seen.push_back(name);
        if (name == "http-equiv") {
          if (EqualsIgnoreCase(value, "content-type")) got_pragma = true;
        } else if (name == "content") {
          const std::string_view cs = CharsetFromContentType(value);
          if (!cs.empty() && !have_charset) {
            charset = cs;
            have_charset = true;
            need_pragma = 1;
          }
        } else if (name == "charset") {
          charset = value;
          have_charset = true;
          need_pragma = 0;
        }
      }
      if (need_pragma == -1 || (need_pragma == 1 && !got_pragma)) continue;
      const std::string canonical = CanonicalCharset(charset);
      if (canonical.empty() || canonical == "replacement") continue;
      return charset;
    }
    const bool end_tag = pos + 1 < s.size() && s[pos + 1] == '/';
    const size_t letter = pos + (end_tag ? 2 : 1);
    if (letter < s.size() && IsAsciiAlpha(s[letter])) {
      // Another tag: skip its name, then its attributes, so that a quoted "<meta" inside an
      // attribute value is not taken for a tag.
      pos = letter;
      while (pos < s.size() && !IsHtmlSpace(s[pos]) && s[pos] != '>') ++pos;
      while (GetAttribute(s, &pos, &name, &value)) {
      }
      continue;
    }
    if (HasAt(s, pos, "<!") || HasAt(s, pos, "</") || HasAt(s, pos, "<?")) {
      const size_t end = s.find('>', pos + 2);
      if (end == std::string_view::npos) return {};
      pos = end;
    }
  }
  return {};
}

DecodedHtml DecodeHtml(std::string_view bytes, std::string_view content_type) {
  DecodedHtml out;
  std::string_view body = bytes;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    out.charset = "utf-8";
    body.remove_prefix(3);
  } else if (bytes.starts_with("\xFE\xFF")) {
    out.charset = "utf-16be";
    body.remove_prefix(2);
  } else if (bytes.starts_with("\xFF\xFE")) {
    out.charset = "utf-16le";
    body.remove_prefix(2);
  }
  const bool ascii = IsAscii(body);
  if (!out.charset.empty()) {
    out.how = "bom";
  } else {
    if (!content_type.empty()) {
      std::string cs = CanonicalCharset(CharsetFromContentType(content_type));
      if (cs == "x-user-defined") cs = "windows-1252";
      if (Usable(cs, ascii)) {
        out.charset = std::move(cs);
        out.how = "http";
      }
    }
    if (out.charset.empty()) {
      std::string cs = CanonicalCharset(PrescanMetaCharset(body));
      // A document that can be read as ASCII to find its <meta> is not UTF-16.
      if (cs == "utf-16le" || cs == "utf-16be") cs = "utf-8";
      if (cs == "x-user-defined") cs = "windows-1252";
      if (Usable(cs, ascii)) {
        out.charset = std::move(cs);
        out.how = "meta";
      }
    }
    if (out.charset.empty() && !ascii) {
      if (IsValidUtf8(body)) {
        out.charset = "utf-8";
        out.how = "sniff";
      } else {
        const std::string name = Sniff(body);
        std::string cs = CanonicalCharset(name);
        for (const Label& l : kUchardetAliases) {
          if (name == l.label) cs = l.name;
        }
        // uchardet may name encodings that WHATWG lacks (ibm852, mac-centraleurope) or maps to
        // "replacement" (hz-gb-2312); ICU can still decode those under their own names.
        if (cs.empty() || cs == "replacement") cs = name;
        if (cs == "x-user-defined") cs = "windows-1252";
        if (Usable(cs, ascii)) {
          out.charset = std::move(cs);
          out.how = "sniff";
        }
      }
    }
    if (out.charset.empty()) {
      out.charset = "windows-1252";
      out.how = "default";
    }
  }

  if (out.charset == "utf-8" && IsValidUtf8(body)) {
    out.utf8.assign(body);
  } else if (ascii && AsciiCompatible(out.charset)) {
    out.utf8.assign(body);
  } else if (!IcuToUtf8(body, out.charset, &out.utf8)) {
    // Only reached when ICU lacks even a converter that Usable() just opened.
    out.charset = "windows-1252";
    out.how = "default";
    if (!IcuToUtf8(body, out.charset, &out.utf8)) out.utf8.assign(body);
  }
  ForceValidUtf8(&out.utf8);
  return out;
}

}  // namespace storyline::text
