// Main-content and metadata extraction from HTML. The model is described in README.md beside
// this file.

#include "storyline/extract.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/civil_date.h"
#include "common/file_util.h"
#include "common/gzip.h"
#include "common/hash.h"
#include "common/json_writer.h"
#include "common/status_macros.h"
#include "common/url.h"
#include "extract/boilerplate_cues.h"
#include "extract/dates.h"
#include "extract/html_dom.h"
#include "extract/tuning.h"
#include "storyline/article.h"
#include "storyline/text.h"
#include "text/charset.h"
#include "text/stopwords.h"
#include "text/utf8.h"
#include "text/words.h"

namespace storyline {
namespace {

using extract::AttrName;
using extract::Dom;
using extract::Tag;
using text::CountWords;

bool IsHeading(Tag t) {
  return t == Tag::kH1 || t == Tag::kH2 || t == Tag::kH3 || t == Tag::kH4 || t == Tag::kH5 ||
         t == Tag::kH6;
}

// Elements that start a new paragraph of output text.
bool IsBlock(Tag t) {
  switch (t) {
    case Tag::kP:
    case Tag::kDiv:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kLi:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kDd:
    case Tag::kTable:
    case Tag::kTr:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kCaption:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kSection:
    case Tag::kNav:
    case Tag::kHeader:
    case Tag::kFooter:
    case Tag::kAside:
    case Tag::kForm:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kAddress:
    case Tag::kDetails:
    case Tag::kSummary:
    case Tag::kBody:
    case Tag::kHr:
    case Tag::kDialog:
    case Tag::kMenu:
      return true;
    default:
      return false;
  }
}

// Subtrees that never hold article text.
bool IsSkipped(Tag t) {
  switch (t) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kNoscript:
    case Tag::kTemplate:
    case Tag::kSvg:
    case Tag::kMath:
    case Tag::kIframe:
    case Tag::kObject:
    case Tag::kCanvas:
    case Tag::kVideo:
    case Tag::kAudio:
    case Tag::kButton:
    case Tag::kInput:
    case Tag::kSelect:
    case Tag::kTextarea:
    case Tag::kHead:
    case Tag::kTitle:
    case Tag::kDialog:
      return true;
    default:
      return false;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// Calls fn(word) for each run of ASCII letters and digits of `value`, lower-cased
// ("share-bar__Item"
// -> share, bar, item). Words longer than kMaxClassWordBytes are skipped (generated ids, not
// names).
template <typename Fn>
void ForEachWord(std::string_view value, Fn&& fn) {
  char buf[extract::kMaxClassWordBytes + 1];
  size_t k = 0;
  while (k < value.size()) {
    size_t len = 0;
    bool too_long = false;
    for (; k < value.size(); ++k) {
      char c = value[k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) break;
      if (len < sizeof(buf)) {
        buf[len++] = c;
      } else {
        too_long = true;
      }
    }
    if (len > 0 && !too_long) fn(std::string_view(buf, len));
    ++k;
  }
}

enum class CueKind : uint8_t { kNegativePrefix, kNegativeWord, kAdPrefix, kAdWord, kPositive };

struct CueWord {
  std::string_view word;
  CueKind kind;
};

// The class/id words the extractor knows, bucketed by first character so that a word is only
// compared with the few cues that could match it.
class CueTable {
 public:
  CueTable() {
    // Furniture when a class/id word equals or starts with one of these.
    for (std::string_view w :
         {"comment", "share", "sharing", "social", "related", "recommend", "sidebar", "footer",
          "navbar", "navigation", "breadcrumb", "newsletter", "subscri", "signup", "cookie",
          "consent", "popup", "modal", "caption", "toolbar", "masthead", "pagination", "pager",
          "outbrain", "taboola", "disqus", "login", "mostpopular", "trending", "readmore",
          "authorbio", "taglist", "complementary", "contentinfo", "donate", "slideshow", "author",
          "autor", "profile", "disclaimer", "affiliate", "feedback", "newsfeed", "nextstor",
          "nextpost", "embed", "copyright", "license",
          // The same furniture named in German, French, Spanish, Polish.
          "kommentar", "leserkommentar", "bildunterschrift", "teilen", "verwandt", "commentaire",
          "partage", "comentario", "compartir", "komentarz", "udostepnij", "empfehl",
          "disclosure"}) {
      Add(w, CueKind::kNegativePrefix);
    }
    // Furniture only as whole words. Weaker words ("widget", "meta", "hidden", "date") are
    // deliberately absent: page builders put them on the article's own wrappers
    // ("elementor-widget-text-editor", "elementor-hidden-mobile").
    for (std::string_view w : {"nav", "menu", "tags", "print", "skip", "search", "aside", "follow",
                               "byline", "credit", "credits", "bio", "about", "recirculation"}) {
      Add(w, CueKind::kNegativeWord);
    }
    // Advertising slots. Sites also put these words on sections that merely host an ad between
    // paragraphs ("TestReport__Section--Ads"), so they are furniture only without long prose.
    for (std::string_view w : {"advert", "promo", "sponsor", "banner", "paywall", "werbung",
                               "anzeige", "publicite", "publicidad", "reklama"}) {
      Add(w, CueKind::kAdPrefix);
    }
    for (std::string_view w : {"ad", "ads", "dfp", "adslot", "adunit"}) Add(w, CueKind::kAdWord);
    for (std::string_view w :
         {"article", "content", "entry", "post", "story", "body", "text", "main", "blog", "prose",
          "detail", "details", "news", "articlebody", "storybody", "postbody", "entrycontent"}) {
      Add(w, CueKind::kPositive);
    }
  }

  template <typename Fn>
  void Match(std::string_view w, Fn&& fn) const {
    for (const CueWord& c : buckets_[Bucket(w[0])]) {
      bool prefix = c.kind == CueKind::kNegativePrefix || c.kind == CueKind::kAdPrefix;
      if (prefix ? w.substr(0, c.word.size()) == c.word : w == c.word) fn(c.kind);
    }
  }

 private:
  static size_t Bucket(char c) { return (c >= 'a' && c <= 'z') ? c - 'a' : 26; }
  void Add(std::string_view w, CueKind kind) { buckets_[Bucket(w[0])].push_back({w, kind}); }
  std::vector<CueWord> buckets_[27];
};

// Class/id/role cues, matched on the words of the attribute values, never on raw substrings:
// "elementor-widget-theme-post-content" must not read as "widget" furniture.
// Returns -1 for furniture, -2 for advertising slots, +1 for article-body names, +3 for
// itemprop=articleBody, else 0.
int CueOf(const Dom& dom, uint32_t i) {
  static const CueTable table;
  std::string_view itemprop = dom.Attribute(i, AttrName::kItemprop);
  if (!itemprop.empty()) {
    std::string ip = Lower(itemprop);
    if (Contains(ip, "articlebody") || Contains(ip, "reviewbody")) return 3;
  }
  int neg = 0, pos = 0, ad = 0;
  auto count = [&](CueKind kind) {
    switch (kind) {
      case CueKind::kNegativePrefix:
      case CueKind::kNegativeWord:
        ++neg;
        break;
      case CueKind::kAdPrefix:
      case CueKind::kAdWord:
        ++ad;
        break;
      case CueKind::kPositive:
        ++pos;
        break;
    }
  };
  for (AttrName a : {AttrName::kClass, AttrName::kId, AttrName::kRole}) {
    ForEachWord(dom.Attribute(i, a), [&](std::string_view w) { table.Match(w, count); });
  }
  if (neg > 0 && neg >= pos) return -1;
  if (ad > 0 && ad >= pos) return -2;
  return pos > 0 ? 1 : 0;
}

// Class/id words of page furniture too weak to exclude a large block ("meta", "author", "date"
// also name article wrappers), but enough to drop a short block: a byline, a date line, a tag
// list inside the article container.
bool HasWeakCue(const Dom& dom, uint32_t i) {
  static constexpr std::string_view kWeak[] = {
      "meta",     "author",     "authors",   "date",    "tags",      "tag",   "byline",
      "category", "categories", "published", "updated", "timestamp", "posted"};
  bool found = false;
  for (AttrName a : {AttrName::kClass, AttrName::kId}) {
    ForEachWord(dom.Attribute(i, a), [&](std::string_view w) {
      for (std::string_view n : kWeak) found |= w == n;
    });
  }
  // Microdata says it outright: itemprop=author / datePublished / dateModified.
  ForEachWord(dom.Attribute(i, AttrName::kItemprop), [&](std::string_view w) {
    found |= w == "author" || w == "datepublished" || w == "datemodified" || w == "creator";
  });
  return found;
}

// CueOf, remembered per distinct (class, id, role, itemprop): pages repeat the same class lists
// many times (list items, cards, spans).
class CueCache {
 public:
  int Get(const Dom& dom, uint32_t i) {
    const extract::Node& node = dom.nodes[i];
    if (node.attr_count == 0) return 0;
    uint64_t key = 0;
    for (uint32_t k = node.attr_begin; k < node.attr_begin + node.attr_count; ++k) {
      const extract::Attr& a = dom.attrs[k];
      if (a.name == AttrName::kClass || a.name == AttrName::kId || a.name == AttrName::kRole ||
          a.name == AttrName::kItemprop) {
        key = Hash64(std::string_view(dom.arena).substr(a.value_begin, a.value_len),
                     key * 31 + static_cast<uint64_t>(a.name) + 1);
      }
    }
    if (key == 0) return 0;
    auto [it, inserted] = cache_.try_emplace(key, 0);
    if (inserted) it->second = static_cast<int8_t>(CueOf(dom, i));
    return it->second;
  }

 private:
  std::unordered_map<uint64_t, int8_t> cache_;
};

bool IsHidden(const Dom& dom, uint32_t i) {
  const extract::Node& node = dom.nodes[i];
  for (uint32_t k = node.attr_begin; k < node.attr_begin + node.attr_count; ++k) {
    const extract::Attr& a = dom.attrs[k];
    if (a.name == AttrName::kHidden) return true;
    std::string_view v = std::string_view(dom.arena).substr(a.value_begin, a.value_len);
    if (a.name == AttrName::kAriaHidden && v == "true") return true;
    if (a.name == AttrName::kStyle && v.size() >= 11) {
      std::string style = Lower(v);
      style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
      if (Contains(style, "display:none") || Contains(style, "visibility:hidden")) return true;
    }
  }
  return false;
}

// A paragraph of the linearised page: the text of one block element's inline content.
struct Para {
  uint32_t owner;    // the block element
  std::string text;  // whitespace-collapsed
  uint32_t words = 0;
  uint32_t link_words = 0;
  uint32_t furniture_words = 0;  // words inside inline elements named as furniture (a byline
                                 // <span>, a caption <font>)
  Tag tag;                       // the owner's tag
  bool furniture = false;        // inside nav/aside/footer/menu or a negative-cue subtree
  bool positive = false;         // inside <article>/<main>/articleBody or a positive-cue subtree
  bool caption = false;          // inside <figure>/<figcaption>/<caption>
};

// Byte classes for the linearizer's word scan.
constexpr uint8_t kSpaceByte = 1, kWordByte = 2, kCjkLead = 4;
constexpr auto kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c : {' ', '\n', '\t', '\r', '\f'}) t[c] = kSpaceByte;
  for (int c = '0'; c <= '9'; ++c) t[c] = kWordByte;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = kWordByte;
  for (int c = 0x80; c < 256; ++c) t[c] = kWordByte | ((c >= 0xE3 && c <= 0xE9) ? kCjkLead : 0);
  return t;
}();

class Linearizer {
 public:
  Linearizer(const Dom& dom, CueCache& cues) : dom_(dom), cues_(cues) {}

