// Internals of plain-text boilerplate removal, exposed for tests.

#ifndef STORYLINE_EXTRACT_TEXT_CLEAN_INTERNAL_H_
#define STORYLINE_EXTRACT_TEXT_CLEAN_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "storyline/text.h"

namespace storyline::extract {

// What the line classifier makes of one unit: a line, or the lines of one sentence group of a
// hard-wrapped paragraph.
enum class UnitKind : uint8_t {
  kContent = 0,       // article text or a heading
  kJunk = 1,          // boilerplate whatever its neighbours are
  kCommentStart = 2,  // header of a comment section ("Leave a Reply", "3 Responses to ..."):
                      // junk, and so is everything after it
};

// The shape of a unit that CleanText needs when it looks at neighbours.
struct UnitShape {
  int words = 0;               // word and number tokens
  bool ends_sentence = false;  // last character (before closing quotes/brackets) is . ! ? or ...
  bool ends_colon = false;     // last character is ':' (a lead-in: "Read more at:")
  bool links = false;          // mostly web or mail addresses
};

// Classifies one unit on its own, from its NormalizeText form (neighbours are looked at later by
// CleanText). `scratch` is reused token storage (cleared here); `shape`, when not null, receives
// the unit's shape.
UnitKind ClassifyUnit(std::string_view normalized, std::vector<Token>* scratch,
                      UnitShape* shape = nullptr);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_TEXT_CLEAN_INTERNAL_H_
