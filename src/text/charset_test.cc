#include "text/charset.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "storyline/text.h"

namespace storyline::text {
namespace {

std::string Page(std::string_view head, std::string_view body) {
  std::string s = "<!DOCTYPE html><html><head>";
  s.append(head);
  s.append("<title>t</title></head><body><p>");
  s.append(body);
  s.append("</p></body></html>");
  return s;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// UTF-16 bytes of `text` (BMP only is enough here), little or big endian.
std::string Utf16(std::u16string_view text, bool little_endian) {
  std::string out;
  for (char16_t c : text) {
    const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  }
  return out;
}

// ---- DecodeHtml ------------------------------------------------------------------------------

TEST(DecodeHtml, Latin1WithMetaCharset) {
  const DecodedHtml d = DecodeHtml(Page("<meta charset=\"iso-8859-1\">",
                                        "Gr\xfc\xdf"
                                        "e"));
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(Contains(d.utf8, "<p>Grüße</p>"));
}

TEST(DecodeHtml, Windows1252MapsC1RangeLikeBrowsers) {
  // Declared latin1, but 0x80-0x9F are read as windows-1252 (WHATWG): quotes, euro, dash.
  const DecodedHtml d =
      DecodeHtml(Page("<meta charset=latin1>", "\x93Zitat\x94 \x80 5 \x96 6 \x81"));
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_TRUE(Contains(d.utf8, "\u201cZitat\u201d \u20ac 5 \u2013 6 \u0081"));
}

TEST(DecodeHtml, Iso88592PolishWithHttpEquiv) {
  const DecodedHtml d = DecodeHtml(
      Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">",
           "\xb3\xf3"
           "d\xbc, Pozna\xf1, \xa3"
           "\xf3"
           "d\xbc"));
  EXPECT_EQ(d.charset, "iso-8859-2");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(Contains(d.utf8, "łódź, Poznań, Łódź"));
}

TEST(DecodeHtml, ShiftJis) {
  // 日本語 and half-width katakana ｱ; 0x5C stays a backslash as in WHATWG's decoder.
  const DecodedHtml d =
      DecodeHtml(Page("<meta charset=\"Shift_JIS\">", "\x93\xfa\x96\x7b\x8c\xea \xb1 C:\\x"));
  EXPECT_EQ(d.charset, "shift_jis");
  EXPECT_TRUE(Contains(d.utf8, "日本語 ｱ C:\\x"));
}

TEST(DecodeHtml, ShiftJisBadByteBecomesReplacementNotControl) {
  // ICU's default would substitute U+001A for the lone 0xA0.
  const DecodedHtml d = DecodeHtml(Page("<meta charset=sjis>",
                                        "a\xa0"
                                        "b"));
  EXPECT_TRUE(Contains(d.utf8, "a\uFFFDb"));
  EXPECT_FALSE(Contains(d.utf8, "\x1a"));
}

TEST(DecodeHtml, ChineseKoreanBig5) {
  DecodedHtml d = DecodeHtml(Page("<meta charset=gb2312>", "\xd6\xd0\xce\xc4"));
  EXPECT_EQ(d.charset, "gbk");
  EXPECT_TRUE(Contains(d.utf8, "中文"));
  d = DecodeHtml(Page("<meta charset=GB18030>", "\xd6\xd0\x81\x30\x81\x30"));
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_TRUE(Contains(d.utf8, "中\u0080"));
  d = DecodeHtml(Page("<meta charset=euc-kr>", "\xc7\xd1\xb1\xb9\xbe\xee"));
  EXPECT_EQ(d.charset, "euc-kr");
  EXPECT_TRUE(Contains(d.utf8, "한국어"));
  d = DecodeHtml(Page("<meta charset=big5>", "\xa4\xa4\xa4\xe5"));
  EXPECT_EQ(d.charset, "big5");
  EXPECT_TRUE(Contains(d.utf8, "中文"));
}

TEST(DecodeHtml, Iso2022JpIsNotTakenForAscii) {
  // Every byte is ASCII, yet the escape sequences switch to JIS X 0208: no ASCII fast path.
  const DecodedHtml d = DecodeHtml(Page("<meta charset=iso-2022-jp>", "\x1b$B$\"\x1b(B!"));
  EXPECT_EQ(d.charset, "iso-2022-jp");
  EXPECT_TRUE(Contains(d.utf8, "<p>あ!</p>"));
}

TEST(DecodeHtml, Utf8BomWinsOverMetaAndIsStripped) {
  const DecodedHtml d =
      DecodeHtml("\xEF\xBB\xBF" + Page("<meta charset=iso-8859-1>", "Grüße"), "charset=koi8-r");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "bom");
  EXPECT_TRUE(d.utf8.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(Contains(d.utf8, "Grüße"));
}

TEST(DecodeHtml, Utf16WithBom) {
  const std::u16string page = u"<html><meta charset=iso-8859-1><p>Grüße € 中</p></html>";
  DecodedHtml d = DecodeHtml("\xFF\xFE" + Utf16(page, true));
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.how, "bom");
  EXPECT_EQ(d.utf8, "<html><meta charset=iso-8859-1><p>Grüße € 中</p></html>");
  d = DecodeHtml("\xFE\xFF" + Utf16(page, false));
  EXPECT_EQ(d.charset, "utf-16be");
  EXPECT_EQ(d.utf8, "<html><meta charset=iso-8859-1><p>Grüße € 中</p></html>");
}

TEST(DecodeHtml, Utf16OddByteAndLoneSurrogateBecomeReplacement) {
  const DecodedHtml d =
      DecodeHtml(std::string("\xFF\xFE"
                             "a\0\0\xD8"
                             "b\0c",
                             9));
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_TRUE(IsValidUtf8(d.utf8));
  EXPECT_TRUE(d.utf8.starts_with("a\uFFFD"));
}

TEST(DecodeHtml, UndeclaredLatin1GermanIsSniffed) {
  const std::string body =
      "F\xfcr die Stra\xdf"
      "enbahn in M\xfcnchen gibt es ab n\xe4"
      "chster Woche neue "
      "Fahrpl\xe4ne. Die Verkehrsbetriebe erkl\xe4rten am Dienstag, dass die \xc4nderungen "
      "vor allem die Linien im S\xfc"
      "den der Stadt betreffen. Fahrg\xe4ste sollten sich "
      "vorab \xfc"
      "ber die neuen Abfahrtszeiten informieren, hie\xdf es in einer "
      "Mitteilung. Gr\xf6\xdf"
      "ere Versp\xe4tungen seien nicht zu bef\xfcrchten.";
  const DecodedHtml d = DecodeHtml(Page("", body));
  EXPECT_EQ(d.how, "sniff");
  EXPECT_TRUE(d.charset == "windows-1252" || d.charset == "iso-8859-15") << d.charset;
  EXPECT_TRUE(Contains(d.utf8, "Für die Straßenbahn in München")) << d.utf8;
  EXPECT_TRUE(Contains(d.utf8, "Größere Verspätungen seien nicht zu befürchten."));
}

TEST(DecodeHtml, UndeclaredValidUtf8IsSniffedWithoutDetector) {
  const DecodedHtml d = DecodeHtml(Page("", "Zażółć gęślą jaźń"));
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "sniff");
  EXPECT_EQ(d.utf8, Page("", "Zażółć gęślą jaźń"));
}