  std::vector<Para> Run() {
    const size_t n = dom_.nodes.size();
    in_link_.assign(n, 0);
    in_furniture_.assign(n, 0);
    for (uint32_t i = 1; i < n; ++i) {
      const auto& node = dom_.nodes[i];
      in_link_[i] = in_link_[node.parent] || node.tag == Tag::kA;
      // Furniture named on inline elements inside a paragraph; block elements are judged by
      // MarkRegions.
      if (node.tag != Tag::kText && !IsBlock(node.tag)) {
        in_furniture_[i] = in_furniture_[node.parent] || cues_.Get(dom_, i) == -1;
      } else if (node.tag == Tag::kText) {
        in_furniture_[i] = in_furniture_[node.parent];
      }
    }
    for (uint32_t i = 1; i < n; ++i) {
      const auto& node = dom_.nodes[i];
      if (node.tag != Tag::kText && IsSkipped(node.tag)) {
        Flush();
        i = node.end - 1;
        continue;
      }
      if (node.tag == Tag::kText) {
        AddText(i);
        continue;
      }
      if (node.tag == Tag::kBr) {
        // Two line breaks in a row end a paragraph: legacy layouts separate paragraphs, share
        // lines and captions inside one table cell with <br><br>.
        if (pending_break_ && !buf_.empty()) {
          Flush();
          continue;
        }
        pending_break_ = true;
        continue;
      }
      if (node.tag == Tag::kImg) continue;
      if (IsBlock(node.tag)) {
        Flush();
        current_owner_ = i;
        block_stack_.push_back(i);
        // Inline text after this block's end belongs to the enclosing block again.
        closes_.push_back(node.end);
      }
      while (!closes_.empty() && closes_.back() <= i) Pop();
    }
    Flush();
    return std::move(out_);
  }

 private:
  void Pop() {
    Flush();
    closes_.pop_back();
    block_stack_.pop_back();
    current_owner_ = block_stack_.empty() ? 0 : block_stack_.back();
  }

  void AddText(uint32_t i) {
    while (!closes_.empty() && closes_.back() <= i) Pop();
    std::string_view t = dom_.Text(i);
    bool link = in_link_[i] != 0;
    // Word by word rather than byte by byte: one append per word, one table lookup per byte.
    size_t pos = 0;
    while (pos < t.size()) {
      uint8_t cls = kByteClass[static_cast<unsigned char>(t[pos])];
      if (cls & kSpaceByte) {
        pending_space_ = true;
        ++pos;
        continue;
      }
      // Separators ("|", "-", "»") are not words: they would dilute link density. Chinese and
      // Japanese do not separate words with spaces: count one word per two ideographs or kana
      // (3-byte UTF-8 sequences led by 0xE3..0xE9), so their prose weighs as much as a spaced
      // language's.
      uint8_t seen = 0;
      uint32_t cjk = 0;
      size_t end = pos;
      do {
        seen |= cls;
        cjk += (cls & kCjkLead) != 0;
        ++end;
        cls = end < t.size() ? kByteClass[static_cast<unsigned char>(t[end])] : kSpaceByte;
      } while (!(cls & kSpaceByte));
      if (buf_.empty() || pending_space_ || pending_break_) {
        if (!buf_.empty()) buf_.push_back(pending_break_ ? '\n' : ' ');
        if (seen & kWordByte) {
          ++words_;
          if (link) ++link_words_;
          if (in_furniture_[i]) ++furniture_words_;
        }
      }
      words_ += cjk / extract::kCjkCharsPerWord;
      if (link) link_words_ += cjk / extract::kCjkCharsPerWord;
      pending_space_ = pending_break_ = false;
      buf_.append(t.data() + pos, end - pos);
      pos = end;
    }
    owner_for_buf_ = current_owner_;
  }

  void Flush() {
    if (!buf_.empty()) {
      Para p;
      p.owner = owner_for_buf_;
      p.text = std::move(buf_);
      p.words = words_;
      p.link_words = link_words_;
      p.furniture_words = furniture_words_;
      p.tag = dom_.nodes[owner_for_buf_].tag;
      out_.push_back(std::move(p));
    }
    buf_.clear();
    words_ = link_words_ = furniture_words_ = 0;
    pending_space_ = pending_break_ = false;
  }

