// A compact, read-only DOM for extraction (internal). The HTML parser (MyHTML, from Debian's
// libmodest) is used only inside html_dom.cc: everything else sees this tree, so the parser can
// change without touching the extractor.
//
// Nodes are stored in document (pre-)order, so the subtree of node i is the contiguous range
// [i, end(i)). Element names are mapped to the small Tag set the extractor cares about.

#ifndef STORYLINE_EXTRACT_HTML_DOM_H_
#define STORYLINE_EXTRACT_HTML_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/markup_bounds.h"
#include "storyline/status.h"

namespace storyline::extract {

enum class Tag : uint8_t {
  kOther = 0, kText, kHtml, kHead, kBody, kTitle, kMeta, kLink, kScript, kStyle, kNoscript,
  kTemplate, kSvg, kMath, kIframe, kObject, kCanvas, kVideo, kAudio,
  kP, kDiv, kSpan, kA, kBr, kHr, kImg, kPicture, kFigure, kFigcaption,
  kH1, kH2, kH3, kH4, kH5, kH6, kUl, kOl, kLi, kDl, kDt, kDd, kTable, kTr, kTd, kTh, kCaption,
  kBlockquote, kPre, kCode, kArticle, kMain, kSection, kNav, kHeader, kFooter, kAside,
  kForm, kButton, kInput, kSelect, kTextarea, kLabel, kTime, kAddress, kDetails, kSummary,
  kStrong, kB, kEm, kI, kU, kSmall, kSub, kSup, kCite, kQ, kMark, kAbbr, kDialog, kMenu,
};

enum class AttrName : uint8_t {
  kClass, kId, kItemprop, kItemtype, kProperty, kName, kContent, kRel, kHref, kDatetime, kLang, kType, kHttpEquiv, kRole, kCharset, kHidden, kAriaHidden, kStyle, kXmlLang,
};

// The attribute names the DOM keeps, as written in HTML ("http-equiv"), indexed by AttrName.
std::string_view AttrNameString(AttrName name);

struct Node {
  uint32_t end = 0;        // one past the last node of this subtree
  uint32_t parent = 0;     // index of the parent (0 for the root itself)
  uint32_t text_begin = 0; // kText: the text's bytes in Dom::arena
  uint32_t text_len = 0;
  uint32_t attr_begin = 0; // attributes in Dom::attrs
  uint16_t attr_count = 0;
  Tag tag = Tag::kOther;
  uint8_t depth = 0;       // saturates at 255
};

struct Attr {
  AttrName name;
  uint32_t value_begin, value_len;  // value as written, in Dom::arena
};

class Dom {
 public:
  std::vector<Node> nodes;  // nodes[0] is the document root
  std::vector<Attr> attrs;
  std::string arena;

  std::string_view Text(uint32_t i) const {
    return std::string_view(arena).substr(nodes[i].text_begin, nodes[i].text_len);
  }
  // The value of attribute `name` of node `i`, or empty.
  std::string_view Attribute(uint32_t i, AttrName name) const;
  bool HasAttribute(uint32_t i, AttrName name) const;
  // All text of the subtree of `i`, whitespace runs collapsed to one space, trimmed; script,
  // style and template contents excluded.
  std::string SubtreeText(uint32_t i) const;
  void Clear() {
    nodes.clear();
    attrs.clear();
    arena.clear();
  }
};

// Parses UTF-8 HTML into `*dom` (cleared first), its markup first bounded by BoundMarkup with
// `limits` (markup_bounds.h) so that time and memory are linear in the bytes. Never fails on
// malformed markup (the HTML5 algorithm recovers from anything); returns Internal only if the
// parser cannot be created.
Status ParseHtml(std::string_view utf8, Dom* dom, const MarkupLimits& limits = MarkupLimits());

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_HTML_DOM_H_
