// Names in running text (internal): what makes a word part of a name of a person, place or
// organisation, for story vectors (cluster) and story entities (summarize) alike.

#ifndef STORYLINE_TEXT_NAMES_H_
#define STORYLINE_TEXT_NAMES_H_

#include <cstddef>
#include <string_view>

namespace storyline::text {

// True when `word` starts with an upper-case or title-case letter of any script (Unicode
// categories Lu and Lt: "Kerry", "Élysée", "Łódź", "Москва"; not "łódź", "×" or a digit).
bool StartsWithCapital(std::string_view word);

// A word of a name: capitalised, or an Arabic article glued to a capitalised word ("al-Assad",
// "el-Sisi", "bin-Laden").
bool IsNameWord(std::string_view word);

// True when the token at byte `begin` of `text` opens a sentence (the start of the text, or
// after '.', '!', '?', ':', a line break or a dash, looking past spaces, quotes and brackets),
// where a capital letter says nothing about the word.
bool OpensSentence(std::string_view text, size_t begin);

// `word` without a final possessive "'s" or "’s" ("Kerry's" -> "Kerry"); `word` otherwise.
std::string_view StripPossessive(std::string_view word);

// The functions below take case-folded words (NormalizeText), without a final dot ("gen", not
// "gen.").

// Words joining two capitalised words inside one name: "Bank of England", "Abu al Bakr",
// "Ludwig van Beethoven".
bool IsNameJoiner(std::string_view folded);

// Capitalised words that are no name on their own: days and months (IsCalendarName), function
// words that open sentences ("The", "However"), headline furniture ("Update", "Photo") and "said".
bool IsStopName(std::string_view folded);

// Titles and honorifics written before a name ("Secretary", "Gen", "Foreign", "Former"): not
// part of the name, and evidence that a person follows.
bool IsPersonTitle(std::string_view folded);

// Capitalised words that many unrelated names share, so that sharing them says nothing about
// two reports being about one event: "Police", "County", "University", "North", "New", and the
// wire agencies that credit half of all stories.
bool IsCommonNameWord(std::string_view folded);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_NAMES_H_