  const Dom& dom_;
  CueCache& cues_;
  std::vector<uint8_t> in_link_, in_furniture_;
  std::vector<uint32_t> block_stack_, closes_;
  uint32_t current_owner_ = 0, owner_for_buf_ = 0;
  std::string buf_;
  uint32_t words_ = 0, link_words_ = 0, furniture_words_ = 0;
  bool pending_space_ = false, pending_break_ = false;
  std::vector<Para> out_;
};

double LinkDensity(const Para& p);

// Sets each paragraph's furniture/positive/caption flags from its ancestors. An element marked
// furniture by its tag or class that holds a large share of the page's prose is a wrapper
// ("elementor-widget", a <form> around an ASP.NET page), not furniture: marking it would throw
// the article away, so it stays neutral.
void MarkRegions(const Dom& dom, CueCache& cues, std::vector<Para>* paras) {
  const size_t n = dom.nodes.size();
  std::vector<uint32_t> prose(n, 0);    // words of link-poor paragraphs owned in the subtree
  std::vector<uint32_t> owned(n, 0);    // paragraphs owned in the subtree
  std::vector<uint32_t> longest(n, 0);  // words of the longest link-poor paragraph
  uint32_t total = 0;
  for (const Para& p : *paras) {
    ++owned[p.owner];
    if (LinkDensity(p) > extract::kMaxProseLinkDensity) continue;
    longest[p.owner] = std::max(longest[p.owner], p.words);
    total += p.words;
    prose[p.owner] += p.words;
  }
  // Children follow their parents in pre-order: one backward pass sums every subtree.
  for (size_t i = n; i-- > 1;) {
    uint32_t parent = dom.nodes[i].parent;
    prose[parent] += prose[i];
    owned[parent] += owned[i];
    longest[parent] = std::max(longest[parent], longest[i]);
  }
  std::vector<uint8_t> furniture(n, 0), positive(n, 0), caption(n, 0);
  for (uint32_t i = 1; i < n; ++i) {
    const auto& node = dom.nodes[i];
    // Flags only matter to paragraphs: skip text, and whole subtrees that own none (icons,
    // images, empty wrappers), which spares the class-name analysis on most elements.
    if (node.tag == Tag::kText) continue;
    if (owned[i] == 0) {
      i = node.end - 1;
      continue;
    }
    uint32_t parent = node.parent;
    furniture[i] = furniture[parent];
    positive[i] = positive[parent];
    caption[i] = caption[parent];
    Tag t = node.tag;
    int cue = cues.Get(dom, i);
    // Hidden elements count as furniture too, under the same wrapper rule: streaming
    // server-side renderers park the whole article in a <div hidden> that scripts reveal.
    bool negative = cue == -1 || (cue == -2 && longest[i] < extract::kMinAdHostParagraphWords) ||
                    t == Tag::kNav || t == Tag::kAside || t == Tag::kFooter || t == Tag::kMenu ||
                    IsHidden(dom, i);
    if (negative && uint64_t{prose[i]} * 100 < uint64_t{total} * extract::kWrapperProsePercent) {
      furniture[i] = 1;
    }
    if (t == Tag::kArticle || t == Tag::kMain || cue > 0) positive[i] = 1;
    if (t == Tag::kFigure || t == Tag::kFigcaption || t == Tag::kCaption) caption[i] = 1;
  }
  for (Para& p : *paras) {
    p.furniture =
        furniture[p.owner] != 0 ||
        uint64_t{p.furniture_words} * 100 > uint64_t{p.words} * extract::kMaxFurnitureWordPercent;
    p.positive = positive[p.owner] != 0;
    p.caption = caption[p.owner] != 0;
  }
}

double LinkDensity(const Para& p) { return p.words ? double(p.link_words) / p.words : 0.0; }

// How much a paragraph says "article" (positive) or "furniture" (negative), in words.
double ParaValue(const Para& p) {
  using namespace extract;
  double ld = LinkDensity(p);
  if (p.furniture) return kFurnitureValuePerWord * p.words + kFurnitureValue;
  if (ld > kMaxProseLinkDensity) return kLinkListValuePerWord * p.words + kLinkListValue;
  if (IsHeading(p.tag)) return kHeadingValuePerWord * p.words;
  double v = p.words * (1.0 - ld);
  // Short fragments (dates, bylines, labels) count against their container, except link-free
  // list and table items: ingredient lists, specifications, schedules.
  bool item = p.tag == Tag::kLi || p.tag == Tag::kTd || p.tag == Tag::kDd || p.tag == Tag::kDt;
  if (p.words < kMinFragmentWords && !(item && p.link_words == 0)) v -= kShortFragmentPenalty;
  // Sentence punctuation is the signature of prose.
  if (!p.text.empty()) {
    char last = p.text.back();
    if (last == '.' || last == '!' || last == '?' || last == '"' || last == ':') {
      v += kSentenceEndBonus;
    }
  }
  return v;
}

// The element whose subtree holds the most article-like text net of furniture: every node's
// score is the sum of its paragraphs' values, and the best is the maximum, preferring deeper
// nodes on ties (the tightest container).
uint32_t BestContainer(const Dom& dom, const std::vector<Para>& paras,
                       std::vector<double>* scores) {
  const size_t n = dom.nodes.size();
  std::vector<double>& score = *scores;
  score.assign(n, 0.0);
  for (const Para& p : paras) {
    double v = ParaValue(p);
    // Paragraphs inside marked article bodies pull their containers harder.
    if (p.positive) v *= v > 0 ? extract::kPositiveRegionGain : extract::kPositiveRegionDamping;
    score[p.owner] += v;
  }
  for (size_t i = n; i-- > 1;) score[dom.nodes[i].parent] += score[i];
  uint32_t best = 0;
  for (uint32_t i = 1; i < n; ++i) {
    Tag t = dom.nodes[i].tag;
    if (t == Tag::kText || IsHeading(t) || t == Tag::kP || t == Tag::kLi) continue;
    // Ties go to the deeper node: a wrapper with nothing else in it is not a better container.
    if (score[i] > score[best] ||
        (score[i] == score[best] && dom.nodes[i].depth > dom.nodes[best].depth)) {
      best = i;
    }
  }
  return best;
}

// Cue kinds that make a short block junk anywhere in it (on a web page a block of a few words
// that holds a call to action, a credit or a widget word is page furniture), and those that make
// it junk when they open it (a label, "Related articles").
constexpr uint16_t kJunkBlockCueKinds =
    extract::kStrongCue | extract::kActionCue | extract::kSoftActionCue | extract::kCreditCue |
    extract::kCaptionCreditCue | extract::kCommentHeaderCue | extract::kPageLabelCue;
constexpr uint16_t kJunkBlockLeadKinds = extract::kLabelCue | extract::kLeadCue;

// Empty blocks, image captions that end in their credit, and short blocks with a boilerplate cue
// (calls to action, section labels, credits in the languages of our evaluation pages). Only
// short blocks are tested for cues, so a sentence of the article that mentions "newsletter"
// survives.
bool LooksLikeJunk(const Para& p) {
  using namespace extract;
  if (p.words == 0) return true;
  if (p.words > kMaxCreditBlockWords) return false;
  if (p.words > kMaxJunkBlockWords) {
    // Only a credit can make a longer block junk, and a credit needs ':' or '©' near the end.
    std::string_view tail = std::string_view(p.text).substr(
        p.text.size() > kCreditTailBytes ? p.text.size() - kCreditTailBytes : 0);
    if (tail.find(':') == std::string_view::npos &&
        tail.find("\xC2\xA9") == std::string_view::npos &&
        tail.find("(c)") == std::string_view::npos && tail.find("(C)") == std::string_view::npos) {
      return false;
    }
  }
  const std::string folded = NormalizeText(p.text);
  // Image captions end with their credit ("... Foto: Agency/Name"); prose does not.
  const size_t tail = folded.size() > kCreditCueTailBytes ? folded.size() - kCreditCueTailBytes : 0;
  if (FindCues(folded, kCreditCue | kCaptionCreditCue, tail) != 0) return true;
  if (p.words > kMaxJunkBlockWords) return false;
  return FindCues(folded, kJunkBlockCueKinds) != 0 ||
         LeadingCues(folded, kJunkBlockLeadKinds) != 0 || WholeCues(folded, kWholeLabelCue) != 0;
}

std::string JoinParagraphs(const std::vector<const Para*>& keep) {
  std::string out;
  for (const Para* p : keep) {
    if (!out.empty()) out += "\n\n";
    out += p->text;
  }
  return out;
}

// ---- metadata -------------------------------------------------------------------------------

struct JsonLd {
  std::string headline, date_published, author, publisher, body, lang;
  std::string any_date_published;  // from any typed object (a WebPage in a Yoast @graph)
};

void AuthorNames(simdjson::dom::element e, std::vector<std::string>* out) {
  using namespace simdjson;
  if (e.is_string()) {
    out->emplace_back(std::string_view(e));
  } else if (e.is_array()) {
    for (dom::element x : dom::array(e)) AuthorNames(x, out);
  } else if (e.is_object()) {
    std::string_view name;
    if (!e["name"].get(name)) out->emplace_back(name);
  }
}

bool IsArticleType(simdjson::dom::element e) {
  using namespace simdjson;
  auto match = [](std::string_view t) {
    return Contains(t, "Article") || t == "BlogPosting" || t == "Report" ||
           t == "LiveBlogPosting" || t == "Review" || t == "AnalysisNewsArticle";
  };
  dom::element type;
  if (e["@type"].get(type)) return false;
  if (type.is_string()) return match(std::string_view(type));
  if (type.is_array()) {
    for (dom::element t : dom::array(type)) {
      if (t.is_string() && match(std::string_view(t))) return true;
    }
  }
  return false;
}

void ScanJsonLd(simdjson::dom::element e, JsonLd* out, int depth) {
  using namespace simdjson;
  if (depth > extract::kMaxJsonLdDepth) return;
  if (e.is_array()) {
    for (dom::element x : dom::array(e)) ScanJsonLd(x, out, depth + 1);
    return;
  }
  if (!e.is_object()) return;
  dom::element graph;
  if (!e["@graph"].get(graph)) ScanJsonLd(graph, out, depth + 1);
  std::string_view sv;
  if (out->any_date_published.empty() && !e["datePublished"].get(sv)) {
    out->any_date_published = sv;
  }
  if (!IsArticleType(e)) return;
  if (out->headline.empty() && !e["headline"].get(sv)) out->headline = sv;
  if (out->date_published.empty() && !e["datePublished"].get(sv)) out->date_published = sv;
  if (out->body.empty() && !e["articleBody"].get(sv)) out->body = sv;
  if (out->lang.empty() && !e["inLanguage"].get(sv)) out->lang = sv;
  dom::element a;
  if (out->author.empty() && !e["author"].get(a)) {
    std::vector<std::string> names;
    AuthorNames(a, &names);
    for (const std::string& nm : names) {
      if (!out->author.empty()) out->author += "; ";
      out->author += nm;
    }
  }
  dom::element pub;
  if (out->publisher.empty() && !e["publisher"].get(pub) && pub.is_object()) {
    if (!pub["name"].get(sv)) out->publisher = sv;
  }
}

struct Meta {
  std::string title_tag, og_title, twitter_title, og_site, app_name, canonical, og_url, lang;
  std::string date_meta, author_meta;
  struct DateElement {
    uint32_t node;
    std::string date;
    bool published;  // itemprop=datePublished or a "published" class
  };
  std::vector<DateElement> dates;  // in document order
  bool date_meta_strong = false;   // date_meta came from a publication-time property
  std::vector<std::pair<uint32_t, std::string>> h1;  // (node, text) of every <h1>
  // Visible bylines: (node, name) of rel=author links, itemprop=author elements and elements
  // whose class names an author or byline, prefixes such as "By" removed.
  std::vector<std::pair<uint32_t, std::string>> bylines;
  JsonLd ld;
};

std::string Collapse(std::string_view s) {
  std::string out;
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      sp = !out.empty();
      continue;
    }
    if (sp) out.push_back(' ');
    sp = false;
    out.push_back(c);
  }
  return out;
}

