// Plain-text boilerplate removal: a line classifier plus per-outlet template learning.
//
// The unit of classification is a line, except inside a hard-wrapped paragraph, where a physical
// line is usually a fragment of a sentence: there the lines that make up one sentence group are
// classified (and kept or dropped) together, so a wrapped line such as "Syria." is never judged
// on its own. Units are first classified alone (cue phrases, links, vocabulary, captions), then
// by their neighbours (comment sections run to the end; a lead-in "...at:" goes with the link
// list it introduces; short untitled lines between junk lines after the article body are junk).
// Template lines learned per outlet are dropped whatever they say.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status_macros.h"
#include "extract/boilerplate_cues.h"
#include "extract/text_clean_internal.h"
#include "extract/tuning.h"
#include "storyline/extract.h"
#include "storyline/text.h"
#include "text/stopwords.h"
#include "text/template_lines.h"
#include "text/words.h"

namespace storyline {
namespace extract {

namespace {

// ---- Word lists (all in NormalizeText form: case-folded, ASCII quotes and dashes) ----------
// The cue phrases are boilerplate_cues.h's.

// Boilerplate vocabulary: a short line made only of these words (plus function words and
// numbers) is a widget label ("Share", "SHARE THIS ARTICLE", "Email (required)", "Facebook
// photo", "Read more", "Advertisement"). Sorted for binary search.
constexpr std::string_view kBoilerplateWords[] = {"accept",
                                                  "account",
                                                  "ad",
                                                  "ad-free",
                                                  "ads",
                                                  "advert",
                                                  "advertisement",
                                                  "advertisements",
                                                  "advertising",
                                                  "adverts",
                                                  "afp",
                                                  "app",
                                                  "article",
                                                  "articles",
                                                  "audio",
                                                  "back",
                                                  "bookmark",
                                                  "bookmarks",
                                                  "cancel",
                                                  "click",
                                                  "clipboard",
                                                  "close",
                                                  "collapse",
                                                  "comment",
                                                  "comments",
                                                  "contact",
                                                  "content",
                                                  "continue",
                                                  "cookie",
                                                  "cookies",
                                                  "copy",
                                                  "courtesy",
                                                  "credit",
                                                  "credits",
                                                  "digg",
                                                  "donate",
                                                  "download",
                                                  "e-mail",
                                                  "email",
                                                  "embed",
                                                  "epa",
                                                  "expand",
                                                  "facebook",
                                                  "feed",
                                                  "flipboard",
                                                  "follow",
                                                  "free",
                                                  "gallery",
                                                  "getty",
                                                  "google",
                                                  "handout",
                                                  "headlines",
                                                  "here",
                                                  "hide",
                                                  "home",
                                                  "icon",
                                                  "image",
                                                  "images",
                                                  "instagram",
                                                  "join",
                                                  "latest",
                                                  "link",
                                                  "linkedin",
                                                  "links",
                                                  "listen",
                                                  "loading",
                                                  "log",
                                                  "login",
                                                  "logo",
                                                  "logout",
                                                  "mail",
                                                  "menu",
                                                  "messenger",
                                                  "name",
                                                  "navigation",
                                                  "news",
                                                  "newsletter",
                                                  "newsletters",
                                                  "next",
                                                  "notify",
                                                  "page",
                                                  "password",
                                                  "permalink",
                                                  "photo",
                                                  "photos",
                                                  "picture",
                                                  "pictures",
                                                  "pin",
                                                  "pinterest",
                                                  "podcast",
                                                  "policy",
                                                  "popular",
                                                  "post",
                                                  "posted",
                                                  "posts",
                                                  "prev",
                                                  "previous",
                                                  "print",
                                                  "print-friendly",
                                                  "privacy",
                                                  "profile",
                                                  "promoted",
                                                  "read",
                                                  "reading",
                                                  "recommend",
                                                  "recommended",
                                                  "reddit",
                                                  "register",
                                                  "related",
                                                  "replies",
                                                  "reply",
                                                  "required",
                                                  "response",
                                                  "responses",
                                                  "retweet",
                                                  "reuters",
                                                  "rss",
                                                  "save",
                                                  "search",
                                                  "see",
                                                  "send",
                                                  "share",
                                                  "shared",
                                                  "shares",
                                                  "sharing",
                                                  "show",
                                                  "sign",
                                                  "site",
                                                  "skip",
                                                  "slideshow",
                                                  "sms",
                                                  "sponsored",
                                                  "stories",
                                                  "story",
                                                  "submit",
                                                  "subscribe",
                                                  "subscribed",
                                                  "support",
                                                  "tag",
                                                  "tags",
                                                  "tap",
                                                  "telegram",
                                                  "terms",
                                                  "toggle",
                                                  "top",
                                                  "trending",
                                                  "tumblr",
                                                  "tweet",
                                                  "tweets",
                                                  "twitter",
                                                  "unsubscribe",
                                                  "updates",
                                                  "username",
                                                  "video",
                                                  "videos",
                                                  "view",
                                                  "vk",
                                                  "watch",
                                                  "website",
                                                  "whatsapp",
                                                  "youtube"};
static_assert(std::is_sorted(std::begin(kBoilerplateWords), std::end(kBoilerplateWords)));

// Comment-section headers besides the cue phrases: "<n> Responses/Comments".
constexpr std::string_view kCountWords[] = {"one", "two",   "three", "four", "five",
                                            "six", "seven", "eight", "nine", "ten"};
constexpr std::string_view kCommentNouns[] = {"response", "responses", "comment",  "comments",
                                              "reply",    "replies",   "thoughts", "reactions"};

// Reporting verbs: captions describe a picture, they do not quote anyone.
constexpr std::string_view kReportingWords[] = {"said",  "says",      "say",   "told",
                                                "tells", "according", "added", "stated"};
// Nouns that open a caption sentence ("A video grab ... shows ...").
constexpr std::string_view kCaptionNouns[] = {"photo",      "photos",     "picture", "pictures",
                                              "image",      "images",     "grab",    "screengrab",
                                              "screenshot", "photograph", "handout"};
// How captions open ("A picture taken ...", "This handout photo ..."); "The photo shows" is
// how articles talk about a picture.
constexpr std::string_view kCaptionOpeners[] = {"a", "an", "this", "file", "undated", "handout"};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool IsBoilerplateWord(std::string_view word) {
  return std::binary_search(std::begin(kBoilerplateWords), std::end(kBoilerplateWords), word);
}

// Strips closing quotes and brackets so `He said "no."` ends a sentence. Works on raw and
// normalised text (typographic closing quotes and guillemets included).
std::string_view TrimClosers(std::string_view s) {
  while (!s.empty()) {
    const char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*') {
      s.remove_suffix(1);
    } else if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99")) {  // ” ’
      s.remove_suffix(3);
    } else if (s.ends_with("\xC2\xBB")) {  // »
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

bool EndsSentence(std::string_view s) {
  s = TrimClosers(s);
  if (s.empty()) return false;
  const char c = s.back();
  return c == '.' || c == '!' || c == '?' || s.ends_with("\xE2\x80\xA6");  // …
}

// A whitespace-separated word that is a web or mail address: "www.example.org",
// "https://x.com/a", "example.co.uk/news", "desk@example.com". Abbreviations ("u.s.", "a.m.")
// and numbers ("3.5") are not.
bool LooksLikeAddress(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ',' || w.back() == ';' || w.back() == ')' ||
                        w.back() == '"' || w.back() == '\'')) {
    w.remove_suffix(1);
  }
  while (!w.empty() &&
         (w.front() == '(' || w.front() == '"' || w.front() == '\'' || w.front() == '<')) {
    w.remove_prefix(1);
  }
  if (w.size() < 4) return false;
  if (w.starts_with("http:") || w.starts_with("https:") || w.starts_with("www.") ||
      w.find("://") != std::string_view::npos) {
    return true;
  }
  std::string_view host = w.substr(0, w.find('/'));
  if (const size_t at = host.find('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot < 2) return false;
  const std::string_view tld = host.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 6) return false;
  for (const char c : tld) {
    if (c < 'a' || c > 'z') return false;
  }
  // "U.S.A" style abbreviations have one-letter labels everywhere.
  const size_t prev_dot = host.rfind('.', dot - 1);
  const size_t label_begin = prev_dot == std::string_view::npos ? 0 : prev_dot + 1;
  return dot - label_begin >= 2;
}

// Navigation separators: "Home | World | Middle East", "News > Politics", "A • B". ("»" is
// already a '"' after NormalizeText, indistinguishable from a quote.)
int CountSeparators(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '|' || (s[i] == '>' && i > 0 && s[i - 1] == ' ')) {
      ++n;
    } else if (s.compare(i, 3, "\xE2\x80\xBA") == 0 || s.compare(i, 3, "\xE2\x80\xA2") == 0 ||
               s.compare(i, 2, "\xC2\xB7") == 0) {  // › • ·
      ++n;
    }
  }
  return n;
}

bool IsCommentHeader(std::string_view n, const std::vector<Token>& tokens, bool ends_sentence) {
  if (tokens.empty() || static_cast<int>(tokens.size()) > kMaxCommentHeaderWords) return false;
  if (LeadingCues(n, kCommentHeaderCue) != 0) return true;
  if (ends_sentence) return false;  // "Two responses to the crisis emerged." is news
  auto word = [&](size_t i) { return n.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); };
  // "3 Comments", "One Response to "Headline"", "Two thoughts on "Headline"".
  if (tokens.size() >= 2 && tokens[0].begin <= 1 &&
      (tokens[0].kind == TokenKind::kNumber || InList(kCountWords, word(0))) &&
      InList(kCommentNouns, word(1))) {
    return true;
  }
  // A bare "Comments" / "Comments (12)" heading.
  return tokens.size() <= 2 && tokens[0].begin == 0 &&
         (word(0) == "comments" || word(0) == "comment") &&
         (tokens.size() == 1 || tokens[1].kind == TokenKind::kNumber);
}

