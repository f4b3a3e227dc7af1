#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/text.h"

namespace storyline {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> words;
  for (const Token& t : tokens) {
    EXPECT_LT(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    words.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return words;
}

using Strings = std::vector<std::string>;

TEST(Tokenize, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Words("").empty());
  EXPECT_TRUE(Words("  -- ... , ' \" () !? ").empty());
}

TEST(Tokenize, SplitsOnSpacesAndPunctuation) {
  EXPECT_EQ(Words("Kerry said, on Tuesday: \"stop\"."),
            (Strings{"Kerry", "said", "on", "Tuesday", "stop"}));
}

TEST(Tokenize, ReportsByteOffsetsAndKinds) {
  const std::string text =
      "Kerry met 20 \xE2\x80\x9C"
      "envoys\xE2\x80\x9D";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 5u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[2].begin, 10u);
  EXPECT_EQ(tokens[2].end, 12u);
  EXPECT_EQ(tokens[2].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[3].begin, 16u);  // after the 3-byte opening quote
  EXPECT_EQ(tokens[3].end, 22u);
}

TEST(Tokenize, AppendsWithoutClearing) {
  std::vector<Token> tokens = {Token{100, 200, TokenKind::kNumber}};
  Tokenize("a b", &tokens);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].begin, 100u);
  EXPECT_EQ(tokens[2].begin, 2u);
}

TEST(Tokenize, ApostrophesJoinInsideWords) {
  EXPECT_EQ(Words("don't Kerry's O'Brien"), (Strings{"don't", "Kerry's", "O'Brien"}));
  EXPECT_EQ(Words("kerry's"), (Strings{"kerry's"}));
  EXPECT_EQ(Words("We\xE2\x80\x99re Syria\xE2\x80\x99s"),
            (Strings{"We\xE2\x80\x99re", "Syria\xE2\x80\x99s"}));
}

TEST(Tokenize, EdgeApostrophesAndHyphensAreNotPartOfTokens) {
  EXPECT_EQ(Words("'hello'"), (Strings{"hello"}));
  EXPECT_EQ(Words("\xE2\x80\x98hello\xE2\x80\x99"), (Strings{"hello"}));
  EXPECT_EQ(Words("students' -pre post- a -- b"), (Strings{"students", "pre", "post", "a", "b"}));
  EXPECT_EQ(Words("a - b"), (Strings{"a", "b"}));
}

TEST(Tokenize, HyphensJoinWords) {
  EXPECT_EQ(Words("al-Assad anti-terrorism covid-19 US-led"),
            (Strings{"al-Assad", "anti-terrorism", "covid-19", "US-led"}));
  std::vector<Token> tokens;
  Tokenize("covid-19", &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(Words("anti\xE2\x80\x90war"), (Strings{"anti\xE2\x80\x90war"}));  // U+2010
}

TEST(Tokenize, DashesSeparateWords) {
  EXPECT_EQ(Words("world \xE2\x80\x93 namely"), (Strings{"world", "namely"}));
  EXPECT_EQ(Words("Russia\xE2\x80\x94the"), (Strings{"Russia", "the"}));  // em dash does not join
}

TEST(Tokenize, DottedAbbreviationsKeepFinalDot) {
  EXPECT_EQ(Words("the U.S. and U.N. at 9 a.m. on"),
            (Strings{"the", "U.S.", "and", "U.N.", "at", "9", "a.m.", "on"}));
  EXPECT_EQ(Words("U.S.A. u.s. U.S Navy"), (Strings{"U.S.A.", "u.s.", "U.S", "Navy"}));
  EXPECT_EQ(Words("John F. Kennedy"), (Strings{"John", "F", "Kennedy"}));
}

TEST(Tokenize, DotsBetweenWordsSplit) {
  EXPECT_EQ(Words("www.presstv.co.uk"), (Strings{"www", "presstv", "co", "uk"}));
  EXPECT_EQ(Words("x.com end.Next"), (Strings{"x", "com", "end", "Next"}));
  EXPECT_EQ(Words("Syria."), (Strings{"Syria"}));
}

TEST(Tokenize, Numbers) {
  const std::string text = "1,000 3.5 2016. 20% $6 1, 2";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> words;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.kind, TokenKind::kNumber);
    words.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  EXPECT_EQ(words, (Strings{"1,000", "3.5", "2016", "20", "6", "1", "2"}));
}

TEST(Tokenize, NonLatinScriptsAreWords) {
  // Лавров, Αθήνα, Zürich, café, Arabic "سوريا", Hangul "서울"
  const std::string text =
      "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 "
      "Z\xC3\xBCrich caf\xC3\xA9. \xD8\xB3\xD9\x88\xD8\xB1\xD9\x8A\xD8\xA7 "
      "\xEC\x84\x9C\xEC\x9A\xB8";
  EXPECT_EQ(Words(text),
            (Strings{"\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2",
                     "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", "Z\xC3\xBCrich", "caf\xC3\xA9",
                     "\xD8\xB3\xD9\x88\xD8\xB1\xD9\x8A\xD8\xA7", "\xEC\x84\x9C\xEC\x9A\xB8"}));
}