// What an element's rel/itemprop/class words say it holds, for metadata: a byline, a
// publication date, or some other date.
enum ElementRole : uint8_t { kByline = 1, kPublished = 2, kDated = 4 };

uint8_t ElementRoles(const Dom& dom, uint32_t i) {
  uint8_t roles = 0;
  std::string_view rel = dom.Attribute(i, AttrName::kRel);
  if (rel.size() == 6 && Lower(rel) == "author") roles |= kByline;
  ForEachWord(dom.Attribute(i, AttrName::kItemprop), [&](std::string_view w) {
    if (w == "author" || w == "creator") roles |= kByline;
    if (w == "datepublished") roles |= kPublished | kDated;
  });
  // Class words, not substrings: "author-name", "byline", "autor" but not "authorize".
  ForEachWord(dom.Attribute(i, AttrName::kClass), [&](std::string_view w) {
    switch (w[0]) {
      case 'a':
        if (w == "author" || w == "autor" || w == "auteur" || w == "autore") roles |= kByline;
        break;
      case 'b':
        if (w == "byline") roles |= kByline;
        break;
      case 'v':
        if (w == "vcard") roles |= kByline;
        break;
      case 'f':
        if (w == "fn") roles |= kByline;
        break;
      case 'p':
        if (w == "published" || w == "pubdate") roles |= kPublished | kDated;
        if (w == "postdate" || w == "posted") roles |= kDated;
        break;
      case 'd':
        if (w == "datepublished") roles |= kPublished | kDated;
        if (w == "date" || w == "datum" || w == "dateline") roles |= kDated;
        break;
      case 'e':
        if (w == "entrydate") roles |= kDated;
        break;
      case 't':
        if (w == "timestamp" || w == "time") roles |= kDated;
        break;
      default:
        break;
    }
  });
  return roles;
}

// "By Dana Whitfield, Staff Writer" -> "Dana Whitfield". Returns empty unless 1..5 words of a
// name remain.
std::string BylineName(std::string text) {
  static constexpr std::string_view kPrefixes[] = {
      "posted by ", "written by ", "words by ", "text by ",        "by ",      "von ",
      "par ",       "por ",        "autor: ",   "autorin: ",       "author: ", "auteur : ",
      "auteur: ",   "text: ",      "tekst: ",   "geschrieben von "};
  std::string folded = Lower(text);
  for (std::string_view p : kPrefixes) {
    if (folded.rfind(p, 0) == 0) {
      text.erase(0, p.size());
      break;
    }
  }
  // Titles, dates and bios after a separator are not the name.
  size_t cut = text.find_first_of(",|\n(");
  if (cut != std::string::npos) text.resize(cut);
  for (std::string_view sep : {" - ", " – ", " — ", " am ", " on ", " le "}) {
    size_t pos = text.find(sep);
    if (pos != std::string::npos) text.resize(pos);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == ':')) text.pop_back();
  size_t words = CountWords(text);
  if (words == 0 || words > extract::kMaxBylineWords) return "";
  for (char c : text) {
    if (c >= '0' && c <= '9') return "";  // a date or a count, not a name
  }
  return text;
}

// CollectMeta's state while it walks the page.
struct MetaScan {
  Meta m;
  simdjson::dom::parser parser;
  size_t date_rank = SIZE_MAX;  // rank in kDateNames of m.date_meta's name
  uint32_t byline_end = 0;      // end of the last byline element's subtree
  uint32_t date_end = 0;        // end of the last date element's subtree
  // Roles depend only on the attribute values, which pages repeat: each distinct (rel,
  // itemprop, class) is classified once.
  std::unordered_map<uint64_t, uint8_t> roles_cache;
};

// Reads one <meta> element: titles, site, URL, language, the most trusted date, an author.
// Returns false when it has no name or no content.
bool ReadMetaTag(const Dom& dom, uint32_t i, MetaScan* scan) {
  // In order of trust. The first kStrongDateNames are publication-time properties that
  // publishing systems fill in themselves; the rest are often set by hand or mean other dates.
  static constexpr std::string_view kDateNames[] = {"article:published_time",
                                                    "og:published_time",
                                                    "og:article:published_time",
                                                    "parsely-pub-date",
                                                    "sailthru.date",
                                                    "datepublished",
                                                    "citation_publication_date",
                                                    "dc.date.issued",
                                                    "date",
                                                    "pubdate",
                                                    "publishdate",
                                                    "publish-date",
                                                    "publish_date",
                                                    "dc.date",
                                                    "dcterms.date",
                                                    "dcterms.created",
                                                    "article.published",
                                                    "published_time",
                                                    "originalpublicationdate",
                                                    "datecreated",
                                                    "date_published",
                                                    "release_date"};
  constexpr size_t kStrongDateNames = 5;
  static constexpr std::string_view kAuthorNames[] = {
      "author",         "article:author",  "dc.creator",      "byl",
      "parsely-author", "sailthru.author", "citation_author", "dcterms.creator"};
  Meta& m = scan->m;
  std::string key = Lower(dom.Attribute(i, AttrName::kProperty));
  if (key.empty()) key = Lower(dom.Attribute(i, AttrName::kName));
  if (key.empty()) key = Lower(dom.Attribute(i, AttrName::kItemprop));
  if (key.empty()) key = Lower(dom.Attribute(i, AttrName::kHttpEquiv));
  std::string_view content = dom.Attribute(i, AttrName::kContent);
  if (key.empty() || content.empty()) return false;
  if (key == "og:title" && m.og_title.empty()) m.og_title = Collapse(content);
  if (key == "twitter:title" && m.twitter_title.empty()) m.twitter_title = Collapse(content);
  if (key == "og:site_name" && m.og_site.empty()) m.og_site = Collapse(content);
  if (key == "application-name" && m.app_name.empty()) m.app_name = Collapse(content);
  if (key == "og:url" && m.og_url.empty()) m.og_url = std::string(content);
  if (key == "content-language" && m.lang.empty()) m.lang = Lower(content);
  for (size_t r = 0; r < std::size(kDateNames) && r < scan->date_rank; ++r) {
    if (key == kDateNames[r]) {
      std::string d = extract::NormalizeDate(content);
      if (!d.empty()) {
        m.date_meta = d;
        m.date_meta_strong = r < kStrongDateNames;
        scan->date_rank = r;
      }
    }
  }
  for (std::string_view an : kAuthorNames) {
    if (key == an && m.author_meta.empty() && !Contains(content, "http")) {
      m.author_meta = Collapse(content);
    }
  }
  return true;
}

