// Text analysis shared by every stage: normalisation, word tokens and sentences.
//
// All functions take and return UTF-8. They are pure and thread-safe.

#ifndef STORYLINE_TEXT_H_
#define STORYLINE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace storyline {

// Returns `text` in the form used for matching: Unicode NFKC with full case folding, typographic
// quotes/apostrophes mapped to ASCII ' and ", dashes (U+2010..U+2015, U+2212) to '-', every run of
// whitespace (including NBSP and line breaks) collapsed to one ASCII space, no leading or trailing
// space. Invalid UTF-8 sequences become U+FFFD.
std::string NormalizeText(std::string_view text);

enum class TokenKind : uint8_t {
  kWord = 0,    // letters (any script), possibly with inner apostrophes, hyphens or dots ("U.S.")
  kNumber = 1,  // starts with a digit: "19", "3.5", "1,000", "2016", "covid-19" is a word
};

// A token is a byte range [begin, end) of the text it was found in.
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
};

// Appends the word and number tokens of `text` to `*out` (which is not cleared).
// Rules: a token is a maximal run of letters, marks and digits; an apostrophe (' or U+2019) or a
// hyphen joins two such runs ("don't", "O'Brien", "al-Assad", "anti-terrorism"); a dot joins single
// letters into an abbreviation ("U.S.", "a.m." keep their final dot); ',' or '.' between digits
// stays inside a number ("1,000", "3.5"). Each Han, Hiragana, Katakana or Thai character is a
// token of its own (no dictionary segmentation). Punctuation, quotes and symbols are never tokens.
// REQUIRES: text.size() < 4 GiB.
void Tokenize(std::string_view text, std::vector<Token>* out);

// A sentence is a byte range [begin, end) of the text, trimmed of surrounding whitespace.
struct SentenceSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Appends the sentences of `text` to `*out` (which is not cleared). A blank line always ends a
// sentence; '.', '!', '?' and '…' (with trailing quotes/brackets) end one when the next word starts
// a sentence, except after abbreviations (Mr., Gen., U.S., U.N., a.m., Jan., initials). A single
// line break inside a hard-wrapped paragraph is a space; a line without final punctuation that is
// followed by a line break ends a sentence when the paragraph is not hard-wrapped (headings,
// captions, lists).
void SplitSentences(std::string_view text, std::vector<SentenceSpan>* out);

// Returns the length in bytes of a news dateline at the start of `text` ("LONDON/MOSCOW, July 19 ",
// "MOSCOW (AFP) – ", "WASHINGTON (Reuters) - ", "BEIRUT, Lebanon (AP) — "), including the
// whitespace and dash that follow it, or 0 when `text` does not start with a dateline.
size_t DatelineLength(std::string_view text);

// Returns true when `text` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
// On failure and when `error_offset` is not null, stores the byte offset of the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* error_offset = nullptr);

}  // namespace storyline

#endif  // STORYLINE_TEXT_H_