// What the words of a unit are: counts by kind and the caption signals among them.
struct UnitWords {
  int words = 0;                 // word and number tokens
  int numbers = 0;               // number tokens
  int stops = 0;                 // function words
  int boilerplate = 0;           // boilerplate vocabulary
  int other = 0;                 // any other word
  bool reporting = false;        // a reporting verb ("said"): a quote, not a caption
  bool shows = false;            // "shows", as captions describe a picture
  bool caption_opening = false;  // opens like a caption ("A picture taken ...")
};

UnitWords CountUnitWords(std::string_view n, const std::vector<Token>& tokens) {
  UnitWords u;
  u.words = static_cast<int>(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kNumber) {
      ++u.numbers;
      continue;
    }
    const std::string_view w = n.substr(t.begin, t.end - t.begin);
    if (text::IsStopword(w)) {
      ++u.stops;
    } else if (IsBoilerplateWord(w)) {
      ++u.boilerplate;
    } else {
      ++u.other;
    }
    u.reporting |= InList(kReportingWords, w);
    if (w == "shows") u.shows = true;
    if (i > 0 && i <= kMaxCaptionNounIndex && InList(kCaptionNouns, w) &&
        InList(kCaptionOpeners, n.substr(tokens[0].begin, tokens[0].end - tokens[0].begin))) {
      u.caption_opening = true;
    }
  }
  return u;
}