// Reads the JSON-LD of a <script type="application/ld+json"> element. Returns false for other
// scripts.
bool ReadJsonLd(const Dom& dom, uint32_t i, MetaScan* scan) {
  if (Lower(dom.Attribute(i, AttrName::kType)) != "application/ld+json") return false;
  std::string json;
  for (uint32_t k = i + 1; k < dom.nodes[i].end; ++k) {
    if (dom.nodes[k].tag == Tag::kText) json += dom.Text(k);
  }
  simdjson::dom::element e;
  if (!scan->parser.parse(json).get(e)) ScanJsonLd(e, &scan->m.ld, 0);
  return true;
}

// Records element `i` when it is a visible byline or date element.
void ReadBylineOrDate(const Dom& dom, uint32_t i, MetaScan* scan) {
  const Tag t = dom.nodes[i].tag;
  uint8_t roles = 0;
  if (dom.nodes[i].attr_count > 0) {
    uint64_t key = Hash64(dom.Attribute(i, AttrName::kClass), 1);
    key = Hash64(dom.Attribute(i, AttrName::kItemprop), key);
    key = Hash64(dom.Attribute(i, AttrName::kRel), key);
    auto [it, inserted] = scan->roles_cache.try_emplace(key, 0);
    if (inserted) it->second = ElementRoles(dom, i);
    roles = it->second;
  }
  Meta& m = scan->m;
  // Author elements nest ("<div class=author><a rel=author>"): the outermost one speaks.
  if ((roles & kByline) && i >= scan->byline_end && m.bylines.size() < extract::kMaxBylines) {
    std::string name = BylineName(dom.SubtreeText(i));
    if (!name.empty()) m.bylines.emplace_back(i, std::move(name));
    scan->byline_end = dom.nodes[i].end;
  }
  // Date elements: <time>, itemprop=datePublished, and classes that name a date ("post-date",
  // "entry-date published", "datum"). Those marked as publication dates are trusted more than
  // other dates printed on the page.
  if ((t == Tag::kTime || (roles & kDated)) && m.dates.size() < extract::kMaxDateElements &&
      i >= scan->date_end) {
    std::string_view dt = dom.Attribute(i, AttrName::kDatetime);
    if (dt.empty()) dt = dom.Attribute(i, AttrName::kContent);
    std::string text = dt.empty() ? dom.SubtreeText(i) : std::string(dt);
    std::string d =
        text.size() <= extract::kMaxDateTextBytes ? extract::NormalizeDate(text) : std::string();
    if (!d.empty()) {
      m.dates.push_back({i, std::move(d), (roles & kPublished) != 0});
      scan->date_end = dom.nodes[i].end;
    }
  }
}

Meta CollectMeta(const Dom& dom) {
  MetaScan scan;
  Meta& m = scan.m;
  for (uint32_t i = 1; i < dom.nodes.size(); ++i) {
    Tag t = dom.nodes[i].tag;
    if (t == Tag::kTitle && m.title_tag.empty()) {
      m.title_tag = Collapse(dom.SubtreeText(i));
    } else if (t == Tag::kHtml && m.lang.empty()) {
      m.lang = Lower(dom.Attribute(i, AttrName::kLang));
      if (m.lang.empty()) m.lang = Lower(dom.Attribute(i, AttrName::kXmlLang));
    } else if (t == Tag::kMeta) {
      if (!ReadMetaTag(dom, i, &scan)) continue;
    } else if (t == Tag::kLink) {
      if (Lower(dom.Attribute(i, AttrName::kRel)) == "canonical" && m.canonical.empty()) {
        m.canonical = std::string(dom.Attribute(i, AttrName::kHref));
      }
    } else if (t == Tag::kScript) {
      if (!ReadJsonLd(dom, i, &scan)) continue;
    } else if (t == Tag::kH1) {
      std::string h = Collapse(dom.SubtreeText(i));
      if (!h.empty()) m.h1.emplace_back(i, std::move(h));
    }
    // Any element with attributes may be a byline or a date (<meta itemprop=datePublished>).
    if (t == Tag::kText || (dom.nodes[i].attr_count == 0 && t != Tag::kTime)) continue;
    ReadBylineOrDate(dom, i, &scan);
  }
  return std::move(scan.m);
}

// Decodes the character references left in metadata values. Attribute values arrive decoded
// once from the parser, but many sites encode twice ("&amp;#8211;"), and JSON-LD strings are
// never decoded.
std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},         {"quot", "\""},      {"apos", "'"},       {"lt", "<"},
      {"gt", ">"},          {"nbsp", " "},       {"ndash", "\u2013"}, {"mdash", "\u2014"},
      {"rsquo", "\u2019"},  {"lsquo", "\u2018"}, {"ldquo", "\u201C"}, {"rdquo", "\u201D"},
      {"hellip", "\u2026"}, {"laquo", "\u00AB"}, {"raquo", "\u00BB"}, {"eacute", "\u00E9"},
      {"uuml", "\u00FC"},   {"ouml", "\u00F6"},  {"auml", "\u00E4"},  {"szlig", "\u00DF"},
      {"copy", "\u00A9"}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    bool ok = false;
    if (!ref.empty() && ref[0] == '#') {
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string digits(ref.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long v = digits.empty() ? 0 : std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      ok = end != nullptr && *end == '\0' && v > 0 && v < 0x110000 && (v < 0xD800 || v > 0xDFFF);
      cp = static_cast<uint32_t>(v);
    } else {
      for (const auto& [name, value] : kNamed) {
        if (ref == name) {
          out.append(value);
          i = semi;
          ok = true;
          break;
        }
      }
      if (ok) continue;
    }
    if (!ok) {
      out.push_back('&');
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    i = semi;
  }
  return out;
}

// Share of `a`'s words (folded) that also occur in `b`.
double WordOverlap(std::string_view a, std::string_view b) {
  std::string fa = NormalizeText(a), fb = NormalizeText(b);
  std::vector<Token> ta, tb;
  Tokenize(fa, &ta);
  Tokenize(fb, &tb);
  if (ta.empty()) return 0;
  size_t hit = 0;
  for (const Token& x : ta) {
    std::string_view w = std::string_view(fa).substr(x.begin, x.end - x.begin);
    for (const Token& y : tb) {
      if (std::string_view(fb).substr(y.begin, y.end - y.begin) == w) {
        ++hit;
        break;
      }
    }
  }
  return static_cast<double>(hit) / ta.size();
}

// "Storm hits coast | Daily News" -> "Storm hits coast": drop a site-name part split off by a
// separator.
// True when a title part names the site: equal to its name, or its letters and digits appear in
// the page's host ("Piratenwiki" in wiki.piraten.example does not, "FASSETTE.NET" in
// fassette.net does).
bool NamesSite(std::string_view part, std::string_view site, std::string_view host) {
  std::string fpart = NormalizeText(part);
  if (fpart.empty()) return false;
  if (!site.empty() && fpart == NormalizeText(site)) return true;
  std::string alnum;
  for (char c : fpart) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) alnum.push_back(c);
  }
  std::string fhost;
  for (char c : host) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) fhost.push_back(l);
  }
  return alnum.size() >= extract::kMinSiteNameChars && fhost.find(alnum) != std::string::npos;
}

