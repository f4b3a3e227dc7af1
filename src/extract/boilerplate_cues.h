// Boilerplate cue phrases (internal): the one list of phrases that mark page furniture in text
// (comment forms, cookie banners, calls to action, section labels, photo credits, caption
// markers, in the languages of our evaluation pages) and the one matcher for them. The plain-text
// classifier (text_clean.cc), the HTML junk-block test (extract.cc) and the brief's sentence
// filter (summarize, through HasBoilerplateCue) all use it. Each phrase carries kinds that say
// how safe it is; each user decides which kinds it trusts and in how long a block (word limits in
// tuning.h).
//
// Text is matched in its NormalizeText form (case-folded, ASCII quotes and dashes) on word
// boundaries: a cue edge that is an ASCII letter or digit must not touch another letter or digit
// ("ad free" does not fire inside "Baghdad free", "subscribe" not inside "subscribers"); any
// other edge (punctuation, a symbol, a letter outside ASCII: "(l)", "©", "http://") needs no
// boundary. A cue may leave an edge open: a stem continues into a longer word ("relacionad" in
// "relacionados"), a compound tail ends one ("kommentar" in the German "Leserkommentare").
//
// Thread-safety: every function here is reentrant.

#ifndef STORYLINE_EXTRACT_BOILERPLATE_CUES_H_
#define STORYLINE_EXTRACT_BOILERPLATE_CUES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace storyline::extract {

// What a cue phrase says about the text that holds it; a phrase may have several kinds.
enum CueKind : uint16_t {
  // Never in article prose, at any length: comment forms, cookie banners, syndication notes.
  kStrongCue = 1 << 0,
  // Calls to action and widget phrases of web pages ("subscribe", "read more", "log in"): in a
  // short unit that is not a plain statement they are boilerplate; a sentence that holds one
  // does not belong in a brief.
  kActionCue = 1 << 1,
  // Photo credits and agency marks ("© POOL/AFP", "Photo: ...", "(photos by").
  kCreditCue = 1 << 2,
  // Where-in-the-picture markers of captions ("(L)", "(left to right)"), unless someone speaks.
  kPositionCue = 1 << 3,
  // Template placeholders a page left unfilled ("%s", "{{").
  kPlaceholderCue = 1 << 4,
  // The start of a web address.
  kAddressCue = 1 << 5,
  // Labels that open a boilerplate line ("Tags:", "Quelle:").
  kLabelCue = 1 << 6,
  // Phrases that open a boilerplate line unless it is a sentence ("Related articles", "Lesen
  // Sie auch").
  kLeadCue = 1 << 7,
  // Phrases that open a comment section ("Leave a reply", "View comments").
  kCommentHeaderCue = 1 << 8,
  // Widget words and phrases that running text also uses ("Kommentar", "comments", "sign in",
  // "en savoir plus"): only a short block of a web page is judged by them.
  kPageLabelCue = 1 << 9,
  // Widget labels only when they are the whole block ("Share", "Menu", "Weiter").
  kWholeLabelCue = 1 << 10,
  // Credit labels that end an image caption ("... Foto: dpa", "Bildquelle: ARD"); inside a longer
  // text they may be prose ("movement within a photo: waves").
  kCaptionCreditCue = 1 << 11,
  // Calls to action that news sentences also say ("ad-free", "continue reading"): boilerplate
  // only in a short unit that is not a plain statement ("Netflix said its ad-free tier grew.").
  kSoftActionCue = 1 << 12,
};

// Kinds that mark boilerplate wherever they appear in a sentence of any length: what
// HasBoilerplateCue looks for.
inline constexpr uint16_t kSentenceCueKinds =
    kStrongCue | kActionCue | kPositionCue | kPlaceholderCue | kAddressCue;
// Credits end captions ("... (AP Photo/Evan Vucci)", "Foto: dpa"); inside a sentence they are
// often prose ("a Reuters/Ipsos poll", "a file photo of the suspect"), so HasBoilerplateCue looks
// for them only where captions put them: opening the sentence ("Photo: ...") or in its tail
// (tuning.h's kSentenceCreditTailBytes).
inline constexpr uint16_t kSentenceCreditKinds = kCreditCue | kCaptionCreditCue;

// Which edges of a cue may touch other letters.
enum CueEdges : uint8_t {
  kWordEdges = 0,  // a whole word or phrase
  kOpenEnd = 1,    // a stem: may continue into a longer word
  kOpenStart = 2,  // a compound tail: may end a longer word
  kOpenBoth = kOpenEnd | kOpenStart,
};

struct BoilerplateCue {
  std::string_view phrase;     // NormalizeText form, at least two bytes
  uint16_t kinds;              // CueKind bits
  uint8_t edges = kWordEdges;  // CueEdges
};

// The phrase list; every phrase occurs once.
std::span<const BoilerplateCue> BoilerplateCues();

// The kinds, among `kinds`, of the cues found in `normalized` starting at byte `from` or later.
uint16_t FindCues(std::string_view normalized, uint16_t kinds, size_t from = 0);

// The kinds, among `kinds`, of the cues that open `normalized`.
uint16_t LeadingCues(std::string_view normalized, uint16_t kinds);

// The kinds, among `kinds`, of the cues that are the whole of `normalized`.
uint16_t WholeCues(std::string_view normalized, uint16_t kinds);

// True when `normalized` opens with `words` on a word boundary (the matcher's rule for any
// phrase, cue or not: "copyright" opens "copyright 2019", not "copyrighted").
bool StartsWithWords(std::string_view normalized, std::string_view words);

// True when `normalized` (NormalizeText output) holds, on word boundaries, a cue of
// kSentenceCueKinds, or a credit in its tail: a sentence no reader of a brief should see.
bool HasBoilerplateCue(std::string_view normalized);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_BOILERPLATE_CUES_H_