// Markup that leaked into the text: "<figcaption>...</figcaption>", "<img src=...>". Not a line
// that only starts with a tag name ("<title>: the review's title").
bool IsLeakedMarkup(std::string_view n, std::string_view trimmed) {
  return n.size() > 2 && n[0] == '<' &&
         ((n[1] >= 'a' && n[1] <= 'z') || n[1] == '/' || n[1] == '!') &&
         (trimmed.back() == '>' || n.find("</") != std::string_view::npos);
}

// Junk by its cue phrases: comment forms and banners, short calls to action, labels, credits,
// position markers and caption sentences. `statement` is a sentence that does not exclaim.
bool HasJunkCues(std::string_view n, const std::vector<Token>& tokens, const UnitWords& u,
                 bool statement) {
  constexpr uint16_t kAnywhere =
      kStrongCue | kActionCue | kSoftActionCue | kCreditCue | kPositionCue | kPlaceholderCue;
  const uint16_t cues = u.words <= kMaxCueWords ? FindCues(n, kAnywhere) : 0;
  if (cues & kStrongCue) return true;
  if (u.words <= kMaxShortCueWords && !statement && (cues & (kActionCue | kSoftActionCue))) {
    return true;
  }
  if (u.words <= kMaxPrefixWords) {
    const uint16_t leading = LeadingCues(n, kLabelCue | kLeadCue);
    if (leading & kLabelCue) return true;
    if (!statement && (leading & kLeadCue)) return true;
    // "Copyright 2019 ...", not "Copyright law ...".
    if (StartsWithWords(n, "copyright") && tokens.size() > 1 &&
        (tokens[1].kind == TokenKind::kNumber || n.find("\xC2\xA9") != std::string_view::npos ||
         n.find("(c)") != std::string_view::npos)) {
      return true;
    }
    if (cues & kPlaceholderCue) return true;
  }
  if (u.words <= kMaxCaptionWords) {
    if (cues & kCreditCue) return true;
    if (!u.reporting && (cues & kPositionCue)) return true;
    // "A picture taken on May 3 shows ...": a caption describes, in the present tense, in one
    // sentence.
    if (!u.reporting && u.caption_opening && u.shows) {
      std::vector<SentenceSpan> sentences;
      SplitSentences(n, &sentences);
      if (sentences.size() == 1) return true;
    }
  }
  return false;
}

