#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "storyline/text.h"

namespace storyline {
namespace {

TEST(IsValidUtf8, AcceptsAsciiAndEmpty) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text, long enough to use the eight-byte path"));
}

TEST(IsValidUtf8, AcceptsEveryEncodingLength) {
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));       // é, 2 bytes
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\x99"));      // ’, 3 bytes
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below surrogates
  EXPECT_TRUE(IsValidUtf8("\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2"));  // Лавров
}

TEST(IsValidUtf8, RejectsOverlongs) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));
}

TEST(IsValidUtf8, RejectsSurrogatesAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(IsValidUtf8, RejectsTruncatedAndStrayContinuation) {
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x80x"));
}

TEST(IsValidUtf8, ReportsOffsetOfFirstBadSequence) {
  size_t offset = 999;
  // The bad byte sits after more than eight ASCII bytes so the word-at-a-time skip is used.
  EXPECT_FALSE(IsValidUtf8("0123456789abcdef\xC3\xA9x\xFFyz", &offset));
  EXPECT_EQ(offset, 19u);
  offset = 999;
  EXPECT_TRUE(IsValidUtf8("fine", &offset));
  EXPECT_EQ(offset, 999u);  // untouched on success
}

TEST(IsValidUtf8, FindsBadByteAtEveryAlignment) {
  for (size_t i = 0; i < 24; ++i) {
    std::string s(24, 'a');
    s[i] = '\x80';
    size_t offset = 0;
    EXPECT_FALSE(IsValidUtf8(s, &offset)) << i;
    EXPECT_EQ(offset, i);
  }
}

TEST(DecodeUtf8, DecodesAndReplacesMaximalSubparts) {
  const std::string s =
      "\xE2\x80\x99"
      "\xE2\x80"
      "A"
      "\xF0\x9F\x98\x80";
  text::DecodedChar d = text::DecodeUtf8(s, 0);
  EXPECT_TRUE(d.valid);
  EXPECT_EQ(d.code_point, U'\u2019');
  EXPECT_EQ(d.length, 3u);
  d = text::DecodeUtf8(s, 3);  // truncated 3-byte sequence: one replacement for two bytes
  EXPECT_FALSE(d.valid);
  EXPECT_EQ(d.code_point, text::kReplacementChar);
  EXPECT_EQ(d.length, 2u);
  d = text::DecodeUtf8(s, 6);
  EXPECT_EQ(d.code_point, U'\U0001F600');
  EXPECT_EQ(d.length, 4u);
}

TEST(EncodeUtf8, RoundTripsThroughDecode) {
  for (const char32_t cp : {U'A', U'\u00E9', U'\u2019', U'\uFFFD', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    text::AppendUtf8(cp, &s);
    EXPECT_TRUE(IsValidUtf8(s));
    const text::DecodedChar d = text::DecodeUtf8(s, 0);
    EXPECT_EQ(d.code_point, cp);
    EXPECT_EQ(d.length, s.size());
  }
}

std::string Repaired(std::string s) {
  text::RepairMojibake(&s);
  return s;
}

TEST(RepairMojibake, UndoesWindows1252AndLatin1Decoding) {
  // "’" (E2 80 99) read as Windows-1252 is "â€™"; read as Latin-1 it is "â" U+0080 U+0099.
  EXPECT_EQ(Repaired("Investor\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s guide"),
            "Investor\xE2\x80\x99s guide");
  EXPECT_EQ(Repaired("Investor\xC3\xA2\xC2\x80\xC2\x99s guide"), "Investor\xE2\x80\x99s guide");
  EXPECT_EQ(Repaired("caf\xC3\x83\xC2\xA9 au lait"), "caf\xC3\xA9 au lait");  // "cafÃ©"
  std::string once = Repaired("caf\xC3\x83\xC2\xA9");
  EXPECT_FALSE(text::RepairMojibake(&once)) << "repairing twice changes nothing";
}

TEST(RepairMojibake, LeavesGenuineTextAlone) {
  for (std::string s :
       {"\xC3\x87"
        "a va, na\xC3\xAF"
        "ve caf\xC3\xA9",
        "plain ascii", "", "\xC3\xA2 la carte \xE2\x80\x94 \xE2\x80\x9Cquoted\xE2\x80\x9D",
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "truncated \xC3\x83"}) {
    std::string before = s;
    EXPECT_FALSE(text::RepairMojibake(&s)) << before;
    EXPECT_EQ(s, before);
  }
}

}  // namespace
}  // namespace storyline