TEST(DecodeHtml, PureAsciiUndeclaredIsDefaultAndUnchanged) {
  const std::string page = Page("", "Plain old ASCII & friends.");
  const DecodedHtml d = DecodeHtml(page);
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.how, "default");
  EXPECT_EQ(d.utf8, page);
}

TEST(DecodeHtml, DeclaredUtf8WithStrayByteKeepsDeclaration) {
  // A latin-1 0xE9 slipped into a UTF-8 page: trusted declaration, one U+FFFD, rest intact.
  const DecodedHtml d = DecodeHtml(Page("<meta charset=\"utf-8\">", "caf\xe9 – Grüße"));
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(Contains(d.utf8, "caf\uFFFD – Grüße"));
  EXPECT_TRUE(IsValidUtf8(d.utf8));
}

TEST(DecodeHtml, TruncatedUtf8SequenceIsOneReplacement) {
  const DecodedHtml d = DecodeHtml(Page("<meta charset=utf-8>",
                                        "a\xe2\x82"
                                        "b"));
  EXPECT_TRUE(Contains(d.utf8, "a\uFFFDb"));
}

TEST(DecodeHtml, HttpCharsetBeatsMeta) {
  const std::string page = Page("<meta charset=utf-8>",
                                "\xb3\xf3"
                                "d\xbc");
  const DecodedHtml d = DecodeHtml(page, "text/html; charset=ISO-8859-2");
  EXPECT_EQ(d.charset, "iso-8859-2");
  EXPECT_EQ(d.how, "http");
  EXPECT_TRUE(Contains(d.utf8, "łódź"));
}