// Mostly addresses: link lists, "www.example.com", "Source: https://...".
bool IsMostlyAddresses(std::string_view n) {
  int spaced_words = 0;
  int addresses = 0;
  for (size_t pos = 0; pos < n.size();) {
    size_t end = n.find(' ', pos);
    if (end == std::string_view::npos) end = n.size();
    if (end > pos) {
      ++spaced_words;
      if (LooksLikeAddress(n.substr(pos, end - pos))) ++addresses;
    }
    pos = end + 1;
  }
  return addresses > 0 && addresses * 2 >= spaced_words;
}

// Junk by its shape: menus and breadcrumbs, widget labels, keyword lists.
bool HasJunkShape(std::string_view n, const UnitWords& u, bool ends_sentence, bool statement,
                  std::string_view trimmed) {
  // Menus and breadcrumbs: several separators between a few words each. Figures mean a table
  // row ("Maine | 63.9"), which is content.
  const int separators = CountSeparators(n);
  if (separators >= kMinMenuSeparators && u.numbers == 0 && !ends_sentence &&
      u.words <= (separators + 1) * kMaxMenuItemWords) {
    return true;
  }
  // Widget labels: nothing but boilerplate vocabulary ("Share", "Twitter picture", "Read more").
  // Not with figures ("YouTube $0.10 per view") or as a question ("Is there an app?").
  if (u.words <= kMaxShortCueWords && u.boilerplate > 0 && u.other == 0 && u.numbers == 0 &&
      !statement && !trimmed.ends_with('?')) {
    return true;
  }
  // Keyword lists: short comma-separated items, not one function word, no sentence end. Figures,
  // colons and list bullets mean a spec sheet or a product list instead.
  if (u.stops == 0 && u.numbers == 0 && !ends_sentence && n.find(':') == std::string_view::npos &&
      n[0] != '-' && n[0] != '*') {
    const int items = static_cast<int>(std::count(n.begin(), n.end(), ',')) + 1;
    if (items >= kMinKeywordListItems && u.words <= items * kMaxKeywordItemWords) return true;
  }
  return false;
}

}  // namespace

