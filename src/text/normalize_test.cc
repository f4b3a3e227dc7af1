#include <gtest/gtest.h>

#include <string>

#include "storyline/text.h"

namespace storyline {
namespace {

TEST(NormalizeText, EmptyAndWhitespaceOnly) {
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText(" \t\r\n "), "");
  EXPECT_EQ(NormalizeText("\xC2\xA0\xE2\x80\x83"), "");  // NBSP, em space
}

TEST(NormalizeText, AsciiLowercasesAndCollapsesWhitespace) {
  EXPECT_EQ(NormalizeText("  Kerry SAID\ton\r\n\nTuesday  "), "kerry said on tuesday");
  EXPECT_EQ(NormalizeText("U.S. 1,000 20% (AFP)"), "u.s. 1,000 20% (afp)");
}

TEST(NormalizeText, MapsTypographicQuotesAndDashes) {
  EXPECT_EQ(NormalizeText("\xE2\x80\x9CWe\xE2\x80\x99re\xE2\x80\x9D"), "\"we're\"");
  EXPECT_EQ(NormalizeText("\xE2\x80\x98x\xE2\x80\x9B \xE2\x80\xB2"), "'x' '");
  EXPECT_EQ(NormalizeText("\xE2\x80\x9E"
                          "a\xE2\x80\xB3 \xC2\xAB"
                          "b\xC2\xBB"),
            "\"a\" \"b\"");
  EXPECT_EQ(NormalizeText("a\xE2\x80\x93"
                          "b\xE2\x80\x94"
                          "c\xE2\x80\x90"
                          "d\xE2\x88\x92"
                          "1"),
            "a-b-c-d-1");
  EXPECT_EQ(NormalizeText("\xE2\x80\x95\xE2\x80\x91"), "--");
}

TEST(NormalizeText, UnicodeWhitespaceCollapses) {
  EXPECT_EQ(NormalizeText("a\xC2\xA0\xC2\xA0"
                          "b\xE2\x80\xA8"
                          "c\xE3\x80\x80"
                          "d\xC2\x85"
                          "e"),
            "a b c d e");
  EXPECT_EQ(NormalizeText("\xC2\xA0"
                          "caf\xC3\xA9\xC2\xA0"),
            "caf\xC3\xA9");
}

TEST(NormalizeText, CaseFoldsNonAscii) {
  EXPECT_EQ(NormalizeText("Z\xC3\x9C"
                          "RICH"),
            "z\xC3\xBC"
            "rich");  // ZÜRICH
  EXPECT_EQ(NormalizeText("Stra\xC3\x9F"
                          "e"),
            "strasse");                                                         // ß folds to ss
  EXPECT_EQ(NormalizeText("\xD0\x9B\xD0\x90\xD0\x92\xD0\xA0\xD0\x9E\xD0\x92"),  // ЛАВРОВ
            "\xD0\xBB\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2");                // лавров
  EXPECT_EQ(NormalizeText("\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91"),          // ΑΘΗΝΑ
            "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1");
}

TEST(NormalizeText, AppliesNfkc) {
  EXPECT_EQ(NormalizeText("e\xCC\x81"), "\xC3\xA9");            // e + combining acute -> é
  EXPECT_EQ(NormalizeText("Cafe\xCC\x81 X"), "caf\xC3\xA9 x");  // composition after ASCII
  EXPECT_EQ(NormalizeText("\xEF\xAC\x81nance"), "finance");     // ﬁ ligature
  EXPECT_EQ(NormalizeText("\xEF\xBC\xA1\xEF\xBC\x91"), "a1");   // fullwidth Ａ１
  EXPECT_EQ(NormalizeText("x\xE2\x80\xA6"), "x...");            // … -> ...
  EXPECT_EQ(NormalizeText("\xE2\x84\xAA"), "k");                // Kelvin sign
}

TEST(NormalizeText, DropsDefaultIgnorables) {
  EXPECT_EQ(NormalizeText("anti\xC2\xADterrorism"), "antiterrorism");  // soft hyphen
  EXPECT_EQ(NormalizeText("\xEF\xBB\xBFHello"), "hello");              // BOM
  EXPECT_EQ(NormalizeText("a\xE2\x80\x8B"
                          "b"),
            "ab");  // zero-width space
}

TEST(NormalizeText, KeepsCjkAndEmoji) {
  EXPECT_EQ(NormalizeText("\xE4\xB8\xAD\xE5\x9B\xBD  \xF0\x9F\x98\x80"),
            "\xE4\xB8\xAD\xE5\x9B\xBD \xF0\x9F\x98\x80");
}

TEST(NormalizeText, ReplacesInvalidUtf8) {
  EXPECT_EQ(NormalizeText("A\xFF"
                          "B"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(NormalizeText("\xE2\x80 x"), "\xEF\xBF\xBD x");  // truncated: one replacement
  EXPECT_EQ(NormalizeText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  const std::string out = NormalizeText("Caf\xC3\xA9 \xC3 \xE2\x80\x99s \x80");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out, "caf\xC3\xA9 \xEF\xBF\xBD 's \xEF\xBF\xBD");
}

TEST(NormalizeText, IsIdempotent) {
  const std::string inputs[] = {
      "LONDON/MOSCOW, July 19 U.S. Secretary",
      "\xE2\x80\x9CWe\xE2\x80\x99re\xE2\x80\x9D \xE2\x80\x93 Z\xC3\x9CRICH Stra\xC3\x9F"
      "e",
      "\xEF\xAC\x81 e\xCC\x81 \xE4\xB8\xAD \xFF\xFE"};
  for (const std::string& in : inputs) {
    const std::string once = NormalizeText(in);
    EXPECT_EQ(NormalizeText(once), once) << in;
  }
}

TEST(NormalizeText, AsciiAndUnicodePathsAgree) {
  // The same ASCII text must normalise identically whether or not a non-ASCII character
  // elsewhere forces the utf8proc path.
  const std::string ascii = "  The U.S. Secretary\tof STATE,\n\nJohn Kerry (AP) - 1,000  ";
  const std::string suffix = " \xC3\xA9";
  EXPECT_EQ(NormalizeText(ascii + suffix), NormalizeText(ascii) + " \xC3\xA9");
}

TEST(NormalizeText, HandlesLargeInput) {
  std::string big;
  while (big.size() < (1u << 20)) big += "Kerry\xE2\x80\x99s \xE2\x80\x9Cplan\xE2\x80\x9D \xFF\n";
  const std::string out = NormalizeText(big);
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out.substr(0, 16), "kerry's \"plan\" \xEF");
  EXPECT_NE(out.back(), ' ');
}

}  // namespace
}  // namespace storyline
