#include "extract/html_dom.h"

#include <myhtml/api.h>

#include "storyline/text.h"
#include "text/utf8.h"

#include <utility>

namespace storyline::extract {
namespace {

Tag MapTag(myhtml_tag_id_t id) {
  switch (id) {
    case MyHTML_TAG__TEXT: return Tag::kText;
    case MyHTML_TAG_HTML: return Tag::kHtml;
    case MyHTML_TAG_HEAD: return Tag::kHead;
    case MyHTML_TAG_BODY: return Tag::kBody;
    case MyHTML_TAG_TITLE: return Tag::kTitle;
    case MyHTML_TAG_META: return Tag::kMeta;
    case MyHTML_TAG_LINK: return Tag::kLink;
    case MyHTML_TAG_SCRIPT: return Tag::kScript;
    case MyHTML_TAG_STYLE: return Tag::kStyle;
    case MyHTML_TAG_NOSCRIPT: return Tag::kNoscript;
    case MyHTML_TAG_TEMPLATE: return Tag::kTemplate;
    case MyHTML_TAG_SVG: return Tag::kSvg;
    case MyHTML_TAG_MATH: return Tag::kMath;
    case MyHTML_TAG_IFRAME: return Tag::kIframe;
    case MyHTML_TAG_OBJECT: case MyHTML_TAG_EMBED: return Tag::kObject;
    case MyHTML_TAG_CANVAS: return Tag::kCanvas;
    case MyHTML_TAG_VIDEO: return Tag::kVideo;
    case MyHTML_TAG_AUDIO: return Tag::kAudio;
    case MyHTML_TAG_P: return Tag::kP;
    case MyHTML_TAG_DIV: case MyHTML_TAG_CENTER: return Tag::kDiv;
    case MyHTML_TAG_SPAN: case MyHTML_TAG_FONT: return Tag::kSpan;
    case MyHTML_TAG_A: return Tag::kA;
    case MyHTML_TAG_BR: return Tag::kBr;
    case MyHTML_TAG_HR: return Tag::kHr;
    case MyHTML_TAG_IMG: case MyHTML_TAG_IMAGE: return Tag::kImg;
    case MyHTML_TAG_FIGURE: return Tag::kFigure;
    case MyHTML_TAG_FIGCAPTION: return Tag::kFigcaption;
    case MyHTML_TAG_H1: return Tag::kH1;
    case MyHTML_TAG_H2: return Tag::kH2;
    case MyHTML_TAG_H3: return Tag::kH3;
    case MyHTML_TAG_H4: return Tag::kH4;
    case MyHTML_TAG_H5: return Tag::kH5;
    case MyHTML_TAG_H6: return Tag::kH6;
    case MyHTML_TAG_UL: return Tag::kUl;
    case MyHTML_TAG_OL: return Tag::kOl;
    case MyHTML_TAG_LI: return Tag::kLi;
    case MyHTML_TAG_DL: return Tag::kDl;
    case MyHTML_TAG_DT: return Tag::kDt;
    case MyHTML_TAG_DD: return Tag::kDd;
    case MyHTML_TAG_TABLE: return Tag::kTable;
    case MyHTML_TAG_TR: return Tag::kTr;
    case MyHTML_TAG_TD: return Tag::kTd;
    case MyHTML_TAG_TH: return Tag::kTh;
    case MyHTML_TAG_CAPTION: return Tag::kCaption;
    case MyHTML_TAG_BLOCKQUOTE: return Tag::kBlockquote;
    case MyHTML_TAG_PRE: case MyHTML_TAG_LISTING: case MyHTML_TAG_XMP: return Tag::kPre;
    case MyHTML_TAG_CODE: return Tag::kCode;
    case MyHTML_TAG_ARTICLE: return Tag::kArticle;
    case MyHTML_TAG_MAIN: return Tag::kMain;
    case MyHTML_TAG_SECTION: return Tag::kSection;
    case MyHTML_TAG_NAV: return Tag::kNav;
    case MyHTML_TAG_HEADER: return Tag::kHeader;
    case MyHTML_TAG_FOOTER: return Tag::kFooter;
    case MyHTML_TAG_ASIDE: return Tag::kAside;
    case MyHTML_TAG_FORM: case MyHTML_TAG_FIELDSET: return Tag::kForm;
    case MyHTML_TAG_BUTTON: return Tag::kButton;
    case MyHTML_TAG_INPUT: return Tag::kInput;
    case MyHTML_TAG_SELECT: case MyHTML_TAG_OPTION: case MyHTML_TAG_DATALIST: return Tag::kSelect;
    case MyHTML_TAG_TEXTAREA: return Tag::kTextarea;
    case MyHTML_TAG_LABEL: return Tag::kLabel;
    case MyHTML_TAG_TIME: return Tag::kTime;
    case MyHTML_TAG_ADDRESS: return Tag::kAddress;
    case MyHTML_TAG_DETAILS: return Tag::kDetails;
    case MyHTML_TAG_SUMMARY: return Tag::kSummary;
    case MyHTML_TAG_STRONG: return Tag::kStrong;
    case MyHTML_TAG_B: return Tag::kB;
    case MyHTML_TAG_EM: return Tag::kEm;
    case MyHTML_TAG_I: return Tag::kI;
    case MyHTML_TAG_U: return Tag::kU;
    case MyHTML_TAG_SMALL: return Tag::kSmall;
    case MyHTML_TAG_SUB: return Tag::kSub;
    case MyHTML_TAG_SUP: return Tag::kSup;
    case MyHTML_TAG_CITE: return Tag::kCite;
    case MyHTML_TAG_Q: return Tag::kQ;
    case MyHTML_TAG_MARK: return Tag::kMark;
    case MyHTML_TAG_ABBR: case MyHTML_TAG_ACRONYM: return Tag::kAbbr;
    case MyHTML_TAG_DIALOG: return Tag::kDialog;
    case MyHTML_TAG_MENU: return Tag::kMenu;
    default: return Tag::kOther;
  }
}

constexpr std::string_view kAttrNames[] = {
    "class", "id", "itemprop", "itemtype", "property", "name", "content", "rel", "href", "datetime", "lang", "type", "http-equiv", "role", "charset", "hidden", "aria-hidden", "style", "xml:lang"};

// Attributes the extractor reads; everything else is dropped at parse time. Returns false for
// the others.
bool WantedAttribute(std::string_view name, AttrName* id) {
  for (size_t k = 0; k < std::size(kAttrNames); ++k) {
    if (kAttrNames[k].size() == name.size() && kAttrNames[k] == name) {
      *id = static_cast<AttrName>(k);
      return true;
    }
  }
  return false;
}

// One MyHTML parser per thread: creating it allocates its tables, which costs more than parsing
// a small page.
struct Parser {
  myhtml_t* myhtml = nullptr;
  myhtml_tree_t* tree = nullptr;
  bool ok = false;
  Parser() {
    myhtml = myhtml_create();
    if (myhtml == nullptr) return;
    if (myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) return;
    tree = myhtml_tree_create();
    if (tree == nullptr || myhtml_tree_init(tree, myhtml) != MyHTML_STATUS_OK) return;
    ok = true;
  }
  ~Parser() {
    if (tree) myhtml_tree_destroy(tree);
    if (myhtml) myhtml_destroy(myhtml);
  }
};

uint32_t Append(std::string* arena, const char* data, size_t len) {
  uint32_t at = static_cast<uint32_t>(arena->size());
  arena->append(data, len);
  return at;
}

// Appends `text` to `out` with every ill-formed UTF-8 sequence replaced by U+FFFD.
void AppendRepaired(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    text::DecodedChar d = text::DecodeUtf8(text, pos);
    text::AppendUtf8(d.code_point, out);
    pos += d.length;
  }
}

// The parser's input is valid UTF-8, but this MyHTML version can drop a byte of a multi-byte
// character when it merges text tokens (found by fuzzing: "author.\xC2\xA0" came back as
// "author.\xC2"). One check over the whole arena is cheap; only a page that fails it has its
// texts and attribute values rebuilt with the bad sequences replaced by U+FFFD.
void RepairArena(Dom* dom) {
  if (IsValidUtf8(dom->arena)) return;
  std::string fixed;
  fixed.reserve(dom->arena.size() + 64);
  const std::string_view old = dom->arena;
  for (Node& n : dom->nodes) {
    if (n.text_len == 0) continue;
    uint32_t begin = static_cast<uint32_t>(fixed.size());
    AppendRepaired(old.substr(n.text_begin, n.text_len), &fixed);
    n.text_begin = begin;
    n.text_len = static_cast<uint32_t>(fixed.size() - begin);
  }
  for (Attr& a : dom->attrs) {
    uint32_t begin = static_cast<uint32_t>(fixed.size());
    AppendRepaired(old.substr(a.value_begin, a.value_len), &fixed);
    a.value_begin = begin;
    a.value_len = static_cast<uint32_t>(fixed.size() - begin);
  }
  dom->arena = std::move(fixed);
}

// Whether the text inside element `i` is kept: not for style sheets, and for scripts only for
// data and templates (JSON-LD metadata, "text/template" article bodies), never for code.
bool KeepsText(const Dom& dom, uint32_t i) {
  const Tag t = dom.nodes[i].tag;
  if (t == Tag::kStyle) return false;
  if (t != Tag::kScript) return true;
  std::string_view type = dom.Attribute(i, AttrName::kType);
  if (type.empty()) return false;
  std::string lower(type);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return lower.find("json") != std::string::npos || lower.find("template") != std::string::npos ||
         lower.find("html") != std::string::npos;
}

}  // namespace