UnitKind ClassifyUnit(std::string_view n, std::vector<Token>* scratch, UnitShape* shape) {
  std::vector<Token>& tokens = *scratch;
  tokens.clear();
  Tokenize(n, &tokens);
  const UnitWords u = CountUnitWords(n, tokens);
  const bool ends_sentence = EndsSentence(n);
  const std::string_view trimmed = TrimClosers(n);
  const bool ends_colon = !trimmed.empty() && trimmed.back() == ':';
  if (shape != nullptr) {
    shape->words = u.words;
    shape->ends_sentence = ends_sentence;
    shape->ends_colon = ends_colon;
    shape->links = false;
  }

  // Punctuation only: tag-list residue (", , ,"), rules. (A lone number may be a table cell.)
  if (tokens.empty()) return UnitKind::kJunk;
  if (IsLeakedMarkup(n, trimmed)) return UnitKind::kJunk;
  if (IsCommentHeader(n, tokens, ends_sentence)) return UnitKind::kCommentStart;
  const bool statement = ends_sentence && !trimmed.ends_with('!');
  if (HasJunkCues(n, tokens, u, statement)) return UnitKind::kJunk;
  if (IsMostlyAddresses(n)) {
    if (shape != nullptr) shape->links = true;
    return UnitKind::kJunk;
  }
  if (HasJunkShape(n, u, ends_sentence, statement, trimmed)) return UnitKind::kJunk;
  return UnitKind::kContent;
}

}  // namespace extract

// ---- TemplateModel ---------------------------------------------------------------------------

struct TemplateModel::Rep {
  text::TemplateLines lines;
  std::vector<uint64_t> scratch;
};

TemplateModel::TemplateModel() : rep_(std::make_unique<Rep>()) {}
TemplateModel::~TemplateModel() = default;
TemplateModel::TemplateModel(TemplateModel&&) noexcept = default;
TemplateModel& TemplateModel::operator=(TemplateModel&&) noexcept = default;