TEST(Tokenize, CombiningMarksStayInWords) {
  EXPECT_EQ(Words("cafe\xCC\x81 ok"), (Strings{"cafe\xCC\x81", "ok"}));
}

TEST(Tokenize, CjkAndThaiCharactersAreSingleTokens) {
  // 中国外交部 -> five tokens; ひらがな and カタカナ one per character.
  EXPECT_EQ(Words("\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96"),
            (Strings{"\xE4\xB8\xAD", "\xE5\x9B\xBD", "\xE5\xA4\x96"}));
  EXPECT_EQ(Words("\xE3\x81\xB2\xE3\x82\xAB"), (Strings{"\xE3\x81\xB2", "\xE3\x82\xAB"}));
  // Latin letters before a Han character end at it; the ideographic full stop is no token.
  EXPECT_EQ(Words("iPhone\xE4\xB8\xAD\xE3\x80\x82"), (Strings{"iPhone", "\xE4\xB8\xAD"}));
  // Thai: ก + vowel sign ิ (a combining mark) stay together, then น.
  EXPECT_EQ(Words("\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x99"),
            (Strings{"\xE0\xB8\x81\xE0\xB8\xB4", "\xE0\xB8\x99"}));
}

TEST(Tokenize, EmojiAndSymbolsAreNotTokens) {
  EXPECT_EQ(Words("peace \xF0\x9F\x98\x80 \xE2\x82\xAC 5 \xC2\xA9 #tag @user"),
            (Strings{"peace", "5", "tag", "user"}));
}

TEST(Tokenize, InvalidUtf8IsSkipped) {
  EXPECT_EQ(Words("ab\xFF"
                  "cd \xE2\x80 ef \xC3"),
            (Strings{"ab", "cd", "ef"}));
}

TEST(Tokenize, WorksOnNormalizedText) {
  const std::string raw = "Kerry\xE2\x80\x99s \xE2\x80\x9CU.S.\xE2\x80\x9D anti\xE2\x80\x90terror";
  const std::string norm = NormalizeText(raw);
  EXPECT_EQ(Words(norm), (Strings{"kerry's", "u.s.", "anti-terror"}));
  EXPECT_EQ(Words(raw).size(), 3u);
}

TEST(Tokenize, HandlesMegabyteInput) {
  std::string big;
  while (big.size() < (1u << 20)) big += "Kerry\xE2\x80\x99s U.S. 1,000 \xE4\xB8\xAD \xFF ";
  std::vector<Token> tokens;
  Tokenize(big, &tokens);
  EXPECT_GT(tokens.size(), 100000u);
  for (size_t i = 1; i < tokens.size(); ++i) ASSERT_LE(tokens[i - 1].end, tokens[i].begin);
  EXPECT_LE(tokens.back().end, big.size());
}

TEST(TextFunctions, RandomBytesKeepInvariants) {
  // Mixes ASCII punctuation, letters and UTF-8 fragments so that every branch sees odd input.
  const std::string_view pieces[] = {"a",
                                     "Z",
                                     ".",
                                     " ",
                                     "\n",
                                     "'",
                                     "-",
                                     ",",
                                     "1",
                                     "\"",
                                     "\xE2\x80\x99",
                                     "\xE2\x80\x9D",
                                     "\xE4\xB8\xAD",
                                     "\xCC\x81",
                                     "\xE0\xB8\xB4",
                                     "\xFF",
                                     "\xE2\x80",
                                     "\xC3",
                                     "\xF0\x9F\x98\x80",
                                     "U.S.",
                                     "Mr.",
                                     "\xE2\x80\xA6"};
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t n = rng() % 40;
    for (size_t i = 0; i < n; ++i) text += pieces[pick(rng)];
    if (rng() % 2) {
      // Raw bytes as well.
      for (size_t i = rng() % 8; i > 0; --i) text.push_back(static_cast<char>(rng()));
    }
    const std::string norm = NormalizeText(text);
    ASSERT_TRUE(IsValidUtf8(norm)) << text;
    ASSERT_EQ(NormalizeText(norm), norm) << text;
    std::vector<Token> tokens;
    Tokenize(text, &tokens);
    Tokenize(norm, &tokens);
    for (const Token& t : tokens) ASSERT_LT(t.begin, t.end);
    std::vector<SentenceSpan> spans;
    SplitSentences(text, &spans);
    for (const SentenceSpan& s : spans) {
      ASSERT_LT(s.begin, s.end);
      ASSERT_LE(s.end, text.size());
    }
    ASSERT_LE(DatelineLength(text), text.size());
  }
}

}  // namespace
}  // namespace storyline
