// The extract stage's tuning numbers (internal), in one place: every threshold that trades what
// the extractor keeps against what it drops, for HTML pages (extract.cc), page dates (dates.cc)
// and plain text (text_clean.cc). Each comment says what the number trades. The HTML figures were
// measured on WCXB dev and trafilatura-eval (eval/extract_wcxb.py, eval/extract_trafilatura.py),
// the plain-text ones on the CleanText seeds (text_clean_test.cc): change one only with those
// evaluations. Bookkeeping numbers (buffer reserves, parser limits) stay beside their code.

#ifndef STORYLINE_EXTRACT_TUNING_H_
#define STORYLINE_EXTRACT_TUNING_H_

#include <cstddef>
#include <cstdint>

namespace storyline::extract {

// ---- HTML: linearise and mark regions ------------------------------------------------------

// Class/id words longer than this are generated ids, not names: no cue is looked for in them.
inline constexpr size_t kMaxClassWordBytes = 63;
// Chinese and Japanese ideographs or kana per counted word; lower weighs their prose more
// against the page's spaced-language furniture.
inline constexpr uint32_t kCjkCharsPerWord = 2;
// Share of a paragraph's words inside links above which it is a link list, not prose; higher
// keeps link-rich prose and also more menus.
inline constexpr double kMaxProseLinkDensity = 0.5;
// A paragraph is furniture when more than this share (%) of its words sit in inline elements
// named as furniture (a byline <span>); lower drops more prose with an inline credit.
inline constexpr uint32_t kMaxFurnitureWordPercent = 50;
// An ad-named element holding a paragraph of this many words hosts an ad between prose and is
// not furniture; higher drops more such sections with their prose.
inline constexpr uint32_t kMinAdHostParagraphWords = 30;
// A furniture-named element holding this share (%) of the page's prose or more is a wrapper
// (page builder, ASP.NET <form>), not furniture; lower keeps more real furniture as wrappers.
inline constexpr uint32_t kWrapperProsePercent = 40;

// ---- HTML: paragraph values and the container ------------------------------------------------

// Value of a furniture paragraph per word and per paragraph: how hard furniture pulls a
// container down; more negative picks tighter containers and loses more split articles.
inline constexpr double kFurnitureValuePerWord = -0.5;
inline constexpr double kFurnitureValue = -2;
// Value of a link list per word and per paragraph.
inline constexpr double kLinkListValuePerWord = -1.0;
inline constexpr double kLinkListValue = -1;
// Value of a heading per word: headings belong to articles but are not prose.
inline constexpr double kHeadingValuePerWord = 0.5;
// Paragraphs under this many words (dates, bylines, labels) count kShortFragmentPenalty against
// their container, except link-free list and table items.
inline constexpr uint32_t kMinFragmentWords = 6;
inline constexpr double kShortFragmentPenalty = 3;
// Bonus of a paragraph that ends like a sentence (the signature of prose).
inline constexpr double kSentenceEndBonus = 3;
// Factor on paragraph values inside marked article bodies (article, main, articleBody):
// positive values pull harder, negative ones count less.
inline constexpr double kPositiveRegionGain = 1.5;
inline constexpr double kPositiveRegionDamping = 0.5;
// A sibling of the container joins it when it scores at least this share of the container and
// at least kMinSiblingScore (a second body block after an ad); lower adds more side boxes.
inline constexpr double kSiblingScoreShare = 0.2;
inline constexpr double kMinSiblingScore = 10.0;

// ---- HTML: junk blocks inside the container -----------------------------------------------

// Blocks up to this many words are tested for boilerplate cues (calls to action, labels);
// higher also drops longer sentences that mention "newsletter" or "comments".
inline constexpr uint32_t kMaxJunkBlockWords = 12;
// Blocks up to this many words may be an image caption ending in its credit ("... Foto: dpa").
inline constexpr uint32_t kMaxCreditBlockWords = 30;
// A caption's credit starts within this many bytes of the block's end (raw text for the cheap
// test, folded text for the cue match); longer lets more prose ending in "Source: ..." go.
inline constexpr size_t kCreditTailBytes = 64;
inline constexpr size_t kCreditCueTailBytes = 59;
// In a sentence (the brief's filter) a credit must start this close to its end: a caption's
// "(AP Photo/Evan Vucci)" does, "a Reuters/Ipsos poll released on Tuesday" does not.
inline constexpr size_t kSentenceCreditTailBytes = 24;
// Short blocks up to this many words under a byline/date/meta class are metadata, not body.
inline constexpr uint32_t kMaxWeakCueBlockWords = 12;
// After the last paragraph of at least kMinBodyParagraphWords words, blocks of up to
// kMaxTrailingBlockWords words without sentence punctuation are page furniture ("Contact").
inline constexpr uint32_t kMinBodyParagraphWords = 15;
inline constexpr uint32_t kMaxTrailingBlockWords = 10;
// A trailing question of up to this many words is a call to action ("Like this recipe?").
inline constexpr uint32_t kMaxTrailingQuestionWords = 8;
// The title repeated as one of the first this many blocks is dropped from the body, with the
// labels above it (kicker, breadcrumb) of up to kMaxTitleLabelWords words each.
inline constexpr size_t kTitleRepeatBlocks = 4;
inline constexpr uint32_t kMaxTitleLabelWords = 5;

// ---- HTML: fallbacks ---------------------------------------------------------------------

// A script template ("text/template", Blogger) is extracted when the page body has fewer than
// kMaxWordsForTemplate words and the template more than kMinTemplateBytes bytes; it replaces the
// body when it has more than kTemplateWordGain times its words and more than kMinTemplateWords.
inline constexpr uint32_t kMaxWordsForTemplate = 150;
inline constexpr size_t kMinTemplateBytes = 500;
inline constexpr uint32_t kTemplateWordGain = 2;
inline constexpr uint32_t kMinTemplateWords = 100;
// Bytes at the start of a page searched for NUL bytes (binary data); more catches more binary
// files late, at a cost on every page.
inline constexpr size_t kBinaryProbeBytes = 4096;

// ---- HTML: title -------------------------------------------------------------------------

// An <h1> is the headline when at least this share of its words occur in the metadata titles;
// lower takes more section names and logos.
inline constexpr double kMinH1TitleOverlap = 0.5;
// Words an <h1> needs to be a headline at all, and inside the article container with any word
// overlap.
inline constexpr size_t kMinH1Words = 2;
inline constexpr size_t kMinArticleH1Words = 3;
// A <title> of up to this many words (no og:title or JSON-LD headline) is the site's name when
// the container's <h1> has kMinH1WordsOverSiteTitle words or more.
inline constexpr size_t kMaxSiteTitleWords = 3;
inline constexpr size_t kMinH1WordsOverSiteTitle = 5;
// A title part names the site when at least this many of its letters and digits, run together,
// occur in the page's host ("FASSETTE.NET" in fassette.net); lower cuts more headline words.
inline constexpr size_t kMinSiteNameChars = 4;
// Rounds of site-part removal in a metadata title ("A | Section | Site").
inline constexpr int kTitleCutRounds = 3;
// Without a known site name, a last title part of up to kMaxSiteTailWords words after a headline
// of at least kMinTitleHeadWords words is the site; higher cuts more subtitles.
inline constexpr size_t kMaxSiteTailWords = 4;
inline constexpr size_t kMinTitleHeadWords = 3;
// A breadcrumb lead of up to this many words before a longer rest is the site or section.
inline constexpr size_t kMaxBreadcrumbLeadWords = 3;
// An <h1> trimmed to a metadata title needs this many words; a kicker before the headline has up
// to kMaxH1KickerWords words and leaves kMinKickerHeadlineWords; a subtitle after it has at least
// kMinSubtitleWords words after a headline of at least as many.
inline constexpr size_t kMinTrimmedH1Words = 3;
inline constexpr size_t kMaxH1KickerWords = 6;
inline constexpr size_t kMinKickerHeadlineWords = 2;
inline constexpr size_t kMinSubtitleWords = 3;

// ---- HTML: date, author ------------------------------------------------------------------

// The date printed around the headline is looked for in kDateBlocksScanned blocks from
// kDateBlocksBeforeHeadline blocks above it; more finds more dates and more wrong ones.
inline constexpr size_t kDateBlocksBeforeHeadline = 3;
inline constexpr size_t kDateBlocksScanned = 23;
// Header blocks longer than this are never searched for the printed date.
inline constexpr uint32_t kMaxDateBlockWords = 80;
// A block of up to this many words is a date line; a longer one needs a cue ("Published").
inline constexpr uint32_t kMaxDateLineWords = 30;
// Texts longer than this (bytes) are not dates (a date element's whole article).
inline constexpr size_t kMaxDateTextBytes = 200;
// Publication dates outside these years are implausible (typos, epoch zero, far future).
inline constexpr int kMinPlausibleYear = 1990;
inline constexpr int kMaxPlausibleYear = 2099;
// Date elements and bylines remembered per page, in document order.
inline constexpr size_t kMaxDateElements = 16;
inline constexpr size_t kMaxBylines = 8;
// A byline's name has at most this many words once "By" and titles are removed.
inline constexpr size_t kMaxBylineWords = 5;
// JSON-LD nesting searched for the article object.
inline constexpr int kMaxJsonLdDepth = 8;

// ---- Plain text: the unit classifier (text_clean.cc) ----------------------------------------

// Strong cues ("you are commenting using") are looked for in units of up to this many words;
// higher catches boilerplate run into prose and costs a scan of every long paragraph.
inline constexpr int kMaxCueWords = 80;
// Calls to action ("Subscribe", "Go ad-free!") and widget vocabulary make a unit junk only up to
// this many words; higher drops short news lines that mention them.
inline constexpr int kMaxShortCueWords = 12;
// Label and phrase prefixes ("Tags:", "Related articles") make a unit junk up to this many words.
inline constexpr int kMaxPrefixWords = 30;
// Photo credits and position markers make a unit junk up to this many words (captions).
inline constexpr int kMaxCaptionWords = 70;
// A caption noun ("photo", "grab") opens a caption at most at this word index ("A video grab").
inline constexpr size_t kMaxCaptionNounIndex = 2;
// Comment-section headers ("3 Comments", "Leave a Reply") have at most this many words.
inline constexpr int kMaxCommentHeaderWords = 15;
// Menus: at least kMinMenuSeparators separators ("|", ">") with at most kMaxMenuItemWords words
// per item.
inline constexpr int kMinMenuSeparators = 2;
inline constexpr int kMaxMenuItemWords = 4;
// A comma-separated run of at least kMinKeywordListItems items of at most kMaxKeywordItemWords
// words without a function word is a keyword list ("Syria, Russia, Kerry, Lavrov").
inline constexpr int kMinKeywordListItems = 4;
inline constexpr int kMaxKeywordItemWords = 3;

// ---- Plain text: neighbours and hard wraps (text_clean.cc) ----------------------------------

// Short untitled units (at most kMaxShortWords words, runs of at most kMaxShortRun) squeezed
// between junk after the article has started are junk; higher drops more short real lines.
inline constexpr int kMaxShortWords = 6;
inline constexpr int kMaxShortRun = 4;
// A lead-in ("... at the following addresses:") of up to this many words goes with the link
// list it introduces.
inline constexpr int kMaxLeadInWords = 30;
// Hard wraps are recognised in paragraphs whose longest line has at least kMinWrapWidth bytes:
// a line of at least kWrapLinePercent % of it runs on into the next.
inline constexpr size_t kMinWrapWidth = 40;
inline constexpr size_t kWrapLinePercent = 60;

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_TUNING_H_