TEST(DecodeHtml, UnknownHttpCharsetFallsBackToMeta) {
  const DecodedHtml d = DecodeHtml(Page("<meta charset=windows-1250>",
                                        "\xb3\xf3"
                                        "d\x9f"),
                                   "text/html; charset=x-bogus");
  EXPECT_EQ(d.charset, "windows-1250");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(Contains(d.utf8, "łódź"));
  const DecodedHtml no_charset = DecodeHtml(Page("<meta charset=windows-1250>", "x"), "text/html");
  EXPECT_EQ(no_charset.how, "meta");
}

TEST(DecodeHtml, MetaUtf16WithoutBomMeansUtf8) {
  const DecodedHtml d = DecodeHtml(Page("<meta charset=utf-16>", "Grüße"));
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "meta");
  EXPECT_TRUE(Contains(d.utf8, "Grüße"));
}

TEST(DecodeHtml, ReplacementLabelIsIgnored) {
  const DecodedHtml d = DecodeHtml(Page("<meta charset=iso-2022-kr>", "Grüße"));
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.how, "sniff");
}

TEST(DecodeHtml, EveryWhatwgEncodingDecodesEveryByte) {
  // Every encoding a page may declare: all 256 byte values come out as valid UTF-8, and the
  // declaration is honoured (iso-8859-16 has no table in Debian's ICU data and is skipped).
  const char* kNames[] = {
      "utf-8",        "ibm866",       "iso-8859-2",     "iso-8859-3",   "iso-8859-4",
      "iso-8859-5",   "iso-8859-6",   "iso-8859-7",     "iso-8859-8",   "iso-8859-8-i",
      "iso-8859-10",  "iso-8859-13",  "iso-8859-14",    "iso-8859-15",  "koi8-r",
      "koi8-u",       "macintosh",    "windows-874",    "windows-1250", "windows-1251",
      "windows-1252", "windows-1253", "windows-1254",   "windows-1255", "windows-1256",
      "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk",          "gb18030",
      "big5",         "euc-jp",       "iso-2022-jp",    "shift_jis",    "euc-kr"};
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  for (const char* name : kNames) {
    const DecodedHtml d = DecodeHtml(Page(std::string("<meta charset=") + name + ">", all_bytes));
    EXPECT_EQ(d.charset, name);
    EXPECT_EQ(d.how, "meta") << name;
    EXPECT_TRUE(IsValidUtf8(d.utf8)) << name;
  }
}

TEST(DecodeHtml, RandomBytesAlwaysGiveValidUtf8) {
  std::mt19937 rng(42);
  const char* kHeads[] = {"",
                          "<meta charset=utf-8>",
                          "<meta charset=shift_jis>",
                          "<meta charset=gb18030>",
                          "<meta charset=big5>",
                          "<meta charset=euc-jp>",
                          "<meta charset=iso-2022-jp>",
                          "<meta charset=utf-16>"};
  for (int i = 0; i < 400; ++i) {
    std::string body(rng() % 300, '\0');
    for (char& c : body) c = static_cast<char>(rng());
    std::string bytes = Page(kHeads[i % 8], body);
    if (i % 5 == 0) bytes = (i % 2 ? "\xFF\xFE" : "\xFE\xFF") + body;
    const DecodedHtml d = DecodeHtml(bytes);
    EXPECT_TRUE(IsValidUtf8(d.utf8)) << i;
    EXPECT_FALSE(d.charset.empty());
  }
}

// ---- PrescanMetaCharset ----------------------------------------------------------------------