std::string CleanTitle(std::string title, const std::string& site, std::string_view host) {
  static constexpr std::string_view kSeps[] = {
      " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " / ", " : "};
  // Breadcrumb-style separators put the site or section first as often as last.
  auto breadcrumb = [](std::string_view sep) {
    return sep == " | " || sep == " » " || sep == " // " || sep == " :: ";
  };
  for (int round = 0; round < extract::kTitleCutRounds; ++round) {
    bool cut = false;
    for (std::string_view sep : kSeps) {
      size_t pos = title.rfind(sep);
      if (pos == std::string::npos) continue;
      std::string head = title.substr(0, pos), tail = title.substr(pos + sep.size());
      size_t first = title.find(sep);
      std::string lead = title.substr(0, first), rest = title.substr(first + sep.size());
      if (NamesSite(tail, site, host) && CountWords(head) >= 1) {
        title = head;
      } else if (NamesSite(lead, site, host) && CountWords(rest) >= 1) {
        title = rest;
      } else if (CountWords(tail) <= extract::kMaxSiteTailWords &&
                 CountWords(head) >= extract::kMinTitleHeadWords) {
        // Without a known site name, a short last part is the site.
        title = head;
      } else if (breadcrumb(sep) && CountWords(lead) <= extract::kMaxBreadcrumbLeadWords &&
                 CountWords(rest) >= extract::kMinTitleHeadWords) {
        title = rest;
      } else {
        continue;
      }
      cut = true;
      break;
    }
    if (!cut) break;
  }
  return title;
}

// An <h1> often carries a kicker before the headline ("Climate policy Drilling until it gets
// hot", a date, the blog's name) or a subtitle after it, run together by the markup. When a
// metadata title is exactly the headline without them, that is the headline. `cleaned` are
// metadata titles with a site part cut off by CleanTitle; only `raw` ones (as the page wrote
// them) vouch for cutting a subtitle, since CleanTitle's cut may be a subtitle itself.
std::string TrimToMetaTitle(const std::string& h1, std::initializer_list<std::string> raw,
                            std::initializer_list<std::string> cleaned) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < h1.size();) {
    size_t j = h1.find(' ', i);
    if (j == std::string::npos) j = h1.size();
    if (j > i) words.emplace_back(h1.data() + i, j - i);
    i = j + 1;
  }
  const size_t n = words.size();
  if (n < extract::kMinTrimmedH1Words) return h1;
  std::vector<std::string> fraw, fall;
  auto add = [](const std::string& m, std::vector<std::string>* out) {
    // A truncated metadata title ("A long headline that goes on...") is no evidence.
    if (!m.empty() && !m.ends_with("...") && !m.ends_with("…")) out->push_back(NormalizeText(m));
  };
  for (const std::string& m : raw) add(m, &fraw), add(m, &fall);
  for (const std::string& m : cleaned) add(m, &fall);
  auto joined = [&](size_t b, size_t e) {
    return std::string(words[b].data(),
                       words[e - 1].data() + words[e - 1].size() - words[b].data());
  };
  auto matches = [](const std::string& cand, const std::vector<std::string>& fmetas) {
    std::string f = NormalizeText(cand);
    return !f.empty() && std::find(fmetas.begin(), fmetas.end(), f) != fmetas.end();
  };
  if (matches(h1, fall)) return h1;
  // Kicker: a few words before a headline. A lone article or number ("The", "2025") is part of
  // the headline that a shorter metadata title left out.
  for (size_t k = 1; k <= extract::kMaxH1KickerWords && k + extract::kMinKickerHeadlineWords <= n;
       ++k) {
    if (k == 1) {
      std::string f = NormalizeText(words[0]);
      bool numeric = !f.empty() &&
                     std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (f.empty() || numeric || text::IsStopword(f)) continue;
    }
    std::string cand = joined(k, n);
    if (matches(cand, fall)) return cand;
  }
  // Subtitle: a headline followed by a few more words.
  for (size_t e = n - extract::kMinSubtitleWords; e >= extract::kMinSubtitleWords; --e) {
    std::string cand = joined(0, e);
    if (matches(cand, fraw)) return cand;
  }
  return h1;
}

std::string Resolve(const std::string& href, std::string_view base) {
  if (href.empty() || href.find("://") != std::string::npos) return href;
  if (href.rfind("//", 0) == 0) return "https:" + href;
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return href;
  size_t host_end = base.find('/', scheme + 3);
  std::string origin(base.substr(0, host_end == std::string_view::npos ? base.size() : host_end));
  if (href[0] == '/') return origin + href;
  return href;
}

uint32_t NodeOf(const std::pair<uint32_t, std::string>& byline) { return byline.first; }
uint32_t NodeOf(const Meta::DateElement& date) { return date.node; }

// The first item (in document order) at or after node `from` that `keep` accepts, else the
// first accepted item of the page, else null. Items are bylines and date elements: the one
// right after the headline belongs to the article, earlier ones to the page around it.
template <typename Item, typename Keep>
const Item* NearestFrom(const std::vector<Item>& items, uint32_t from, Keep&& keep) {
  const Item* first = nullptr;
  for (const Item& item : items) {
    if (!keep(item)) continue;
    if (NodeOf(item) >= from) return &item;
    if (first == nullptr) first = &item;
  }
  return first;
}

// ---- the page, step by step ---------------------------------------------------------------

Result<ExtractedPage> ExtractPage(std::string_view bytes, std::string_view url,
                                  const ExtractOptions& options, bool allow_template);

// ResourceExhausted over the page limit; InvalidArgument for binary junk: NUL bytes early in a
// page that does not start like UTF-16.
Status CheckPageBytes(std::string_view bytes, const ExtractOptions& options) {
  if (bytes.size() > options.max_page_bytes) {
    return Status::ResourceExhausted("page is " + std::to_string(bytes.size()) +
                                     " bytes, over the limit");
  }
  size_t probe = std::min<size_t>(bytes.size(), extract::kBinaryProbeBytes);
  size_t nuls = static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + probe, '\0'));
  bool utf16_bom = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                         (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  if (nuls > 0 && !utf16_bom) return Status::InvalidArgument("binary data, not HTML");
  return Status::OK();
}

std::string ChooseSite(const Meta& meta) {
  return DecodeEntities(!meta.og_site.empty()        ? meta.og_site
                        : !meta.ld.publisher.empty() ? meta.ld.publisher
                                                     : meta.app_name);
}

std::string ChooseUrl(const Meta& meta, std::string_view url) {
  return !meta.canonical.empty() ? Resolve(meta.canonical, url)
         : !meta.og_url.empty()  ? meta.og_url
                                 : std::string(url);
}

// The <h1> that opens the article (null when the page has none).
struct Headline {
  const std::pair<uint32_t, std::string>* h1 = nullptr;
  // Inside the main container: the article's own headline. One before it may be the site's (a
  // blog's name in its header), so that one must match the metadata titles.
  bool at_article = false;
};

// The first <h1> inside the container `best`, else the last one before it, else the page's
// first.
Headline FindHeadline(const Dom& dom, const Meta& meta, uint32_t best) {
  Headline headline;
  for (const auto& h : meta.h1) {
    if (h.first < best) headline.h1 = &h;
    if (h.first >= best && h.first < dom.nodes[best].end) {
      headline.h1 = &h;
      headline.at_article = true;
      break;
    }
  }
  if (headline.h1 == nullptr && !meta.h1.empty()) headline.h1 = &meta.h1.front();
  return headline;
}

// True when the <h1> text `h1` is the site part of the <title> ("Blog Name: Post Title") or the
// site's name: the site, not the article's headline.
bool H1NamesSite(const Meta& meta, const std::string& h1, const std::string& meta_title,
                 const std::string& site) {
  const std::string fh1 = NormalizeText(h1);
  bool names_site = fh1 == NormalizeText(site);
  const std::string& title = meta.title_tag;
  for (std::string_view sep : {": ", " | ", " - ", " – ", " — ", " » "}) {
    size_t pos = title.find(sep);
    if (pos == std::string::npos) continue;
    std::string lead = title.substr(0, pos);
    std::string tail = title.substr(title.rfind(sep) + sep.size());
    // The site is the shorter side; the headline is the longer one.
    std::string rest_lead = title.substr(pos + sep.size());
    std::string rest_tail = title.substr(0, title.rfind(sep));
    if ((NormalizeText(lead) == fh1 && CountWords(rest_lead) > CountWords(lead)) ||
        (NormalizeText(tail) == fh1 && CountWords(rest_tail) > CountWords(tail))) {
      names_site = NormalizeText(meta_title) != fh1;
    }
  }
  return names_site;
}

// The headline a reader sees: the <h1> that opens the article when it shares most of its words
// with the metadata titles (so a logo or section name in an <h1> is not taken), cut back to a
// metadata title that leaves out its kicker or subtitle; else the best metadata title without
// its site part.
std::string ChooseTitle(const Meta& meta, const Headline& headline, const std::string& site,
                        const std::string& page_url) {
  const std::string_view host = UrlHost(page_url);
  const std::string meta_title =
      CleanTitle(DecodeEntities(!meta.ld.headline.empty()     ? Collapse(meta.ld.headline)
                                : !meta.og_title.empty()      ? meta.og_title
                                : !meta.twitter_title.empty() ? meta.twitter_title
                                                              : meta.title_tag),
                 site, host);
  const auto* h1 = headline.h1;
  // An <h1> longer than any headline (an unclosed one runs to the page's end) is not one; this
  // also bounds TrimToMetaTitle, whose cost grows with the square of the <h1>'s words.
  if (h1 == nullptr || h1->second.size() > kMaxTitleBytes) return meta_title;
  const std::string all_titles = meta_title + " " + meta.og_title + " " + meta.title_tag;
  // A metadata title that is only the site's name ("Riverside Gazette" in <title>) says
  // nothing against an <h1>.
  const bool meta_title_is_site =
      meta_title.empty() || NormalizeText(meta_title) == NormalizeText(site) ||
      (meta.og_title.empty() && meta.ld.headline.empty() &&
       CountWords(meta_title) <= extract::kMaxSiteTitleWords && headline.at_article &&
       CountWords(h1->second) >= extract::kMinH1WordsOverSiteTitle);
  const size_t h1_words = CountWords(h1->second);
  const bool h1_is_headline =
      !H1NamesSite(meta, h1->second, meta_title, site) && h1_words >= extract::kMinH1Words &&
      (meta_title_is_site || WordOverlap(h1->second, all_titles) >= extract::kMinH1TitleOverlap ||
       (headline.at_article && h1_words >= extract::kMinArticleH1Words &&
        WordOverlap(h1->second, all_titles) > 0));
  if (!h1_is_headline) return meta_title;
  std::string title = h1->second;
  // A headline shown in capitals by the page's markup ("TIPS FOR SUCCESS") reads better in the
  // metadata's own case when the words are the same.
  bool has_lower = false;
  for (char c : title) has_lower |= (c >= 'a' && c <= 'z');
  if (!has_lower && NormalizeText(meta_title) == NormalizeText(title)) title = meta_title;
  return TrimToMetaTitle(title,
                         {DecodeEntities(Collapse(meta.ld.headline)), DecodeEntities(meta.og_title),
                          DecodeEntities(meta.title_tag), DecodeEntities(meta.twitter_title)},
                         {meta_title, CleanTitle(DecodeEntities(meta.og_title), site, host),
                          CleanTitle(DecodeEntities(meta.title_tag), site, host)});
}