std::string_view AttrNameString(AttrName name) {
  return kAttrNames[static_cast<size_t>(name)];
}

std::string_view Dom::Attribute(uint32_t i, AttrName name) const {
  const Node& n = nodes[i];
  for (uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
    const Attr& a = attrs[k];
    if (a.name == name) return std::string_view(arena).substr(a.value_begin, a.value_len);
  }
  return {};
}

bool Dom::HasAttribute(uint32_t i, AttrName name) const {
  const Node& n = nodes[i];
  for (uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
    if (attrs[k].name == name) return true;
  }
  return false;
}

std::string Dom::SubtreeText(uint32_t i) const {
  std::string out;
  bool space = false;
  for (uint32_t k = i; k < nodes[i].end; ++k) {
    Tag t = nodes[k].tag;
    if (t == Tag::kScript || t == Tag::kStyle || t == Tag::kTemplate) {
      k = nodes[k].end - 1;
      continue;
    }
    if (t != Tag::kText) {
      // Elements other than inline formatting separate words ("</p><p>").
      switch (t) {
        case Tag::kA: case Tag::kSpan: case Tag::kStrong: case Tag::kB: case Tag::kEm:
        case Tag::kI: case Tag::kU: case Tag::kSmall: case Tag::kSub: case Tag::kSup:
        case Tag::kCite: case Tag::kQ: case Tag::kMark: case Tag::kAbbr: case Tag::kCode:
        case Tag::kTime: case Tag::kLabel: case Tag::kOther:
          break;
        default:
          space = true;
      }
      continue;
    }
    for (char c : Text(k)) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        space = true;
      } else {
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
    }
  }
  return out;
}