TEST(PrescanMetaCharset, QuotingStyles) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=\"utf-8\">"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset='ISO-8859-2'>"), "ISO-8859-2");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=windows-1250>"), "windows-1250");
  EXPECT_EQ(PrescanMetaCharset("<meta charset = utf-8 />"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<META CHARSET=UTF-8>"), "UTF-8");
  EXPECT_EQ(PrescanMetaCharset("<meta/charset=koi8-r>"), "koi8-r");
}

TEST(PrescanMetaCharset, HttpEquivInAnyOrder) {
  EXPECT_EQ(PrescanMetaCharset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">"),
            "iso-8859-2");
  EXPECT_EQ(
      PrescanMetaCharset("<meta content='text/html;charset=\"koi8-r\"' HTTP-EQUIV=content-type>"),
      "koi8-r");
  // content without http-equiv is not a declaration.
  EXPECT_EQ(PrescanMetaCharset("<meta content=\"text/html; charset=koi8-r\">"), "");
  EXPECT_EQ(PrescanMetaCharset("<meta name=x content=\"charset=koi8-r\" http-equiv=refresh>"), "");
}

TEST(PrescanMetaCharset, SkipsCommentsAndOtherMarkup) {
  EXPECT_EQ(PrescanMetaCharset("<!-- <meta charset=koi8-r> --><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<!--><meta charset=koi8-r>"), "koi8-r");
  EXPECT_EQ(PrescanMetaCharset("<!-- unclosed <meta charset=koi8-r>"), "");
  EXPECT_EQ(PrescanMetaCharset("<div title=\"<meta charset=koi8-r>\"><meta charset=utf-8>"),
            "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<?xml encoding='koi8-r'?><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<metadata charset=koi8-r>"), "");
  EXPECT_EQ(PrescanMetaCharset("<html><head><title>x</title></head><body>no meta"), "");
}

TEST(PrescanMetaCharset, FirstKnownLabelWins) {
  EXPECT_EQ(PrescanMetaCharset("<meta charset=bogus><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=utf-8 charset=koi8-r>"), "utf-8");
  EXPECT_EQ(PrescanMetaCharset("<meta charset=koi8-r><meta charset=utf-8>"), "koi8-r");
}

TEST(PrescanMetaCharset, OnlyFirst1024Bytes) {
  const std::string pad = "<html><head><!--" + std::string(1000, 'x') + "-->";
  EXPECT_EQ(PrescanMetaCharset(pad + "<meta charset=utf-8>"), "");
  // Straddling the boundary: cut off, so not a declaration.
  const std::string near = "<!--" + std::string(1000, 'x') + "-->";
  ASSERT_LT(near.size(), 1024u);
  EXPECT_EQ(PrescanMetaCharset(near + "<meta charset=\"utf-8\">"), "");
  const std::string fits = "<!--" + std::string(990, 'x') + "-->";
  EXPECT_EQ(PrescanMetaCharset(fits + "<meta charset=\"utf-8\">"), "utf-8");
}

// ---- CanonicalCharset and Content-Type ---------------------------------------------------------

TEST(CanonicalCharset, WhatwgAliases) {
  EXPECT_EQ(CanonicalCharset("latin1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("ascii"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("US-ASCII"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("utf8"), "utf-8");
  EXPECT_EQ(CanonicalCharset(" UTF-8\t"), "utf-8");
  EXPECT_EQ(CanonicalCharset("gb2312"), "gbk");
  EXPECT_EQ(CanonicalCharset("GB18030"), "gb18030");
  EXPECT_EQ(CanonicalCharset("sjis"), "shift_jis");
  EXPECT_EQ(CanonicalCharset("ks_c_5601-1987"), "euc-kr");
  EXPECT_EQ(CanonicalCharset("iso-8859-9"), "windows-1254");
  EXPECT_EQ(CanonicalCharset("tis-620"), "windows-874");
  EXPECT_EQ(CanonicalCharset("latin2"), "iso-8859-2");
  EXPECT_EQ(CanonicalCharset("utf-16"), "utf-16le");
  EXPECT_EQ(CanonicalCharset("hz-gb-2312"), "replacement");
  EXPECT_EQ(CanonicalCharset("x-bogus"), "");
  EXPECT_EQ(CanonicalCharset("utf-8x"), "");
  EXPECT_EQ(CanonicalCharset(""), "");
  EXPECT_EQ(CanonicalCharset("utf-8 latin1"), "");
}

TEST(CharsetFromContentType, Forms) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=ISO-8859-1"), "ISO-8859-1");
  EXPECT_EQ(CharsetFromContentType("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; Charset = 'koi8-r' ; q=1"), "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=utf-8; x=y"), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html; charsetx; charset=big5"), "big5");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=\"utf-8"), "");
}

}  // namespace
}  // namespace storyline::text