void TemplateModel::Observe(std::string_view source, std::string_view text) {
  std::vector<uint64_t>& keys = rep_->scratch;
  keys.clear();
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    keys.push_back(text::LineKey(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  rep_->lines.Observe(source, keys);
}

namespace {

// The template rule on a line's count among `articles` of its outlet.
bool IsTemplateCount(uint32_t count, uint32_t articles, const TextCleanOptions& options) {
  // Hardened beyond the precondition: a line never seen is never template.
  const uint32_t min_articles = static_cast<uint32_t>(std::max(1, options.template_min_articles));
  return count > 0 && articles >= min_articles && count >= min_articles &&
         static_cast<double>(count) >= options.template_min_share * articles;
}

}  // namespace

bool TemplateModel::IsTemplate(std::string_view source, std::string_view line,
                               const TextCleanOptions& options) const {
  return IsTemplateCount(rep_->lines.Count(source, text::LineKey(line)),
                         rep_->lines.Articles(source), options);
}

uint64_t TemplateModel::Articles(std::string_view source) const {
  return rep_->lines.Articles(source);
}

std::string TemplateModel::Serialize() const {
  std::string bytes;
  ByteWriter w(&bytes);
  rep_->lines.Save(&w);
  return bytes;
}

Result<TemplateModel> TemplateModel::Deserialize(std::string_view bytes) {
  TemplateModel model;
  ByteReader r(bytes);
  if (!model.rep_->lines.Load(&r) || !r.done()) {
    return Status::Corruption("template model: damaged state");
  }
  return model;
}

// ---- CleanText -------------------------------------------------------------------------------

namespace {

bool StartsLowercase(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

// Whether physical line `cur` runs on into `next` inside one paragraph (a hard wrap), so the two
// belong to one sentence group. A wrapped line is long compared with its paragraph's longest line
// and stops without a sentence end; a line followed by a lowercase start is mid-sentence even
// after a period ("the U.S.\nand Russia").
bool RunsOn(std::string_view cur, std::string_view next, size_t longest_line) {
  if (StartsLowercase(next)) return true;
  const std::string_view body = extract::TrimClosers(cur);
  if (body.empty()) return false;
  if (extract::EndsSentence(cur) || body.back() == ':') return false;
  const char last = body.back();
  if (last == ',' || last == ';' || last == '-' || body.ends_with("\xE2\x80\x93") ||
      body.ends_with("\xE2\x80\x94")) {  // – —
    return true;
  }
  return longest_line >= extract::kMinWrapWidth &&
         cur.size() * 100 >= longest_line * extract::kWrapLinePercent;
}

struct Unit {
  uint32_t first_line = 0;
  uint32_t end_line = 0;  // exclusive
  uint32_t paragraph = 0;
  extract::UnitKind kind = extract::UnitKind::kContent;
  extract::UnitShape shape;
  bool drop = false;
};

// Physical lines, trimmed (blank lines only separate paragraphs), with their paragraph numbers.
void SplitLines(std::string_view text, std::vector<std::string_view>* lines,
                std::vector<uint32_t>* line_paragraph) {
  uint32_t paragraph = 0;
  bool in_paragraph = false;
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text::TrimLine(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) {
      if (in_paragraph) ++paragraph;
      in_paragraph = false;
      continue;
    }
    in_paragraph = true;
    lines->push_back(line);
    line_paragraph->push_back(paragraph);
  }
}

// Sentence groups: one per line, except where a hard-wrapped line runs on into the next.
std::vector<Unit> GroupUnits(const std::vector<std::string_view>& lines,
                             const std::vector<uint32_t>& line_paragraph) {
  std::vector<Unit> units;
  units.reserve(lines.size());
  for (size_t p_begin = 0; p_begin < lines.size();) {
    size_t p_end = p_begin + 1;
    while (p_end < lines.size() && line_paragraph[p_end] == line_paragraph[p_begin]) ++p_end;
    size_t longest = 0;
    for (size_t i = p_begin; i < p_end; ++i) longest = std::max(longest, lines[i].size());
    for (size_t i = p_begin; i < p_end;) {
      size_t j = i + 1;
      while (j < p_end && RunsOn(lines[j - 1], lines[j], longest)) ++j;
      Unit unit;
      unit.first_line = static_cast<uint32_t>(i);
      unit.end_line = static_cast<uint32_t>(j);
      unit.paragraph = line_paragraph[p_begin];
      units.push_back(unit);
      i = j;
    }
    p_begin = p_end;
  }
  return units;
}

// Classifies every unit on its own and marks the template ones (every line template: a
// recurring wrapped fragment, "Syria.", inside an otherwise new sentence stays) and, with
// drop_junk_lines, the junk ones.
void ClassifyUnits(const std::vector<std::string>& normalized, std::string_view source,
                   const TemplateModel* model, const TextCleanOptions& options,
                   std::vector<Unit>* units) {
  const bool use_model =
      model != nullptr &&
      model->Articles(source) >= static_cast<uint64_t>(options.template_min_articles);
  std::vector<Token> tokens;
  tokens.reserve(256);
  std::string joined;
  for (Unit& unit : *units) {
    if (use_model) {
      bool all_template = true;
      for (uint32_t i = unit.first_line; i < unit.end_line && all_template; ++i) {
        all_template = model->IsTemplate(source, normalized[i], options);
      }
      unit.drop = all_template;
    }
    std::string_view n = normalized[unit.first_line];
    if (unit.end_line - unit.first_line > 1) {
      joined.clear();
      for (uint32_t i = unit.first_line; i < unit.end_line; ++i) {
        if (!joined.empty() && !normalized[i].empty()) joined += ' ';
        joined += normalized[i];
      }
      n = joined;
    }
    unit.kind = extract::ClassifyUnit(n, &tokens, &unit.shape);
    if (options.drop_junk_lines && unit.kind != extract::UnitKind::kContent) unit.drop = true;
  }
}

// Junk decided by neighbours: a comment section runs to the end of the text (after some article
// text, so a stray header at the top cannot wipe the article); a lead-in ("... at the following
// addresses:") goes with the link list it introduces; after the article has started, a short
// untitled run (at most a few lines) squeezed between junk, or between junk and the end, is part
// of the junk ("Google+ photo" in a login form, an app badge after "Share this article").
void DropJunkNeighbours(std::vector<Unit>* units_ptr) {
  std::vector<Unit>& units = *units_ptr;
  bool seen_content = false;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].kind == extract::UnitKind::kCommentStart && seen_content) {
      for (size_t j = i; j < units.size(); ++j) units[j].drop = true;
      break;
    }
    if (!units[i].drop) seen_content = true;
  }
  // Only links: a colon before code, a table or a dropped quote introduces content.
  for (size_t i = 1; i < units.size(); ++i) {
    Unit& lead = units[i - 1];
    if (!lead.drop && lead.shape.ends_colon && lead.shape.words <= extract::kMaxLeadInWords &&
        units[i].drop && units[i].shape.links) {
      lead.drop = true;
    }
  }
  // Headlines before the first sentence are safe.
  auto is_short = [](const Unit& u) {
    return !u.drop && !u.shape.ends_sentence && u.shape.words <= extract::kMaxShortWords;
  };
  bool article_started = false;
  for (size_t i = 0; i < units.size();) {
    if (!is_short(units[i]) || !article_started || i == 0 || !units[i - 1].drop) {
      if (!units[i].drop && units[i].shape.ends_sentence) article_started = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < units.size() && is_short(units[j])) ++j;
    if (j - i <= static_cast<size_t>(extract::kMaxShortRun) &&
        (j == units.size() || units[j].drop)) {
      for (size_t k = i; k < j; ++k) units[k].drop = true;
    }
    i = j;
  }
}

