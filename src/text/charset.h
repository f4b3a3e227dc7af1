// Charset detection and conversion of raw HTML bytes to UTF-8 (internal).
//
// The decision follows browsers (WHATWG Encoding and HTML standards): byte order mark, then the
// charset of the HTTP Content-Type, then a <meta> prescan of the first 1024 bytes, then content
// sniffing (strict UTF-8 validation, then uchardet), then windows-1252.
//
// Thread-safety: every function here is reentrant (no shared state; ICU converters and uchardet
// detectors are created per call).

#ifndef STORYLINE_TEXT_CHARSET_H_
#define STORYLINE_TEXT_CHARSET_H_

#include <string>
#include <string_view>

namespace storyline::text {

struct DecodedHtml {
  std::string utf8;     // the page as valid UTF-8, without any byte order mark
  std::string charset;  // canonical lower-case WHATWG name ("utf-8", "windows-1252",
                        // "iso-8859-2", "shift_jis", "gb18030", ...); for a sniffed charset that
                        // WHATWG does not know, uchardet's name in lower case ("ibm852")
  std::string how;      // where the charset came from: "bom", "http", "meta", "sniff", "default"
};

// Decodes the raw HTML page `bytes` to valid UTF-8. `content_type` is the HTTP Content-Type
// header value ("text/html; charset=ISO-8859-1") when known, else empty.
// Never fails: undecodable bytes become U+FFFD. A declaration is trusted even when the bytes
// disagree (a page declaring utf-8 that holds a stray latin-1 byte gets one U+FFFD there, as in
// browsers). A declared label that is unknown, "replacement", or has no converter in the
// installed ICU data (iso-8859-16) is ignored and the next source is consulted. A <meta> label
// of utf-16 on a page without BOM means utf-8; x-user-defined means windows-1252.
// Sniffing: bytes that are valid UTF-8 are utf-8; otherwise uchardet decides; a page that is pure
// ASCII, or that uchardet cannot place, gets windows-1252 with how "default".
// Pure-ASCII and valid UTF-8 input is copied without calling ICU.
DecodedHtml DecodeHtml(std::string_view bytes, std::string_view content_type = {});

// WHATWG "prescan a byte stream to determine its encoding" over the first 1024 bytes of
// `bytes`: finds <meta charset=...> or <meta http-equiv="Content-Type" content="...;
// charset=...">, attributes in any order and quoting, skipping comments, other tags' attributes
// and <!...>/<?...> constructs. Returns the raw label (a view into `bytes`, not canonicalised)
// of the first meta whose label CanonicalCharset knows, or empty when there is none.
std::string_view PrescanMetaCharset(std::string_view bytes);

// Returns the label's charset from the content of a Content-Type header or an http-equiv content
// attribute ("text/html; charset=\"utf-8\"" -> "utf-8"), raw, or empty when there is none.
std::string_view CharsetFromContentType(std::string_view content_type);

// Maps an encoding label to its WHATWG canonical name in lower case ("latin1", "iso-8859-1",
// "ascii", "us-ascii" -> "windows-1252"; "utf8" -> "utf-8"; "gb2312" -> "gbk"; "sjis" ->
// "shift_jis"; "hz-gb-2312" -> "replacement"). Surrounding ASCII whitespace and case are ignored.
// Returns empty for unknown labels.
std::string CanonicalCharset(std::string_view label);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_CHARSET_H_