// The first paragraph at or after node `from`.
size_t FirstParaAt(const std::vector<Para>& paras, uint32_t from) {
  size_t k = 0;
  while (k < paras.size() && paras[k].owner < from) ++k;
  return k;
}

// The date printed in the short paragraphs around the headline (what readers see; often an
// update of the metadata's first publication), or empty. Bylines also sit just above the
// headline ("Last updated: Dec 12, 2025").
std::string VisibleDate(const std::vector<Para>& paras, size_t headline_para) {
  using namespace extract;
  static constexpr std::string_view kDateCues[] = {
      "published", "updated",    "posted",       "veröffentlicht", "aktualisiert",
      "publié",    "mis à jour", "opublikowano", "publicado",      "stand:"};
  const size_t start =
      headline_para >= kDateBlocksBeforeHeadline ? headline_para - kDateBlocksBeforeHeadline : 0;
  for (size_t k = start; k < paras.size() && k < start + kDateBlocksScanned; ++k) {
    const Para& p = paras[k];
    if (p.words > kMaxDateBlockWords) continue;
    if (p.words > kMaxDateLineWords) {
      // A longer header block counts only when it says what its date is.
      std::string folded = NormalizeText(p.text);
      bool cue = false;
      for (std::string_view c : kDateCues) cue |= folded.find(c) != std::string::npos;
      if (!cue) continue;
    }
    std::string d = NormalizeDate(p.text);
    if (!d.empty()) return d;
  }
  return "";
}

// Last resort: a date line anywhere on the page ("Posted on 3 May 2011" under a forum post, a
// footer's "Stand: 12.01.2022"), nearest after the headline first; or empty.
std::string AnyDateLine(const std::vector<Para>& paras, size_t headline_para) {
  const size_t start = headline_para;
  for (size_t step = 0; step < paras.size(); ++step) {
    const size_t k =
        start + step < paras.size() ? start + step : start - 1 - (step - (paras.size() - start));
    if (paras[k].words > extract::kMaxDateLineWords) continue;
    std::string d = extract::NormalizeDate(paras[k].text);
    if (!d.empty()) return d;
  }
  return "";
}

// The publication date, in order of trust (measured on WCXB dev and trafilatura-eval):
// publication-time metadata; a date element marked as the publication date; a date in the
// canonical URL, then in the given one; the date printed near the headline; other date elements
// near it; weaker metadata; JSON-LD; any date line. `page_url` is the canonical URL.
std::string ChooseDate(const Meta& meta, const std::vector<Para>& paras, uint32_t from,
                       size_t headline_para, const std::string& visible_date,
                       const std::string& page_url, std::string_view url) {
  auto element_date = [&](bool published_only) -> std::string {
    const Meta::DateElement* pick = NearestFrom(
        meta.dates, from, [&](const auto& d) { return !published_only || d.published; });
    return pick ? pick->date : std::string();
  };
  std::string date = meta.date_meta_strong ? meta.date_meta : std::string();
  if (date.empty()) date = element_date(true);
  if (date.empty()) date = extract::DateFromUrl(page_url);
  if (date.empty() && page_url != url) date = extract::DateFromUrl(url);
  if (date.empty()) date = visible_date;
  if (date.empty()) date = element_date(false);
  if (date.empty()) date = meta.date_meta;
  if (date.empty()) date = extract::NormalizeDate(meta.ld.date_published);
  if (date.empty()) date = extract::NormalizeDate(meta.ld.any_date_published);
  if (date.empty()) date = AnyDateLine(paras, headline_para);
  // A timestamp a day away from the date printed by the headline is the same moment seen from
  // another time zone (UTC metadata for a page that readers see in local time): the printed
  // day is the one the outlet means.
  if (!visible_date.empty() && !date.empty()) {
    Result<int64_t> a = ParseIsoDate(date.substr(0, 10));
    Result<int64_t> b = ParseIsoDate(visible_date.substr(0, 10));
    if (a.ok() && b.ok() && (*a - *b == kSecondsPerDay || *b - *a == kSecondsPerDay)) {
      date = visible_date;
    }
  }
  return date;
}

// JSON-LD author names or author metas, else the visible byline nearest the headline.
std::string ChooseAuthor(const Meta& meta, uint32_t from) {
  std::string author =
      DecodeEntities(!meta.ld.author.empty() ? Collapse(meta.ld.author) : meta.author_meta);
  if (author.empty()) {
    const auto* byline = NearestFrom(meta.bylines, from, [](const auto&) { return true; });
    if (byline != nullptr) author = byline->second;
  }
  return author;
}

// The first tag of <html lang>/content-language, else JSON-LD inLanguage, as "en-gb".
std::string ChooseLang(const Meta& meta) {
  std::string lang = !meta.lang.empty() ? meta.lang : Lower(meta.ld.lang);
  if (size_t sp = lang.find_first_of(" ,;"); sp != std::string::npos) lang.resize(sp);
  std::replace(lang.begin(), lang.end(), '_', '-');
  return lang;
}

// The paragraphs kept as the article, and their words.
struct Body {
  std::vector<const Para*> keep;
  uint32_t words = 0;

  void Erase(size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) words -= keep[k]->words;
    keep.erase(keep.begin() + static_cast<std::ptrdiff_t>(begin),
               keep.begin() + static_cast<std::ptrdiff_t>(end));
  }
};

// The node ranges the body is taken from: the container and its siblings that carry article
// text of their own (a second body block after an ad, an ingredients box beside the method), as
// in Readability, without the furniture that made their common parent lose.
std::vector<std::pair<uint32_t, uint32_t>> BodyRanges(const Dom& dom,
                                                      const std::vector<double>& scores,
                                                      uint32_t best) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges = {{best, dom.nodes[best].end}};
  if (best != 0) {
    const uint32_t parent = dom.nodes[best].parent;
    const double bar =
        std::max(extract::kMinSiblingScore, extract::kSiblingScoreShare * scores[best]);
    for (uint32_t c = parent + 1; c < dom.nodes[parent].end; c = dom.nodes[c].end) {
      if (c != best && scores[c] >= bar) ranges.emplace_back(c, dom.nodes[c].end);
    }
  }
  return ranges;
}

// The paragraphs of the body ranges, without furniture, captions, link lists, junk blocks and
// short blocks under byline/date/meta classes.
Body SelectBody(const Dom& dom, const std::vector<Para>& paras, const std::vector<double>& scores,
                uint32_t best, const ExtractOptions& options) {
  const std::vector<std::pair<uint32_t, uint32_t>> ranges = BodyRanges(dom, scores, best);
  auto in_ranges = [&](uint32_t owner) {
    for (const auto& [b, e] : ranges) {
      if (owner >= b && owner < e) return true;
    }
    return false;
  };
  Body body;
  for (const Para& p : paras) {
    if (!in_ranges(p.owner)) continue;
    if (p.furniture || p.caption) continue;
    if (!options.keep_headings && IsHeading(p.tag)) continue;
    if (LinkDensity(p) > extract::kMaxProseLinkDensity && !IsHeading(p.tag)) continue;
    if (LooksLikeJunk(p)) continue;
    if (p.words <= extract::kMaxWeakCueBlockWords && !IsHeading(p.tag)) {
      bool weak = false;
      for (uint32_t k = p.owner; k > best && !weak; k = dom.nodes[k].parent) {
        weak = HasWeakCue(dom, k);
      }
      if (weak) continue;
    }
    body.keep.push_back(&p);
    body.words += p.words;
  }
  return body;
}