std::string CleanValidated(std::string_view text, std::string_view source,
                           const TemplateModel* model, const TextCleanOptions& options) {
  std::vector<std::string_view> lines;
  std::vector<uint32_t> line_paragraph;
  lines.reserve(64);
  line_paragraph.reserve(64);
  SplitLines(text, &lines, &line_paragraph);
  if (lines.empty()) return std::string();
  std::vector<Unit> units = GroupUnits(lines, line_paragraph);
  std::vector<std::string> normalized(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) normalized[i] = NormalizeText(lines[i]);
  ClassifyUnits(normalized, source, model, options, &units);
  if (options.drop_junk_lines) DropJunkNeighbours(&units);
  std::string out;
  out.reserve(text.size());
  uint32_t last_paragraph = 0;
  for (const Unit& unit : units) {
    if (unit.drop) continue;
    for (uint32_t i = unit.first_line; i < unit.end_line; ++i) {
      if (!out.empty()) out += unit.paragraph != last_paragraph ? "\n\n" : "\n";
      out += lines[i];
      last_paragraph = unit.paragraph;
    }
  }
  return out;
}

}  // namespace

Status Validate(const TextCleanOptions& options) {
  if (options.template_min_articles < 1) {
    return Status::InvalidArgument("template_min_articles must be >= 1");
  }
  if (!(options.template_min_share >= 0 && options.template_min_share <= 1)) {
    return Status::InvalidArgument("template_min_share must be in [0, 1]");
  }
  return Status::OK();
}

Result<std::string> CleanText(std::string_view text, std::string_view source,
                              const TemplateModel* model, const TextCleanOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  return CleanValidated(text, source, model, options);
}

Result<std::vector<std::string>> CleanTexts(std::span<const Article> articles,
                                            const TextCleanOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  TemplateModel model;
  for (const Article& a : articles) model.Observe(ArticleOutlet(a), a.text);
  std::vector<std::string> out;
  out.reserve(articles.size());
  for (const Article& a : articles) {
    out.push_back(CleanValidated(a.text, ArticleOutlet(a), &model, options));
  }
  return out;
}

}  // namespace storyline