Status ParseHtml(std::string_view utf8, Dom* dom, const MarkupLimits& limits) {
  static thread_local Parser parser;
  if (!parser.ok) return Status::Internal("cannot create the HTML parser");
  dom->Clear();
  // One buffer per thread for the bounded copy: a fresh one per page costs its page faults.
  static thread_local std::string bounded;
  BoundMarkup(utf8, limits, &bounded);
  utf8 = bounded;
  // No MyHTML_TREE_PARSE_FLAGS_SKIP_WHITESPACE_TOKEN: in this MyHTML version it also drops the
  // text of <script> elements, which holds JSON-LD metadata.
  myhtml_tree_clean(parser.tree);
  if (myhtml_parse(parser.tree, MyENCODING_UTF_8, utf8.data(), utf8.size()) !=
      MyHTML_STATUS_OK) {
    return Status::Internal("HTML parser failed");
  }
  dom->nodes.reserve(utf8.size() / 24 + 16);
  dom->arena.reserve(utf8.size() / 2 + 64);
  dom->nodes.emplace_back();  // the document root
  // Iterative pre-order walk: a stack of (MyHTML node, our index); `end` is fixed on the way up.
  std::vector<std::pair<myhtml_tree_node_t*, uint32_t>> stack;
  myhtml_tree_node_t* root = myhtml_tree_get_document(parser.tree);
  myhtml_tree_node_t* child = root ? myhtml_node_child(root) : nullptr;
  uint32_t parent = 0;
  while (true) {
    if (child != nullptr) {
      myhtml_tag_id_t id = myhtml_node_tag_id(child);
      if (id == MyHTML_TAG__COMMENT || id == MyHTML_TAG__DOCTYPE) {
        child = myhtml_node_next(child);
        continue;
      }
      uint32_t index = static_cast<uint32_t>(dom->nodes.size());
      Node n;
      n.tag = MapTag(id);
      n.parent = parent;
      uint8_t pd = dom->nodes[parent].depth;
      n.depth = pd == 255 ? 255 : static_cast<uint8_t>(pd + 1);
      if (n.tag == Tag::kText && !KeepsText(*dom, parent)) {
        // Scripts and style sheets are most of many pages' bytes and none of their text.
      } else if (n.tag == Tag::kText) {
        size_t len = 0;
        const char* text = myhtml_node_text(child, &len);
        if (text != nullptr && len > 0) {
          n.text_begin = Append(&dom->arena, text, len);
          n.text_len = static_cast<uint32_t>(len);
        }
      } else {
        n.attr_begin = static_cast<uint32_t>(dom->attrs.size());
        for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(child);
             a != nullptr && n.attr_count < 64; a = myhtml_attribute_next(a)) {
          size_t klen = 0, vlen = 0;
          const char* key = myhtml_attribute_key(a, &klen);
          AttrName id;
          if (key == nullptr || !WantedAttribute(std::string_view(key, klen), &id)) continue;
          const char* value = myhtml_attribute_value(a, &vlen);
          Attr at;
          at.name = id;
          at.value_begin = Append(&dom->arena, value ? value : "", value ? vlen : 0);
          at.value_len = static_cast<uint32_t>(value ? vlen : 0);
          dom->attrs.push_back(at);
          ++n.attr_count;
        }
      }
      dom->nodes.push_back(n);
      myhtml_tree_node_t* first = myhtml_node_child(child);
      if (first != nullptr && n.tag != Tag::kText) {
        stack.emplace_back(child, index);
        parent = index;
        child = first;
      } else {
        dom->nodes[index].end = index + 1;
        child = myhtml_node_next(child);
      }
      continue;
    }
    if (stack.empty()) break;
    auto [node, index] = stack.back();
    stack.pop_back();
    dom->nodes[index].end = static_cast<uint32_t>(dom->nodes.size());
    parent = dom->nodes[index].parent;
    child = myhtml_node_next(node);
  }
  dom->nodes[0].end = static_cast<uint32_t>(dom->nodes.size());
  RepairArena(dom);
  if (bounded.capacity() > (size_t{16} << 20)) std::string().swap(bounded);  // a huge page
  return Status::OK();
}

}  // namespace storyline::extract