// After the article's last real paragraph, pages put labels and short blocks: "Contact", "More
// information:", a greeting, a source line. Short trailing blocks without sentence punctuation
// go.
void DropTrailingLabels(Body* body) {
  std::vector<const Para*>& keep = body->keep;
  size_t last_long = keep.size();
  for (size_t k = keep.size(); k-- > 0;) {
    if (keep[k]->words >= extract::kMinBodyParagraphWords && !IsHeading(keep[k]->tag)) {
      last_long = k;
      break;
    }
  }
  while (last_long < keep.size() && keep.size() > last_long + 1) {
    const Para* p = keep.back();
    char end = p->text.empty() ? ' ' : p->text.back();
    // A short question at the very end is a call to action ("Schon gelesen?", "Like this
    // recipe?"), not the article's last sentence.
    bool sentence = end == '.' || end == '!' || end == '"' || end == ')' ||
                    (end == '?' && p->words > extract::kMaxTrailingQuestionWords);
    if (p->words > extract::kMaxTrailingBlockWords || (sentence && !IsHeading(p->tag))) break;
    body->Erase(keep.size() - 1, keep.size());
  }
}

// A heading with no text of its own before the next heading or the end ("Related", "More on
// this") introduced a block that was filtered out.
void DropEmptyHeadings(Body* body) {
  const std::vector<const Para*>& keep = body->keep;
  for (size_t k = keep.size(); k-- > 0;) {
    if (!IsHeading(keep[k]->tag)) continue;
    bool has_body = k + 1 < keep.size() && !IsHeading(keep[k + 1]->tag);
    if (!has_body) body->Erase(k, k + 1);
  }
}

// The page title repeated as a heading at the top is metadata, not body text, for readers of
// `text`; so is a kicker or breadcrumb above it ("Public health", "Local > Haldenbrück"): short
// unpunctuated lines before the repeated headline go with it.
void DropRepeatedTitle(Body* body, const std::string& title) {
  const std::vector<const Para*>& keep = body->keep;
  const std::string ftitle = NormalizeText(title);
  for (size_t k = 0; k < keep.size() && k < extract::kTitleRepeatBlocks; ++k) {
    if (NormalizeText(keep[k]->text) != ftitle) continue;
    bool only_labels = true;
    for (size_t j = 0; j < k; ++j) {
      char end = keep[j]->text.empty() ? ' ' : keep[j]->text.back();
      only_labels &=
          keep[j]->words <= extract::kMaxTitleLabelWords && end != '.' && end != '!' && end != '?';
    }
    if (only_labels) body->Erase(0, k + 1);
    return;
  }
}

// Some platforms (Blogger) ship the article body as HTML inside <script type="text/template">
// and render it with JavaScript. Returns the text of such a template when it holds clearly more
// prose than the page's `words`, else nothing.
std::optional<std::string> TemplateText(const Dom& dom, std::string_view url,
                                        const ExtractOptions& options, uint32_t words) {
  std::string best_template;
  for (uint32_t i = 1; i < dom.nodes.size(); ++i) {
    if (dom.nodes[i].tag != Tag::kScript) continue;
    if (!Contains(Lower(dom.Attribute(i, AttrName::kType)), "template")) continue;
    if (CueOf(dom, i) < 0) continue;  // cookie boxes and other furniture templates
    // Only a template that sits where the article belongs: the direct child of an article body
    // (itemprop=articleBody, "post-content"); cookie boxes and plugins live elsewhere.
    uint32_t parent = dom.nodes[i].parent;
    if (dom.nodes[parent].tag != Tag::kArticle && CueOf(dom, parent) <= 0) continue;
    std::string html;
    for (uint32_t k = i + 1; k < dom.nodes[i].end; ++k) {
      if (dom.nodes[k].tag == Tag::kText) html += dom.Text(k);
    }
    if (html.size() > best_template.size()) best_template = std::move(html);
  }
  if (best_template.size() <= extract::kMinTemplateBytes) return std::nullopt;
  auto sub = ExtractPage(best_template, url, options, false);
  if (!sub.ok() ||
      CountWords(Collapse(sub->text)) <=
          std::max<uint32_t>(extract::kTemplateWordGain * words, extract::kMinTemplateWords)) {
    return std::nullopt;
  }
  return std::move(sub->text);
}

// Below min_article_words: the JSON-LD articleBody when it is longer, else every prose paragraph
// of the page outside the furniture when that is longer; else `text` stays.
void ApplyFallbacks(const Meta& meta, const std::vector<Para>& paras, uint32_t words,
                    const ExtractOptions& options, std::string* text) {
  if (words >= static_cast<uint32_t>(options.min_article_words)) return;
  if (CountWords(Collapse(meta.ld.body)) > words) {
    *text = meta.ld.body;
    return;
  }
  std::vector<const Para*> all;
  uint32_t all_words = 0;
  for (const Para& p : paras) {
    if (p.furniture || p.caption || LinkDensity(p) > extract::kMaxProseLinkDensity ||
        LooksLikeJunk(p)) {
      continue;
    }
    all.push_back(&p);
    all_words += p.words;
  }
  if (all_words > words) *text = JoinParagraphs(all);
}

// ExtractHtml's body; `allow_template` is false when extracting a script template's HTML, so
// templates are followed one level deep only.
Result<ExtractedPage> ExtractPage(std::string_view bytes, std::string_view url,
                                  const ExtractOptions& options, bool allow_template) {
  RETURN_IF_ERROR(CheckPageBytes(bytes, options));
  ExtractedPage page;
  text::DecodedHtml decoded = text::DecodeHtml(bytes);
  page.charset = decoded.charset;
  Dom dom;
  RETURN_IF_ERROR(extract::ParseHtml(decoded.utf8, &dom));

  const Meta meta = CollectMeta(dom);
  CueCache cues;
  std::vector<Para> paras = Linearizer(dom, cues).Run();
  MarkRegions(dom, cues, &paras);
  std::vector<double> scores;
  const uint32_t best = BestContainer(dom, paras, &scores);

  page.site = ChooseSite(meta);
  page.url = ChooseUrl(meta, url);
  const Headline headline = FindHeadline(dom, meta, best);
  page.title = text::TruncateUtf8(ChooseTitle(meta, headline, page.site, page.url), kMaxTitleBytes);
  // Where the article starts: its headline, else its container. Bylines and dates are looked
  // for from here.
  const uint32_t from = headline.h1 != nullptr ? headline.h1->first : best;
  const size_t headline_para = FirstParaAt(paras, from);
  const std::string visible_date = VisibleDate(paras, headline_para);
  page.date = ChooseDate(meta, paras, from, headline_para, visible_date, page.url, url);
  page.author = ChooseAuthor(meta, from);
  page.lang = ChooseLang(meta);

  Body body = SelectBody(dom, paras, scores, best, options);
  DropTrailingLabels(&body);
  DropEmptyHeadings(&body);
  DropRepeatedTitle(&body, page.title);
  page.text = JoinParagraphs(body.keep);
  if (allow_template && body.words < extract::kMaxWordsForTemplate) {
    std::optional<std::string> text = TemplateText(dom, url, options, body.words);
    if (text.has_value()) {
      page.text = std::move(*text);
      return page;
    }
  }
  ApplyFallbacks(meta, paras, body.words, options, &page.text);
  return page;
}

}  // namespace

Result<ExtractedPage> ExtractHtml(std::string_view bytes, std::string_view url,
                                  const ExtractOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  Result<ExtractedPage> page = ExtractPage(bytes, url, options, true);
  if (page.ok()) {
    // Pages that went through a wrong charset conversion before they were saved ("Investorâ€™s").
    for (std::string* field : {&page->title, &page->author, &page->site, &page->text}) {
      text::RepairMojibake(field);
    }
  }
  return page;
}

Status Validate(const ExtractOptions& options) {
  if (options.max_page_bytes == 0 || options.max_page_bytes > (uint64_t{1} << 40)) {
    return Status::InvalidArgument("max_page_bytes must be in [1, 2^40]");
  }
  if (options.min_article_words < 0) {
    return Status::InvalidArgument("min_article_words must be >= 0");
  }
  return Status::OK();
}

Result<ExtractedPage> ExtractHtmlFile(const std::string& path, const ExtractOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  std::string data;
  Status st = ReadFileToString(path, options.max_page_bytes, &data);
  if (!st.ok()) return st;
  if (IsGzip(data)) {
    auto unzipped = Gunzip(data, options.max_page_bytes);
    if (!unzipped.ok()) return unzipped.status();
    data = std::move(*unzipped);
  }
  return ExtractHtml(data, "", options);
}

}  // namespace storyline
